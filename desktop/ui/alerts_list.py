"""Alerts, most severe first, severity in words as well as colour."""
from __future__ import annotations

from engine.report.handover import readable  # the paper's words (issue 20)
from engine.report import labels
from desktop import words
from desktop.basis import basis_for
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow


class AlertsList(ExpandableTable):
    def __init__(self, parent=None):
        super().__init__(["Severity", "Alert"], stretch=[1, 6], parent=parent)
        self.setAccessibleName("Alerts")
        self.empty_text = "No alerts."

    def show_alerts(self, assessment: dict) -> None:
        alerts = assessment.get("alerts") or []  # the engine's order: most severe first
        rows = []
        seen: dict[str, int] = {}
        for alert in alerts:
            severity = str(alert.get("severity"))
            # A code can repeat (one stale_result per stale lab): number the repeats so
            # each row keeps its own key, and with it its open/closed state, instead of
            # every update rebuilding the table.
            code = str(alert.get("code"))
            seen[code] = seen.get(code, 0) + 1
            key = code if seen[code] == 1 else f"{code}#{seen[code]}"
            rows.append(TableRow(key, [
                Cell(labels.word(labels.SEVERITY, severity), f"severity_{severity}"),
                Cell(readable(alert.get("text") or alert.get("code")))],
                basis_for(alert, assessment).as_html(),
                accessible=f"{labels.word(labels.SEVERITY, severity)} alert: "
                           f"{words.first_sentence(alert.get('text') or code)}"))
        self.set_rows(rows)
