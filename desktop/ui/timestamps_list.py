"""The audit time stamps (NICE QS56) the engine reports, with overdue ones in words."""
from __future__ import annotations

from desktop.time_text import clock_text
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
            rows.append(TableRow(str(stamp.get("code")), [
                Cell(str(stamp.get("label") or stamp.get("code"))),
                Cell(clock_text(stamp.get("at"), year=True, ref=assessed_at) or "not recorded"),
                Cell(clock_text(stamp.get("due_by"), year=True, ref=assessed_at)),
                Cell("OVERDUE" if overdue else "", "overdue" if overdue else "tableCell")],
                note.replace("&", "&amp;").replace("<", "&lt;")))
        self.set_rows(rows)
