"""python -m benchmarks roster|rules|all"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("which", choices=["roster", "rules", "enrollment", "claims", "batch", "all"])
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.which in ("roster", "all"):
        from benchmarks import roster_bench

        roster_bench.main(args.members)
    if args.which in ("rules", "all"):
        from benchmarks import rules_bench

        rules_bench.main()
    if args.which in ("enrollment", "all"):
        from benchmarks import enrollment_bench

        enrollment_bench.main()
    if args.which in ("claims", "all"):
        from benchmarks import claims_bench

        claims_bench.main()
    if args.which in ("batch", "all"):
        from benchmarks import batch_bench

        batch_bench.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
