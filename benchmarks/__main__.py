"""python -m benchmarks roster|rules|enrollment|claims|batch|all, or
python -m benchmarks scale --members N [--url URL]

``all`` runs every benchmark and ends with one table of every figure, its baseline, ratio and target.
``scale`` builds (once) a city office of N members and prints issue 17's targets (benchmarks/scale_bench.py).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from benchmarks.common import Figure, print_table

SUITES = ("roster", "rules", "enrollment", "claims", "batch")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("which", choices=[*SUITES, "all", "scale"])
    parser.add_argument("--members", type=int, default=1_000_000, help="scale: members in the office")
    parser.add_argument("--url", help="scale: an empty database to build in (default: temporary SQLite)")
    parser.add_argument(
        "--clock", choices=("wall", "cpu"), default="wall",
        help="scale: wall seconds, or CPU seconds of the measured work (a machine others load)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="scale: timed window starts (median)")
    args = parser.parse_args(argv)
    if args.which == "scale":
        from benchmarks import scale_bench

        figures = scale_bench.main(args.members, args.url, args.clock, args.repeat)
        missed = [f.name.strip() for f in figures if f.ok is False]
        print(f"\ntargets met: {sum(1 for f in figures if f.ok)}; missed: {len(missed)}")
        for name in missed:
            print(f"  missed: {name}")
        return 0
    chosen = SUITES if args.which == "all" else (args.which,)
    figures: list[Figure] = []
    for name in chosen:
        module = importlib.import_module(f"benchmarks.{name}_bench")
        for figure in module.main():
            figure.name = f"[{name}] {figure.name}"
            figures.append(figure)
    if len(chosen) > 1:
        print_table("all benchmarks", figures)
        missed = [f.name for f in figures if f.ok is False]
        print(f"\ntargets met: {sum(1 for f in figures if f.ok)}; missed: {len(missed)}")
        for name in missed:
            print(f"  missed: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
