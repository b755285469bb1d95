"""Timing helpers and the results table every benchmark prints."""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


@contextlib.contextmanager
def data_dir_in(folder: Path) -> Iterator[None]:
    """Keys and scratch files of the benchmark's installations go to ``folder``, not the user's."""
    old = os.environ.get("HZBZ_DATA_DIR")
    os.environ["HZBZ_DATA_DIR"] = str(folder / "data")
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HZBZ_DATA_DIR", None)
        else:
            os.environ["HZBZ_DATA_DIR"] = old


def pair(unit: tuple[Any, Any], office: tuple[Any, Any], folder: Path) -> None:
    """Register each installation's key at the other (key files, fingerprints checked)."""
    from app.services.keys import KeyService

    folder.mkdir(parents=True, exist_ok=True)
    unit_keys, office_keys = KeyService(*unit), KeyService(*office)
    unit_file = unit_keys.export_public(folder / "unit.hzbzkey")
    office_file = office_keys.export_public(folder / "office.hzbzkey")
    office_keys.register(unit_file, unit_keys.identity().fingerprint, role="unit")
    unit_keys.register(office_file, office_keys.identity().fingerprint, role="office")
