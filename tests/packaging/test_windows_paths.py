"""Code paths that differ on Windows (issue 12, item 7), tested with the platform mocked
(sys.platform = "win32", a fake msvcrt, a fake kernel32, platformdirs' Windows rules),
so they run on Linux in CI. On a Windows runner (.github/workflows/windows.yml) the
tests marked `windows_only` run against the real msvcrt, kernel32 and os.replace too.

- the atomic rename over a file another program holds open (engine.os_compat.replace);
- locks between processes: the audit log's append lock and each window's draft lock
  (msvcrt.locking where Linux has flock); without the draft lock a second window on
  Windows offered a running window's draft for recovery;
- whether a lock holder still runs, never with os.kill(pid, 0), which on Windows ends
  the process;
- where the per-user files go (%LOCALAPPDATA%, not the roaming profile) and where the
  machine-wide site file is (%ProgramData%);
- file modes: 0600 is only the read-only flag on Windows; what protects the files;
- printing's helper program: no console window, and a Windows hint when it is missing."""
from __future__ import annotations

import errno
import json
import os
import sys
import types
from pathlib import Path

import pytest

from conftest import REPO
from engine import os_compat

windows_only = pytest.mark.skipif(sys.platform != "win32", reason="needs real Windows")


# --- fakes ------------------------------------------------------------------------------

class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking with Windows' semantics: a byte range locked through one handle
    cannot be locked through another (even in the same process) until unlocked."""
    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        super().__init__("msvcrt")
        self.held: dict[tuple, int] = {}   # (device, inode, offset) -> fd holding it
        self.calls: list[tuple] = []

    def _key(self, fd: int) -> tuple:
        st = os.fstat(fd)
        return st.st_dev, st.st_ino, os.lseek(fd, 0, os.SEEK_CUR)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        key = self._key(fd)
        self.calls.append((mode, key[2], nbytes))
        owner = self.held.get(key)
        if mode == self.LK_UNLCK:
            if owner != fd:
                raise OSError(errno.EACCES, "not locked by this handle")
            del self.held[key]
            return
        if owner is not None and owner != fd:
            # LK_LOCK retries for 10 s on Windows before giving up; the outcome is this.
            raise OSError(errno.EDEADLOCK if mode == self.LK_LOCK else errno.EACCES,
                          "Resource deadlock avoided")
        self.held[key] = fd

    def release_handle(self, fd: int) -> None:
        """What Windows does when a process dies: its handles' locks go."""
        for key, owner in list(self.held.items()):
            if owner == fd:
                del self.held[key]


@pytest.fixture
def win32(monkeypatch):
    """sys.platform is "win32" and msvcrt is the fake above."""
    fake = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    return fake


