"""Benchmark: scoring 20,000 participants × 40 items, pre and post XLSX (targets: docs/performance.md).

Prints wall time and peak memory (max RSS) of these steps, each in a fresh process:

  (a) reading both files with python-calamine only (the floor);
  (b) pandas.read_excel with its default openpyxl engine on both files;
  (c) the full ``run_scoring(key=..., pre=..., post=...)`` and ``to_dict()``;
  (k) the safety pass alone: the workbook checks ``run_scoring`` makes before calamine reads a
      sheet (zip limits, XML entities, and the sheet-extent check, one pass over each sheet's
      XML: calamine would allocate a dense grid up to the farthest cell, and abort the process
      on a 2 kB file with one cell at XFD1048576);
  (s) for information: ``score_linked`` + ``to_dict()`` alone, on answers tables built from
      a calamine read (the statistics' own cost, without the importer);

and the ratios (targets: docs/performance.md):

  (c - k)/a <= 1.5  importing and scoring, against the floor;
  k/a       <= 0.4  the safety pass, its own budget (as in bench_sheet_bounds.py);
  c/a       <= 1.9  both: the whole of ``workshop score``;
  b/c       >= 3.

a, c and k run 5 times (``--repeat``), interleaved, and their medians count; b runs once.
Generating the files (fixed seed, in a temporary folder) is not timed.

    python benchmarks/bench_scoring.py            # 20,000 × 40
    python benchmarks/bench_scoring.py --small    # 2,000 × 40, a quick check
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEMS = 40
CHOICES = "abcd"


def generate(folder: Path, n: int, seed: int = 2019) -> dict[str, Path]:
    """Write key.csv, pre.xlsx and post.xlsx; post answers are better than pre on average."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    answers = [rng.choice(CHOICES) for _ in range(ITEMS)]
    key = folder / "key.csv"
    key.write_text("question,answer,type\n" + "".join(
        f"q{i + 1},{a},single\n" for i, a in enumerate(answers)), encoding="utf-8")
    paths = {"key": key}
    ability = [rng.random() for _ in range(n)]
    for stage, boost in (("pre", 0.0), ("post", 0.2)):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("data")
        ws.append(["participant_code", "end", *[f"q{i + 1}" for i in range(ITEMS)]])
        for j in range(n):
            p = min(0.95, 0.2 + 0.6 * ability[j] + boost)
            row = [answers[i] if rng.random() < p else rng.choice(CHOICES)
                   for i in range(ITEMS)]
            if rng.random() < 0.02:
                row[rng.randrange(ITEMS)] = None  # a few blanks
            ws.append([f"P{j + 1:05d}", f"2025-03-1{2 if stage == 'post' else 0}T10:00:00",
                       *row])
        path = folder / f"{stage}.xlsx"
        wb.save(path)
        paths[stage] = path
    return paths


def step(name: str, folder: Path) -> dict:
    """Run one timed step in this process; return seconds and peak RSS in MB."""
    pre, post, key = folder / "pre.xlsx", folder / "post.xlsx", folder / "key.csv"
    extra = {}
    if name == "k":  # a part of (c): its module is imported by then, so not timed here
        sys.path.insert(0, str(ROOT))
        from toolkit.responses.read import check_workbook
    # Each timer starts before the step's own imports: "total time" includes loading the
    # libraries (pandas, the toolkit), as a user of `workshop score` pays it; the floor pays
    # its calamine import likewise.
    start = time.perf_counter()
    if name == "a":
        from python_calamine import CalamineWorkbook

        for path in (pre, post):
            CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    elif name == "b":
        import pandas as pd

        for path in (pre, post):
            pd.read_excel(path, dtype=str)
    elif name == "k":
        for path in (pre, post):
            check_workbook(path)
    elif name == "s":
        extra = {"n_matched": _score_only(pre, post)}
        return {"seconds": extra["n_matched"][1], "peak_mb":
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "n_matched": extra["n_matched"][0]}
    else:
        sys.path.insert(0, str(ROOT))
        from toolkit.scoring.run import run_scoring

        data = run_scoring(key=key, pre=pre, post=post).to_dict()
        extra = {"n_matched": (data["matched"] or {}).get("n")}
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"seconds": seconds, "peak_mb": peak, **extra}


