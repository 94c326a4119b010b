"""Child process for the recompute figures (run by bench/recompute.py).

    python bench/recompute_child.py OUT CASE.json EDITS DEBOUNCE_MS|default

Builds the real main window (desktop.app.create_application + build_window, as
`run()` does, with the session's debounce as given or its default), opens CASE, shows
the window, scrolls the assessment panel to the scores (where the edit shows) and waits
for it to settle. Then it edits one field through the real widget, EDITS times: a key
press (QTest.keyClick) in the calcium value box, alternately appending "5" (11.0 ->
11.05 mg/dL) and deleting it again, so that every edit gives a valid case with a
different assessment.

Per edit it records, from just before the key press:
- rendered_ms: the session emitted the new assessment and the panel has rendered it
  (our slot is connected after the panel's);
- first_paint_ms: the first Paint event of any widget of the assessment panel after
  that (the first frame showing the new assessment begins);
- painted_ms: the end of the last paint pass that painted the panel before the panel
  stayed unpainted for QUIET_MS (the end of a pass is a 0 ms timer started in it; the
  layouts of rebuilt rows and word-wrapped labels can take further frames) - the
  figure reported: the panel is final on screen;
- paint_passes: how many frames that took;
- cpu_ms: CPU time of this process from the key press to that last frame (robust to
  other work on the machine);
and, as the baseline, engine_ms: engine.assess() of the same case alone, in this
process, right after."""
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

QUIET_MS = int(os.environ.get("BENCH_QUIET_MS", "150"))
FIELD = "labs.calcium"


def main() -> None:
    out, case_path, edits, debounce = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    t_start = time.perf_counter()
    from desktop import app as app_module
    from desktop import crash_guard

    crash_guard.setup_logging()
    crash_guard.install()
    app = app_module.create_application([])
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest

    import engine

    kwargs = {} if debounce == "default" else {"debounce_ms": int(debounce)}
    window = app_module.build_window(**kwargs)
    app_module.fit_to_screen(window)
    window.show()
    t_open = time.perf_counter()
    if not window.files.open_path(case_path, ask=False):
        raise SystemExit(f"could not open {case_path}")
    open_ms = (time.perf_counter() - t_open) * 1000.0
    session, panel = window.session, window.panel
    debounce_ms = session.debounce_ms  # what was measured

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    spin(600)  # first frame, layouts, everything queued behind the opening
    if session.state != "ok":
        raise SystemExit(f"case did not give an assessment: {session.state}")
    # The edit changes the corrected calcium under "Scores": keep it on screen, so the
    # figure is the time until the change can be seen. (A panel that repaints only what
    # changed paints nothing while the scores are scrolled out of view.)
    panel.scroll.verticalScrollBar().setValue(panel.sections["scores"].y())
    field = window.binder.field_for(FIELD)
    line = field.widget.value_line
    window.binder.focus(FIELD)
    spin(200)
    line.end(False)

    class Probe(QObject):
        def __init__(self):
            super().__init__()
            self.reset(None)
            self.quiet = QTimer(self)
            self.quiet.setSingleShot(True)
            self.quiet.setInterval(QUIET_MS)
            self.quiet.timeout.connect(self.finish)
            self.deadline = QTimer(self)
            self.deadline.setSingleShot(True)
            self.deadline.setInterval(5000)
            self.deadline.timeout.connect(self.finish)

        def reset(self, loop):
            self.loop = loop
            self.t_edit = None
            self.t_rendered = None
            self.t_first = None
            self.t_last = None
            self.c_edit = self.c_last = None
            self.passes = 0
            self.in_pass = False
            self.other_state = None

        def on_assessment(self, _assessment):
            if self.loop is not None and self.t_rendered is None:
                self.t_rendered = time.perf_counter()

        def on_state(self, state):
            if self.loop is not None and state != "ok":
                self.other_state = state

        def eventFilter(self, obj, event):  # noqa: N802
            if (self.t_rendered is not None and not self.in_pass
                    and event.type() == QEvent.Type.Paint
                    and (obj is panel or (obj.isWidgetType() and panel.isAncestorOf(obj)))):
                self.in_pass = True
                self.passes += 1
                if self.t_first is None:
                    self.t_first = time.perf_counter()
                QTimer.singleShot(0, self.end_pass)
            return False

        def end_pass(self):
            self.in_pass = False
            self.t_last = time.perf_counter()
            self.c_last = time.process_time()
            self.quiet.start()

        def finish(self):
            if self.loop is not None:
                self.loop.quit()

    probe = Probe()
    session.assessmentChanged.connect(probe.on_assessment)
    session.stateChanged.connect(probe.on_state)
    app.installEventFilter(probe)

    samples = []
    for i in range(edits):
        loop = QEventLoop()
        probe.reset(loop)
        probe.deadline.start()
        key = Qt.Key.Key_5 if i % 2 == 0 else Qt.Key.Key_Backspace
        probe.c_edit = time.process_time()
        probe.t_edit = time.perf_counter()
        QTest.keyClick(line, key)
        if probe.t_rendered is None or probe.t_last is None:
            loop.exec()
        probe.deadline.stop()
        probe.quiet.stop()
        if probe.other_state or probe.t_rendered is None:
            raise SystemExit(f"edit {i} gave state {probe.other_state or session.state!r}, "
                             f"field text {line.text()!r}")
        case = session.case()
        t = time.perf_counter()
        engine.assess(case)
        engine_ms = (time.perf_counter() - t) * 1000.0
        t0 = probe.t_edit
        samples.append({
            "rendered_ms": (probe.t_rendered - t0) * 1000.0,
            "first_paint_ms": None if probe.t_first is None else (probe.t_first - t0) * 1000.0,
            "painted_ms": None if probe.t_last is None else (probe.t_last - t0) * 1000.0,
            "paint_passes": probe.passes,
            "cpu_ms": None if probe.c_last is None else (probe.c_last - probe.c_edit) * 1000.0,
            "engine_ms": engine_ms,
        })
        spin(20)
    app.removeEventFilter(probe)
    from PySide6.QtGui import QGuiApplication

    result = {"debounce_ms": debounce_ms, "open_case_ms": open_ms,
              "platform": QGuiApplication.platformName(), "field": FIELD,
              "setup_s": time.perf_counter() - t_start, "samples": samples}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
