"""Alerts, most severe first, severity in words as well as colour."""
from __future__ import annotations

from desktop import words
from desktop.basis import basis_for
from desktop.ui.expandable_table import Cell, ExpandableTable, TableRow

ORDER = {"critical": 0, "warning": 1, "info": 2}


class AlertsList(ExpandableTable):
    def __init__(self, parent=None):
        super().__init__(["Severity", "Alert"], stretch=[1, 6], parent=parent)
        self.setAccessibleName("Alerts")
        self.empty_text = "No alerts."

    def show_alerts(self, assessment: dict) -> None:
        alerts = sorted(assessment.get("alerts") or [],
                        key=lambda a: ORDER.get(a.get("severity"), 3))
        rows = []
        for alert in alerts:
            severity = str(alert.get("severity"))
            rows.append(TableRow(str(alert.get("code")), [
                Cell(words.word(words.SEVERITY, severity), f"severity_{severity}"),
                Cell(str(alert.get("text") or alert.get("code")))],
                basis_for(alert, assessment).as_html(), accessible=str(alert.get("code"))))
        self.set_rows(rows)
