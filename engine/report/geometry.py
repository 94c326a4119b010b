"""Page geometry of the handover summary, in millimetres, as named constants.

Kept apart from the layout code so the signing code can place the visible stamp in
the box the renderer reserved for it, without either guessing the other's numbers."""
from __future__ import annotations

from dataclasses import dataclass

MM = 72.0 / 25.4  # points per millimetre

A4_MM = (210.0, 297.0)
LETTER_MM = (215.9, 279.4)

MARGIN_LEFT = 12.0
MARGIN_RIGHT = 12.0
MARGIN_TOP = 10.0
MARGIN_BOTTOM = 10.0

# Patient band at the top of every page (title line + identifiers box).
HEADER_HEIGHT = 27.0
# Footer on every page: fingerprint, versions, intended use, page X of Y.
FOOTER_HEIGHT = 13.0
GAP = 3.0  # between header/footer and the body

# Page 1 reserves a band above the footer: the electronic signature stamp (left)
# and the handwritten "received by" box for the nurse (right).
SIGN_BAND_HEIGHT = 27.0
SIGN_CAPTION = 4.5  # caption line above each box, inside the band
SIGN_BOX_WIDTH = 92.0


@dataclass(frozen=True)
class PageGeometry:
    width: float   # mm
    height: float  # mm

    @property
    def content_width(self) -> float:
        return self.width - MARGIN_LEFT - MARGIN_RIGHT

    @property
    def body_top(self) -> float:
        """Top of the body frame, from the bottom edge (mm)."""
        return self.height - MARGIN_TOP - HEADER_HEIGHT - GAP

    @property
    def body_bottom(self) -> float:
        return MARGIN_BOTTOM + FOOTER_HEIGHT + GAP

    @property
    def first_body_bottom(self) -> float:
        return self.body_bottom + SIGN_BAND_HEIGHT + GAP

    @property
    def sign_box(self) -> tuple[float, float, float, float]:
        """(x1, y1, x2, y2) in mm of the signature stamp on page 1."""
        x1 = MARGIN_LEFT
        y1 = self.body_bottom
        return (x1, y1, x1 + SIGN_BOX_WIDTH, y1 + SIGN_BAND_HEIGHT - SIGN_CAPTION)

    @property
    def receipt_box(self) -> tuple[float, float, float, float]:
        """(x1, y1, x2, y2) in mm of the nurse's handwritten receipt box on page 1."""
        x1 = MARGIN_LEFT + SIGN_BOX_WIDTH + GAP
        y1 = self.body_bottom
        return (x1, y1, self.width - MARGIN_RIGHT, y1 + SIGN_BAND_HEIGHT - SIGN_CAPTION)

    def sign_box_points(self) -> tuple[int, int, int, int]:
        return tuple(round(v * MM) for v in self.sign_box)  # type: ignore[return-value]


def page_geometry(locale: str | None) -> PageGeometry:
    """A4 everywhere except the US, where printers hold Letter paper."""
    w, h = LETTER_MM if (locale or "").upper() == "US" else A4_MM
    return PageGeometry(w, h)