class FakeKernel32:
    """OpenProcess / GetExitCodeProcess / GetProcessTimes / CloseHandle over a table of
    processes: pid -> (exit code, creation time); 259 is STILL_ACTIVE."""

    def __init__(self, processes: dict[int, tuple[int, int]], denied: set[int] = frozenset()):
        self.processes = processes
        self.denied = denied
        self.error = 0
        self.open_handles: set[int] = set()

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 (the Windows API's name)
        assert access == 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION: ask, never touch
        if pid in self.denied:
            self.error = 5  # ERROR_ACCESS_DENIED
            return 0
        if pid not in self.processes:
            self.error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        handle = 1000 + pid
        self.open_handles.add(handle)
        return handle

    def GetExitCodeProcess(self, handle, code_ref):  # noqa: N802
        code_ref._obj.value = self.processes[handle - 1000][0]
        return 1

    def GetProcessTimes(self, handle, created, exited, kernel, user):  # noqa: N802
        created._obj.value = self.processes[handle - 1000][1]
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.open_handles.discard(handle)
        return 1

    def last_error(self):
        return self.error


@pytest.fixture
def no_os_kill(monkeypatch):
    def forbidden(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) called on Windows: it would end the process")
    monkeypatch.setattr(os, "kill", forbidden)


# --- atomic rename over a file held open ---------------------------------------------------

def test_replace_on_windows_retries_while_the_target_is_briefly_held(win32, monkeypatch, tmp_path):
    src, dst = tmp_path / "new.pdf", tmp_path / "summary.pdf"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    real_replace, attempts, pauses = os.replace, [], []

    def held_twice(a, b):
        attempts.append(1)
        if len(attempts) <= 2:  # a virus scanner looks at it for a moment
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(a, b)
    monkeypatch.setattr(os, "replace", held_twice)
    monkeypatch.setattr(os_compat.time, "sleep", pauses.append)
    os_compat.replace(src, dst)
    assert dst.read_bytes() == b"new" and not src.exists()
    assert len(attempts) == 3 and pauses == list(os_compat.REPLACE_RETRY_DELAYS[:2])


def test_replace_on_windows_names_the_file_held_open(win32, monkeypatch, tmp_path):
    def always_held(a, b):
        raise PermissionError(errno.EACCES, "Access is denied")
    monkeypatch.setattr(os, "replace", always_held)
    pauses = []
    monkeypatch.setattr(os_compat.time, "sleep", pauses.append)
    with pytest.raises(os_compat.FileInUse) as caught:
        os_compat.replace(tmp_path / "a", tmp_path / "summary.pdf")
    assert isinstance(caught.value, PermissionError)  # callers' except OSError still work
    message = caught.value.strerror
    assert "summary.pdf" in message and "open in another program" in message
    assert "Access is denied" in message
    assert 1.0 < sum(pauses) < 3.0  # a moment's hold is waited out, a real one is not


def test_replace_elsewhere_never_retries(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    calls = []

    def denied(a, b):
        calls.append(1)
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(PermissionError) as caught:
        os_compat.replace(tmp_path / "a", tmp_path / "b")
    assert len(calls) == 1 and not isinstance(caught.value, os_compat.FileInUse)


def test_publish_on_windows_with_the_summary_open_in_a_reader(win32, monkeypatch, tmp_path):
    """The export's rename: the old summary stays whole, the staged copy (patient data)
    does not linger, and the error says what to do."""
    from engine.report.files import publish_staged, stage_private

    out = tmp_path / "summary.pdf"
    out.write_bytes(b"%PDF- old summary")
    staged = stage_private(out, b"%PDF- new summary")

    def reader_holds_it(a, b):
        raise PermissionError(errno.EACCES, "The process cannot access the file because "
                                            "it is being used by another process")
    monkeypatch.setattr(os, "replace", reader_holds_it)
    monkeypatch.setattr(os_compat.time, "sleep", lambda s: None)
    with pytest.raises(os_compat.FileInUse, match="close it and try again"):
        publish_staged(staged, out)
    assert out.read_bytes() == b"%PDF- old summary"
    assert not staged.exists()


def test_export_on_windows_reports_the_reader_holding_the_file(win32, monkeypatch, tmp_path):
    import engine
    from engine.report.export import ExportError, export_summary

    case = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))
    out = tmp_path / "summary.pdf"
    log = tmp_path / "audit" / "audit.jsonl"
    real_replace = os.replace

    def reader_holds_the_summary(a, b):
        if Path(b) == out:
            raise PermissionError(errno.EACCES, "being used by another process")
        real_replace(a, b)
    monkeypatch.setattr(os, "replace", reader_holds_the_summary)
    monkeypatch.setattr(os_compat.time, "sleep", lambda s: None)
    with pytest.raises(ExportError, match="open in another program, such as a PDF reader"):
        export_summary(case, engine.assess(case), out, log=log)
    assert not out.exists()
    assert not list(tmp_path.glob(".summary.pdf.*.tmp"))


