"""View › Zoom: every font size of the style sheet scaled by one factor (Ctrl+= larger,
Ctrl+- smaller, Ctrl+0 back to 100 %), kept in the settings. Layouts follow the text,
and the forms and the assessment scroll, so nothing is cut off at any step."""
from __future__ import annotations

import re

STEPS = (80, 90, 100, 110, 125, 150, 175, 200)
DEFAULT = 100
_PT = re.compile(r"font-size:\s*([0-9.]+)pt")


def clamp(percent) -> int:
    """The nearest allowed step; anything unreadable is 100 %."""
    if not isinstance(percent, (int, float)) or isinstance(percent, bool):
        return DEFAULT
    return min(STEPS, key=lambda s: abs(s - percent))


def step(percent: int, direction: int) -> int:
    index = STEPS.index(clamp(percent))
    return STEPS[max(0, min(len(STEPS) - 1, index + direction))]


def scaled_sheet(sheet: str, percent: int) -> str:
    if percent == DEFAULT:
        return sheet
    return _PT.sub(lambda m: f"font-size: {float(m.group(1)) * percent / 100:.2f}pt", sheet)


def apply(app, percent: int) -> None:
    import resources

    sheet = scaled_sheet(resources.stylesheet(), clamp(percent))
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
