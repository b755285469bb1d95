"""python -m benchmarks roster|rules|enrollment|claims|batch|all

``all`` runs every benchmark and ends with one table of every figure, its baseline, ratio and target.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from benchmarks.common import Figure, print_table

SUITES = ("roster", "rules", "enrollment", "claims", "batch")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("which", choices=[*SUITES, "all"])
    args = parser.parse_args(argv)
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
