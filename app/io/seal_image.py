"""The office's seal image: checked when it is chosen, drawn into a stamp place of a PDF form."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from app.rules.errors import ValidationError

MAX_BYTES = 2 * 1024 * 1024
MIN_PIXELS = 100  # smaller prints as a blur at the seal's ~40 mm
FORMATS = ("PNG", "JPEG")


def check_seal_image(data: bytes) -> tuple[int, int]:
    """Raise ValidationError unless ``data`` is a usable PNG/JPEG; return its size in pixels."""
    if len(data) > MAX_BYTES:
        raise ValidationError(f"印章图片过大（{len(data) // 1024} KB），请使用 2 MB 以内的 PNG 或 JPEG 图片")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError("印章图片无法读取：请使用 PNG 或 JPEG 格式的图片") from exc
    if kind not in FORMATS:
        raise ValidationError(f"印章图片格式为 {kind}，请使用 PNG（最好是透明背景）或 JPEG 图片")
    if min(size) < MIN_PIXELS:
        raise ValidationError(
            f"印章图片只有 {size[0]}×{size[1]} 像素，打印会模糊：请使用至少 {MIN_PIXELS} 像素宽高的图片"
        )
    return size
