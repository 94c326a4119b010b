"""A block of wrapped rich text drawn from documents stacked top to bottom, one per
part (see drawn_text): a part whose text changed is the only one laid out again, and
a new text of the same height only repaints, where a QLabel would re-lay out the
whole panel on every edit (the panel footer and the calcium score change with each
keystroke). Not selectable; a right click offers Copy."""
from __future__ import annotations

import html

from PySide6.QtGui import QPainter

from desktop.ui.drawn_text import DrawnText
from desktop.ui.rich_doc import RichDoc


class TextBlock(DrawnText):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._docs: list[RichDoc] = []

    def set_parts(self, parts: list[str]) -> bool:
        """Rich-text parts, top to bottom. True if anything changed."""
        changed = len(parts) != len(self._docs)
        del self._docs[len(parts):]
        self._docs.extend(self.new_doc("") for _ in range(len(parts) - len(self._docs)))
        for doc, rich in zip(self._docs, parts):
            changed = doc.set_html(rich) or changed
        if changed:
            self.setAccessibleDescription(self.text())
            self.changed()
        return changed

    def set_text(self, text: str) -> bool:
        return self.set_parts([html.escape(text).replace("\n", "<br>")] if text else [])

    def text(self) -> str:
        return "\n".join(doc.plain_text() for doc in self._docs)

    def documents(self) -> list[RichDoc]:
        return self._docs

    def content_height(self, width: int) -> int:
        return sum(doc.height(width) for doc in self._docs)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        top = 0
        for doc in self._docs:
            height = doc.height(self.width())
            if top <= event.rect().bottom() and top + height > event.rect().top():
                doc.draw(painter, 0, top, self.width(), self.palette())
            top += height
