"""Roster at a city office's size: 100k members — import, export, search, sort, start-up, memory.

Each figure is printed with its ratio to a baseline measured in the same run:
- import (read + validate + insert) vs pandas.read_excel(engine="calamine") of the same file;
- 人员手册 export vs a bare openpyxl write_only of the same cells;
- a search keystroke (filter + model reset), sort by name: absolute targets;
- window shown with the 100k database, from process start, and the peak RSS of that process.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median_time, print_table


def _bare_write_only(path: Path, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人员手册")
    ws.append(["序号", "姓名", "性别", "身份证", "医保卡号"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def _window_start(db_url: str) -> tuple[float, float]:
    """Seconds from spawning `python -m app` to its window shown, and its peak RSS in MB."""
    import psutil

    # The data folder is a temporary one: the program backs up its database there at start and exit.
    data = tempfile.mkdtemp(prefix="hzbz-bench-data-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HZBZ_DATA_DIR=data)
    start = time.time()
    proc = psutil.Popen(  # the window after the login (benchmarks/window_start.py says why)
        [sys.executable, "-m", "benchmarks.window_start", db_url], env=env, stdout=subprocess.PIPE, text=True
    )
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.02)
    out = proc.stdout.read() if proc.stdout else ""
    import shutil

    shutil.rmtree(data, ignore_errors=True)
    shown = next((float(line.split()[1]) for line in out.splitlines() if line.startswith("shown ")), None)
    if shown is None:
        raise RuntimeError(f"window did not report being shown: {out!r}")
    return shown - start, peak / 2**20


def main(members: int = 100_000) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pandas as pd

    from app.models.db import open_database
    from app.services import demo, roster_import
    from app.services.roster import RosterService, UnitDraft
    from app.services.users import OfficeInfo, UserService

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src_url = f"sqlite:///{tmp / 'src.db'}"
        _e, src = open_database(src_url)
        admin = UserService(src).set_up(OfficeInfo("基准办事处", "办事处", ""), "admin", "bench-pass")
        t0 = time.perf_counter()
        demo.generate(src, admin, units=1, members=members, seed=7)
        print(f"built a {members}-member database in {time.perf_counter() - t0:.1f} s")
        unit_code = RosterService(src, admin).list_units()[0].code

        full = tmp / "full.xlsx"
        roster_import.export_roster(src, unit_code, "full", full)

        # Import vs pandas + calamine parse of the same file.
        parse = median_time(lambda: pd.read_excel(full, engine="calamine", dtype=str), repeat=3)
        runs = []
        for i in range(2):
            _e2, dst = open_database(f"sqlite:///{tmp / f'dst{i}.db'}")
            a = UserService(dst).set_up(OfficeInfo("基准", "办事处", ""), "admin", "bench-pass")
            RosterService(dst, a).save_unit(UnitDraft("B001", "基准单位"))
            t = time.perf_counter()
            report = roster_import.import_roster(dst, a, full, "B001")
            runs.append(time.perf_counter() - t)
            assert report.imported == members, report
            _e2.dispose()
        imp = statistics.median(runs)
        figures.append(
            Figure(
                f"import {members} rows (validate+insert)",
                imp,
                "s",
                "pandas.read_excel(engine='calamine')",
                parse,
                "≤ 1.5 × baseline",
                imp <= 1.5 * parse,
            )
        )

        # 人员手册 export vs a bare write_only of the same cells.
        with src() as s:
            from sqlalchemy import select

            from app.models import Member

            cells = [
                (i, n, g, num, card)
                for i, (n, g, num, card) in enumerate(
                    s.execute(
                        select(Member.name, Member.gender, Member.id_number, Member.medical_card).order_by(
                            Member.name_key
                        )
                    ),
                    start=1,
                )
            ]
        bare = median_time(lambda: _bare_write_only(tmp / "bare.xlsx", cells), repeat=3)
        exp = median_time(
            lambda: roster_import.export_roster(src, unit_code, "personnel", tmp / "p.xlsx"), repeat=3
        )
        figures.append(
            Figure(
                "人员手册 export",
                exp,
                "s",
                "bare openpyxl write_only, same cells",
                bare,
                "≤ 1.2 × baseline",
                exp <= 1.2 * bare,
            )
        )

        # Search keystrokes and sort through the real table model.
        from PySide6.QtWidgets import QApplication

        from app.ui.roster.member_model import MemberTableModel

        _app = QApplication.instance() or QApplication([])
        from app.services.roster_pages import RosterPages, RosterView

        pages = RosterPages(src)
        model = MemberTableModel()
        keystrokes = []
        for query in ("1", "13", "138", "1380", "张", "张伟", "", "6", "62", "3701", "37010"):
            t = time.perf_counter()
            model.set_view(lambda sort, desc, q=query: pages.query(RosterView(None, q), sort, desc)[0])
            keystrokes.append(time.perf_counter() - t)
        key = statistics.median(keystrokes) * 1000
        figures.append(
            Figure("search keystroke (first page), median", key, "ms", target="≤ 50 ms", ok=key <= 50)
        )
        model.set_view(lambda sort, desc: pages.query(RosterView(None, ""), sort, desc)[0])
        sort = median_time(lambda: (model.sort(3), model.sort(0)), repeat=3) / 2
        figures.append(Figure("sort by a column (first page)", sort, "s", target="≤ 0.5 s", ok=sort <= 0.5))

        # As installed (scripts/setup.sh, pip, PyInstaller): the program's bytecode compiled, and
        # one start before timing so the libraries are in the OS cache, as on a clerk's PC.
        compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "app"), quiet=1)
        starts = [_window_start(src_url) for _ in range(4)][1:]  # this machine is noisy: median of 3
        shown = statistics.median(t for t, _ in starts)
        rss = max(r for _, r in starts)
        figures.append(
            Figure(f"window shown with {members} members", shown, "s", target="≤ 1.5 s", ok=shown <= 1.5)
        )
        figures.append(Figure("peak RSS of that process", rss, "MB", target="≤ 400 MB", ok=rss <= 400))
        _e.dispose()
    print_table(f"roster benchmark ({members} members)", figures)
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