def test_fsync_of_a_folder_is_skipped_on_windows(win32, monkeypatch, tmp_path):
    from engine import os_compat

    opened = []
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or 0)
    os_compat.fsync_dir(tmp_path)
    assert opened == []


# --- locks ------------------------------------------------------------------------------

def test_lock_on_windows_locks_one_byte_far_beyond_the_data(win32, tmp_path):
    path = tmp_path / "audit.jsonl"
    path.write_bytes(b"line\n")
    a = os.open(path, os.O_RDWR)
    b = os.open(path, os.O_RDWR)
    try:
        os.lseek(a, 3, os.SEEK_SET)
        assert os_compat.lock(a) is True
        assert os.lseek(a, 0, os.SEEK_CUR) == 3  # the file position is left as it was
        assert win32.calls[-1] == (win32.LK_LOCK, os_compat.LOCK_OFFSET, 1)
        assert os_compat.lock(b, blocking=False) is False  # another handle: refused
        with pytest.raises(OSError):
            os_compat.lock(b)  # blocking: Windows gives up (after 10 s) with an error
        os_compat.unlock(a)
        assert os_compat.lock(b, blocking=False) is True
        os_compat.unlock(b)
        assert win32.held == {}
    finally:
        os.close(a)
        os.close(b)
    assert os_compat.LOCK_OFFSET > 2**30  # never a byte of a real audit log or lock file


def test_audit_append_on_windows_takes_and_releases_the_lock(win32, tmp_path):
    from engine import audit

    log = tmp_path / "audit.jsonl"
    for n in range(3):
        audit.append("export", hospital_number=f"H{n}", fingerprint="f" * 16, signer=None,
                     log=log)
    assert audit.verify_chain(log).intact and audit.verify_chain(log).entries == 3
    modes = [m for m, offset, _ in win32.calls if offset == os_compat.LOCK_OFFSET]
    assert modes == [win32.LK_LOCK, win32.LK_UNLCK] * 3
    assert win32.held == {}


def test_audit_append_on_windows_while_another_process_holds_the_log(win32, tmp_path):
    from engine import audit

    log = tmp_path / "audit.jsonl"
    audit.append("export", hospital_number="H1", fingerprint="f" * 16, signer=None, log=log)
    before = log.read_bytes()
    other = os.open(log, os.O_RDWR)  # the other process's handle, holding the lock
    try:
        os_compat.lock(other)
        with pytest.raises(audit.AuditError, match="locked by another process.*nothing was recorded"):
            audit.append("export", hospital_number="H2", fingerprint="f" * 16, signer=None,
                         log=log)
    finally:
        os_compat.unlock(other)
        os.close(other)
    assert log.read_bytes() == before


def _case() -> dict:
    return json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))


def test_a_running_windows_window_keeps_its_draft_from_a_second_window(win32, tmp_path):
    """Two windows on one Windows PC: the second must not offer the first one's live
    draft for recovery (both would then edit the same patient)."""
    from desktop.drafts import DraftStore

    first, second = DraftStore(tmp_path), DraftStore(tmp_path)
    first.write(_case(), None)
    assert first.own_path.exists()
    drafts, corrupt = second.orphans()
    assert drafts == [] and corrupt == []
    # The first window's process dies (power cut): Windows drops its handle's lock.
    win32.release_handle(first._lock_handle.fileno())
    first._lock_handle.close()
    first._lock_handle = None
    drafts, _ = second.orphans()
    assert [d.path for d in drafts] == [first.own_path]


def test_a_windows_window_closing_normally_leaves_no_lock(win32, tmp_path):
    from desktop.drafts import DraftStore

    store = DraftStore(tmp_path)
    store.write(_case(), None)
    store.discard_own()
    store.release()
    assert list(tmp_path.iterdir()) == [] and win32.held == {}


# --- is the lock holder alive? ------------------------------------------------------------

