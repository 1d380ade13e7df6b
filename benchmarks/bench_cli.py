"""CLI start-up: `workshop --help` against the floor `python -c "import click"` (targets: docs/performance.md).

    python benchmarks/bench_cli.py [--repeat N]

Prints the median wall time of each and the ratio (target ≤ 1.5).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_time(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeat: int = 15) -> dict:
    floor = median_time([sys.executable, "-c", "import click"], repeat)
    helped = median_time([sys.executable, "-m", "toolkit", "--help"], repeat)
    return {"name": "workshop --help", "floor_s": floor, "time_s": helped,
            "ratio": helped / floor, "target": "≤ 1.5"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--small", action="store_true", help="fewer repeats")
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of ratio rows (for benchmarks/run.py)")
    args = parser.parse_args()
    row = run(5 if args.small else args.repeat)
    print(f"{row['name']}: {row['time_s'] * 1000:.0f} ms vs import click "
          f"{row['floor_s'] * 1000:.0f} ms -> ratio {row['ratio']:.2f} (target {row['target']})")
    if args.json:
        import json

        print(json.dumps([{"benchmark": "workshop --help", "measure": "time / import click",
                           "ratio": row["ratio"], "target": "<= 1.5",
                           "ok": row["ratio"] <= 1.5}]))


if __name__ == "__main__":
    main()
