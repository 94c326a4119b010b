"""The window check of `mscc-pathway self-test`: start the real main window (offscreen
unless told otherwise), show a golden case in it, check that the engine's result
reached the screen, take a picture of it, and close it.

The window gets its own settings file and draft folder in a temporary directory, so
the check never touches, claims or purges the user's drafts. Any modal dialog that
appears (which would block an unattended run forever) is closed and reported as a
failure."""
from __future__ import annotations

import time
from pathlib import Path


class WindowCheckError(AssertionError):
    pass


def _wait(app, condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    app.processEvents()
    return bool(condition())


def check_window(workdir: Path, case: dict | None = None, expected_pathway: str | None = None,
                 screenshot: Path | None = None, timeout_s: float = 20.0) -> str:
    from desktop import crash_guard
    from desktop.app import create_application
    from desktop.drafts import DraftStore
    from desktop.settings import SettingsStore

    app = create_application([])
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    # Without a usable font Qt still starts, but every label is blank.
    families = QFontDatabase.families()
    if not families:
        raise WindowCheckError("no fonts found: the window would show no text (Debian: "
                               "apt-get install fonts-dejavu-core)")
    font_family = QFontInfo(app.font()).family()

    errors: list[str] = []
    dialogs: list[str] = []
    crash_guard.install()  # an exception in a slot is reported, not just printed
    crash_guard.add_listener(errors.append)

    def close_modal() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            dialogs.append(widget.windowTitle() or type(widget).__name__)
            widget.reject() if hasattr(widget, "reject") else widget.close()

    watchdog = QTimer()
    watchdog.setInterval(200)
    watchdog.timeout.connect(close_modal)
    watchdog.start()

    store = SettingsStore(path=workdir / "settings.json")
    (workdir / "drafts").mkdir(parents=True, exist_ok=True, mode=0o700)
    drafts = DraftStore(directory=workdir / "drafts")
    drafts.claim()
    window = MainWindow(store.load(), store, drafts, debounce_ms=0)
    try:
        started = time.perf_counter()
        window.resize(1366, 768)
        window.show()
        handle = window.windowHandle()
        if not _wait(app, lambda: window.isVisible() and handle is not None
                     and handle.isExposed(), timeout_s):
            raise WindowCheckError(f"the window was not shown within {timeout_s:g} s")
        shown_ms = (time.perf_counter() - started) * 1000
        if case is not None:
            window.session.replace_case(case)
            _wait(app, lambda: window.session.assessment is not None or errors, 2.0)
            assessment = window.session.assessment
            if assessment is None:
                raise WindowCheckError(f"the case was not assessed in the window (state "
                                       f"{window.session.state})")
            code = assessment["pathway"]["code"]
            wanted = [expected_pathway] if isinstance(expected_pathway, str) else expected_pathway
            if wanted is not None and code not in wanted:
                raise WindowCheckError(f"window shows pathway {code}, expected {expected_pathway}")
        app.processEvents()
        picture = window.grab()
        if picture.isNull() or picture.width() < 200 or picture.height() < 200:
            raise WindowCheckError(f"window picture is empty ({picture.width()}x"
                                   f"{picture.height()})")
        if screenshot is not None:
            picture.save(str(screenshot))
        window.close()
        if not _wait(app, lambda: not window.isVisible(), 5.0):
            raise WindowCheckError("the window did not close")
        if dialogs:
            raise WindowCheckError(f"unexpected dialog(s): {', '.join(dialogs)}")
        if errors:
            raise WindowCheckError(f"internal error in the window: {errors[0]}")
        return (f"{app.platformName()}, shown in {shown_ms:.0f} ms, "
                f"{picture.width()}x{picture.height()}, font {font_family}")
    finally:
        watchdog.stop()
        crash_guard.remove_listener(errors.append)
        if window.isVisible():
            window.autosaver.shutdown(keep_draft=False)
            window.hide()
        window.deleteLater()
        app.processEvents()
