"""The orders: every order the engine knows, each with its status in words and
colour. A row opens to its basis: reason, schedule, alternatives (never applied
silently), rule, source citations, inputs and thresholds."""
from __future__ import annotations

import html

from engine.report.handover import readable  # the paper's words (issue 20)
from engine.report import labels
from desktop.basis import basis_for
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow
from engine import field_labels


def unrecorded_checks(order: dict, assessment: dict) -> list[str]:
    """The checks the engine's rule for this order found not recorded (its trace's
    `unrecorded`), named as the form names them ("Acute DVT")."""
    rule = order.get("rule")
    found: list[str] = []
    for entry in assessment.get("trace") or []:
        inputs = entry.get("inputs") if isinstance(entry, dict) else None
        if entry.get("rule") != rule or not isinstance(inputs, dict):
            continue
        for name in inputs.get("unrecorded") or []:
            path = str(name) if "." in str(name) else f"history.{name}"
            label = field_labels.section_and_label(path)[1]
            if label not in found:
                found.append(label)
    return found


def status_note(order: dict, assessment: dict) -> str:
    """Said beside the status: an order to give only once unrecorded checks are done
    (IPC is RECOMMENDED by the engine with its leg checks still to do)."""
    if order.get("status") not in ("recommended", "consider"):
        return ""
    checks = unrecorded_checks(order, assessment)
    return ("check first — not recorded: " + ", ".join(checks)) if checks else ""


def order_row(order: dict, assessment: dict) -> TableRow:
    code = str(order.get("code"))
    status = str(order.get("status"))
    cells = [
        Cell(labels.word(labels.ORDERS, code), "orderName"),
        Cell(labels.word(labels.STATUS, status).upper(), f"status_{status}",
             status_note(order, assessment)),
        Cell(" · ".join(p for p in (str(order.get("drug") or ""), labels.dose_text(order.get("dose")),
                                    str(order.get("route") or ""), str(order.get("frequency") or ""))
                        if p)),
        Cell(readable(order.get("reason") or "")),
    ]
    return TableRow(code, cells, _detail(order, assessment), accessible=cells[0].text)


def _detail(order: dict, assessment: dict) -> str:
    esc = html.escape
    parts = []
    for step in order.get("schedule") or []:
        dates = ""
        if step.get("date_from"):
            dates = f" ({esc(str(step.get('date_from')))} to {esc(str(step.get('date_to')))})"
        parts.append(f"<b>Day {step.get('day_from')}–{step.get('day_to')}</b>{dates}: "
                     f"{esc(labels.dose_text(step.get('dose')))} {esc(str(step.get('text') or ''))}")
    for alt in order.get("alternatives") or []:
        parts.append(f"<b>Alternative</b> {esc(str(alt.get('label', '')))}: "
                     f"{esc(labels.dose_text(alt.get('dose')))} {esc(str(alt.get('route') or ''))}"
                     f" — {esc(str(alt.get('note') or ''))}")
    parts.append(basis_for(order, assessment).as_html())
    return "<br>".join(parts)


class OrdersTable(ExpandableTable):
    def __init__(self, parent=None):
        # Drug, dose, route and frequency share one column so the table fits a
        # half-screen panel at 1366x768 without sideways scrolling.
        super().__init__(["Order", "Status", "Drug · dose · route · frequency", "Reason"],
                         stretch=[3, 2, 5, 5], parent=parent)
        self.setAccessibleName("Orders")

    def show_orders(self, assessment: dict) -> None:
        self.set_rows([order_row(o, assessment) for o in assessment.get("orders") or []])

    def status_of(self, code: str) -> str:
        return self.cell_texts(code)[1]
