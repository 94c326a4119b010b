"""Yes / No / Not assessed. A clinical yes/no question is never a checkbox: an
unticked box would read as "no" when nobody asked. Keys: Y, N, and U or Delete for
not assessed."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.choice_buttons import ChoiceButtons


class TriState(ChoiceButtons):
    def __init__(self, parent: QWidget | None = None):
        super().__init__([(True, "Yes"), (False, "No")], parent=parent,
                         keys={"y": True, "n": False, "u": None, "delete": None})