def test_pid_alive_on_windows_asks_the_kernel_and_never_signals(win32, monkeypatch, no_os_kill):
    api = FakeKernel32({100: (259, 5000), 200: (0, 6000)}, denied={300})
    monkeypatch.setattr(os_compat, "_win_api", lambda: api)
    assert os_compat.pid_alive(100) is True     # STILL_ACTIVE
    assert os_compat.pid_alive(200) is False    # exited, handle still around
    assert os_compat.pid_alive(300) is True     # another user's (elevated) process
    assert os_compat.pid_alive(400) is False    # no such process
    assert os_compat.pid_alive(0) is False
    assert api.open_handles == set()            # every handle closed again
    assert os_compat.process_start(100) == "5000"
    assert os_compat.process_start(400) is None


def test_draft_lock_on_windows_tells_live_dead_and_reused_pids(win32, monkeypatch, no_os_kill,
                                                               tmp_path):
    from desktop import draft_lock

    api = FakeKernel32({os.getpid(): (259, 111), 4242: (259, 222)})
    monkeypatch.setattr(os_compat, "_win_api", lambda: api)
    mine = draft_lock.DraftLock(tmp_path / "case.json", host="WARD-PC-7")
    assert mine.try_acquire() is None
    doc = json.loads(mine.path.read_bytes())
    assert doc["proc_start"] == "111"  # the creation time, to catch pid reuse
    other = draft_lock.DraftLock(tmp_path / "case.json", host="WARD-PC-7", pid=4242)
    holder = other.try_acquire()
    assert holder is not None and holder.pid == os.getpid()  # alive: not broken
    api.processes[os.getpid()] = (259, 999)  # same pid, a different (later) process
    assert other.is_stale(other.holder()) is True
    api.processes.pop(os.getpid())  # gone altogether
    assert other.is_stale(other.holder()) is True
    assert other.try_acquire() is None  # the stale lock is broken and taken


# --- where the files are ----------------------------------------------------------------

@pytest.fixture
def windows_profile(monkeypatch, tmp_path):
    """platformdirs answering as on Windows, with %LOCALAPPDATA% and %APPDATA% in tmp."""
    import platformdirs
    import platformdirs.windows

    folders = {"CSIDL_LOCAL_APPDATA": str(tmp_path / "AppData" / "Local"),
               "CSIDL_APPDATA": str(tmp_path / "AppData" / "Roaming"),
               "CSIDL_COMMON_APPDATA": str(tmp_path / "ProgramData")}
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.delenv("MSCC_PATHWAY_DATA_DIR", raising=False)
    return tmp_path / "AppData" / "Local" / "mscc-pathway" / "mscc-pathway"


def test_per_user_files_live_in_the_local_profile_not_the_roaming_one(windows_profile):
    """Drafts, logs, settings and the audit log hold patient data: they stay on this PC
    (%LOCALAPPDATA%), never in the roaming profile copied to a server at log-off, and
    all in one folder that only the user (and SYSTEM, Administrators) can open."""
    from desktop import paths
    from engine import audit

    found = {
        "settings": paths.settings_file_path(),
        "drafts": paths.drafts_dir_path(),
        "log": paths.log_file(),
        "audit": audit.default_log_path(),
        "data": paths.data_dir(),
    }
    for what, path in found.items():
        assert windows_profile in Path(path).parents or Path(path) == windows_profile, what
        assert "Roaming" not in str(path), what
    assert found["audit"].name == "audit.jsonl"


def test_site_file_is_in_programdata_as_the_msi_installs_it():
    import xml.etree.ElementTree as ET

    from engine import site_config

    path = site_config.default_path("win32", {"PROGRAMDATA": r"D:\ProgramData"})
    assert str(path).replace("\\", "/") == "D:/ProgramData/MSCC Pathway/site.toml"
    assert str(site_config.default_path("win32", {})).startswith("C:\\ProgramData")
    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    wxs = ET.parse(REPO / "packaging" / "windows" / "mscc-pathway.wxs")
    common = wxs.find(".//w:StandardDirectory[@Id='CommonAppDataFolder']/w:Directory", ns)
    from pathlib import PureWindowsPath

    assert common.get("Name") == PureWindowsPath(str(path)).parent.name == "MSCC Pathway"


