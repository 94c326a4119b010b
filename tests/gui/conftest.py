"""Fixtures for the window tests: an isolated user home (settings, drafts and logs in
a temporary directory), a window whose questions are answered by the test, and
helpers that enter values the way a user does (typing and clicking)."""
from __future__ import annotations

import os

import pytest

from .helpers import FakePrompter



@pytest.fixture
def app_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("MSCC_PATHWAY_DATA_DIR", raising=False)
    monkeypatch.delenv("MSCC_PATHWAY_SITE_CONFIG", raising=False)
    return home


@pytest.fixture
def make_window(qtbot, app_home):
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window, create_application

    create_application([])
    made = []

    def make(**kwargs):
        kwargs.setdefault("debounce_ms", 20)
        window = build_window(**kwargs)
        prompter = FakePrompter()
        window.prompter = prompter
        window.files.prompter = prompter
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.files.maybe_discard = lambda: True
        window.close()
        window.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def window(make_window):
    return make_window()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
