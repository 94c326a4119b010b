"""Actions with their deadline as a clock time and the time left or overdue, counted
from the computer's clock (refreshed every 30 s). The deadline itself comes from the
engine (`due_at` = assessment time + hours); only the countdown uses the clock.

Each row has a "Done…" button: the action is ticked done with its time, recorded in
the case (engine.actions_done says where; the engine gives it back as `done_at`), so
it is saved, undoable and printed on the summary. The MSCC coordinator row shows the
site's coordinator and on-call numbers (site.toml) when IT has set them."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from engine.report import labels
from desktop.basis import basis_for
from desktop.time_text import clock_text, describe_delta, parse_iso, ward_zone
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow
from engine import actions_done
from engine.report import timefmt

COORDINATOR = "contact_mscc_coordinator"
# Done, but the recommendation only changes once its result is in the case.
RESULT_NEEDED = {"mri_whole_spine": "enter the study and its findings on the Imaging tab",
                 "ct_spine": "enter the study and its findings on the Imaging tab",
                 "recheck_calcium": "enter the new result on the Labs tab"}


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
    if action.get("done_at"):
        return f"DONE {clock_text(action.get('done_at'))}", "timeLeft"
    due = parse_iso(action.get("due_at"))
    if due is None:
        return "", "tableCell"
    seconds = (due - now).total_seconds()
    if -60 < seconds < 60:
        return "Due now", "timeLeft"  # not "OVERDUE by 0 min" the moment Now is pressed
    if seconds < 0:
        return f"OVERDUE by {describe_delta(-seconds)}", "overdue"
    return f"{describe_delta(seconds)} left", "timeLeft"


def contacts_text(coordinator: str | None, oncall: str | None) -> str:
    parts = ([f"MSCC coordinator: {coordinator}"] if coordinator else []) + \
        ([f"on call: {oncall}"] if oncall else [])
    return "☎ " + " · ".join(parts) if parts else ""


class ActionsList(ExpandableTable):
    doneRequested = Signal(str)  # action code: ask when it was done

    def __init__(self, now_fn, parent=None):
        super().__init__(["Action", "Deadline", "Time left"], stretch=[6, 3, 2], parent=parent)
        self.setAccessibleName("Actions")
        self._now = now_fn
        self._assessment: dict | None = None
        self._contacts = ""

    def set_contacts(self, coordinator: str | None, oncall: str | None) -> None:
        """The site's numbers (engine.site_config), shown in the coordinator's row."""
        self._contacts = contacts_text(coordinator, oncall)
        self.tick()

    def contacts(self) -> str:
        return self._contacts

    def make_row_button(self, key: str):
        if actions_done.done_path(key) is None:
            return None
        button = QPushButton("Done…")
        button.setObjectName("doneButton")
        button.clicked.connect(lambda _c=False, k=key: self.doneRequested.emit(k))
        return button

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
            title = labels.word(labels.ACTIONS, code)
            text = str(action.get("text") or "")
            if code == COORDINATOR and self._contacts:
                text = f"{text}\n{self._contacts}" if text else self._contacts
            if action.get("done_at") and code in RESULT_NEEDED:
                text += f"\nDone: {RESULT_NEEDED[code]}."
            left, style = left_text(action, now)
            rows.append(TableRow(code, [Cell(f"{title}\n{text}" if text else title, "actionName"),
                                        Cell(due_text(action, assessed_at)), Cell(left, style)],
                                 basis_for(action, self._assessment).as_html(), accessible=title))
        self.set_rows(rows)
        for action in self._assessment.get("actions") or []:
            self._show_done(str(action.get("code")), action.get("done_at"), action)

    def _show_done(self, code: str, done_at, action: dict) -> None:
        button = self.row_button(code)
        if button is None:
            return
        title = labels.word(labels.ACTIONS, code)
        moment = parse_iso(done_at)
        text = f"✓ {moment.astimezone(ward_zone()):%H:%M}" if moment else "Done…"
        if button.text() != text:
            button.setText(text)
        name = (f"{title}: done at {clock_text(done_at)}; change or remove" if done_at
                else f"Mark done: {title}")
        if button.accessibleName() != name:
            button.setAccessibleName(name)
            button.setToolTip(name)
