"""The audit time stamps (NICE QS56) the engine reports, with overdue ones in words."""
from __future__ import annotations

from desktop.time_text import ward_zone
from engine.report import timefmt
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow


class TimestampsList(ExpandableTable):
    def __init__(self, parent=None):
        super().__init__(["Audit time stamp", "Recorded", "Due by", ""], stretch=[4, 3, 3, 2],
                         parent=parent)
        self.setAccessibleName("Audit time stamps")

    def show_timestamps(self, assessment: dict) -> None:
        rows = []
        assessed_at = assessment.get("assessed_at")
        for stamp in assessment.get("timestamps") or []:
            overdue = bool(stamp.get("overdue"))
            note = str(stamp.get("note") or "")
            at, due = timefmt.clock_pair(stamp.get("at"), stamp.get("due_by"), ward_zone(),
                                         year=True, ref=assessed_at)
            rows.append(TableRow(str(stamp.get("code")), [
                Cell(str(stamp.get("label") or stamp.get("code"))),
                Cell(at or "not recorded"), Cell(due),
                Cell("OVERDUE" if overdue else "", "overdue" if overdue else "tableCell")],
                note.replace("&", "&amp;").replace("<", "&lt;")))
        self.set_rows(rows)
