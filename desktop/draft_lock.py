"""Advisory lock files: one window (one app instance) at a time per draft or case file.

Two windows editing the same draft, or two instances that both recover the same
orphaned draft after a crash, would otherwise overwrite each other's work silently.
Before a window takes a draft (or opens a case file) it takes `<file>.lock` beside
it; a second window sees who holds it and says so instead of loading it.

The lock file holds JSON: pid, host, process start time (Linux, Windows), a random token and
when it was taken. It is created with a hard link from a fully written temporary
file, so it never exists half-written. No Qt here.

Stale locks (the holder crashed or lost power):
- same host: the pid no longer runs, or runs but started at another time (pid reuse);
- another host (a shared drive): the lock was not refreshed for `stale_after`
  seconds. Holders call `refresh()` from their autosave timer to keep it fresh.
A stale lock is broken by renaming it aside and checking that what was renamed is
the stale lock that was read; a lock another process has just taken is put back.

Advisory: it protects windows of this app from each other, not against other
programs. Windows (the OS) has no os.link on some file systems; there the lock is
created with O_EXCL and written in place."""
from __future__ import annotations

import errno
import json
import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from engine import os_compat

LOCK_SUFFIX = ".lock"
LOCK_FORMAT = "mscc-lock/1"
DEFAULT_STALE_AFTER = 600.0  # seconds without refresh before another host's lock is stale


def _proc_start(pid: int) -> str | None:
    """Start time of a process (Linux: clock ticks since boot; Windows: its creation
    time), to tell a live holder from a new process that reuses its pid; None where it
    cannot be read (engine.os_compat.process_start)."""
    return os_compat.process_start(pid)


def _pid_alive(pid: int) -> bool:
    """Whether the holder runs. Never os.kill(pid, 0) on Windows: that ends the process
    (engine.os_compat.pid_alive asks the kernel instead)."""
    return os_compat.pid_alive(pid)


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    token: str
    acquired_at: float
    proc_start: str | None = None
    age_seconds: float = 0.0  # since the lock file was last refreshed

    def describe(self) -> str:
        when = time.strftime("%H:%M", time.localtime(self.acquired_at))
        return f"process {self.pid} on {self.host}, since {when}"


class LockHeld(Exception):
    """The file is in use by another window or app instance."""

    def __init__(self, path: Path, holder: Holder):
        self.path = path
        self.holder = holder
        super().__init__(f"{path.name} is open in another MSCC Pathway window "
                         f"({holder.describe()})")


class DraftLock:
    def __init__(self, target: Path | str, *, stale_after: float = DEFAULT_STALE_AFTER,
                 pid: int | None = None, host: str | None = None):
        self.target = Path(target)
        self.path = self.target.with_name(self.target.name + LOCK_SUFFIX)
        self.stale_after = stale_after
        self.pid = os.getpid() if pid is None else pid
        self.host = host or socket.gethostname()
        self.token: str | None = None

    # --- public ------------------------------------------------------------------
    @property
    def owned(self) -> bool:
        holder = self.holder()
        return self.token is not None and holder is not None and holder.token == self.token

    def try_acquire(self) -> Holder | None:
        """Take the lock: None when taken (or already ours), else the live holder."""
        for _ in range(5):
            if self.token is not None and self.owned:
                return None
            if self._create():
                return None
            holder = self.holder()
            if holder is None:
                continue  # released or unreadable-and-removed meanwhile: try again
            if not self.is_stale(holder):
                return holder
            self._break(holder)
        holder = self.holder()
        if holder is None:
            raise OSError(errno.EAGAIN, f"could not take {self.path} (contended)")
        return holder

    def acquire(self) -> "DraftLock":
        holder = self.try_acquire()
        if holder is not None:
            raise LockHeld(self.target, holder)
        return self

    def refresh(self) -> bool:
        """Mark the lock as alive (call from the autosave timer). False when the lock
        is no longer ours (it was broken as stale): the caller must stop writing."""
        if not self.owned:
            return False
        try:
            os.utime(self.path)
        except OSError:
            return False
        return True

    def release(self) -> None:
        """Remove the lock if it is still ours; never removes another holder's lock."""
        if self.token is None:
            return
        if self.owned:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
        self.token = None

    def live_holder(self) -> Holder | None:
        """Who holds the lock now (None when nobody does or the lock is stale); takes
        nothing. For listing drafts that another window is already recovering."""
        holder = self.holder()
        if holder is None or self.is_stale(holder):
            return None
        if self.token is not None and holder.token == self.token:
            return None  # our own
        return holder

    def holder(self) -> Holder | None:
        try:
            raw = self.path.read_bytes()
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        try:
            doc = json.loads(raw)
            return Holder(pid=int(doc["pid"]), host=str(doc["host"]), token=str(doc["token"]),
                          acquired_at=float(doc["acquired_at"]),
                          proc_start=doc.get("proc_start"), age_seconds=max(0.0, age))
        except (ValueError, KeyError, TypeError):
            # Unreadable: written by something else or damaged. Treat as a holder that
            # cannot be checked; it becomes stale after stale_after like a remote one.
            return Holder(pid=-1, host="?", token="", acquired_at=time.time() - age,
                          age_seconds=max(0.0, age))

    def is_stale(self, holder: Holder) -> bool:
        if holder.host == self.host and holder.pid > 0:
            if not _pid_alive(holder.pid):
                return True
            if holder.proc_start is not None:
                now_start = _proc_start(holder.pid)
                if now_start is not None and now_start != holder.proc_start:
                    return True  # the pid was reused by another process
            return False
        return holder.age_seconds > self.stale_after

    def __enter__(self) -> "DraftLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    # --- internals -----------------------------------------------------------------
    def _create(self) -> bool:
        token = secrets.token_hex(16)
        doc = {"format": LOCK_FORMAT, "pid": self.pid, "host": self.host, "token": token,
               "acquired_at": time.time(), "proc_start": _proc_start(self.pid),
               "file": self.target.name}
        data = json.dumps(doc).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{token}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, self.path)
            linked: bool | None = True
        except FileExistsError:
            linked = False
        except OSError:  # no hard links on this file system
            linked = None
        finally:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if linked is None:
            return self._create_in_place(data, token)
        if linked:
            self.token = token
        return linked

    def _create_in_place(self, data: bytes, token: str) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        self.token = token
        return True

    def _break(self, stale: Holder) -> None:
        aside = self.path.with_name(f".{self.path.name}.{secrets.token_hex(8)}.stale")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # someone else broke it first
        try:
            moved = json.loads(aside.read_bytes())
            same = str(moved.get("token")) == stale.token
        except (OSError, ValueError, AttributeError):
            same = stale.token == ""  # the unreadable lock we judged stale
        if not same:
            # We moved a lock that another process took after our read: put it back
            # unless yet another lock exists now (then that one wins, theirs is lost
            # and they will see it in refresh()).
            try:
                os.link(aside, self.path)
            except OSError:
                pass
        try:
            os.unlink(aside)
        except FileNotFoundError:
            pass
