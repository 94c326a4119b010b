"""About and help: versions, the sources the rules rely on, the intended use, keys."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.version import app_version

INTENDED_USE = "Decision support for clinicians; it does not replace clinical judgement."
SHORTCUTS = [("Ctrl+N", "New case"), ("Ctrl+O", "Open case"), ("Ctrl+S", "Save"),
             ("Ctrl+Shift+S", "Save as"), ("Ctrl+E", "Export signed PDF"), ("Ctrl+P", "Print"),
             ("Ctrl+T", "Set assessment time to now"), ("Alt+1 … Alt+6", "Go to input tab"),
             ("Ctrl+M", "Go to the first missing input"),
             ("Y / N / U", "Answer a yes/no question: yes, no, not assessed")]


def about_html(user_settings=None) -> str:
    esc = html.escape
    try:
        import engine

        engine_version = engine.ENGINE_VERSION
        knowledge = engine.knowledge_version()
        sources = sorted(engine.load_registry(), key=lambda s: s.id)
        rules = catalogue_text()
    except Exception as exc:  # still show the intended use and versions we know
        engine_version, knowledge, sources = "unavailable", f"unavailable ({type(exc).__name__})", []
        rules = ""
    rows = "".join(f"<li><b>{esc(s.id)}</b>: {esc(s.citation)}"
                   + (f" — {esc(s.section)}" if s.section else "") + "</li>" for s in sources)
    keys = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in SHORTCUTS)
    return (f"<h2>MSCC Pathway {esc(app_version())}</h2>"
            f"<p><b>{esc(INTENDED_USE)}</b></p>"
            "<p>For suspected metastatic spinal cord compression in adults. It shows the "
            "basis (rule, source, inputs) of every recommendation so you can check it. It works "
            "offline and never sends data anywhere.</p>"
            f"<p>Engine version {esc(engine_version)}<br>Knowledge version {esc(knowledge)}</p>"
            f"<h3>Settings and where each came from</h3>{site_settings_html(user_settings)}"
            f"<h3>Keyboard</h3><table cellspacing=4>{keys}</table>"
            f"<h3>Sources ({len(sources)})</h3><ul>{rows}</ul>"
            "<h3>Rules, their criteria and limits</h3>"
            f"<pre style='white-space: pre-wrap'>{esc(rules)}</pre>")


def site_settings_html(user_settings=None) -> str:
    """The engine's list of settings with their origins: IT's site file, this user's
    settings where the site leaves them open, or the default."""
    from engine.site_config import SiteConfigError, load_site_config

    esc = html.escape
    try:
        site = load_site_config()
    except SiteConfigError as exc:
        return ("<p><b>The site configuration is unusable (ask IT):</b> "
                + esc("; ".join(exc.problems)) + "</p>")
    chosen = {}
    if user_settings is not None:
        chosen = {"default_locale": (user_settings.default_locale, "your settings"),
                  "draft_retention_days": (user_settings.draft_retention_days,
                                           "your settings")}
    rows = "".join(f"<tr><td><b>{esc(s.label)}</b></td><td>{esc(s.value)}</td>"
                   f"<td>{esc(s.origin)}</td></tr>" for s in site.origins(chosen))
    return f"<table cellspacing=4>{rows}</table>"


def catalogue_text() -> str:
    """The engine's rule catalogue, as `mscc-pathway rules` prints it."""
    from engine.catalogue_text import readable
    from engine.rules.catalogue import catalogue
    from engine.version import knowledge_version

    return readable(catalogue(), knowledge_version())


class AboutDialog(QDialog):
    def __init__(self, parent=None, *, user_settings=None):
        super().__init__(parent)
        self.setWindowTitle("About MSCC Pathway")
        self.resize(720, 560)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)  # offline app: no links opened from here
        self.text.setHtml(about_html(user_settings))
        self.text.setTextInteractionFlags(Qt.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
