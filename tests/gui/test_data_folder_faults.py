"""Issue 15, item 5: a data folder that cannot be written (or created) never stops the
app from starting; a banner says plainly what does not work and what to do. A PDF
"printed" to a file is private (0600) like an exported one."""
from __future__ import annotations

import os
import stat

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter


def test_a_data_folder_that_cannot_be_created_still_opens_the_window(
        qtbot, make_window, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    # Created by nobody: its parent is a file (a read-only folder behaves the same, but
    # a test run as root could still write it).
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(blocker / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker / "config"))
    window = make_window()
    assert window.isVisible()
    bar = window.fault_bar
    assert bar.isVisible() and bar.kind == "fault"
    text = bar.text.text()
    assert text.startswith("Drafts and the audit log cannot be written")
    assert "Save the case with File › Save as…" in text and "ask IT" in text
    assert not bar.close_button.isVisible()  # stays while the fault lasts
    assert window.draft_status.text() == "DRAFTS NOT SAVED"
    # The case can still be assessed.
    window.session.flush()
    assert window.session.state in ("invalid", "ok")


def test_zoom_with_an_unwritable_settings_folder_says_it_is_not_kept(
        qtbot, make_window, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker / "config"))
    window = make_window()
    try:
        window.zoom(1)
        assert "not kept" in window.statusBar().currentMessage()
    finally:
        window.zoom(0)


def test_a_pdf_printed_to_a_file_is_private(qtbot, tmp_path):
    from desktop.ui.print_summary import paint_pages
    from PySide6.QtGui import QColor, QImage

    page = tmp_path / "page-1.png"
    image = QImage(200, 280, QImage.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(page))
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                      printer.pageLayout().margins()))
    old = os.umask(0o022)
    try:
        paint_pages(printer, [page])
    finally:
        os.umask(old)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
