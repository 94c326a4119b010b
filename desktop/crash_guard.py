"""Global exception hook and the error log.

An exception that escapes a Qt slot is otherwise only printed and the window carries
on showing whatever it showed before: possibly a stale recommendation. Here every
uncaught exception is written to the log file in the user data directory and
reported to listeners (the session drops its assessment, the window tells the user).

Logs never hold patient identifiers: the strings of the open case's name, hospital
number and date of birth are replaced before anything is written, and the app logs
no case content or file paths of its own accord."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import paths

log = logging.getLogger("mscc_pathway")


class Redactor(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._secrets: list[str] = []

    def set_secrets(self, values: list[object]) -> None:
        # Longest first so a name containing another secret is removed whole.
        found = {str(v).strip() for v in values if isinstance(v, str) and len(v.strip()) >= 2}
        self._secrets = sorted(found, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = self.redact(message), None
        return True


redactor = Redactor()
_listeners: list[Callable[[str], None]] = []
_in_hook = False


def setup_logging(log_file: Path | None = None) -> Path:
    target = log_file or paths.log_file()
    root = logging.getLogger()
    if not any(getattr(h, "_mscc", False) for h in root.handlers):
        handler = RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler._mscc = True  # type: ignore[attr-defined]
        handler.addFilter(redactor)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        target.chmod(0o600)
    return target


def add_listener(callback: Callable[[str], None]) -> None:
    _listeners.append(callback)


def remove_listener(callback: Callable[[str], None]) -> None:
    if callback in _listeners:
        _listeners.remove(callback)


def report(exc_type, exc, tb, where: str = "uncaught") -> None:
    """Log an exception and tell every listener. Safe against re-entry: an error
    raised while handling an error is logged, not reported again."""
    global _in_hook
    log.error("%s exception", where, exc_info=(exc_type, exc, tb))
    if _in_hook:
        return
    _in_hook = True
    try:
        summary = f"{exc_type.__name__}"
        for callback in list(_listeners):
            try:
                callback(summary)
            except Exception:
                log.exception("error while reporting an error")
    finally:
        _in_hook = False


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc_type, exc, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    report(args.exc_type, args.exc_value, args.exc_traceback, where="thread")


def install() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
