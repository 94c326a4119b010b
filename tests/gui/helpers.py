"""Test doubles and waits shared by the window tests."""
from __future__ import annotations


class FakePrompter:
    """Records every message; answers questions from queues the test fills."""

    def __init__(self):
        self.messages: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.save_answers: list[str] = []
        self.recover_answers: list[str] = []
        self.open_paths: list[str] = []
        self.save_paths: list[str] = []

    def ask_save_changes(self, who):
        self.messages.append(("ask_save", "Unsaved changes", who))
        return self.save_answers.pop(0) if self.save_answers else "discard"

    def ask_recover(self, description):
        self.messages.append(("ask_recover", "Recover", description))
        return self.recover_answers.pop(0) if self.recover_answers else "keep"

    def problems(self, title, text, details):
        self.messages.append(("problems", title, text + "\n" + "\n".join(details)))

    def info(self, title, text):
        self.messages.append(("info", title, text))

    def error(self, title, text):
        self.messages.append(("error", title, text))

    def open_path(self):
        return self.open_paths.pop(0) if self.open_paths else ""

    def save_path(self, suggested):
        return self.save_paths.pop(0) if self.save_paths else ""

    def texts(self, kind=None):
        return [f"{t}: {x}" for k, t, x in self.messages if kind is None or k == kind]


def settle(qtbot, window):
    """Wait until the session has evaluated the last edit."""
    qtbot.waitUntil(lambda: not window.session.pending, timeout=3000)
    qtbot.wait(1)
