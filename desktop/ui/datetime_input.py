"""A date-time field in local time: typed as YYYY-MM-DD HH:MM, or the date picked from
a calendar, with a Now button. The value is committed when the field is left or Enter
is pressed, so a half-typed date does not flash errors; what was understood is shown
back in local time (no UTC offset is ever shown; one typed is still understood)."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QMessageBox,
                               QPushButton, QWidgetAction, QWidget)

from desktop.time_text import (AmbiguousTime, format_datetime, now_iso, parse_datetime_text,
                               parse_iso, same_instant)


def ask_which_time(parent: QWidget, ambiguous: AmbiguousTime):
    """Ask which reading of a time at a clock change was meant; None if cancelled."""
    box = QMessageBox(QMessageBox.Question, "Which time?", ambiguous.question(),
                      QMessageBox.Cancel, parent)
    buttons = [box.addButton(label, QMessageBox.AcceptRole) for label in ambiguous.choices()]
    box.exec()
    for button, reading in zip(buttons, ambiguous.readings):
        if box.clickedButton() is button:
            return reading
    return None


class DateTimeInput(QWidget):
    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None, now_button: bool = True,
                 now_provider=now_iso):
        super().__init__(parent)
        self._now = now_provider
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.line.setMinimumWidth(200)
        self.line.setMaximumWidth(230)
        self.line.setToolTip("Type year-month-day and 24-hour local time, e.g. 2026-03-10 "
                             "14:30, or pick the date with the calendar button.")
        self.setFocusProxy(self.line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.calendar_button = QPushButton("Date…", self)
        self.calendar_button.setToolTip("Pick the date from a calendar (the time is kept, "
                                        "or 00:00 to be corrected)")
        self.calendar_button.setFocusPolicy(Qt.TabFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        layout.addWidget(self.calendar_button)
        self.calendar: QCalendarWidget | None = None
        self.now_button = None
        if now_button:
            self.now_button = QPushButton("Now", self)
            self.now_button.setToolTip("Fill in the current local time")
            self.now_button.setFocusPolicy(Qt.TabFocus)
            self.now_button.clicked.connect(self.set_now)
            layout.addWidget(self.now_button)
        layout.addStretch(1)
        self._committed = None
        self.choose = ask_which_time   # replaceable in tests
        self.line.editingFinished.connect(self._commit)
        self.line.textEdited.connect(self._on_typed)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        if self.now_button:
            self.now_button.setAccessibleName(f"{name}: set to now")
        self.calendar_button.setAccessibleName(f"{name}: pick the date")

    def value(self):
        """The ISO text understood; the committed choice while the field shows it (a
        time the clock showed twice); the raw text when still ambiguous (never a guess)."""
        if self._committed and format_datetime(self._committed) == self.line.text().strip():
            return self._committed
        value = parse_datetime_text(self.line.text())
        return value.text if isinstance(value, AmbiguousTime) else value

    def set_value(self, value) -> None:
        self._committed = value
        self.line.setText(format_datetime(value))

    # --- the date picker ---------------------------------------------------------------
    def open_calendar(self) -> None:
        """A calendar under the field; choosing a day (click or Enter) sets the date and
        keeps the typed time."""
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        current = parse_iso(self.value())
        day = current.astimezone().date() if current is not None else date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        calendar.activated.connect(lambda d: (self.pick_date(d.toPython()), menu.close()))
        calendar.clicked.connect(lambda d: (self.pick_date(d.toPython()), menu.close()))
        self.calendar = calendar
        menu.aboutToShow.connect(lambda: calendar.setFocus(Qt.PopupFocusReason))
        menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))

    def pick_date(self, day: date) -> None:
        current = parse_iso(self.value())
        hh, mm = (current.astimezone().hour, current.astimezone().minute) \
            if current is not None else (0, 0)
        self.line.setText(format_datetime(
            datetime(day.year, day.month, day.day, hh, mm).astimezone().isoformat()))
        self._commit()
        self.line.setFocus(Qt.OtherFocusReason)
        if current is None:
            self.line.setSelection(11, 5)  # the time, to be typed over

    def set_now(self) -> None:
        self.line.setText(format_datetime(self._now()))
        self._commit()

    def focus_input(self) -> None:
        self.line.setFocus(Qt.OtherFocusReason)
        self.line.selectAll()

    def _on_typed(self, text: str) -> None:
        # A complete date-time (or an emptied field) counts at once, so a value typed
        # just before Ctrl+S is never lost; half-typed text waits for Enter or Tab.
        if isinstance(parse_datetime_text(text), AmbiguousTime):
            return  # asked when the field is left
        value = self.value()
        if value is None or (isinstance(value, str) and value != text.strip()):
            if not same_instant(value, self._committed):
                self._committed = value
                self.edited.emit(value)

    def _commit(self) -> None:
        typed = parse_datetime_text(self.line.text())
        if isinstance(typed, AmbiguousTime) and not (
                self._committed and format_datetime(self._committed) == self.line.text().strip()):
            chosen = self.choose(self, typed)
            if chosen is None:
                self.line.setToolTip(typed.question())
                return  # nothing recorded until the person says which time
            self.line.setText(format_datetime(chosen.isoformat()))
        value = self.value()
        if not same_instant(value, self._committed):
            self._committed = value
            self.edited.emit(value)
        if isinstance(value, str) and value.strip():
            shown = format_datetime(value)
            if shown != self.line.text():
                self.line.setText(shown)
