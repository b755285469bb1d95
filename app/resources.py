"""Where the program's resources are: the repository's resources/ or the frozen bundle's copy."""

from __future__ import annotations

import sys
from pathlib import Path

# A CJK TrueType (glyf) font is needed for the window and for embedded PDF fonts. WenQuanYi Zen Hei
# covers rare name characters (䶮 堃 喆 赟) that Micro Hei lacks (PITFALLS.md).
FONT_CANDIDATES = (
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
)
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/wqy"),
    Path("/usr/share/fonts/wqy-zenhei"),
    Path("C:/Windows/Fonts"),
)


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def cjk_font_path() -> Path | None:
    """The bundled font if shipped, else the system's WenQuanYi font, else None."""
    for folder in (resources_dir() / "fonts", *SYSTEM_FONT_DIRS):
        for name in FONT_CANDIDATES:
            path = folder / name
            if path.is_file():
                return path
    return None
