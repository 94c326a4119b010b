"""Print the signed handover summary through the system print dialog.

What is printed is the signed PDF itself, drawn page by page as images, so paper and
file are the same document (same fingerprint) and the signature stamp is on the
paper. Pages are drawn by poppler's `pdftoppm`: this build has no QtPdf (the
pyside6-pdf wheel is not a dependency), and QtPdf would not draw the stamp anyway.
Without pdftoppm the dialog says so and nothing is printed; the exported PDF can be
printed from any PDF reader. Each completed print appends an audit entry."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
import os
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop.ui.export_dialog import _SigningDialog

log = logging.getLogger(__name__)
RASTER_DPI = 200  # sharp on paper; about 15 MB per A4 page while it is drawn
RASTER_TIMEOUT_S = 120  # pdftoppm on a slow, busy ward PC: several seconds per page


class CannotRasterise(RuntimeError):
    pass


@dataclass
class PrintJob:
    summary: object          # engine.report.export.SignedSummary
    folder: Path             # private temporary folder holding the page images
    pages: list[Path]

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def find_pdftoppm() -> str | None:
    """poppler's pdftoppm: on the PATH (Linux: Debian package poppler-utils), or on
    Windows also beside the app's executable (IT may put poppler's bin folder there)."""
    tool = shutil.which("pdftoppm")
    if tool or sys.platform != "win32":
        return tool
    beside = Path(sys.executable).resolve().parent / "pdftoppm.exe"
    return str(beside) if getattr(sys, "frozen", False) and beside.is_file() else None


def _missing_pdftoppm() -> str:
    where = ("put poppler's pdftoppm.exe on the PATH, or beside mscc-pathway.exe "
             "(packaging/windows/README.md)" if sys.platform == "win32"
             else "install it (Debian: apt-get install poppler-utils)")
    return ("Printing needs poppler's pdftoppm to draw the pages with the signature "
            f"stamp, and it is not installed (IT: {where}). Export the signed PDF and "
            "print it from a PDF reader instead.")


def rasterise(pdf: bytes, dpi: int = RASTER_DPI) -> tuple[Path, list[Path]]:
    """Page images of `pdf` in a new private folder (mkdtemp is 0700; on Windows the
    user's own temp folder, in the profile)."""
    from engine.os_compat import no_console_window

    tool = find_pdftoppm()
    if not tool:
        raise CannotRasterise(_missing_pdftoppm())
    folder = Path(tempfile.mkdtemp(prefix="mscc-print-"))
    try:
        source = folder / "summary.pdf"
        source.write_bytes(pdf)
        source.chmod(0o600)
        # The windowed app has no console: on Windows pdftoppm must not open one.
        subprocess.run([tool, "-r", str(dpi), "-png", str(source), str(folder / "page")],
                       check=True, capture_output=True, timeout=RASTER_TIMEOUT_S,
                       creationflags=no_console_window())
        pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if not pages:
            raise CannotRasterise("pdftoppm produced no pages")
        return folder, pages
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def paint_pages(printer: QPrinter, pages: list[Path]) -> None:
    """Each image fills the printable area, aspect kept; one image in memory at a time."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be started")
    try:
        for i, path in enumerate(pages):
            if i and not printer.newPage():
                raise RuntimeError(f"the printer refused page {i + 1}")
            image = QImage(str(path))
            if image.isNull():
                raise RuntimeError(f"page {i + 1} could not be read back")
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
        restrict_output_file(printer)


def restrict_output_file(printer: QPrinter) -> None:
    """"Print to file" writes a PDF holding patient data: private (0600) like an
    exported summary, never readable by other users of the machine."""
    name = printer.outputFileName()
    if name and Path(name).is_file():
        os.chmod(name, 0o600)


class PrintSummaryDialog(_SigningDialog):
    ACTION = "Sign and print…"

    def __init__(self, case: dict, assessment: dict | None, parent: QWidget | None = None):
        super().__init__(case, assessment, parent)
        self.setWindowTitle("Print signed handover summary")
        self.printed_pages = 0

    def make_work(self):
        from engine.report.export import build_summary

        case, assessment = self.case, self.assessment
        p12 = self.identity.text().strip()
        passphrase = self.passphrase.text()
        hospital = self.hospital_name.text().strip() or None

        def work() -> PrintJob:
            summary = build_summary(case, assessment, p12=p12, passphrase=passphrase,
                                    hospital_name=hospital)  # signed and verified
            folder, pages = rasterise(summary.pdf)
            return PrintJob(summary, folder, pages)
        return work

    def ask_printer(self) -> QPrinter | None:
        """The system print dialog; tests replace this to print to a file."""
        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print summary for {self.hospital_number}")
        return printer if dialog.exec() == QPrintDialog.Accepted else None

    def handle_result(self, job: PrintJob) -> None:
        from engine.report.export import record
        from engine.report.fingerprint import short_fingerprint

        try:
            printer = self.ask_printer()
            if printer is None:
                self._set_inputs_enabled(True)
                self.update_state()
                self.status.setText("Printing cancelled; nothing was printed.")
                return
            paint_pages(printer, job.pages)
        except Exception as exc:
            log.exception("printing failed")
            self._set_inputs_enabled(True)
            self.update_state()
            self.status.setText(f"Not printed: {exc}")
            return
        finally:
            job.cleanup()
        self.printed_pages = len(job.pages)
        audit_error = record("print", job.summary, outcome=f"{len(job.pages)} pages")
        text = (f"Sent {len(job.pages)} pages to {printer.printerName() or 'the printer'}: "
                f"signed by {job.summary.signer}, fingerprint "
                f"{short_fingerprint(job.summary.fingerprint)} on every page.")
        if audit_error:
            text += (f"\nWARNING: the audit entry could not be recorded ({audit_error}); "
                     "record this print by hand.")
        self.succeed(text)


def print_summary(case: dict, assessment: dict | None, parent: QWidget | None = None) -> bool:
    """Ask for the identity check and signature, then print. True when printed."""
    dialog = PrintSummaryDialog(case, assessment, parent)
    dialog.exec()
    return dialog.printed_pages > 0
