"""Style-sheet states ([kind="emergency"], [active="true"], ...) set on widgets."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


def repolish(*widgets: QWidget) -> None:
    """Re-apply the style sheet: Qt does not when a property it selects on changes."""
    for widget in widgets:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def set_style_property(widget: QWidget, name: str, value, *dependants: QWidget) -> bool:
    """Set a property the style sheet selects on and re-apply the sheet to the widget
    and to `dependants` (children selected through it), only when the value changed:
    re-polishing on every edit re-measured the panel for nothing."""
    if widget.property(name) == value:
        return False
    widget.setProperty(name, value)
    repolish(widget, *dependants)
    return True
