"""Time from launching a bundle to its first window shown on the X server, for the app
and the bare-window baseline, interleaved in one run (same machine state).

    xvfb-run -a -s "-screen 0 1366x768x24" python3 packaging/bench/first_window.py \\
        --runs 5 APP_EXE BARE_EXE

"Shown" is the X server's MapNotify for the process's first top-level window: the
moment the window manager (none under Xvfb) could put it on screen. It is observed
from outside through Xlib (ctypes, no extra packages), so the app needs no benchmark
hook and both executables are measured identically. Each launch gets an empty home
(no settings, no drafts to offer) and QT_QPA_PLATFORM=xcb; after the window appears
the process is terminated. Prints each run, then the medians and the ratio.
Linux/X11 only (a measurement tool, not part of the product)."""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class XMapEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("event", ctypes.c_ulong),
                ("window", ctypes.c_ulong), ("override_redirect", ctypes.c_int)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", XMapEvent), ("pad", ctypes.c_long * 24)]


def open_display():
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    dpy = x11.XOpenDisplay(None)
    if not dpy:
        sys.exit("first_window.py: cannot open the X display (run it under xvfb-run)")
    x11.XSelectInput(dpy, x11.XDefaultRootWindow(dpy), SUBSTRUCTURE_NOTIFY_MASK)
    x11.XSync(dpy, 0)
    return x11, dpy


def drain(x11, dpy) -> None:
    event = XEvent()
    while x11.XPending(dpy):
        x11.XNextEvent(dpy, ctypes.byref(event))


def wait_for_map(x11, dpy, deadline: float) -> float | None:
    event = XEvent()
    fd = x11.XConnectionNumber(dpy)
    while time.monotonic() < deadline:
        while x11.XPending(dpy):
            x11.XNextEvent(dpy, ctypes.byref(event))
            if event.type == MAP_NOTIFY and not event.xmap.override_redirect:
                return time.monotonic()
        select.select([fd], [], [], max(0.0, min(0.05, deadline - time.monotonic())))
    return None


def launch_once(x11, dpy, exe: str, timeout: float) -> float:
    with tempfile.TemporaryDirectory(prefix="mscc-bench-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", QT_QPA_PLATFORM="xcb", LANG="C.UTF-8",
                   DBUS_SESSION_BUS_ADDRESS="disabled:")
        drain(x11, dpy)
        t0 = time.monotonic()
        proc = subprocess.Popen([exe], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            shown = wait_for_map(x11, dpy, t0 + timeout)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        time.sleep(0.3)  # let the server unmap/destroy before the next launch
        if shown is None:
            raise SystemExit(f"first_window.py: {exe} showed no window within {timeout:g} s")
        return shown - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="untimed launches of each first")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("app")
    parser.add_argument("bare")
    args = parser.parse_args()
    x11, dpy = open_display()
    for _ in range(args.warmup):  # page cache warm for both: IT measures a second start too
        launch_once(x11, dpy, args.app, args.timeout)
        launch_once(x11, dpy, args.bare, args.timeout)
    times: dict[str, list[float]] = {"app": [], "bare": []}
    for i in range(args.runs):
        for label, exe in (("app", args.app), ("bare", args.bare)):
            t = launch_once(x11, dpy, exe, args.timeout)
            times[label].append(t)
            print(f"run {i + 1} {label}: {t * 1000:.0f} ms", flush=True)
    app, bare = statistics.median(times["app"]), statistics.median(times["bare"])
    print(f"median app {app * 1000:.0f} ms, bare {bare * 1000:.0f} ms, ratio {app / bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
