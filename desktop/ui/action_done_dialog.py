"""Tick an action done, with its time: asked from the action's row. The time starts
empty (never a guess): type it, pick the date, or press Now. It is recorded in the case
(engine.actions_done says where), so it is saved, undoable and printed on the summary.

A case records what happened up to its assessment time, so a time after it cannot be
recorded here: the dialog says so and how to go on (Ctrl+T reassesses now; deadlines
are then counted from the new time) instead of leaving an invalid input behind."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.time_text import clock_text, parse_iso
from desktop.ui.datetime_input import DateTimeInput

NOT_DONE = object()  # result(): the tick was taken away


class ActionDoneDialog(QDialog):
    def __init__(self, title: str, assessed_at: str | None, current: str | None,
                 now_provider, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"Done: {title}")
        self._assessed = parse_iso(assessed_at)
        self._assessed_text = assessed_at
        self._result = None
        layout = QVBoxLayout(self)
        question = QLabel(f"When was “{title}” done?")
        question.setWordWrap(True)
        layout.addWidget(question)
        if note:
            extra = QLabel(note)
            extra.setWordWrap(True)
            layout.addWidget(extra)
        self.time = DateTimeInput(self, now_provider=now_provider)
        self.time.setAccessibleName(f"{title}: done at")
        self.time.set_value(current)
        question.setBuddy(self.time)
        layout.addWidget(self.time)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.record = self.buttons.addButton("Record as done", QDialogButtonBox.AcceptRole)
        self.clear = QPushButton("Not done (remove the tick)")
        if current:
            self.buttons.addButton(self.clear, QDialogButtonBox.DestructiveRole)
        self.buttons.addButton(QDialogButtonBox.Cancel)
        self.record.clicked.connect(self._accept_time)
        self.clear.clicked.connect(self._accept_not_done)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.time.edited.connect(lambda _v: self._check())
        self.time.line.textChanged.connect(lambda _t: self._check())
        self._check()
        self.time.focus_input()

    def problem(self) -> str:
        """Why the time cannot be recorded, in words; '' when it can."""
        value = self.time.value()
        if value is None:
            return "Enter the time it was done (or press Now)."
        moment = parse_iso(value)
        if moment is None:
            return f"“{self.time.line.text().strip()}” is not a date and time: type " \
                   "YYYY-MM-DD HH:MM, pick the date, or press Now."
        if self._assessed is not None and moment > self._assessed:
            return (f"{clock_text(value)} is after the assessment time "
                    f"({clock_text(self._assessed_text)}). A case records what happened up to "
                    "its assessment: to record it, first set the assessment time to now "
                    "(Ctrl+T; deadlines are then counted from the new time), then tick it "
                    "again.")
        return ""

    def _check(self) -> None:
        text = self.problem()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.record.setEnabled(not text)

    def _accept_time(self) -> None:
        if self.problem():
            return
        self._result = self.time.value()
        self.accept()

    def _accept_not_done(self) -> None:
        self._result = NOT_DONE
        self.accept()

    def result_value(self):
        """The ISO time to record, NOT_DONE, or None (cancelled)."""
        return self._result
