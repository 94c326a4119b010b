"""Start-up of the window: `mscc-pathway` opens an empty case (after offering any
drafts left by a crash), `mscc-pathway CASE.json` (or CASE.pdf) opens that case."""
from __future__ import annotations

import errno
import logging
import sys

import PySide6.QtCore  # noqa: F401  first, so that the hook below sees every later import

from desktop import pyside_source_scan

pyside_source_scan.install()

from desktop import crash_guard, paths  # noqa: E402
from desktop.drafts import DraftStore  # noqa: E402
from desktop.settings import SettingsStore  # noqa: E402
from desktop.ui.recovery import report_corrupt_drafts  # noqa: E402

log = logging.getLogger(__name__)


def create_application(argv: list[str], *, style: bool = True):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (125 %, 150 %) are used as they are, not rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(["mscc-pathway", *argv])
    app.setApplicationName("MSCC Pathway")
    app.setOrganizationName("mscc-pathway")
    import resources

    app.setWindowIcon(QIcon(str(resources.path("icons", "app.svg"))))
    if style:
        apply_style(app)
    return app


def apply_style(app) -> None:
    """The app-wide style sheet. run() sets it once the window is built: set first, Qt
    re-polishes every widget as it is added, which made start-up several times slower
    (bench/README.md); set after, it polishes each widget once."""
    import resources

    from desktop.settings import SettingsStore
    from desktop.zoom import clamp, scaled_sheet

    style = scaled_sheet(resources.stylesheet(), clamp(SettingsStore().load().zoom_percent))
    if app.styleSheet() != style:  # re-setting it re-polishes every widget alive
        app.setStyleSheet(style)


def build_window(now_fn=None, debounce_ms: int = 150, defer_start: bool = False):
    """The main window with its settings and draft store (also used by tests)."""
    from desktop.ui.main_window import MainWindow

    store = SettingsStore()
    settings = store.load()
    site_warning, site = _apply_site_config(settings)
    draft_warning = ""
    try:
        drafts = DraftStore()
    except OSError:
        drafts = DraftStore(paths.drafts_dir_path())  # claim() below fails and says why
    try:
        drafts.claim()
        drafts.purge_older_than(settings.draft_retention_days)
    except OSError as exc:
        # Start anyway (the case can still be assessed), but say plainly that work is
        # not protected; the autosaver also reports every failed save.
        reason = "is read-only" if exc.errno == errno.EROFS else f"cannot be written ({exc.strerror})"
        draft_warning = (
            f"Drafts and the audit log cannot be written: the data folder {drafts.directory.parent} "
            f"{reason}. Your work is not protected against a crash, and signed summaries "
            "cannot be exported (each export must be audited). Save the case with File › Save "
            "as… to a folder you can write, and ask IT to make the data folder writable "
            "(or set MSCC_PATHWAY_DATA_DIR to a writable folder).")
    kwargs = {"debounce_ms": debounce_ms, "defer_start": defer_start}
    if now_fn is not None:
        kwargs["now_fn"] = now_fn
    window = MainWindow(settings, store, drafts, **kwargs)
    window.set_site_contacts(site.mscc_coordinator_contact, site.on_call_doctor_contact)
    for warning in store.warnings:
        window.statusBar().showMessage(warning, 15_000)
    if site_warning:
        window.statusBar().showMessage(site_warning)
    if draft_warning:
        window.fault_bar.show_notice(draft_warning, kind="fault", dismissible=False)
        window.statusBar().showMessage(draft_warning)
        window.draft_status.setText("DRAFTS NOT SAVED")
    return window


def _apply_site_config(settings):
    """IT's machine-wide file (engine.site_config) wins over the user's settings for
    the values it sets. A broken file is reported, never silently ignored. Returns
    (warning, the site settings: empty when there is no usable file)."""
    from engine.site_config import SiteConfig, SiteConfigError, load_site_config

    try:
        site = load_site_config()
    except SiteConfigError as exc:
        log.warning("site configuration unusable: %s", "; ".join(exc.problems))
        return "Site configuration ignored (ask IT): " + "; ".join(exc.problems), SiteConfig()
    if site.default_locale:
        settings.default_locale = site.default_locale
    if site.draft_retention_days:
        settings.draft_retention_days = site.draft_retention_days
    return "", site


def fit_to_screen(window) -> None:
    screen = window.screen().availableGeometry()
    window.resize(min(1366, screen.width()), min(768, screen.height()))


def run(argv: list[str]) -> int:
    try:
        crash_guard.setup_logging()
    except OSError:
        pass  # no writable data directory: the window says so (see build_window)
    crash_guard.install()
    app = create_application(argv, style=False)
    window = build_window(defer_start=True)
    apply_style(app)
    fit_to_screen(window)
    window.show()
    # The window is painted first; the case is opened (or drafts offered) and assessed
    # straight after (MainWindow defer_start).
    window.after_start(lambda: _open_start_files(window, argv))
    log.info("window opened")
    code = app.exec()
    log.info("window closed")
    return code


def _open_start_files(window, argv: list[str]) -> None:
    files = [a for a in argv if not a.startswith("-")]
    if files:
        if len(files) > 1:
            window.prompter.info("One case at a time",
                                 f"Only the first file was opened; {len(files) - 1} other(s) ignored.")
        window.files.open_path(files[0], ask=False)
        # The file asked for comes first; drafts wait for File › Recover unsaved drafts….
        pending = report_corrupt_drafts(window.drafts, window.prompter)
        if pending:
            window.statusBar().showMessage(
                f"{pending} unsaved draft(s) from an earlier session: File › Recover unsaved drafts…")
    else:
        window.offer_recovery()
    log.info("start-up case handled")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
