"""Child process for the app-start and memory figures (run by bench/app_start.py).

    python bench/launch_child.py MODE T0 OUT SETTLE_MS [CASE.json]

MODE "app": the real entry point (desktop.launcher.main, as `mscc-pathway [CASE]`
runs it), with an event filter on the main window installed from outside: the desktop
code has no benchmark hook, so `desktop.app.build_window` is wrapped to install it.
The app paints its window before it opens the case and assesses it (MainWindow
defer_start), so a second mark, "ready", is the end of the first paint pass after the
session's first assessment (stateChanged): the case and its assessment on screen.
MODE "bare": a bare PySide6 QMainWindow, same size, launched the same way.

T0 is time.monotonic() in the parent just before it started this process
(CLOCK_MONOTONIC is system-wide on Linux, so the two clocks agree). On the window's
first Paint event the child notes the time, lets the paint pass finish (a 0 ms timer
fires after the synchronous paint and backing-store flush), waits SETTLE_MS for
anything queued behind the first frame, then writes JSON to OUT and exits with
os._exit (tear-down is not part of any figure)."""
import os
import sys
import time

T_MAIN = time.monotonic()  # first statement of the script: interpreter start-up is done

import json  # noqa: E402  (after T_MAIN on purpose)
import resource  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def main() -> None:
    mode, t0, out, settle_ms = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    case_args = sys.argv[5:]
    marks: dict = {"t_main": T_MAIN - t0}

    def make_recorder(wait_for_ready: bool):
        from PySide6.QtCore import QEvent, QObject, QTimer

        class FirstPaint(QObject):
            """Filters the window (first frame); with wait_for_ready also the whole
            application, for the first paint of any widget after the assessment."""

            def __init__(self):
                super().__init__()
                self.seen = False
                self.ready = not wait_for_ready
                self.assessed = False
                self.ready_paint_seen = False
                self.finishing = False

            def on_assessed(self, _state=None):
                self.assessed = True

            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() != QEvent.Type.Paint:
                    return False
                if not self.seen and obj is self.parent():
                    self.seen = True
                    marks["t_paint_begin"] = time.monotonic() - t0
                    QTimer.singleShot(0, self.painted)
                if self.assessed and not self.ready_paint_seen:
                    self.ready_paint_seen = True
                    QTimer.singleShot(0, self.ready_painted)
                return False

            def painted(self):
                marks["t_painted"] = time.monotonic() - t0
                marks["cpu_painted"] = time.process_time()  # whole process, robust to load
                self.maybe_finish()

            def ready_painted(self):
                marks["t_ready"] = time.monotonic() - t0
                marks["cpu_ready"] = time.process_time()
                self.ready = True
                self.maybe_finish()

            def maybe_finish(self):
                if self.ready and "t_painted" in marks and not self.finishing:
                    self.finishing = True
                    QTimer.singleShot(settle_ms, finish)

        return FirstPaint()

    def finish():
        marks["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        marks["vmhwm_kib"] = _status_kib("VmHWM")
        marks["vmrss_kib"] = _status_kib("VmRSS")
        from PySide6.QtGui import QGuiApplication

        marks["platform"] = QGuiApplication.platformName()
        if mode == "app":
            state = getattr(_window.get("w"), "session", None)
            marks["session_state"] = getattr(state, "state", None)
            marks["window_title"] = _window["w"].windowTitle()
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(marks, fh)
        sys.stdout.flush()
        os._exit(0)

    _window: dict = {}
    if mode == "app":
        import desktop.app as app_module

        original = app_module.build_window

        def build_window(*args, **kwargs):
            window = original(*args, **kwargs)
            recorder = make_recorder(wait_for_ready=True)
            recorder.setParent(window)
            window.installEventFilter(recorder)
            from PySide6.QtWidgets import QApplication

            QApplication.instance().installEventFilter(recorder)
            window.session.stateChanged.connect(recorder.on_assessed)
            _window["w"] = window
            return window

        app_module.build_window = build_window
        from desktop.launcher import main as launcher_main

        sys.exit(launcher_main(case_args))
    elif mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(["bare"])
        window = QMainWindow()
        window.setWindowTitle("bare")
        recorder = make_recorder(wait_for_ready=False)
        recorder.setParent(window)
        window.installEventFilter(recorder)
        screen = window.screen().availableGeometry()
        window.resize(min(1366, screen.width()), min(768, screen.height()))
        window.show()
        sys.exit(app.exec())
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
