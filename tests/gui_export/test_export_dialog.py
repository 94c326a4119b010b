"""Export and print from the dialogs, under pytest-qt, typing as a user does: a wrong
identity confirmation blocks export; a correct one writes a file that is verified
from disk and audited; the work runs off the GUI thread."""
from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.print_summary import RASTER_TIMEOUT_S

pytestmark = pytest.mark.gui
# As long as the dialog itself may take: drawing the pages alone may take up to
# RASTER_TIMEOUT_S on a loaded machine (8 pages at 200 dpi took over 30 s with the CPU
# busy), then signing. A shorter wait failed the print test under load.
WAIT_MS = (RASTER_TIMEOUT_S + 60) * 1000


def _entries(data_dir):
    from engine import audit

    log = data_dir / "audit.jsonl"
    return audit.read_entries(log) if log.exists() else []


def _fill(qtbot, dialog, identity, hospital_number, out=None, passphrase=None):
    passphrase = passphrase or identity.test_passphrase
    qtbot.keyClicks(dialog.confirm, hospital_number)
    dialog.identity.clear()
    qtbot.keyClicks(dialog.identity, str(identity.p12_path))
    qtbot.keyClicks(dialog.passphrase, passphrase)
    if out is not None:
        dialog.output.clear()
        qtbot.keyClicks(dialog.output, str(out))


@pytest.fixture
def export_dialog(qtbot, case, assessment):
    from desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(case, assessment)
    qtbot.addWidget(dialog)
    return dialog


def test_dialog_shows_who_the_patient_is(export_dialog, case):
    from PySide6.QtWidgets import QLabel

    texts = " ".join(l.text() for l in export_dialog.findChildren(QLabel))
    assert case["patient"]["name"] in texts
    assert case["patient"]["id"] in texts and case["patient"]["date_of_birth"] in texts
    assert "EMERGENCY" in texts


def test_wrong_identity_confirmation_blocks_export(qtbot, export_dialog, identity, tmp_path,
                                                   data_dir):
    out = tmp_path / "wrong.pdf"
    _fill(qtbot, export_dialog, identity, "RXQ-0100517", out)  # two digits swapped
    assert not export_dialog.action.isEnabled()
    assert "does not match" in export_dialog.confirm_state.text()
    qtbot.mouseClick(export_dialog.action, Qt.LeftButton)
    export_dialog.start()  # even forced, the dialog checks again
    assert "does not match this patient" in export_dialog.status.text()
    assert not export_dialog.busy and not out.exists()
    assert _entries(data_dir) == []


def test_hospital_number_cannot_be_pasted(qtbot, export_dialog, case):
    QGuiApplication.clipboard().setText(case["patient"]["id"])
    export_dialog.confirm.setFocus()
    qtbot.keySequence(export_dialog.confirm, "Ctrl+V")
    qtbot.keyClick(export_dialog.confirm, Qt.Key_Insert, Qt.ShiftModifier)
    assert export_dialog.confirm.text() == ""


def test_export_writes_a_verified_audited_file(qtbot, export_dialog, identity, case,
                                               tmp_path, data_dir, monkeypatch):
    import engine.report.export as export_module
    from engine.report import extract_case
    from engine.report.verify import verify_pdf

    threads = []
    real = export_module.export_summary

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)
    monkeypatch.setattr(export_module, "export_summary", spy)

    out = tmp_path / "summary.pdf"
    _fill(qtbot, export_dialog, identity, case["patient"]["id"].lower(), out)
    assert export_dialog.action.isEnabled()
    qtbot.mouseClick(export_dialog.action, Qt.LeftButton)
    assert export_dialog.busy  # the GUI thread is free while the worker signs
    qtbot.waitUntil(lambda: export_dialog.finished_ok or not export_dialog.busy,
                    timeout=WAIT_MS)
    assert export_dialog.finished_ok, export_dialog.status.text()
    assert threads == [False]
    assert "Done" in export_dialog.status.text() and "Dr Gui Tester" in export_dialog.status.text()
    result = verify_pdf(out.read_bytes())
    assert result.ok and result.signer == "Dr Gui Tester"
    assert extract_case(out.read_bytes())["patient"]["id"] == case["patient"]["id"]
    assert export_dialog.passphrase.text() == ""  # not kept after use
    entries = _entries(data_dir)
    assert [e["event"] for e in entries] == ["export"]
    assert entries[0]["fingerprint"] == result.fingerprint


def test_wrong_passphrase_is_reported_and_nothing_is_written(qtbot, export_dialog, identity,
                                                            case, tmp_path, data_dir):
    out = tmp_path / "never.pdf"
    _fill(qtbot, export_dialog, identity, case["patient"]["id"], out, passphrase="wrong one!")
    qtbot.mouseClick(export_dialog.action, Qt.LeftButton)
    qtbot.waitUntil(lambda: not export_dialog.busy, timeout=WAIT_MS)
    assert not export_dialog.finished_ok
    assert "passphrase" in export_dialog.status.text()
    assert not out.exists() and _entries(data_dir) == []


def test_no_recommendation_disables_export(qtbot, case):
    from desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(case, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.confirm, case["patient"]["id"])
    assert not dialog.action.isEnabled()
    assert "No recommendation" in dialog.status.text()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="printing needs poppler's pdftoppm")
def test_print_sends_every_signed_page(qtbot, case, assessment, identity, tmp_path, data_dir):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.print_summary import PrintSummaryDialog

    dialog = PrintSummaryDialog(case, assessment)
    qtbot.addWidget(dialog)
    target = tmp_path / "printed.pdf"

    def to_file():
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer
    dialog.ask_printer = to_file
    _fill(qtbot, dialog, identity, case["patient"]["id"])
    qtbot.mouseClick(dialog.action, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.finished_ok or not dialog.busy, timeout=WAIT_MS)
    assert dialog.finished_ok, dialog.status.text()
    pages = len(PdfReader(str(target)).pages)
    assert pages == dialog.printed_pages >= 2
    entries = _entries(data_dir)
    assert [e["event"] for e in entries] == ["print"]
    assert entries[0]["signer"] == "Dr Gui Tester"


def test_print_refuses_a_wrong_patient_too(qtbot, case, assessment, identity):
    from desktop.ui.print_summary import PrintSummaryDialog

    dialog = PrintSummaryDialog(case, assessment)
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, identity, "SOMEONE-ELSE")
    assert not dialog.action.isEnabled()


def test_entry_points_exist_with_the_names_the_window_calls():
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.print_summary import print_summary

    assert callable(ExportDialog) and callable(print_summary)
