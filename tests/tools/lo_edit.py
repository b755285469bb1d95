"""Type into spreadsheet cells through LibreOffice, as a clerk would, and save the file again.

Run with the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not the
project's virtual environment:

    /usr/bin/python3 tests/tools/lo_edit.py JOBS.json PROFILE_DIR

JOBS.json holds ``[{"src": …, "dst": …, "edits": [[sheet or "", "B2", "text"], …]}, …]``. Each
edit goes through the dispatcher (.uno:GoToCell, .uno:EnterString) — the path of a keystroke
into a cell, which honours the cell's number format — unlike XCell.setFormula, which does not.
The result is stored as .xlsx (Calc MS Excel 2007 XML) or, for a .ods/.xls/.csv target, in
that format. One LibreOffice process serves all jobs.
"""

import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

FILTERS = {
    ".xlsx": "Calc MS Excel 2007 XML",
    ".xls": "MS Excel 97",
    ".ods": "calc8",
    ".csv": "Text - txt - csv (StarCalc)",  # the active sheet, UTF-8, comma, quoted text
}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.2)


def run_job(ctx, desktop, job):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(job["src"])), "_blank", 0, (prop("Hidden", True),)
    )
    if doc is None:
        raise SystemExit(f"LibreOffice could not open {job['src']}")
    try:
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for sheet_name, cell, text in job.get("edits", ()):
            sheet = doc.Sheets.getByName(sheet_name) if sheet_name else doc.Sheets.getByIndex(0)
            controller.setActiveSheet(sheet)
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", cell),))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
        for sheet_name in job.get("hide_sheets", ()):
            doc.Sheets.getByName(sheet_name).IsVisible = False
        ext = os.path.splitext(job["dst"])[1].lower()
        props = [prop("FilterName", FILTERS[ext])]
        if ext == ".csv":
            props.append(prop("FilterOptions", "44,34,76,1"))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["dst"])), tuple(props))
    finally:
        doc.close(True)


def main():
    jobs = json.loads(open(sys.argv[1], encoding="utf-8").read())
    profile = os.path.abspath(sys.argv[2])
    pipe = f"hzbz_lo_{os.getpid()}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for job in jobs:
            run_job(ctx, desktop, job)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as the process ends
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
