"""Fonts, colours and paragraph styles of the summary. Imported only when rendering
(reportlab costs about 80 ms to import; the command line's `evaluate` must not pay it).

DejaVu Sans is embedded so µ, ≥, × and ⁹ print the same on every machine."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

# Print is often black and white: every colour below is paired with words.
INK = colors.black
GREY_TEXT = colors.HexColor("#444444")
RULE = colors.HexColor("#777777")
SHADE = colors.HexColor("#E6E6E6")
SHADE_DARK = colors.HexColor("#BBBBBB")
URGENCY_FILL = {
    "emergency": colors.HexColor("#B00020"),
    "urgent": colors.HexColor("#8A4B00"),
    "routine": colors.HexColor("#2F4F4F"),
}


class FontMissing(RuntimeError):
    pass


def font_dir() -> Path:
    """resources/fonts beside the engine package (also inside a PyInstaller bundle,
    which keeps the package layout)."""
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "resources" / "fonts"]
    try:  # installed as the `resources` package
        from importlib.resources import files

        candidates.append(Path(str(files("resources") / "fonts")))
    except Exception:
        pass
    for directory in candidates:
        if (directory / f"{FONT}.ttf").is_file():
            return directory
    raise FontMissing(f"{FONT}.ttf not found in {', '.join(map(str, candidates))}")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    directory = font_dir()
    pdfmetrics.registerFont(TTFont(FONT, str(directory / f"{FONT}.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(directory / f"{FONT_BOLD}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD,
                                  italic=FONT, boldItalic=FONT_BOLD)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5,
                          textColor=INK, alignment=TA_LEFT)

    def make(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": make("small", fontSize=7.5, leading=9.5),
        "cell": make("cell", fontSize=8.5, leading=10.5),
        "cell_bold": make("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        "tight": make("tight", fontSize=7.8, leading=9.6),
        "tight_bold": make("tight_bold", fontName=FONT_BOLD, fontSize=7.8, leading=9.6),
        "banner_warn": make("banner_warn", fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                            textColor=colors.white, spaceBefore=2),
        "unsigned_head": make("unsigned_head", fontName=FONT_BOLD, fontSize=12, leading=15),
        "status": make("status", fontName=FONT_BOLD, fontSize=7.5, leading=9.6),
        "cell_head": make("cell_head", fontName=FONT_BOLD, fontSize=8, leading=10),
        "h2": make("h2", fontName=FONT_BOLD, fontSize=11.5, leading=14,
                   spaceBefore=7, spaceAfter=3),
        "banner_urgency": make("banner_urgency", fontName=FONT_BOLD, fontSize=16,
                               leading=19, textColor=colors.white),
        "banner_title": make("banner_title", fontName=FONT_BOLD, fontSize=12,
                             leading=14.5, textColor=colors.white),
        "banner_text": make("banner_text", fontSize=8.8, leading=11,
                            textColor=colors.white),
        "precaution_head": make("precaution_head", fontName=FONT_BOLD, fontSize=12,
                                leading=15, textColor=colors.white),
        "precaution_text": make("precaution_text", fontName=FONT_BOLD, fontSize=10.5,
                                leading=13.5),
        "note": make("note", fontSize=8.5, leading=11, textColor=GREY_TEXT),
        "warn": make("warn", fontName=FONT_BOLD, fontSize=9.5, leading=12),
    }
