"""Where the windows of the GUI figures are shown.

"auto": a real X window when one can be had (the $DISPLAY given, or an Xvfb server
this benchmark starts and stops itself, 1366x768x24), Qt's offscreen platform
otherwise. "xcb" or "offscreen" force one. The environment every child process gets
is fixed here too: C.UTF-8, no D-Bus session, and a fresh, empty home for the app's
settings and drafts per launch (see `child_env`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

SCREEN = "1366x768x24"


def base_env(pycache: str | None) -> dict[str, str]:
    """The environment of every child process. Byte-code caching is switched on (into
    `pycache`, a directory this run owns, so nothing is written into the source tree):
    an installed app or the PyInstaller bundle has its byte code compiled, and a
    PYTHONDONTWRITEBYTECODE=1 in the caller's environment would otherwise make every
    start compile the project's sources again."""
    env = dict(os.environ)
    env["LANG"] = "C.UTF-8"
    env["LC_ALL"] = "C.UTF-8"
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    env.pop("QT_DEBUG_PLUGINS", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


class Display:
    def __init__(self, want: str = "auto", pycache: str | None = None):
        self.want = want
        self.pycache = pycache
        self.platform = "offscreen"
        self.display: str | None = None
        self.server: subprocess.Popen | None = None
        self.note = ""

    def __enter__(self) -> "Display":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        forced = os.environ.get("QT_QPA_PLATFORM")
        if self.want == "offscreen" or (self.want == "auto" and forced == "offscreen"):
            self.note = "Qt offscreen platform (asked for)"
            return
        if os.environ.get("DISPLAY"):
            self.display = os.environ["DISPLAY"]
            self.note = f"X display {self.display} (from the environment)"
        elif shutil.which("Xvfb"):
            self._start_xvfb()
        if self.display and self._probe_xcb():
            self.platform = "xcb"
            return
        if self.want == "xcb":
            raise RuntimeError(f"no usable X display for xcb ({self.note or 'Xvfb not found'})")
        self.stop()
        self.display = None
        self.platform = "offscreen"
        self.note = (self.note + "; " if self.note else "") + \
            "no usable X display: Qt offscreen platform"

    def _start_xvfb(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self.server = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten",
                 "tcp", "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
        finally:
            os.close(write_fd)
        with os.fdopen(read_fd) as fh:
            number = fh.readline().strip()
        if not number:
            self.stop()
            self.note = "Xvfb did not start"
            return
        self.display = f":{number}"
        self.note = f"Xvfb {self.display} started by the benchmark, screen {SCREEN}"

    def _probe_xcb(self) -> bool:
        env = self.child_env(home=None)
        env["QT_QPA_PLATFORM"] = "xcb"
        try:
            proc = subprocess.run(
                [sys.executable, "-c", "from PySide6.QtGui import QGuiApplication as A; "
                 "a = A([]); print(a.platformName())"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        except subprocess.TimeoutExpired:
            return False
        return proc.returncode == 0 and proc.stdout.decode().strip() == "xcb"

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
            self.server = None

    def child_env(self, home: str | None) -> dict[str, str]:
        env = base_env(self.pycache)
        env["QT_QPA_PLATFORM"] = self.platform
        if self.display:
            env["DISPLAY"] = self.display
        else:
            env.pop("DISPLAY", None)
        if home is not None:
            # The app's own files only; caches (fontconfig, Qt) stay warm as on a
            # ward PC that has run the app before.
            for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                             ("XDG_STATE_HOME", "state")):
                path = os.path.join(home, sub)
                os.makedirs(path, mode=0o700, exist_ok=True)
                env[var] = path
        return env


class FreshHome:
    """A throw-away home for one app launch (settings, drafts, logs)."""

    def __enter__(self) -> str:
        self.path = tempfile.mkdtemp(prefix="mscc-bench-")
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
