"""Benchmark: import + link 20,000 participants x 40 items (pre and post XLSX).

Prints the time of read_responses + link_results as a ratio of the floor: just reading the
same two files with python-calamine. Run: python benchmarks/bench_import.py
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N, Q, REPEAT = 20_000, 40, 5


def make(folder: Path) -> tuple[Path, Path, Path]:
    import openpyxl

    rng = random.Random(1)
    paths = []
    for stage in ("pre", "post"):
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("data")
        ws.append(["start", "end", "participant_code", *(f"k{i}" for i in range(Q)), "_uuid",
                   "_submission_time", "_index"])
        for r in range(N):
            row = ["2025-03-10T08:00:00", f"2025-03-10T09:{r % 60:02d}:00", f"P-{r:05d}"]
            for i in range(Q):
                kind = i % 4
                if kind == 0:
                    row.append(rng.choice("abcd"))
                elif kind == 1:
                    row.append(rng.choice(["true", "false"]))
                elif kind == 2:
                    row.append(" ".join(sorted(rng.sample("wxyz", rng.randint(1, 3)))))
                else:
                    row.append(float(rng.choice([15, 30, 60, 90])))
            ws.append([*row, f"u{r}", "2025-03-10T09:00:00", float(r)])
        path = folder / f"{stage}.xlsx"
        wb.save(path)
        paths.append(path)
    key = folder / "key.csv"
    lines = ["question,answer,type,choices"]
    for i in range(Q):
        lines.append([f"k{i},b,single,a|b|c|d", f"k{i},false,true-false,",
                      f"k{i},w|x,multiple,w|x|y|z", f"k{i},90,number,"][i % 4])
    key.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths[0], paths[1], key


def main() -> None:
    import python_calamine as pc

    from toolkit.responses import link_results, read_key, read_responses

    with tempfile.TemporaryDirectory() as tmp:
        pre, post, key_path = make(Path(tmp))
        key = read_key(key_path)

        def floor():
            for p in (pre, post):
                pc.CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python()

        def ours():
            link_results(read_responses(pre, key), read_responses(post, key))

        best = {"floor": float("inf"), "import": float("inf")}
        for _ in range(REPEAT):  # interleaved, best CPU time of REPEAT: the machine may be busy
            for name, func in (("floor", floor), ("import", ours)):
                start = time.process_time()
                func()
                best[name] = min(best[name], time.process_time() - start)
    print(f"calamine read (floor): {best['floor']:.3f} s")
    print(f"import + link:         {best['import']:.3f} s  "
          f"ratio {best['import'] / best['floor']:.2f} x floor")


if __name__ == "__main__":
    main()
