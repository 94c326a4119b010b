"""Crash safety of the draft (hazard HAZ-019 lost draft; HAZ-020 full disk or read-only
data directory).

1. The desktop's own draft save (desktop/drafts.py DraftStore.write, which uses
   desktop/atomic.py atomic_write_bytes) runs in a loop in a forked child process that
   is SIGKILLed after a random delay (0-15 ms after its first save starts), KILL_RUNS
   (200) times. After every kill the draft on disk
   must be the last version whose save returned or the one being saved: complete,
   never torn.
2. A checksum in the draft must detect damage.
3. A full disk (a 64 kB tmpfs when the suite runs as root and may mount, else a
   simulated ENOSPC) and a read-only data directory (a read-only tmpfs, else a
   simulated EROFS) fail the save with a clear message, keep the previous draft and
   keep the work in memory (the autosaver and the session are driven as the window
   drives them).

The figures of the last run are printed with -s and written to
.pytest_cache/crash-kill.json."""
from __future__ import annotations

import contextlib
import errno
import json
import mmap
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import crash_writer
from desktop.drafts import DraftStore

KILL_RUNS = int(os.environ.get("MSCC_KILL_RUNS", "200"))
REPO = Path(__file__).resolve().parents[2]


# --- 1. SIGKILL during save -----------------------------------------------------------------

def _temp_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(".draft-*.tmp"))


def _kill_dir(tmp_path: Path) -> Path:
    """Where the kill loop saves: a RAM file system (/dev/shm) when there is one, so that
    200 runs take seconds even on a busy disk. What a SIGKILL can break is the
    write-then-rename sequence, which behaves the same there; fsync only matters for a
    power cut, which no process kill can simulate."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="mscc-kill-", dir=shm)) / "drafts"
    return tmp_path / "drafts"


class SharedInt:
    """An integer in anonymous shared memory, visible across fork (the writer's progress)."""

    def __init__(self, value: int = 0):
        self._mem = mmap.mmap(-1, 8)
        self.value = value

    @property
    def value(self) -> int:
        return struct.unpack("q", self._mem[:8])[0]

    @value.setter
    def value(self, v: int) -> None:
        self._mem[:8] = struct.pack("q", v)


def start_writer(directory: Path, first_seq: int, acked: SharedInt, ready: SharedInt) -> int:
    """Fork a child that runs the desktop's draft save in a loop (crash_writer); the
    child never returns to pytest: it is killed, or exits hard."""
    pid = os.fork()
    if pid == 0:
        try:
            crash_writer.save_forever(str(directory), first_seq, acked, ready)
        finally:
            os._exit(0)
    return pid


def kill(pid: int) -> int:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return status


def test_killed_save_leaves_previous_or_new_version_never_torn(tmp_path):
    directory = _kill_dir(tmp_path)
    try:
        _kill_loop(directory)
    finally:
        if str(directory).startswith("/dev/shm/"):
            shutil.rmtree(directory.parent, ignore_errors=True)


def _kill_loop(directory: Path) -> None:
    store = crash_writer.store(str(directory))
    store.write(crash_writer.version(0), None)          # the version on disk before run 1
    store.release()
    draft_path = store.own_path
    rng = random.Random(20260310)
    tally = {"runs": 0, "previous": 0, "new": 0, "killed_mid_write": 0,
             "temp_files_left": 0, "versions_written": 0}
    last = 0
    started = time.monotonic()
    for run in range(KILL_RUNS):
        acked, ready = SharedInt(last), SharedInt(0)
        pid = start_writer(directory, last + 1, acked, ready)
        deadline = time.monotonic() + 10
        while not ready.value and time.monotonic() < deadline:
            time.sleep(0.0002)
        time.sleep(rng.uniform(0.0, 0.015))
        status = kill(pid)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
            f"run {run}: writer was not killed"
        done = acked.value
        raw = draft_path.read_bytes()
        doc = json.loads(raw)                             # never torn: always parses ...
        seq = doc["case"]["seq"]
        assert seq in (done, done + 1), f"run {run}: on disk {seq}, saved {done}"
        assert doc["case"] == crash_writer.version(seq)   # ... and is one whole version
        assert doc["format"] == "mscc-draft/1"
        temps = _temp_files(directory)
        tally["runs"] += 1
        tally["previous" if seq == done else "new"] += 1
        tally["killed_mid_write"] += bool(temps)
        tally["temp_files_left"] = len(temps)
        tally["versions_written"] += seq - last
        for t in temps:                                   # (their clean-up: test below)
            t.unlink()
        last = seq
    tally["seconds"] = round(time.monotonic() - started, 1)
    out = REPO / ".pytest_cache" / "crash-kill.json"
    with contextlib.suppress(OSError):
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(tally, indent=1))
    print(f"\ncrash-kill: {tally}")
    assert tally["runs"] == KILL_RUNS
    # The kills must really land at assorted points: mid-write (a temp file left) and
    # before the new version was in place (previous kept). A kill after the rename but
    # before the save returned ("new") is counted, not required: on a RAM-backed temp
    # directory that window is microseconds wide and a CI run saw 0 of 200.
    assert tally["killed_mid_write"] > 0 and tally["previous"] > 0


