"""The canvas that draws what every page carries: who the patient is, page X of Y,
the document fingerprint, versions and the intended-use line.

"Page X of Y" needs the page count, which is only known at the end, so pages are
kept and decorated in `save()` (the usual reportlab numbered-canvas recipe)."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from engine.report import geometry as g
from engine.report.styles import FONT, FONT_BOLD, GREY_TEXT, INK, MIN_POINTS, RULE

INTENDED_USE = "Decision support for clinicians; it does not replace clinical judgement."
MM = g.MM


@dataclass(frozen=True)
class Furniture:
    page: g.PageGeometry
    patient_name: str
    hospital_number: str
    date_of_birth: str
    assessed_at: str
    hospital_name: str | None
    fingerprint: str
    engine_version: str
    knowledge_version: str


def canvas_class(furniture: Furniture) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._kept_pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._kept_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._kept_pages)
            for state in self._kept_pages:
                self.__dict__.update(state)
                draw_furniture(self, furniture, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def fit_text(c: Canvas, text: str, font: str, size: float, min_size: float,
             x: float, y: float, width: float) -> None:
    """Shrink to fit; truncate with an ellipsis only below min_size (identifiers are
    never silently cut while they can still be printed readably)."""
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    c.setFont(font, size)
    c.drawString(x, y, text)


def draw_furniture(c: Canvas, f: Furniture, page_no: int, total: int) -> None:
    c.saveState()
    _header(c, f, page_no, total)
    _footer(c, f, page_no, total)
    c.restoreState()


def _header(c: Canvas, f: Furniture, page_no: int, total: int) -> None:
    p = f.page
    left, right = g.MARGIN_LEFT * MM, (p.width - g.MARGIN_RIGHT) * MM
    top = (p.height - g.MARGIN_TOP) * MM
    c.setFillColor(INK)
    title = "MSCC Pathway: handover summary"
    if f.hospital_name:
        title += f"  ·  {f.hospital_name}"
    page_text = f"Page {page_no} of {total}"
    c.setFont(FONT_BOLD, 11)
    c.drawRightString(right, top - 4 * MM, page_text)
    fit_text(c, title, FONT_BOLD, 10, MIN_POINTS, left, top - 4 * MM,
             right - left - stringWidth(page_text, FONT_BOLD, 11) - 6 * MM)

    box_top = top - 6.5 * MM
    box_h = (g.HEADER_HEIGHT - 6.5) * MM
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.rect(left, box_top - box_h, right - left, box_h)
    width = right - left
    # (start, width as fractions of the box, label, value, largest font size)
    cols = [(0.0, 0.37, "Patient name", f.patient_name, 13),
            (0.37, 0.23, "Hospital number", f.hospital_number, 13),
            (0.60, 0.20, "Date of birth", f.date_of_birth, 11),
            (0.80, 0.20, "Assessed at", f.assessed_at, 8.5)]
    for start, frac, label, value, size in cols:
        x = left + start * width + 2.5 * MM
        if start:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.5)
            c.line(x - 2.5 * MM, box_top - box_h + 1.5 * MM, x - 2.5 * MM, box_top - 1.5 * MM)
        c.setFillColor(GREY_TEXT)
        c.setFont(FONT, MIN_POINTS)
        c.drawString(x, box_top - 3.8 * MM, label)
        c.setFillColor(INK)
        lines = value.split("\n")
        for i, line in enumerate(lines):
            fit_text(c, line, FONT_BOLD, size if len(lines) == 1 else MIN_POINTS, MIN_POINTS, x,
                     box_top - (9.5 + 3.4 * i) * MM, frac * width - 4 * MM)
    c.setFillColor(INK)


def _footer(c: Canvas, f: Furniture, page_no: int, total: int) -> None:
    p = f.page
    left, right = g.MARGIN_LEFT * MM, (p.width - g.MARGIN_RIGHT) * MM
    top = (g.MARGIN_BOTTOM + g.FOOTER_HEIGHT) * MM
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(left, top, right, top)
    c.setFillColor(INK)
    c.setFont(FONT_BOLD, 9)
    fp = f"Fingerprint {f.fingerprint}"
    c.drawString(left, top - 4.2 * MM, fp)
    c.setFont(FONT, MIN_POINTS)
    c.drawString(left + stringWidth(fp, FONT_BOLD, 9) + 4 * MM, top - 4.2 * MM,
                 f"Engine {f.engine_version}  ·  Knowledge {f.knowledge_version}  ·  "
                 f"{f.hospital_number}")
    c.setFont(FONT_BOLD, 9)
    c.drawRightString(right, top - 4.2 * MM, f"Page {page_no} of {total}")
    c.setFont(FONT, MIN_POINTS)
    c.drawString(left, top - 8.0 * MM, INTENDED_USE)
    c.setFillColor(GREY_TEXT)
    c.setFont(FONT, MIN_POINTS)
    c.drawString(left, top - 11.3 * MM,
                 "The fingerprint matches this paper to its signed file and audit entry: "
                 "mscc-pathway verify FILE.pdf")
    c.setFillColor(INK)
