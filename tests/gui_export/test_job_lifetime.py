"""The object that carries a signing job's result back to the dialog lives and dies on
the GUI thread, whatever the order in which the pool thread and the GUI thread let go
of the job (the cause of "Signal source has been deleted" under load)."""
from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest
from PySide6.QtCore import QThreadPool

pytestmark = pytest.mark.gui


@pytest.fixture
def lingering_pool_thread(monkeypatch):
    """The pool thread is descheduled right after emitting, as on a loaded machine, so
    the GUI thread handles the result before the pool deletes the finished job."""
    import desktop.ui.export_dialog as export_dialog

    real_run = export_dialog.Job.run

    def run(self):
        real_run(self)
        time.sleep(0.3)
    monkeypatch.setattr(export_dialog.Job, "run", run)


@pytest.fixture
def freed_on(monkeypatch):
    """Names of the threads on which each job's signals object was freed."""
    import desktop.ui.export_dialog as export_dialog

    threads: list[str] = []
    real_init = export_dialog.Job.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        weakref.finalize(self.signals,
                         lambda: threads.append(threading.current_thread().name))
    monkeypatch.setattr(export_dialog.Job, "__init__", init)
    return threads


def _dialog(qtbot, case, assessment, work):
    from desktop.ui.export_dialog import _SigningDialog

    class Dialog(_SigningDialog):
        def blocked_reason(self):
            return None

        def make_work(self):
            return work

        def handle_result(self, result):
            self.results.append(result)
            self.succeed("done")

    dialog = Dialog(case, assessment)
    dialog.results = []
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize("fails", [False, True], ids=["done", "failed"])
def test_signals_never_die_on_the_pool_thread(qtbot, case, assessment, lingering_pool_thread,
                                             freed_on, fails):
    def work():
        if fails:
            raise ValueError("no")
        return "signed"

    dialog = _dialog(qtbot, case, assessment, work)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    gc.collect()
    assert dialog.results == ([] if fails else ["signed"])
    assert ("Not done: ValueError: no" in dialog.status.text()) == fails
    main = threading.main_thread().name
    assert all(name == main for name in freed_on), freed_on


def test_a_second_job_reports_once(qtbot, case, assessment):
    """The dialog's one signals object is reused: each job's result arrives once."""
    dialog = _dialog(qtbot, case, assessment, lambda: "again")
    for expected in (["again"], ["again", "again"]):
        dialog.finished_ok = False
        dialog.start()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        assert QThreadPool.globalInstance().waitForDone(10_000)
        qtbot.wait(50)  # a duplicate delivery would arrive now
        assert dialog.results == expected


def test_a_job_outliving_its_dialog_reports_to_the_log(qtbot, case, assessment, caplog):
    """The main window closing deletes the dialog while a job runs: the job's report
    has nowhere to go and says so in the log instead of raising on the pool thread."""
    import shiboken6

    release = threading.Event()
    dialog = _dialog(qtbot, case, assessment, lambda: release.wait(10) and "late")
    dialog.start()
    shiboken6.delete(dialog)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    assert "finished after its dialog was closed" in caplog.text
