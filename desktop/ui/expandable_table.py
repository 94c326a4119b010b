"""A table whose rows open to show their details (the basis of a recommendation).

Built from labels in a grid rather than a QTreeView so that long clinical text wraps
instead of being cut off. Each row has a focusable ▸ button (Space/Enter opens it),
and rows stay open across re-renders, so an explanation being read does not snap
shut while the doctor keeps typing."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget


@dataclass
class Cell:
    text: str
    style: str = ""  # object name picked up by the style sheet (e.g. status colours)


@dataclass
class TableRow:
    key: str
    cells: list[Cell]
    detail_html: str = ""
    accessible: str = ""  # what the ▸ button reads out
    extra: dict = field(default_factory=dict)


class ExpandableTable(QWidget):
    toggled = Signal(str, bool)

    def __init__(self, headers: list[str], stretch: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.headers = headers
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        for col, weight in enumerate(stretch or [1] * len(headers)):
            self._grid.setColumnStretch(col + 1, weight)
        self._expanded: set[str] = set()
        self._rows: dict[str, TableRow] = {}
        self._row_widgets: dict[str, tuple[QToolButton, list[QLabel], QLabel]] = {}
        self._dynamic: list[QWidget] = []
        self.empty_text = "None."
        self.set_rows([])

    # --- content -----------------------------------------------------------------
    def set_rows(self, rows: list[TableRow]) -> None:
        for widget in self._dynamic:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._dynamic = []
        self._rows = {row.key: row for row in rows}
        self._row_widgets = {}
        grid_row = 0
        if not rows:
            empty = self._label(self.empty_text, "emptyTable")
            self._place(empty, 0, 1, 1, len(self.headers))
            return
        for col, title in enumerate(self.headers):
            self._place(self._label(title, "tableHeader"), grid_row, col + 1)
        grid_row += 1
        for index, row in enumerate(rows):
            stripe = "odd" if index % 2 else "even"
            button = QToolButton(self)
            button.setObjectName("rowToggle")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setEnabled(bool(row.detail_html))
            button.setAccessibleName(f"Show basis: {row.accessible or row.cells[0].text}")
            button.setToolTip("Show why (rule, source, inputs)")
            self._place(button, grid_row, 0, alignment=Qt.AlignTop)
            labels = []
            for col, cell in enumerate(row.cells):
                label = self._label(cell.text, cell.style or "tableCell")
                label.setProperty("stripe", stripe)
                self._place(label, grid_row, col + 1)
                labels.append(label)
            detail = QLabel(self)
            detail.setObjectName("rowDetail")
            detail.setTextFormat(Qt.RichText)
            detail.setWordWrap(True)
            detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
            detail.setText(row.detail_html)
            self._place(detail, grid_row + 1, 1, 1, len(self.headers))
            open_ = row.key in self._expanded and bool(row.detail_html)
            detail.setVisible(open_)
            button.setChecked(open_)
            button.setArrowType(Qt.DownArrow if open_ else Qt.RightArrow)
            button.toggled.connect(lambda checked, key=row.key: self.set_expanded(key, checked))
            self._row_widgets[row.key] = (button, labels, detail)
            grid_row += 2

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        return label

    def _place(self, widget: QWidget, row: int, col: int, rows: int = 1, cols: int = 1,
               alignment=Qt.Alignment()) -> None:
        self._grid.addWidget(widget, row, col, rows, cols, alignment)
        self._dynamic.append(widget)

    # --- expanding -----------------------------------------------------------------
    def set_expanded(self, key: str, expanded: bool) -> None:
        if key not in self._row_widgets:
            return
        button, _labels, detail = self._row_widgets[key]
        if expanded and not button.isEnabled():
            return
        (self._expanded.add if expanded else self._expanded.discard)(key)
        detail.setVisible(expanded)
        button.blockSignals(True)
        button.setChecked(expanded)
        button.blockSignals(False)
        button.setArrowType(Qt.DownArrow if expanded else Qt.RightArrow)
        self.toggled.emit(key, expanded)

    def is_expanded(self, key: str) -> bool:
        return key in self._expanded and key in self._row_widgets

    # --- reading back (tests, accessibility) ---------------------------------------
    def keys(self) -> list[str]:
        return list(self._rows)

    def cell_texts(self, key: str) -> list[str]:
        return [label.text() for label in self._row_widgets[key][1]]

    def detail_text(self, key: str) -> str:
        return self._row_widgets[key][2].text()

    def toggle_button(self, key: str) -> QToolButton:
        return self._row_widgets[key][0]

    def detail_label(self, key: str) -> QLabel:
        return self._row_widgets[key][2]
