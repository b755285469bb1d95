"""What a form needs to print the office's seal image (kept light: no PDF or image library)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class SealPrint:
    """The office's seal image, printed in its own stamp place on the copy (联) it keeps.

    ``place`` is whose stamp place it fills: a grassroots union stamps as the unit ("unit"),
    an agency or branch office in the office's opinion ("office").
    """

    image: bytes
    place: Literal["unit", "office"]
    copy_no: int = 1
