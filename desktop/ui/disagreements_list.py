"""Where guidelines differ: shown side by side, never resolved by the app."""
from __future__ import annotations

from desktop import words
from desktop.basis import basis_for
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.table_rows import Cell, TableRow


class DisagreementsList(ExpandableTable):
    def __init__(self, parent=None):
        super().__init__(["What differs, and what is preferred"], parent=parent)
        self.setAccessibleName("Guideline disagreements")
        self.empty_text = "No guideline disagreements apply."

    def show_disagreements(self, assessment: dict) -> None:
        self.set_rows([TableRow(str(d.get("code")), [Cell(str(d.get("text") or d.get("code")))],
                                basis_for(d, assessment).as_html(),
                                accessible="Where guidelines differ: "
                                           + words.first_sentence(d.get("text") or d.get("code")))
                       for d in assessment.get("disagreements") or []])
