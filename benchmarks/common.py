"""Timing helpers and the results table every benchmark prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def median_time(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_table(title: str, figures: list[Figure]) -> None:
    print(f"\n{title}")
    header = f"{'figure':<44} {'value':>12} {'baseline':>12} {'ratio':>7}  {'target':<22} ok"
    print(header)
    print("-" * len(header))
    for f in figures:
        base = f"{f.baseline:.3f}" if f.baseline is not None else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        ok = "" if f.ok is None else ("yes" if f.ok else "NO")
        print(f"{f.name:<44} {f.value:>10.3f} {f.unit:<2}{base:>11} {ratio:>7}  {f.target:<22} {ok}")
        if f.baseline_name:
            print(f"{'':<4}baseline: {f.baseline_name}")
