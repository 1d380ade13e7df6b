"""Run every benchmark of docs/performance.md and print one table of ratios against the floor.

    python benchmarks/run.py            # full sizes (20,000 × 40 scoring, 2,000 certificates)
    python benchmarks/run.py --small    # a quick run (2,000 × 40, 200 certificates)

Each benchmark is its own script (bench_*.py, runnable alone for details); this one runs
them in fresh processes, shows their output, and collects the JSON rows they end with.
Ratios are measured against a floor timed in the same run, so they mean something on any
machine; run on a quiet machine, since other load skews both sides differently.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_cli.py", "bench_scoring.py", "bench_certificates.py", "bench_registry.py",
           "bench_handout.py"]
SCRIPTS.append("bench_sheet_bounds.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="quick sizes")
    args = parser.parse_args()
    rows: list[dict] = []
    for script in SCRIPTS:
        if not (HERE / script).exists():
            continue
        cmd = [sys.executable, str(HERE / script), "--json"] + (["--small"] if args.small else [])
        print(f"$ {' '.join(cmd[1:])}", flush=True)
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
        lines = out.stdout.strip().splitlines()
        for line in lines[:-1]:
            print("  " + line)
        if out.returncode != 0 or not lines:
            print(f"  FAILED ({out.returncode}): {out.stderr.strip()[-800:]}")
            rows.append({"benchmark": script, "measure": "failed", "ratio": None,
                         "target": "-", "ok": False})
            continue
        rows.extend(json.loads(lines[-1]))
    print()
    print(f"{'benchmark':<28} {'measure':<34} {'value':>8}  {'target':<7} ok")
    for row in rows:
        value = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        print(f"{row['benchmark']:<28} {row['measure']:<34} {value:>8}  {row['target']:<7} "
              f"{'yes' if row['ok'] else 'NO'}")


if __name__ == "__main__":
    main()
