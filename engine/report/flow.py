"""Small helpers shared by the section builders: escaped paragraphs, doses and
table styles. Every string from a case or assessment goes through `para`, which
escapes it, so a name like "O'Brien <Jr> & Co" prints as typed."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Paragraph, Spacer, TableStyle

from engine.report import geometry as g, labels
from engine.report.styles import FONT, FONT_BOLD, INK, MIN_POINTS, RULE, SHADE, styles


def esc(value: object) -> str:
    return escape("" if value is None else str(value))


def para(text: object, style: str = "cell", *, markup: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped) or of trusted markup built in this package."""
    return Paragraph(str(text) if markup else esc(text), styles()[style])


# A heading needs this much room below it, or it moves to the next page with its
# content (instead of keepWithNext, which moves a whole long table and leaves a gap).
HEADING_ROOM_MM = 30.0


def heading(text: str) -> list:
    return [CondPageBreak(HEADING_ROOM_MM * g.MM), para(text, "h2")]


def gap(mm: float = 2.0) -> Spacer:
    return Spacer(1, mm * g.MM)


def number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def dose(d: dict | None) -> str:
    return labels.dose_text(d) or "—"


def grid_style(*extra: tuple, header: bool = True, grid: bool = True) -> TableStyle:
    """Shared table look; `extra` commands come last so they win."""
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, MIN_POINTS),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if grid:
        commands.insert(0, ("GRID", (0, 0), (-1, -1), 0.5, RULE))
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                     ("FONT", (0, 0), (-1, 0), FONT_BOLD, MIN_POINTS)]
    commands += list(extra)
    return TableStyle(commands)


def widths(total: float, fractions: list[float]) -> list[float]:
    """Column widths in points from fractions of the content width (mm)."""
    scale = total * g.MM / sum(fractions)
    return [f * scale for f in fractions]


def url_lines(url: str, width_pt: float, font: str = FONT, size: float = MIN_POINTS) -> str:
    """A URL as escaped lines that each fit `width_pt`, broken only after a '/' (never
    inside a word: "htt / p://" is unreadable); joined with <br/>."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = [p for p in url.replace("/", "/\0").split("\0") if p]
    lines, line = [], ""
    for part in parts:
        if line and stringWidth(line + part, font, size) > width_pt:
            lines.append(line)
            line = part
        else:
            line += part
    if line:
        lines.append(line)
    return "<br/>".join(esc(x) for x in lines)