def test_temp_file_of_a_killed_save_is_cleaned_up(tmp_path):
    """A save killed mid-write leaves its hidden temp file (full patient data) behind (the
    kill loop above counts how often); the next start must remove it, and must not
    remove the temp file of a save still in progress. Was a strict xfail until
    desktop/drafts.py learned to do it."""
    directory = tmp_path / "drafts"
    store = crash_writer.store(str(directory))
    store.write(crash_writer.version(1), None)
    store.release()
    dead = directory / f".{store.own_path.name}.k1ll3d.tmp"       # as mkstemp names it
    dead.write_bytes(store.own_path.read_bytes()[:1000])
    old = time.time() - 3600
    os.utime(dead, (old, old))
    live = directory / f".{store.own_path.name}.wr1t1ng.tmp"      # a save in progress now
    live.write_bytes(b"{")
    DraftStore(directory).orphans()
    assert not dead.exists() and live.exists()
    DraftStore(directory).purge_older_than(14)
    assert not dead.exists() and live.exists()


# --- 2. checksum ------------------------------------------------------------------------

def test_checksum_detects_a_damaged_draft(tmp_path):
    """Damage that leaves valid JSON (a flipped digit in the weight) is detected by the
    draft's checksum (case_sha256) and the draft is set aside, not recovered as data.
    Was a strict xfail until desktop/drafts.py added the checksum."""
    writer = DraftStore(tmp_path)
    writer.write({"format": "mscc-case/1", "patient": {"id": "CHK-1", "weight_kg": 72}}, None)
    writer.release()
    path = writer.own_path
    raw = path.read_bytes()
    assert b'"weight_kg": 72' in raw
    path.write_bytes(raw.replace(b'"weight_kg": 72', b'"weight_kg": 12'))   # still valid JSON
    drafts, corrupt = DraftStore(tmp_path).orphans()
    assert drafts == [] and len(corrupt) == 1


def test_truncated_draft_is_reported_not_loaded(tmp_path):
    """What exists today: damage that breaks the JSON is caught (set aside, reported)."""
    writer = DraftStore(tmp_path)
    writer.write({"format": "mscc-case/1", "patient": {"id": "CHK-2"}}, None)
    writer.release()
    raw = writer.own_path.read_bytes()
    writer.own_path.write_bytes(raw[: len(raw) // 2])
    drafts, corrupt = DraftStore(tmp_path).orphans()
    assert drafts == [] and len(corrupt) == 1 and corrupt[0].path.suffix == ".corrupt"


# --- 3. full disk and read-only data directory ------------------------------------------------

def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


@contextlib.contextmanager
def tiny_filesystem(path: Path, size: str = "64k", read_only: bool = False):
    """A real tmpfs of `size` at `path` (root on Linux); yields True, or False when it
    cannot be mounted (the caller then simulates the fault)."""
    path.mkdir(parents=True, exist_ok=True)
    if not _can_mount():
        yield False
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                              str(path)], capture_output=True).returncode == 0
    if not mounted:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)


