"""Draft files: the unsaved case written to the user data directory so that a crash
or power cut loses at most a few seconds of work. No Qt here (the timer that drives
it is desktop/autosave.py).

Each running window owns one draft `draft-<id>.json` and holds an exclusive lock on
`draft-<id>.lock` for its lifetime. At start-up a draft whose lock can be taken
belongs to a process that is gone: that is what gets offered for recovery."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.atomic import atomic_write_bytes
from desktop.draft_lock import DraftLock
from engine import os_compat

DRAFT_FORMAT = "mscc-draft/1"
TEMP_GRACE_SECONDS = 60  # a temp file older than this belongs to a save that died
log = logging.getLogger(__name__)


def case_checksum(case: dict) -> str:
    """Detects damage that still leaves valid JSON (a flipped digit in a lab value)."""
    # surrogatepass: a lone surrogate (a JSON escape like \\ud800) must not make it raise.
    return hashlib.sha256(json.dumps(case, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Draft:
    path: Path
    saved_at: str
    file_path: str | None
    case: dict
    problems: tuple[str, ...] = ()  # the case model's problems (an unfinished case)

    @property
    def problems_note(self) -> str:
        if not self.problems:
            return ""
        n = len(self.problems)
        return (f" ({n} problem{'s' if n != 1 else ''} to correct, first: "
                f"{self.problems[0]})")

    @property
    def label(self) -> str:
        patient = self.case.get("patient") if isinstance(self.case.get("patient"), dict) else {}
        who = " ".join(str(patient.get(k, "")) for k in ("name", "id")).strip()
        return who or "patient not identified yet"


@dataclass
class CorruptDraft:
    path: Path
    reason: str


class DraftStore:
    def __init__(self, directory: Path | None = None):
        self.directory = directory or paths.drafts_dir()
        self.session_id = uuid.uuid4().hex
        self._lock_handle = None

    @property
    def own_path(self) -> Path:
        return self.directory / f"draft-{self.session_id}.json"

    def _lock_path(self, draft_path: Path) -> Path:
        return draft_path.with_suffix(".lock")

    def claim(self) -> None:
        """Hold the lock that marks this process's draft as alive (flock, or on Windows
        msvcrt.locking: engine.os_compat.lock)."""
        if self._lock_handle is not None:
            return
        handle = open(self._lock_path(self.own_path), "a+")
        try:
            if not os_compat.lock(handle.fileno(), blocking=False):
                raise BlockingIOError(f"{self._lock_path(self.own_path)} is locked by "
                                      "another process")
        except BaseException:
            handle.close()
            raise
        self._lock_handle = handle

    def write(self, case: dict, file_path: str | None) -> None:
        self.claim()
        doc = {
            "format": DRAFT_FORMAT,
            "saved_at": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "file_path": file_path,
            "case": case,
            "case_sha256": case_checksum(case),
        }
        atomic_write_bytes(self.own_path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))

    def discard_own(self) -> None:
        _unlink(self.own_path)

    def release(self) -> None:
        if self._lock_handle is not None:
            # Unlock before closing: Windows frees a closed handle's locks only "in time".
            try:
                os_compat.unlock(self._lock_handle.fileno())
            except OSError as exc:
                log.warning("could not unlock the draft: %s", exc.strerror or exc)
            self._lock_handle.close()
            self._lock_handle = None
        _unlink(self._lock_path(self.own_path))

    def discard(self, draft_path: Path) -> None:
        _unlink(draft_path)
        _unlink(self._lock_path(draft_path))

    def _remove_dead_temp_files(self, older_than: float) -> None:
        # A save killed mid-write leaves its temp file (full patient data) behind.
        cutoff = time.time() - older_than
        for temp in self.directory.glob(".draft-*.tmp"):
            try:
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
            except OSError:
                pass

    def orphans(self) -> tuple[list[Draft], list[CorruptDraft]]:
        """Drafts left by processes that are no longer running, newest first, and the
        draft files that could not be read (renamed *.corrupt so they are reported
        once and never loaded)."""
        drafts: list[Draft] = []
        corrupt: list[CorruptDraft] = []
        self._remove_dead_temp_files(TEMP_GRACE_SECONDS)
        for path in sorted(self.directory.glob("draft-*.json")):
            # A draft another window is recovering (it holds the draft's lock) is not
            # offered here: two windows must never both recover and save it.
            if path == self.own_path or self._alive(path) or DraftLock(path).live_holder():
                continue
            try:
                drafts.append(self._read(path))
            except (OSError, ValueError) as exc:  # CaseError is a ValueError
                target = path.with_suffix(".corrupt")
                try:
                    os.replace(path, target)
                except OSError:
                    target = path
                self._lock_path(path).unlink(missing_ok=True)
                corrupt.append(CorruptDraft(target, str(exc)))
        drafts.sort(key=lambda d: d.path.stat().st_mtime, reverse=True)
        return drafts, corrupt

    def purge_older_than(self, days: int) -> int:
        cutoff = time.time() - days * 86400
        self._remove_dead_temp_files(min(days * 86400, TEMP_GRACE_SECONDS))
        removed = 0
        for path in list(self.directory.glob("draft-*.json")) + list(self.directory.glob("*.corrupt")):
            # A draft another window is recovering (it holds the draft's lock) is not
            # offered here: two windows must never both recover and save it.
            if path == self.own_path or self._alive(path) or DraftLock(path).live_holder():
                continue
            if path.stat().st_mtime < cutoff:
                self.discard(path)
                removed += 1
        return removed

    def _alive(self, draft_path: Path) -> bool:
        """Whether the window that owns this draft still runs (it holds the lock). On
        every platform: without this, Windows offered a running window's draft to a
        second window for recovery."""
        lock = self._lock_path(draft_path)
        if not lock.exists():
            return False
        with open(lock, "a+") as handle:
            try:
                if not os_compat.lock(handle.fileno(), blocking=False):
                    return True
            except OSError:
                return True
            os_compat.unlock(handle.fileno())
        return False

    @staticmethod
    def _read(path: Path) -> Draft:
        """Through the engine's guarded reader (regular file, never blocking, 1 MiB,
        UTF-8, depth and section 11 limits), then the envelope, the checksum and the
        case model. Raises ValueError (engine CaseError) with a one-line reason."""
        from engine.case_reader import CASE_DEPTH, check_limits, load_json_bytes, read_bytes
        from engine.validation import CaseError, parse_case

        raw: Any = load_json_bytes(read_bytes(path, what="draft"), path.name,
                                   max_depth=CASE_DEPTH + 1)  # the case sits in an envelope
        if not isinstance(raw, dict) or raw.get("format") != DRAFT_FORMAT:
            raise ValueError("not a draft of this application")
        case = raw.get("case")
        if not isinstance(case, dict):
            raise ValueError("draft has no case")
        check_limits(case, path.name)
        if raw.get("case_sha256") != case_checksum(case):
            raise ValueError("draft checksum does not match: damaged")
        try:
            parse_case(case)
            problems: tuple[str, ...] = ()
        except CaseError as exc:
            problems = tuple(str(p) for p in exc.problems)
        file_path = raw.get("file_path")
        return Draft(path, str(raw.get("saved_at", "")),
                     file_path if isinstance(file_path, str) else None, case, problems)


def _unlink(path: Path) -> None:
    """Remove a file; a read-only or vanished directory must not break closing."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove %s: %s", path.name, exc.strerror or exc)
