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
# Condensed cuts for the dense orders table, so page 1 holds every order.
FONT_NARROW = "DejaVuSansCondensed"
FONT_NARROW_BOLD = "DejaVuSansCondensed-Bold"

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


# The smallest text anywhere on the summary (issue 20: read at arm's length on a ward).
MIN_POINTS = 8.5


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
    for name in (FONT, FONT_BOLD, FONT_NARROW, FONT_NARROW_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(directory / f"{name}.ttf")))
    # No italic cut is shipped: <i> falls back to upright rather than failing.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD,
                                  italic=FONT, boldItalic=FONT_BOLD)
    pdfmetrics.registerFontFamily(FONT_NARROW, normal=FONT_NARROW, bold=FONT_NARROW_BOLD,
                                  italic=FONT_NARROW, boldItalic=FONT_NARROW_BOLD)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # No text below MIN_POINTS anywhere, and never a word split across lines (a word
    # too long for its cell is wrapped at its own breaks by the caller, e.g. a URL at
    # its slashes: engine.report.flow.url_lines).
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5,
                          textColor=INK, alignment=TA_LEFT, splitLongWords=0)

    def make(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": make("small", fontSize=MIN_POINTS, leading=10.5),
        "cell": make("cell", fontSize=8.5, leading=10.5),
        "cell_bold": make("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        "tight": make("tight", fontName=FONT_NARROW, fontSize=MIN_POINTS, leading=9.6),
        "banner_warn": make("banner_warn", fontName=FONT_NARROW_BOLD, fontSize=8.5, leading=10.5,
                            textColor=colors.white, spaceBefore=2),
        "unsigned_head": make("unsigned_head", fontName=FONT_BOLD, fontSize=12, leading=15),
        "source_id": make("source_id", fontName=FONT_NARROW_BOLD, fontSize=8.5, leading=10.5),
        "status": make("status", fontName=FONT_NARROW_BOLD, fontSize=MIN_POINTS, leading=9.6),
        "table_title": make("table_title", fontName=FONT_BOLD, fontSize=10.5, leading=12),
        "cell_head": make("cell_head", fontName=FONT_BOLD, fontSize=MIN_POINTS, leading=10.5),
        "nurse_head": make("nurse_head", fontName=FONT_NARROW_BOLD, fontSize=9, leading=10.8),
        "h2": make("h2", fontName=FONT_BOLD, fontSize=11, leading=13,
                   spaceBefore=5, spaceAfter=2.5),
        "banner_urgency": make("banner_urgency", fontName=FONT_BOLD, fontSize=16,
                               leading=19, textColor=colors.white),
        "banner_title": make("banner_title", fontName=FONT_BOLD, fontSize=12,
                             leading=14.5, textColor=colors.white),
        "banner_text": make("banner_text", fontSize=8.8, leading=10.6,
                            textColor=colors.white),
        "precaution_head": make("precaution_head", fontName=FONT_BOLD, fontSize=11,
                                leading=13.5, textColor=colors.white),
        "precaution_text": make("precaution_text", fontName=FONT_BOLD, fontSize=10,
                                leading=12.5),
        "note": make("note", fontSize=8.5, leading=11, textColor=GREY_TEXT),
        "warn": make("warn", fontName=FONT_BOLD, fontSize=9.5, leading=12),
    }
