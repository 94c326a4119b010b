"""Actions with their deadline as a clock time and the time left or overdue, counted
from the computer's clock (refreshed every 30 s). The deadline itself comes from the
engine (`due_at` = assessment time + hours); only the countdown uses the clock."""
from __future__ import annotations

from datetime import datetime

from desktop import words
from desktop.basis import basis_for
from desktop.time_text import describe_delta, parse_iso, ward_zone
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow
from engine.report import timefmt


def due_text(action: dict, assessed_at: str | None = None) -> str:
    """The deadline exactly as page 1 of the printed summary states it (same clock time on
    the ward clock, same words: engine.report.timefmt), from the action's own `due_at`."""
    due = parse_iso(action.get("due_at"))
    if due is None:
        return "No fixed deadline"
    clock = timefmt.clock(due, ward_zone(), ref=assessed_at)
    hours = timefmt.hours(action.get("due_within_hours"))
    return f"{clock} (NOW)" if hours == "NOW" else f"{clock} ({hours})"


def left_text(action: dict, now: datetime) -> tuple[str, str]:
    due = parse_iso(action.get("due_at"))
    if due is None:
        return "", "tableCell"
    seconds = (due - now).total_seconds()
    if -60 < seconds < 60:
        return "Due now", "timeLeft"  # not "OVERDUE by 0 min" the moment Now is pressed
    if seconds < 0:
        return f"OVERDUE by {describe_delta(-seconds)}", "overdue"
    return f"{describe_delta(seconds)} left", "timeLeft"


class ActionsList(ExpandableTable):
    def __init__(self, now_fn, parent=None):
        super().__init__(["Action", "Deadline", "Time left"], stretch=[6, 3, 2], parent=parent)
        self.setAccessibleName("Actions")
        self._now = now_fn
        self._assessment: dict | None = None

    def show_actions(self, assessment: dict) -> None:
        self._assessment = assessment
        self.tick()

    def tick(self) -> None:
        if self._assessment is None:
            return
        now = self._now()
        assessed_at = self._assessment.get("assessed_at")
        rows = []
        for action in self._assessment.get("actions") or []:
            code = str(action.get("code"))
            title = words.word(words.ACTIONS, code)
            text = str(action.get("text") or "")
            left, style = left_text(action, now)
            rows.append(TableRow(code, [Cell(f"{title}\n{text}" if text else title, "actionName"),
                                        Cell(due_text(action, assessed_at)), Cell(left, style)],
                                 basis_for(action, self._assessment).as_html(), accessible=title))
        self.set_rows(rows)