# --- file modes ---------------------------------------------------------------------------

def test_private_files_are_written_the_same_way_on_windows(win32, tmp_path):
    """0600 is the only mode the app asks for; on Windows it means "not read-only", so
    os.chmod never makes a file read-only there (the app could not replace it later),
    and the protection is the profile folder's access list (engine/os_compat.py)."""
    from desktop.atomic import PRIVATE_FILE, atomic_write_bytes

    assert PRIVATE_FILE & 0o200  # the owner-write bit: Windows' "not read-only"
    target = tmp_path / "drafts" / "draft-x.json"
    atomic_write_bytes(target, b"{}")
    atomic_write_bytes(target, b"{\"again\": 1}")  # replaced in place, not refused
    assert target.read_bytes() == b"{\"again\": 1}"
    text = (REPO / "engine" / "os_compat.py").read_text(encoding="utf-8")
    assert "%LOCALAPPDATA%" in text and "access list" in text


# --- printing ---------------------------------------------------------------------------

def test_print_helper_opens_no_console_window_on_windows(win32, monkeypatch, tmp_path):
    import subprocess

    pytest.importorskip("PySide6")
    from desktop.ui import print_summary

    seen = {}

    def fake_run(cmd, **kwargs):
        seen.update(kwargs)
        Path(str(cmd[-1]) + "-1.png").write_bytes(b"png")
        return subprocess.CompletedProcess(cmd, 0)
    monkeypatch.setattr(print_summary, "find_pdftoppm", lambda: r"C:\poppler\bin\pdftoppm.exe")
    monkeypatch.setattr(print_summary.subprocess, "run", fake_run)
    folder, pages = print_summary.rasterise(b"%PDF-1.4")
    try:
        assert seen["creationflags"] == 0x08000000  # CREATE_NO_WINDOW
        assert len(pages) == 1
    finally:
        import shutil
        shutil.rmtree(folder)
    monkeypatch.setattr(sys, "platform", "linux")
    assert os_compat.no_console_window() == 0


def test_missing_print_helper_message_names_the_windows_fix(win32, monkeypatch):
    pytest.importorskip("PySide6")
    from desktop.ui import print_summary

    monkeypatch.setattr(print_summary.shutil, "which", lambda name: None)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", r"C:\Program Files\MSCC Pathway\mscc-pathway-gui.exe")
    assert print_summary.find_pdftoppm() is None
    with pytest.raises(print_summary.CannotRasterise, match=r"pdftoppm\.exe on the PATH, or beside mscc-pathway\.exe"):
        print_summary.rasterise(b"%PDF-1.4")


# --- the same, on a real Windows machine (the Windows CI job) -----------------------------

@windows_only
def test_real_windows_replace_over_a_file_held_open(tmp_path):
    src, dst = tmp_path / "new.pdf", tmp_path / "summary.pdf"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    with open(dst, "rb"):  # Python opens without delete sharing, as a PDF reader does
        with pytest.raises(os_compat.FileInUse):
            os_compat.replace(src, dst)
    os_compat.replace(src, dst)
    assert dst.read_bytes() == b"new"


@windows_only
def test_real_windows_lock_and_pid(tmp_path):
    path = tmp_path / "lock"
    path.write_bytes(b"")
    a, b = os.open(path, os.O_RDWR), os.open(path, os.O_RDWR)
    try:
        assert os_compat.lock(a, blocking=False)
        assert not os_compat.lock(b, blocking=False)
        os_compat.unlock(a)
    finally:
        os.close(a)
        os.close(b)
    assert os_compat.pid_alive(os.getpid())
    assert os_compat.process_start(os.getpid()) is not None
