"""Base of the assessment panel's text blocks (tables, scores): a widget that lays out
and draws its own rich-text documents (RichDoc) and is sized height-for-width.

Why not word-wrapped QLabels in box layouts: each edit then made Qt ask every label
for its height at several widths, a full text layout per answer, and a label whose
text changed always sent a layout request up the panel, one more frame per level
(bench/README.md, "Recompute"). Here heights are cached per width, and a change that
keeps the height only repaints."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from desktop.ui.rich_doc import RichDoc

HINT_WIDTH = 480  # only the layouts' first guess; the height always follows the width
LAYOUT_LEVELS = 5  # table > section > panel body > scroll area, and one to spare


def settle_layouts() -> None:
    """Run the layout requests a change posted, now. Qt handles them one widget level
    per turn of the event loop, and paints in between: a row that grew was drawn cut
    off, then drawn again, up to three frames per edit."""
    for _ in range(LAYOUT_LEVELS):
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)


class DrawnText(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._font = self.font()
        self._laid_height = -1  # the height the layouts were last told about

    # --- for subclasses ------------------------------------------------------------
    def documents(self) -> list[RichDoc]:
        raise NotImplementedError

    def content_height(self, width: int) -> int:
        raise NotImplementedError

    def place(self, width: int) -> None:
        """Position child widgets for this width (none by default)."""

    def copy_text(self, pos) -> str:
        """What "Copy" puts on the clipboard for a right-click at pos."""
        return "\n".join(doc.plain_text() for doc in self.documents())

    def new_doc(self, html: str) -> RichDoc:
        return RichDoc(html, self.font())

    def changed(self) -> None:
        """Call after the content changed. A new height goes to the layouts; the same
        height only repaints, so typing does not re-lay out the whole panel."""
        self._sync_font()
        if not self.isVisible():
            self._laid_height = -1
            self.updateGeometry()
            return
        height = self.content_height(self.width())
        if height != self._laid_height:
            self._laid_height = height
            self.updateGeometry()
        self.place(self.width())
        self.update()

    # --- Qt sizing -------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        self._sync_font()
        return self.content_height(width)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self.width() if self._laid_height >= 0 else HINT_WIDTH
        return QSize(HINT_WIDTH, self.content_height(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._sync_font()
        height = self.content_height(self.width())
        self._laid_height = height
        self.place(self.width())
        if height != self.height():
            # The layouts used a height cached for this width before the text
            # changed: ask again rather than cut off the last lines.
            self.updateGeometry()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._sync_font()
        self.place(self.width())

    def event(self, event) -> bool:
        if event.type() == QEvent.LayoutRequest:  # a child (a detail label) changed size
            self.changed()
        return super().event(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        text = self.copy_text(event.pos())
        if not text:
            return
        menu = QMenu(self)
        menu.addAction("Copy", lambda: QGuiApplication.clipboard().setText(text))
        menu.exec(event.globalPos())

    def _sync_font(self) -> None:
        # The style sheet sets the font when the widget is polished, after the
        # documents were made: follow it, and re-measure.
        font = self.font()
        if font != self._font:
            self._font = font
            for doc in self.documents():
                doc.set_font(font)
            self.font_changed()
            self.updateGeometry()

    def font_changed(self) -> None:
        """Drop anything measured with the old font (subclasses)."""
