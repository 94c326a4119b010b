"""A table whose rows open to show their details (the basis of a recommendation).

Each row is one rich-text label holding a one-row HTML table with fixed column
percentages, so columns line up from row to row and long clinical text wraps with
its full height (a grid of word-wrapped labels measured rows too short and cut off
the last lines). Each row has a focusable ▸ button (Space opens it), and rows stay
open across re-renders, so an explanation being read does not snap shut while the
doctor keeps typing."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

# Badge colours (background, text). Words are always in the cell too.
BADGES = {
    "status_recommended": ("#1f6b2c", "#ffffff"),
    "status_consider": ("#dbe9ff", "#0b2e66"),
    "status_pending": ("#ffe08a", "#000000"),
    "status_withheld": ("#b3001b", "#ffffff"),
    "status_stop": ("#b3001b", "#ffffff"),
    "status_taper": ("#e6d8ff", "#2d145c"),
    "status_not_indicated": ("", "#555555"),
    "severity_critical": ("#b3001b", "#ffffff"),
    "severity_warning": ("#ffe08a", "#000000"),
    "severity_info": ("#dbe9ff", "#0b2e66"),
    "overdue": ("#b3001b", "#ffffff"),
}
BOLD = {"actionName", "orderName", "overdue"} | {k for k in BADGES if k != "status_not_indicated"}


@dataclass
class Cell:
    text: str
    style: str = ""


@dataclass
class TableRow:
    key: str
    cells: list[Cell]
    detail_html: str = ""
    accessible: str = ""  # what the ▸ button reads out
    extra: dict = field(default_factory=dict)


def _cell_html(cell: Cell, width: int) -> str:
    text = html.escape(cell.text).replace("\n", "<br>")
    first, _, rest = text.partition("<br>")
    if cell.style in BOLD and cell.style in ("actionName", "orderName"):
        text = f"<b>{first}</b>" + (f"<br>{rest}" if rest else "")
    elif cell.style in BOLD:
        text = f"<b>{text}</b>"
    bg, fg = BADGES.get(cell.style, ("", ""))
    if bg or fg:
        # A badge: coloured box around the words only, not the whole row height.
        text = (f"<table cellpadding=2 cellspacing=0><tr><td"
                f"{f' bgcolor={bg}' if bg else ''}><span style='color:{fg}'>{text}</span>"
                f"</td></tr></table>")
    return f"<td width='{width}%' valign='top'>{text}</td>"


def row_html(cells: list[Cell], widths: list[int], header: bool = False) -> str:
    if header:
        body = "".join(f"<td width='{w}%'><b>{html.escape(c.text)}</b></td>"
                       for c, w in zip(cells, widths))
    else:
        body = "".join(_cell_html(c, w) for c, w in zip(cells, widths))
    return f"<table width='100%' cellspacing=0 cellpadding=2><tr>{body}</tr></table>"


class ExpandableTable(QWidget):
    toggled = Signal(str, bool)

    def __init__(self, headers: list[str], stretch: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.headers = headers
        weights = stretch or [1] * len(headers)
        total = sum(weights)
        self.widths = [round(100 * w / total) for w in weights]
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self._expanded: set[str] = set()
        self._rows: dict[str, TableRow] = {}
        self._row_widgets: dict[str, tuple[QToolButton, QLabel, QLabel]] = {}
        self._dynamic: list[QWidget] = []
        self.empty_text = "None."
        self.set_rows([])

    # --- content -----------------------------------------------------------------
    def set_rows(self, rows: list[TableRow]) -> None:
        if rows and [r.key for r in rows] == list(self._rows):
            self._update_rows(rows)  # same rows: change texts in place, no new widgets
            return
        for widget in self._dynamic:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self._dynamic = []
        self._rows = {row.key: row for row in rows}
        self._row_widgets = {}
        if not rows:
            self._add(self._label(html.escape(self.empty_text), "emptyTable"))
            return
        self._add(self._line(None, self._label(row_html(
            [Cell(h) for h in self.headers], self.widths, header=True), "tableHeader")))
        for index, row in enumerate(rows):
            button = QToolButton()
            button.setObjectName("rowToggle")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setEnabled(bool(row.detail_html))
            button.setAccessibleName(f"Show basis: {row.accessible or row.cells[0].text}")
            button.setToolTip("Show why (rule, source, inputs)")
            content = self._label(row_html(row.cells, self.widths), "tableRow")
            content.setProperty("stripe", "odd" if index % 2 else "even")
            content.setAccessibleName(" — ".join(c.text.replace("\n", ": ") for c in row.cells))
            detail = self._label(row.detail_html, "rowDetail")
            open_ = row.key in self._expanded and bool(row.detail_html)
            detail.setVisible(open_)
            button.setChecked(open_)
            button.setArrowType(Qt.DownArrow if open_ else Qt.RightArrow)
            button.toggled.connect(lambda checked, key=row.key: self.set_expanded(key, checked))
            self._add(self._line(button, content, detail))
            self._row_widgets[row.key] = (button, content, detail)

    def _update_rows(self, rows: list[TableRow]) -> None:
        # Re-creating ~300 styled labels on every keystroke froze typing for half a
        # second; setText() on an unchanged text costs nothing.
        self._rows = {row.key: row for row in rows}
        for row in rows:
            button, content, detail = self._row_widgets[row.key]
            content.setText(row_html(row.cells, self.widths))
            content.setAccessibleName(" — ".join(c.text.replace("\n", ": ") for c in row.cells))
            detail.setText(row.detail_html)
            button.setEnabled(bool(row.detail_html))
            if not row.detail_html and row.key in self._expanded:
                self.set_expanded(row.key, False)

    def _label(self, rich: str, name: str) -> QLabel:
        label = QLabel(rich)
        label.setObjectName(name)
        label.setTextFormat(Qt.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _line(self, button: QToolButton | None, content: QLabel, detail: QLabel | None = None) -> QWidget:
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        if button is None:
            spacer = QWidget()
            spacer.setFixedWidth(QToolButton().sizeHint().width())
            row.addWidget(spacer)
        else:
            row.addWidget(button, 0, Qt.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(content)
        if detail is not None:
            column.addWidget(detail)
        row.addLayout(column, 1)
        return line

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._dynamic.append(widget)

    # --- expanding -----------------------------------------------------------------
    def set_expanded(self, key: str, expanded: bool) -> None:
        if key not in self._row_widgets:
            return
        button, _content, detail = self._row_widgets[key]
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
        return [c.text for c in self._rows[key].cells]

    def row_label(self, key: str) -> QLabel:
        return self._row_widgets[key][1]

    def detail_text(self, key: str) -> str:
        return self._row_widgets[key][2].text()

    def toggle_button(self, key: str) -> QToolButton:
        return self._row_widgets[key][0]

    def detail_label(self, key: str) -> QLabel:
        return self._row_widgets[key][2]
