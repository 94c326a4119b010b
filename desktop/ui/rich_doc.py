"""One rich-text document drawn by the widget that owns it, with its height cached
per width. Qt's layouts ask the assessment panel for heights at several widths, many
times per edit; with a word-wrapped QLabel every answer was a full text layout, most
of the time of an edit (bench/README.md, "Recompute"). Not a widget: the tables hold
one of these per row."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import (QAbstractTextDocumentLayout, QFont, QPainter, QPalette, QTextDocument,
                           QTextOption)

_MAX_WIDTHS = 8  # a window being resized asks for many widths; keep the recent few


class RichDoc:
    def __init__(self, html: str, font: QFont):
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        self.document.setUndoRedoEnabled(False)
        self.document.setDefaultFont(font)
        # As a word-wrapped QLabel: break between words only. The document's default
        # also breaks inside words, which squeezed table columns to "Dexamethason|e".
        option = self.document.defaultTextOption()
        option.setWrapMode(QTextOption.WordWrap)
        self.document.setDefaultTextOption(option)
        self.html: str | None = None
        self._heights: dict[int, int] = {}
        self.set_html(html)

    def set_html(self, html: str) -> bool:
        """True if the text changed (unchanged text keeps its layout and heights)."""
        if html == self.html:
            return False
        self.html = html
        self.document.setHtml(html)
        self._heights.clear()
        return True

    def set_font(self, font: QFont) -> None:
        if font != self.document.defaultFont():
            self.document.setDefaultFont(font)
            self._heights.clear()

    def height(self, width: int) -> int:
        """The full height of the text wrapped at `width`, rounded up: never less than
        what draw() paints at that width, so no line is cut off."""
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _MAX_WIDTHS:
                self._heights.clear()
            self.document.setTextWidth(width)
            height = self._heights[width] = math.ceil(self.document.size().height())
        return height

    def draw(self, painter: QPainter, x: int, y: int, width: int, palette: QPalette) -> None:
        if self.document.textWidth() != width:
            self.document.setTextWidth(width)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = palette
        painter.save()
        painter.translate(QPointF(x, y))
        self.document.documentLayout().draw(painter, context)
        painter.restore()

    def plain_text(self) -> str:
        return self.document.toPlainText()
