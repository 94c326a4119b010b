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
MARGIN_TOP = 9.0
MARGIN_BOTTOM = 9.0

# Patient band at the top of every page (title line + identifiers box).
HEADER_HEIGHT = 21.0
# Footer on every page: fingerprint, versions, intended use, page X of Y.
FOOTER_HEIGHT = 11.5
GAP = 3.0  # between header/footer and the body

# Page 1: the signature stamp sits at the top right of the body, beside the pathway
# banner (the first flowable), so whoever reads the pathway sees who signed it.
SIGN_BOX_WIDTH = 64.0
SIGN_BOX_HEIGHT = 25.0


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
    def sign_box(self) -> tuple[float, float, float, float]:
        """(x1, y1, x2, y2) in mm of the signature stamp on page 1."""
        x2 = self.width - MARGIN_RIGHT
        return (x2 - SIGN_BOX_WIDTH, self.body_top - SIGN_BOX_HEIGHT, x2, self.body_top)

    def sign_box_points(self) -> tuple[int, int, int, int]:
        x1, y1, x2, y2 = self.sign_box
        return (round(x1 * MM), round(y1 * MM), round(x2 * MM), round(y2 * MM))


def page_geometry(locale: str | None) -> PageGeometry:
    """A4 everywhere except the US, where printers hold Letter paper."""
    w, h = LETTER_MM if (locale or "").upper() == "US" else A4_MM
    return PageGeometry(w, h)


def geometry_of(width_pt: float, height_pt: float) -> PageGeometry:
    """The geometry of an existing page (for the signer), from its size in points."""
    return PageGeometry(width_pt / MM, height_pt / MM)