def _score_only(pre: Path, post: Path) -> tuple[int, float]:
    """Time score_linked alone on answers tables built from a calamine read (no importer)."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd
    from python_calamine import CalamineWorkbook

    from toolkit.model import AnswerKey, KeyItem
    from toolkit.responses.table import ImportResult, Linked
    from toolkit.scoring.run import score_linked

    key_rows = (pre.parent / "key.csv").read_text(encoding="utf-8").splitlines()[1:]
    key = AnswerKey(tuple(KeyItem(q, q, "single", frozenset({a}),
                                  choices=tuple((c, ()) for c in CHOICES))
                          for q, a, _ in (r.split(",") for r in key_rows)))
    imports = []
    for path in (pre, post):
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        frame = pd.DataFrame([[c if c != "" else None for c in r[2:]] for r in rows[1:]],
                             index=[r[0] for r in rows[1:]], columns=rows[0][2:], dtype=object)
        imports.append(ImportResult(str(path), None, "plain", key, frame, {}, {}, {}, "id"))
    start = time.perf_counter()
    result = score_linked(Linked(imports[0], imports[1]))
    result.to_dict()
    return result.matched.n, time.perf_counter() - start


def run_step(name: str, folder: Path) -> dict | None:
    out = subprocess.run([sys.executable, __file__, "--step", name, "--dir", str(folder)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.stderr.write(f"step {name} failed:\n{out.stderr[-2000:]}\n")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="2,000 participants")
    parser.add_argument("--n", type=int, default=None, help="participants (default 20,000)")
    parser.add_argument("--step", choices=["a", "b", "c", "k", "s"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of a, c and k; the medians count (default 5)")
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of ratio rows (for benchmarks/run.py)")
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, Path(args.dir))))
        return
    n = args.n or (2_000 if args.small else 20_000)
    with tempfile.TemporaryDirectory(prefix="bench-scoring-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        generate(folder, n)
        print(f"generated {n:,} participants × {ITEMS} items, pre and post XLSX "
              f"({time.perf_counter() - t0:.1f} s, not timed)")
        results: dict[str, dict | None] = {}
        labels = {"a": "calamine read (floor)", "b": "pandas.read_excel openpyxl",
                  "c": "run_scoring + to_dict", "k": "of which the safety pass",
                  "s": "scoring only (no import)"}
        # a, c and k run args.repeat times, interleaved, and the median counts: on a shared
        # machine one run can be 30 % off (b, a minute long, runs once)
        runs: dict[str, list[dict]] = {name: [] for name in labels}
        for round_ in range(args.repeat):
            for name in (("b", "a", "c", "k", "s") if round_ == 0 else ("a", "c", "k")):
                res = run_step(name, folder)
                if res is not None:
                    runs[name].append(res)
        for name, label in labels.items():
            done = sorted(runs[name], key=lambda r: r["seconds"])
            res = results[name] = done[len(done) // 2] if done else None
            if res is None:
                print(f"({name}) {label}: FAILED (see above; step c needs the importer, "
                      "toolkit.responses)")
            else:
                spread = (f"   (of {len(done)}: {done[0]['seconds']:.2f}–{done[-1]['seconds']:.2f})"
                          if len(done) > 1 else "")
                print(f"({name}) {label:28s} {res['seconds']:8.2f} s   peak "
                      f"{res['peak_mb']:7.0f} MB"
                      + (f"   matched {res['n_matched']}" if "n_matched" in res else "")
                      + spread)
        a, b, c, k, s = (results[x]["seconds"] if results[x] else None for x in "abcks")
        if a and s:
            print(f"scoring only / a = {s / a:.2f}  (the statistics' share of the budget)")
        if a and c and k:
            print(f"(c - k)/a = {(c - k) / a:.2f}  (target <= 1.5: importing and scoring)")
            print(f"k/a = {k / a:.2f}  (target <= 0.4: the safety pass)")
        if a and c:
            print(f"c/a = {c / a:.2f}  (target <= 1.9: the whole)")
        if b and c:
            print(f"b/c = {b / c:.2f}  (target >= 3)")
        if args.json:
            rest = (c - k) / a if a and c and k else None
            rows = [
                {"benchmark": f"score {n:,} × {ITEMS}",
                 "measure": "run_scoring without the safety pass / calamine read",
                 "ratio": rest, "target": "<= 1.5", "ok": bool(rest and rest <= 1.5)},
                {"benchmark": f"score {n:,} × {ITEMS}",
                 "measure": "safety pass (sheet extent) / calamine read",
                 "ratio": k / a if a and k else None, "target": "<= 0.4",
                 "ok": bool(a and k and k / a <= 0.4)},
                {"benchmark": f"score {n:,} × {ITEMS}", "measure": "run_scoring / calamine read",
                 "ratio": c / a if a and c else None, "target": "<= 1.9",
                 "ok": bool(a and c and c / a <= 1.9)},
                {"benchmark": f"score {n:,} × {ITEMS}", "measure": "pandas openpyxl / run_scoring",
                 "ratio": b / c if b and c else None, "target": ">= 3",
                 "ok": bool(b and c and b / c >= 3)},
                {"benchmark": f"score {n:,} × {ITEMS}", "measure": "peak memory MB (run_scoring)",
                 "ratio": results["c"]["peak_mb"] if results["c"] else None, "target": "-",
                 "ok": True},
            ]
            print(json.dumps(rows))


if __name__ == "__main__":
    main()
