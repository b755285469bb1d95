"""The pages of a PDF we wrote, as pictures for the print preview (pypdfium2, PDFium's renderer):
the preview shows exactly the pages, in the size, that go to the printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

POINTS_PER_INCH = 72


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) of each page in points (A4 is 595 × 842)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def render(path: Path, dpi: int = 96) -> Iterator[Any]:
    """Each page as a PIL image at ``dpi``, one at a time (a long batch of forms stays small)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            yield page.render(scale=dpi / POINTS_PER_INCH).to_pil()
            page.close()
    finally:
        doc.close()