def _fill(directory: Path) -> Path:
    """Fill the file system: one big file, written until ENOSPC."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def _session_and_autosaver(store):
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QApplication

    from desktop.autosave import Autosaver
    from desktop.session import CaseSession

    # a QApplication (not a bare QCoreApplication): window tests later in the session
    # need the widgets application, and Qt allows one application object per process
    _app = QApplication.instance() or QApplication(["mscc-pathway-tests"])
    session = CaseSession(debounce_ms=10_000)
    autosaver = Autosaver(session, store, interval_ms=3_600_000, after_change_ms=3_600_000)
    messages: list[str] = []
    autosaver.failedToSave.connect(messages.append)
    return session, autosaver, messages


def test_full_disk_keeps_previous_draft_and_the_work_in_memory(tmp_path, monkeypatch):
    mount = tmp_path / "small"
    with tiny_filesystem(mount) as real:
        (mount / "drafts").mkdir()
        store = DraftStore(mount / "drafts")
        session, autosaver, messages = _session_and_autosaver(store)
        session.set_value("patient.id", "DISK-1")
        autosaver.write_now()
        assert messages == [] and json.loads(store.own_path.read_text())["case"]["patient"]["id"] == "DISK-1"
        if real:
            filler = _fill(mount)
        else:   # simulate: every fsync of a new file fails as on a full disk
            real_fsync = os.fsync
            monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(
                OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
        session.set_value("presentation.limb_weakness", True)
        session.set_value("patient.weight_kg", 70)
        autosaver.write_now()
        # a clear message, naming the cause
        assert len(messages) == 1
        assert messages[0].startswith("The draft could not be saved") and "space" in messages[0].lower()
        # the previous draft is intact, no half-written temp file is left behind
        on_disk = json.loads(store.own_path.read_text())
        assert on_disk["case"]["patient"] == {"id": "DISK-1"}
        assert _temp_files(store.directory) == []
        # the work is kept in memory, still marked unsaved
        assert session.value("presentation.limb_weakness") is True and session.dirty
        # space comes back: the next autosave writes the work that was kept
        if real:
            filler.unlink()
        else:
            monkeypatch.setattr(os, "fsync", real_fsync)
        autosaver.write_now()
        assert json.loads(store.own_path.read_text())["case"]["presentation"] == {"limb_weakness": True}
        autosaver.shutdown(keep_draft=True)
        assert store.own_path.exists()


def test_read_only_data_directory_gives_a_clear_message_and_keeps_the_work(tmp_path, monkeypatch):
    mount = tmp_path / "ro"
    with tiny_filesystem(mount) as real:
        drafts = mount / "drafts"
        drafts.mkdir()
        store = DraftStore(drafts)
        if real:
            remount_read_only(mount)
        else:
            import tempfile
            monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(
                OSError(errno.EROFS, os.strerror(errno.EROFS))))
            monkeypatch.setattr(DraftStore, "claim", lambda self: None)
        session, autosaver, messages = _session_and_autosaver(store)
        session.set_value("patient.id", "RO-1")
        autosaver.write_now()
        assert len(messages) == 1 and messages[0].startswith("The draft could not be saved")
        assert "read-only" in messages[0].lower()
        assert session.value("patient.id") == "RO-1" and session.dirty
        assert not store.own_path.exists()


def test_shutdown_with_a_read_only_data_directory_does_not_raise(tmp_path):
    """Closing the window must not raise when the data directory became read-only
    (DraftStore.release unlinks the lock file). Was a strict xfail."""
    mount = tmp_path / "ro"
    with tiny_filesystem(mount) as real:
        if not real:
            pytest.skip("needs a read-only mount (root)")
        drafts = mount / "drafts"
        drafts.mkdir()
        store = DraftStore(drafts)
        store.claim()                      # started while the directory was writable
        store._lock_handle.close()         # (a file open for writing blocks the remount)
        store._lock_handle = None
        remount_read_only(mount)
        session, autosaver, messages = _session_and_autosaver(store)
        session.set_value("patient.id", "RO-2")
        autosaver.write_now()
        assert messages
        autosaver.shutdown(keep_draft=True)


@pytest.mark.gui
def test_window_starts_with_a_read_only_data_directory(tmp_path, monkeypatch):
    """The window starts with a read-only data directory and says drafts cannot be saved.
    Was a strict xfail (build_window raised OSError(EROFS))."""
    mount = tmp_path / "data"
    with tiny_filesystem(mount) as real:
        if not real:
            pytest.skip("needs a read-only mount (root)")
        (mount / "mscc-pathway" / "drafts").mkdir(parents=True)
        (mount / "mscc-pathway" / "logs").mkdir()
        remount_read_only(mount)
        monkeypatch.setenv("XDG_DATA_HOME", str(mount))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))   # writable
        from desktop.app import build_window, create_application

        create_application([])
        window = build_window(debounce_ms=20)
        try:
            assert "read-only" in window.statusBar().currentMessage().lower()
        finally:
            window.close()
