"""Keeps the draft of the open case on disk: a second after each change and every few
seconds while there are unsaved changes. Saving the case (or discarding it) removes
the draft; a crash leaves it for the next start to offer."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.drafts import DraftStore

log = logging.getLogger(__name__)


class Autosaver(QObject):
    failedToSave = Signal(str)
    saved = Signal()

    def __init__(self, session, store: DraftStore, interval_ms: int = 5000,
                 after_change_ms: int = 1000, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.store = store
        self._changed = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(after_change_ms)
        self._soon.timeout.connect(self.write_now)
        self._every = QTimer(self)
        self._every.setInterval(interval_ms)
        self._every.timeout.connect(self._periodic)
        self._every.start()
        session.caseEdited.connect(self._on_edit)
        session.caseReplaced.connect(self._on_replaced)
        session.dirtyChanged.connect(self._on_dirty)

    def _on_edit(self, _path: str) -> None:
        self._changed = True
        self._soon.start()

    def _on_replaced(self) -> None:
        if self.session.dirty:  # a recovered draft: protect it again at once
            self._changed = True
            self.write_now()
        else:
            self._changed = False
            self.store.discard_own()

    def _on_dirty(self, dirty: bool) -> None:
        if not dirty:
            self._changed = False
            self._soon.stop()
            self.store.discard_own()

    def _periodic(self) -> None:
        if self._changed:
            self.write_now()

    def write_now(self) -> None:
        self._soon.stop()
        if not self.session.dirty:
            return
        try:
            self.store.write(self.session.case(), self.session.file_path)
        except OSError as exc:
            log.error("draft could not be written: %s", type(exc).__name__)
            self.failedToSave.emit(f"The draft could not be saved ({exc.strerror or exc}).")
            return
        self._changed = False
        self.saved.emit()

    def shutdown(self, keep_draft: bool) -> None:
        self._every.stop()
        self._soon.stop()
        if not keep_draft:
            self.store.discard_own()
        self.store.release()
