"""A table whose rows open to show their details (the basis of a recommendation).

One widget draws the whole table: each row is a rich-text document (a one-row HTML
table with fixed column percentages, see table_rows), as tall as that document at the
width it is drawn, so long clinical text wraps and is never cut off. Rows are placed
here, not by nested box layouts of word-wrapped labels, which re-laid out all the text
several times per edit (see drawn_text). Each row has a focusable ▸ button (Space or
Enter opens it); the basis opens under the row as a selectable label, and rows stay
open across re-renders, so an explanation being read does not snap shut while the
doctor keeps typing."""
from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.drawn_text import DrawnText, settle_layouts
from desktop.ui.rich_doc import RichDoc
from desktop.ui.row_toggle import RowToggle
from desktop.ui.table_rows import Cell, TableRow, row_html

STRIPE = QColor("#f1f4f8")  # every other row
RULE = QColor("#e2e2e2")  # line under each row
GAP = 1  # between a row and its basis, and between rows
TOGGLE_GAP = 2  # between the ▸ column and the text


@dataclass(frozen=True)
class _Line:  # one row placed at the current width
    key: str
    top: int
    height: int
    detail_height: int  # 0 when closed


class ExpandableTable(DrawnText):
    toggled = Signal(str, bool)

    def __init__(self, headers: list[str], stretch: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.headers = headers
        weights = stretch or [1] * len(headers)
        total = sum(weights)
        self.widths = [round(100 * w / total) for w in weights]
        self._expanded: set[str] = set()
        self._rows: dict[str, TableRow] = {}
        self._docs: dict[str, RichDoc] = {}
        self._toggles: dict[str, RowToggle] = {}
        self._details: dict[str, QLabel] = {}
        self._buttons: dict[str, QWidget] = {}  # a row's own button in its last column
        self._detail_heights: dict[tuple[str, int], int] = {}
        self._lines: list[_Line] = []
        self._header = self.new_doc(row_html([Cell(h) for h in headers], self.widths, header=True))
        self._empty_text = "None."
        self._empty = self.new_doc(self._empty_html())
        self._toggle_size = RowToggle("").sizeHint()

    @property
    def empty_text(self) -> str:
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        self._empty_text = text
        if self._empty.set_html(self._empty_html()):
            self.changed()

    def _empty_html(self) -> str:
        return f"<i><span style='color:#555555'>{html.escape(self._empty_text)}</span></i>"

    # --- content -----------------------------------------------------------------
    def set_rows(self, rows: list[TableRow]) -> None:
        changed = [r.key for r in rows] != list(self._rows)
        if changed:
            self._add_and_remove(rows)
        self._rows = {row.key: row for row in rows}
        for row in rows:
            # Unchanged text keeps its document and its measured heights.
            changed = self._docs[row.key].set_html(row_html(row.cells, self.widths)) or changed
            changed = self._show_row_state(row) or changed
        text = "\n".join(row.text() for row in rows) or self._empty_text
        _set_if_changed(self.accessibleDescription, self.setAccessibleDescription, text)
        if changed:  # else nothing to lay out or repaint
            self.changed()

    def _show_row_state(self, row: TableRow) -> bool:
        """Button and basis of one row; True if its basis changed, opened or closed."""
        key = row.key
        toggle = self._toggles[key]
        toggle.setEnabled(bool(row.detail_html))
        _set_if_changed(toggle.accessibleName, toggle.setAccessibleName, _toggle_name(row))
        _set_if_changed(toggle.accessibleDescription, toggle.setAccessibleDescription, row.text())
        if key in self._expanded and not row.detail_html:  # nothing left to show
            self._expanded.discard(key)
            self.toggled.emit(key, False)
        shown = key in self._expanded
        toggle.set_open(shown)
        label = self._details.get(key)
        was_shown = label is not None and not label.isHidden()
        if not shown:
            if was_shown:
                label.hide()
            return was_shown
        changed = self._set_detail(key, row.detail_html)
        self._details[key].show()
        return changed or not was_shown

    def _add_and_remove(self, rows: list[TableRow]) -> None:
        # Widgets only for rows that are new; a row that stays keeps its button (and
        # the keyboard focus on it).
        keys = {row.key for row in rows}
        for key in [k for k in self._docs if k not in keys]:
            del self._docs[key]
            self._forget_detail_height(key)
            for widget in (self._toggles.pop(key), self._details.pop(key, None),
                           self._buttons.pop(key, None)):
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        for row in rows:
            if row.key not in self._docs:
                self._docs[row.key] = self.new_doc("")
                toggle = RowToggle(_toggle_name(row), self)
                toggle.toggled.connect(lambda checked, key=row.key: self.set_expanded(key, checked))
                toggle.show()
                self._toggles[row.key] = toggle
                button = self.make_row_button(row.key)
                if button is not None:
                    button.setParent(self)
                    button.show()
                    self._buttons[row.key] = button

    def _set_detail(self, key: str, detail_html: str) -> bool:
        """Make or update the row's basis label; True if its text changed."""
        label = self._details.get(key)
        if label is None:
            label = QLabel(self)
            label.setObjectName("rowDetail")
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self._details[key] = label
        if label.text() == detail_html:
            return False
        label.setText(detail_html)
        self._forget_detail_height(key)
        return True

    def _forget_detail_height(self, key: str) -> None:
        self._detail_heights = {k: h for k, h in self._detail_heights.items() if k[0] != key}

    def make_row_button(self, key: str) -> QWidget | None:
        """A subclass's button for a new row, placed over the row's last column (its
        cell there is left for it); None: no button."""
        return None

    def row_button(self, key: str) -> QWidget | None:
        return self._buttons.get(key)

    def _button_rect(self, top: int, width: int) -> QRect:
        reserve = self._text_right()
        return QRect(width - reserve + TOGGLE_GAP, top + 2, reserve - TOGGLE_GAP,
                     self._button_height())

    def _button_height(self) -> int:
        return max((b.sizeHint().height() for b in self._buttons.values()), default=0)

    def _text_right(self) -> int:
        """Room kept at the right of the rows for their buttons (as wide as the widest
        button's words need, whatever the zoom)."""
        widest = max((b.sizeHint().width() for b in self._buttons.values()), default=0)
        return widest + TOGGLE_GAP if widest else 0

    # --- expanding -----------------------------------------------------------------
    def set_expanded(self, key: str, expanded: bool) -> None:
        row = self._rows.get(key)
        if row is None or (expanded and not row.detail_html):
            if key in self._toggles:
                self._toggles[key].set_open(self.is_expanded(key))
            return
        (self._expanded.add if expanded else self._expanded.discard)(key)
        self._show_row_state(row)
        self.changed()
        settle_layouts()  # the basis shows whole in the first frame
        self.toggled.emit(key, expanded)

    def is_expanded(self, key: str) -> bool:
        return key in self._expanded and key in self._rows

    # --- placing and drawing ---------------------------------------------------------
    def documents(self) -> list[RichDoc]:
        return [self._header, self._empty, *self._docs.values()]

    def font_changed(self) -> None:
        self._detail_heights.clear()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.StyleChange:  # the style sheet sizes the labels
            self._detail_heights.clear()
            self._toggle_size = RowToggle("").sizeHint()
            self.changed()

    def _text_left(self) -> int:
        return self._toggle_size.width() + TOGGLE_GAP

    def _layout(self, width: int) -> tuple[list[_Line], int]:
        if not self._rows:
            return [], self._empty.height(width)
        text_width = max(width - self._text_left() - self._text_right(), 1)
        top = self._header.height(text_width) + GAP
        lines = []
        for key in self._rows:
            height = max(self._docs[key].height(text_width) + 1, self._toggle_size.height(),
                         self._button_height() + 4 if key in self._buttons else 0)
            detail = self._detail_height(key, text_width) if key in self._expanded else 0
            lines.append(_Line(key, top, height, detail))
            top += height + (detail + GAP if detail else 0) + GAP
        return lines, top - GAP

    def _detail_height(self, key: str, width: int) -> int:
        height = self._detail_heights.get((key, width))
        if height is None:
            label = self._details[key]
            label.ensurePolished()
            height = self._detail_heights[(key, width)] = label.heightForWidth(width)
        return height

    def content_height(self, width: int) -> int:
        return self._layout(width)[1]

    def place(self, width: int) -> None:
        self._lines, _height = self._layout(width)
        left = self._text_left()
        for line in self._lines:
            self._toggles[line.key].setGeometry(QRect(0, line.top, self._toggle_size.width(),
                                                      self._toggle_size.height()))
            if line.key in self._buttons:
                self._buttons[line.key].setGeometry(self._button_rect(line.top, width))
            if line.detail_height:
                self._details[line.key].setGeometry(
                    QRect(left, line.top + line.height + GAP, width - left - self._text_right(),
                          line.detail_height))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        if not self._rows:
            self._empty.draw(painter, 0, 0, self.width(), palette)
            return
        left = self._text_left()
        width = self.width() - left - self._text_right()
        self._header.draw(painter, left, 0, width, palette)
        for index, line in enumerate(self._lines):
            rect = QRect(left, line.top, width, line.height)
            if not rect.intersects(event.rect()):
                continue
            if index % 2:
                painter.fillRect(rect, STRIPE)
            painter.fillRect(QRect(left, rect.bottom(), width, 1), RULE)
            self._docs[line.key].draw(painter, left, line.top, width, palette)

    def copy_text(self, pos) -> str:
        for line in self._lines:
            if line.top <= pos.y() < line.top + line.height:
                return self._rows[line.key].text()
        return ""

    # --- reading back (tests, accessibility, screenshots) --------------------------------
    def keys(self) -> list[str]:
        return list(self._rows)

    def cell_texts(self, key: str) -> list[str]:
        return [c.text for c in self._rows[key].cells]

    def row_text(self, key: str) -> str:
        """The row as drawn (its document's text)."""
        return self._docs[key].plain_text()

    def row_rect(self, key: str) -> QRect:
        """Where the row is drawn (without its basis)."""
        for line in self._lines:
            if line.key == key:
                return QRect(self._text_left(), line.top,
                             self.width() - self._text_left() - self._text_right(), line.height)
        return QRect()

    def row_document(self, key: str) -> QTextDocument:
        """The document the row is drawn from."""
        return self._docs[key].document

    def detail_text(self, key: str) -> str:
        return self._rows[key].detail_html

    def toggle_button(self, key: str) -> RowToggle:
        return self._toggles[key]

    def toggles(self) -> list[RowToggle]:
        """The rows' buttons, top to bottom (made as rows appear: the panel puts them
        in its tab order)."""
        return [self._toggles[key] for key in self._rows]

    def focus_widgets(self) -> list[QWidget]:
        """Each row's ▸ button, then its own button if it has one, top to bottom."""
        out: list[QWidget] = []
        for key in self._rows:
            out.append(self._toggles[key])
            if key in self._buttons:
                out.append(self._buttons[key])
        return out

    def detail_label(self, key: str) -> QLabel | None:
        """The basis as shown; None until the row was first opened."""
        return self._details.get(key)


def _toggle_name(row: TableRow) -> str:
    """What a screen reader says for the row's ▸ button: words, never an engine code."""
    return f"Show basis: {row.accessible or row.cells[0].text}"


def _set_if_changed(get, set_, value: str) -> None:
    if get() != value:
        set_(value)
