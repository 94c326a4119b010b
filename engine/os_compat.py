"""What differs between Windows and Linux/macOS for the app's own files and processes,
in one place (issue 12, item 7). No Qt; nothing here is imported by the decision code.

- `replace(src, dst)`: the atomic rename of a staged file over its target. POSIX
  rename replaces a file even while another program has it open. Windows refuses
  (PermissionError, "access denied" or "sharing violation") while any program holds
  the target open without delete sharing: a PDF reader showing the previous summary,
  or a virus scanner or the search indexer looking at a file just written. The second
  kind lasts milliseconds, so on Windows the rename is tried again a few times (about
  1.5 s in all); if the target is still held, the error says which file and what to do.
  It is still all or nothing: the target is either the old file or the new one.
- `lock(fd)` / `unlock(fd)`: an exclusive advisory lock between processes of this app.
  POSIX: flock. Windows: msvcrt.locking of one byte far beyond the end of the file
  (Windows locks are mandatory, so the byte locked must be one nobody reads or writes;
  appends at the end are not affected).
- `pid_alive(pid)` / `process_start(pid)`: whether a lock holder still runs, and when it
  started (to tell it from a new process that reuses its pid). POSIX: os.kill(pid, 0)
  and /proc. Windows: OpenProcess, GetExitCodeProcess and GetProcessTimes, because
  os.kill(pid, 0) on Windows does not test a process: it TERMINATES it.
- `no_console_window()`: creationflags for a helper program started from the windowed
  app (pdftoppm), so that Windows does not flash a console window over it.

File modes: the app creates its files 0600 and folders 0700. On Windows os.chmod only
sets or clears the read-only flag and mkdir ignores the mode, so there the protection
is the folder's access list: the app's data (drafts, logs, the audit log and its key,
settings) lives under the user's profile (%LOCALAPPDATA%\\mscc-pathway, via
platformdirs), which only that user, SYSTEM and Administrators can open. A summary
exported to another folder (a shared drive) gets that folder's access list, as any
file saved there would.

Every function decides by `sys.platform` when it is called, so tests can mock the
platform (tests/packaging/test_windows_paths.py)."""
from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

# Windows: retry the rename after these pauses (seconds), about 1.5 s in all.
REPLACE_RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.7)
# Windows: the byte locked by lock() (far beyond any real file's end, within 31 bits).
LOCK_OFFSET = 0x7FFFFFF0
CREATE_NO_WINDOW = 0x08000000  # subprocess.CREATE_NO_WINDOW (only defined on Windows)
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


def is_windows() -> bool:
    return sys.platform == "win32"


class FileInUse(PermissionError):
    """Windows: the target of a rename is held open by another program."""


def replace(src: str | Path, dst: str | Path) -> None:
    """os.replace, atomic on every platform; on Windows retried while the target is
    briefly held open, then FileInUse naming the file (module docstring)."""
    if not is_windows():
        os.replace(src, dst)
        return
    for pause in (*REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if pause is None:
                raise FileInUse(
                    errno.EACCES,
                    f"{dst} cannot be replaced ({exc.strerror or exc}): it is open in "
                    "another program, such as a PDF reader, or this user may not write "
                    "there; close it and try again", str(dst)) from exc
            time.sleep(pause)


# --- locks ---------------------------------------------------------------------------

def fsync_dir(directory: str | Path) -> None:
    """Make a rename in `directory` durable (POSIX). Windows has no directory handles
    through os.open; NTFS journals the rename itself. A file system that cannot sync a
    directory leaves the rename atomic, only less certain to survive a power cut."""
    if is_windows():
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def lock(fd: int, *, blocking: bool = True) -> bool:
    """An exclusive lock on the open file `fd`. Returns False only when `blocking` is
    False and another process (or another handle) holds it. Windows, blocking: waits
    up to about 10 s, then OSError (msvcrt's own limit)."""
    if is_windows():
        import msvcrt

        position = os.lseek(fd, 0, os.SEEK_CUR)
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            if blocking:
                raise
            return False
        finally:
            os.lseek(fd, position, os.SEEK_SET)
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


def unlock(fd: int) -> None:
    if is_windows():
        import msvcrt

        position = os.lseek(fd, 0, os.SEEK_CUR)
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.lseek(fd, position, os.SEEK_SET)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


# --- processes -----------------------------------------------------------------------

def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs. Never signals it (on Windows os.kill would end it)."""
    if pid <= 0:
        return False
    if is_windows():
        return _win_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def process_start(pid: int) -> str | None:
    """When `pid` started, as an opaque string that differs for a later process with the
    same pid; None when it cannot be read. Linux: clock ticks since boot (/proc).
    Windows: the creation time (GetProcessTimes). Elsewhere: None."""
    if is_windows():
        return _win_process_start(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 2 (comm) may contain spaces and parentheses: split after the last ')'.
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


def no_console_window() -> int:
    """subprocess creationflags: no console window for a helper program on Windows."""
    return CREATE_NO_WINDOW if is_windows() else 0


class _WinApi:
    """The few kernel32 calls used here (ctypes; only ever made on Windows). Tests
    replace `_win_api` with a fake."""

    def __init__(self):
        import ctypes

        self.ctypes = ctypes
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        self.OpenProcess = kernel32.OpenProcess
        self.OpenProcess.restype = ctypes.c_void_p
        self.OpenProcess.argtypes = [ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32]
        self.GetExitCodeProcess = kernel32.GetExitCodeProcess
        self.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.GetProcessTimes = kernel32.GetProcessTimes
        self.GetProcessTimes.argtypes = [ctypes.c_void_p] + [ctypes.c_void_p] * 4
        self.CloseHandle = kernel32.CloseHandle
        self.CloseHandle.argtypes = [ctypes.c_void_p]

    def last_error(self) -> int:
        return self.ctypes.get_last_error()


_api: _WinApi | None = None


def _win_api():
    global _api
    if _api is None:
        _api = _WinApi()
    return _api


def _win_pid_alive(pid: int) -> bool:
    import ctypes

    api = _win_api()
    handle = api.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, 0, pid)
    if not handle:
        # Access denied: it exists (another user's, or elevated). Otherwise (invalid
        # parameter) there is no such process.
        return api.last_error() == _ERROR_ACCESS_DENIED
    try:
        code = ctypes.c_uint32(0)
        if not api.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # cannot tell: a lock is never broken on a guess
        return code.value == _STILL_ACTIVE
    finally:
        api.CloseHandle(handle)


def _win_process_start(pid: int) -> str | None:
    import ctypes

    api = _win_api()
    handle = api.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, 0, pid)
    if not handle:
        return None
    try:
        times = [ctypes.c_uint64(0) for _ in range(4)]  # FILETIME: 100 ns since 1601
        if not api.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        return str(times[0].value)
    finally:
        api.CloseHandle(handle)
