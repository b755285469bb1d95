"""Draw the program's icon (resources/icons/hzbz.png and .ico): 互助 in white on a red seal-like disc.

Run once after changing the design: python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.resources import cjk_font_path, resources_dir

SIZE = 256
RED = (196, 30, 36, 255)


def main() -> None:
    font_path = cjk_font_path()
    if font_path is None:
        raise SystemExit("需要文泉驿正黑字体（fonts-wqy-zenhei）")
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=RED)
    draw.ellipse((22, 22, SIZE - 22, SIZE - 22), outline=(255, 255, 255, 255), width=6)
    font = ImageFont.truetype(str(font_path), 92)
    white = (255, 255, 255, 255)
    centre = (SIZE / 2, SIZE / 2)
    draw.text(centre, "互助", fill=white, font=font, anchor="mm", stroke_width=3, stroke_fill=white)
    out = resources_dir() / "icons"
    out.mkdir(exist_ok=True)
    image.save(out / "hzbz.png")
    image.save(out / "hzbz.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(Path(out / "hzbz.png"))


if __name__ == "__main__":
    main()
