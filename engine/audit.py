"""Append-only audit trail of what left the app: every export, print and verify.

One JSON object per line. Each entry carries its own number (`seq`), its own hash
(`hash`, over the entry without that field) and the hash of the previous line
(`prev`), so an edited, deleted or reordered entry breaks the chain. A small head
record beside the log (count and last hash) catches entries cut off the end; the log
and its head change together or not at all (the head is prepared first; an entry
whose head cannot be put in place is taken back out).

Whoever can rewrite every file in the folder can rewrite the chain and its head
consistently (delete a middle entry and re-chain, or delete the tail with the head).
So the head is also anchored OUTSIDE the folder, where such a rewrite is
contradicted: every summary carries the head of the log at the time it was made
inside its signed range (`audit verify --against SUMMARY.pdf`), and every append
sends the new head to the system log (syslog via /dev/log on Linux; see
`_anchor_to_system_log`). The files are opened without following symbolic links
(O_NOFOLLOW), so a link planted in the folder is refused, never written through.

Privacy: no patient name is ever written. The hospital number is stored as a keyed
hash (HMAC-SHA256) under a random per-installation key kept beside the log (0600):
the same machine can still answer "which entries concern hospital number X?"
(`patient_ref`), but a copied log alone reveals no identifiers, and an unkeyed hash
would not do that: hospital numbers are short and guessable, so a plain SHA-256 could
be reversed by trying them all. The document fingerprint links an entry to its PDF,
which holds the identifiers for anyone entitled to see them.

Location: the site file's `audit_directory` when IT set one (a machine-wide folder the
package makes group-writable, so a shared ward PC keeps one chain for all its users;
the files there are made group-readable and -writable, and the folder is never created
by the app: a missing one is reported, not replaced by a private one); otherwise
$MSCC_PATHWAY_DATA_DIR if set, else the platformdirs user data directory of
"mscc-pathway" (the directory desktop/paths.py uses)."""
from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from engine import os_compat

ENV_DATA_DIR = "MSCC_PATHWAY_DATA_DIR"
# Where the head goes in the system log: a Unix datagram socket (default /dev/log when
# it exists), or "off". Tests point it at their own socket.
ENV_SYSLOG = "MSCC_PATHWAY_SYSLOG"
SYSLOG_DEFAULT = "/dev/log"
APP_NAME = APP_AUTHOR = "mscc-pathway"
LOG_NAME = "audit.jsonl"
EVENTS = ("export", "print", "verify", "fhir")  # fhir: a FHIR bundle was written
GENESIS = "0" * 64
KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has no O_NOFOLLOW (and rare symlinks)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class AuditError(OSError):
    """The audit files cannot be used; the message is one line that says why and where
    (read-only or missing folder, a symbolic link in place of a file)."""

    def __str__(self) -> str:
        return str(self.strerror)


def _describe(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        path = Path(env)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    _make_dir(path)
    return path


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise AuditError(exc.errno, f"the audit folder {path} cannot be created "
                                    f"({_describe(exc)})") from None


def _open(path: Path, flags: int, mode: int = 0o600) -> int:
    """os.open without following a symbolic link at `path`; one-line AuditError."""
    try:
        return os.open(path, flags | _NOFOLLOW | _CLOEXEC | _BINARY, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # Linux/macOS, FreeBSD
            raise AuditError(exc.errno, f"{path} is a symbolic link; audit files are never "
                                        "opened through one (remove it and check who "
                                        "planted it)") from None
        if isinstance(exc, (FileNotFoundError, FileExistsError)):
            raise
        raise AuditError(exc.errno, f"{path} cannot be opened ({_describe(exc)})") from None


def _read_file(path: Path) -> bytes:
    fd = _open(path, os.O_RDONLY)
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def default_log_path() -> Path:
    shared = machine_audit_dir()
    if shared is not None:
        if not shared.is_dir():
            raise AuditError(errno.ENOENT, f"the machine-wide audit folder {shared} (site file "
                                           "audit_directory) does not exist; ask IT to "
                                           "reinstall the package or fix site.toml")
        return shared / LOG_NAME
    return data_dir() / LOG_NAME


def machine_audit_dir() -> Path | None:
    """IT's audit folder from the site file, or None. A broken site file is an error
    here, not a reason to start a private chain beside the shared one."""
    from engine.site_config import SiteConfigError, load_site_config

    try:
        return load_site_config().audit_directory
    except SiteConfigError as exc:
        raise AuditError(errno.EINVAL, "the site configuration is unusable, so the audit "
                                       "folder is unknown: " + "; ".join(exc.problems)) from None


def _file_mode(folder: Path) -> int:
    """0600 in a private folder; 0660 in a group-writable (machine-wide) one, so every
    member of the group can append to the same chain."""
    try:
        shared = bool(os.stat(folder).st_mode & 0o020)
    except OSError:
        shared = False
    return 0o660 if shared else 0o600


def _created(fd: int, mode: int) -> int:
    """Apply `mode` despite the umask (which would strip the group bits)."""
    if mode != 0o600 and hasattr(os, "fchmod") and os.fstat(fd).st_uid == os.getuid():
        os.fchmod(fd, mode)
    return fd


def _head_path(log: Path) -> Path:
    return log.with_name(log.name + ".head")


def _key_path(log: Path) -> Path:
    return log.with_name(log.name + ".key")


def _canonical(obj: dict) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entry_self_hash(entry: dict) -> str:
    return _sha256(_canonical({k: v for k, v in entry.items() if k != "hash"}))


def _key(log: Path) -> bytes:
    path = _key_path(log)
    try:
        return _read_file(path)
    except FileNotFoundError:
        pass
    try:
        mode = _file_mode(path.parent)
        fd = _created(_open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), mode)
    except FileExistsError:  # another process made it first: wait for its bytes
        import time

        for _ in range(100):
            key = _read_file(path)
            if len(key) >= KEY_BYTES:
                return key
            time.sleep(0.01)
        return key
    key = secrets.token_bytes(KEY_BYTES)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def patient_ref(hospital_number: str, log: Path | None = None) -> str:
    """The keyed hash stored for a hospital number (case and spacing ignored)."""
    log = Path(log) if log else default_log_path()
    normal = " ".join(str(hospital_number).split()).upper().encode("utf-8")
    return "hmac-sha256:" + hmac.new(_key(log), normal, hashlib.sha256).hexdigest()


class _Locked:
    """An exclusive lock on the open log while appending, so that two processes (the
    window and the command line, or two users of a shared folder) never interleave
    entries: flock on Linux/macOS, msvcrt.locking on Windows (engine.os_compat)."""

    def __init__(self, fd: int):
        self.fd = fd

    def __enter__(self):
        from engine import os_compat

        try:
            os_compat.lock(self.fd)
        except OSError as exc:
            raise AuditError(exc.errno, "the audit log is locked by another process "
                                        f"({_describe(exc)}); nothing was recorded") from None
        return self

    def __exit__(self, *exc):
        from engine import os_compat

        try:
            os_compat.unlock(self.fd)
        except OSError:
            pass  # the entry is already durable; closing the log releases the lock too


def _last_line(fd: int) -> tuple[bytes | None, bool]:
    """(last complete line without its newline, whether the file ends cleanly)."""
    size = os.lseek(fd, 0, os.SEEK_END)
    if size == 0:
        return None, True
    chunk = 4096
    while True:
        start = max(0, size - chunk)
        os.lseek(fd, start, os.SEEK_SET)
        data = os.read(fd, size - start)
        ends_clean = data.endswith(b"\n")
        body = data[:-1] if ends_clean else data
        cut = body.rfind(b"\n")
        if cut >= 0 or start == 0:
            return body[cut + 1:], ends_clean
        chunk *= 4


QS56_CODES = ("neuro_onset", "coordinator_contact", "dexamethasone_start", "mri",
              "treatment_decision", "spinal_surgery", "radiotherapy_start")


def qs56_record(assessment: dict) -> dict:
    """The QS56 times of an assessment as an export's audit entry keeps them (issue 14):
    the assessment time, pathway and urgency, and for each time stamp its code, time,
    deadline and whether it was overdue. No name, no hospital number, no free text."""
    stamps = []
    for stamp in assessment.get("timestamps") or []:
        if stamp.get("code") in QS56_CODES:
            stamps.append({"code": stamp["code"], "at": stamp.get("at"),
                           "due_by": stamp.get("due_by"), "overdue": bool(stamp.get("overdue"))})
    pathway = assessment.get("pathway") or {}
    return {"assessed_at": assessment.get("assessed_at"), "pathway": pathway.get("code"),
            "urgency": pathway.get("urgency"), "timestamps": stamps}


def append(event: str, *, hospital_number: str | None, fingerprint: str | None,
           signer: str | None, outcome: str | None = None, log: Path | None = None,
           now: datetime | None = None, file_sha256: str | None = None,
           qs56: dict | None = None) -> dict:
    """Append one entry, durably (fsync), with its head; return it. Raises OSError
    (AuditError with a one-line message) when the log cannot be written: then neither
    the entry nor the head changed, and the caller must tell the user, since an
    action without its audit entry is a gap. `qs56` (from qs56_record) is kept in the
    entry, under the same chain hash, when given."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    log = Path(log) if log else default_log_path()
    _make_dir(log.parent)
    ref = patient_ref(hospital_number, log) if hospital_number else None
    mode = _file_mode(log.parent)
    fd = _open(log, os.O_RDWR | os.O_CREAT | os.O_APPEND, mode)
    if mode != 0o600 and os.fstat(fd).st_size == 0:
        _created(fd, mode)
    try:
        with _Locked(fd):
            last, clean = _last_line(fd)
            size = os.lseek(fd, 0, os.SEEK_END)
            prev = _sha256(last) if last is not None else GENESIS
            try:
                seq = int(json.loads(last)["seq"]) + 1 if last is not None else 0
            except (ValueError, KeyError, TypeError):
                seq = -1  # the last line is damaged; verify_chain will report it
            entry = {
                "seq": seq,
                "time": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
                "event": event,
                "patient": ref,
                "fingerprint": fingerprint,
                "file_sha256": file_sha256,
                "signer": signer,
                "outcome": outcome,
                "prev": prev,
            }
            if qs56 is not None:
                entry["qs56"] = qs56
            entry["hash"] = _entry_self_hash(entry)
            line = _canonical(entry)
            head = (seq + 1, _sha256(line))
            # 1. the head, ready beside the log; 2. the entry; 3. the head in place. A
            # failure at 1 changes nothing, at 2 or 3 the entry is cut back out.
            tmp = _prepare_head(log, *head)
            try:
                # A line cut short by a crash stays a (broken) line of its own.
                _write_all(fd, (b"" if clean else b"\n") + line + b"\n")
                os.fsync(fd)
                _replace(tmp, _head_path(log))
                os_compat.fsync_dir(log.parent)
            except OSError as exc:
                _undo(fd, size, tmp)
                raise AuditError(exc.errno, f"the audit log {log} cannot be written "
                                            f"({_describe(exc)}); nothing was recorded") from None
    finally:
        os.close(fd)
    _anchor_to_system_log(log, *head)
    return entry


def _replace(src: Path, dst: Path) -> None:
    from engine.os_compat import replace

    replace(src, dst)  # Windows: retried while a reader holds the head open


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _undo(fd: int, size: int, tmp: Path) -> None:
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass  # verify_chain will show the entry without its head
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _prepare_head(log: Path, count: int, last: str) -> Path:
    """Write the head record to a fresh temp file beside the log (never through a
    link: an old temp file or a planted link is removed, then created exclusively)."""
    head = _head_path(log)
    tmp = head.with_name(head.name + ".tmp")
    try:
        os.unlink(tmp)  # removes a link itself, never its target
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise AuditError(exc.errno, f"the audit folder {log.parent} cannot be written "
                                    f"({_describe(exc)}); nothing was recorded") from None
    try:
        mode = _file_mode(log.parent)
        fd = _created(_open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), mode)
    except AuditError as exc:
        raise AuditError(exc.errno, f"{exc.strerror}; nothing was recorded") from None
    except OSError as exc:
        raise AuditError(exc.errno, f"the audit folder {log.parent} cannot be written "
                                    f"({_describe(exc)}); nothing was recorded") from None
    try:
        _write_all(fd, _canonical({"count": count, "last": last}))
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        os.unlink(tmp)
        raise AuditError(exc.errno, f"the audit head cannot be written ({_describe(exc)}); "
                                    "nothing was recorded") from None
    os.close(fd)
    return tmp




def _anchor_to_system_log(log: Path, count: int, last: str) -> bool:
    """Send the new head to the system log, outside the audit folder: a log shortened
    or re-chained later no longer matches the heads recorded there. Best effort (the
    entry is already durable); returns whether it was sent.

    Linux/macOS: syslog through the Unix socket /dev/log (journald receives it), or
    MSCC_PATHWAY_SYSLOG. Windows: the event log needs pywin32's NTEventLogHandler,
    which this build does not ship, so nothing is sent there (documented in the
    README); the heads in the signed summaries remain the anchor."""
    address = os.environ.get(ENV_SYSLOG, SYSLOG_DEFAULT)
    if address == "off" or sys.platform == "win32":
        return False
    if not os.path.exists(address):
        return False
    import logging
    import logging.handlers

    try:
        handler = logging.handlers.SysLogHandler(
            address=address, facility=logging.handlers.SysLogHandler.LOG_USER)
    except OSError:
        return False
    try:
        handler.ident = "mscc-pathway: "
        record = logging.LogRecord("mscc-pathway.audit", logging.INFO, __file__, 0,
                                   "audit head %s entries=%d last=%s", (log, count, last),
                                   None)
        handler.emit(record)
        return True
    finally:
        handler.close()


def current_head(log: Path | None = None) -> tuple[int, str]:
    """(entries, hash of the last entry) of the log now, from its last line (GENESIS
    for an empty or missing log): what the next summary records."""
    log = Path(log) if log else default_log_path()
    try:
        fd = _open(log, os.O_RDONLY)
    except FileNotFoundError:
        return 0, GENESIS
    try:
        last, _clean = _last_line(fd)
    finally:
        os.close(fd)
    if last is None:
        return 0, GENESIS
    try:
        seq = int(json.loads(last)["seq"])
    except (ValueError, KeyError, TypeError):
        return -1, _sha256(last)
    return seq + 1, _sha256(last)


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    entries: int
    broken_at: int | None = None  # index (0-based line) of the first bad entry
    reason: str = ""


def verify_chain(path: Path | None = None) -> ChainReport:
    log = Path(path) if path else default_log_path()
    lines, problem = _read_lines(log)
    if problem is not None:
        return problem
    try:
        head = _read_head(log)
    except AuditError as exc:
        return ChainReport(False, len(lines), 0, str(exc))
    if lines is None:
        if head and head.get("count"):
            return ChainReport(False, 0, 0, f"the log is missing but its head record says "
                                            f"{head['count']} entries were written")
        return ChainReport(True, 0, None, "no audit log yet (nothing recorded)")

    prev = GENESIS
    hashes = []
    for i, line in enumerate(lines):
        problem_text = _check_entry(line, i, prev)
        if problem_text:
            return ChainReport(False, len(lines), i, f"entry {i}: {problem_text}")
        prev = _sha256(line)
        hashes.append(prev)

    if head is None:
        if lines:
            return ChainReport(False, len(lines), len(lines),
                               f"the head record {_head_path(log).name} is missing while the "
                               f"log has {len(lines)} entries (deleted with the end of the "
                               "log?); check the log against a summary or the system log")
        return ChainReport(True, 0, None, "intact: 0 entries")
    count, last = head.get("count"), head.get("last")
    if not isinstance(count, int) or isinstance(count, bool) or count > len(lines):
        return ChainReport(False, len(lines), len(lines),
                           f"the head record says {count} entries but the log has "
                           f"{len(lines)}: entries were removed from the end")
    if count < len(lines) - 1:
        return ChainReport(False, len(lines), count,
                           f"the head record says {count} entries but the log has "
                           f"{len(lines)}: entries were added without their head, or the "
                           "head was replaced by an older one")
    if count and hashes[count - 1] != last:
        return ChainReport(False, len(lines), count - 1,
                           f"entry {count - 1} does not match the head record")
    if count == 0 and lines == [] and last not in (None, GENESIS):
        return ChainReport(False, 0, 0, "the head record does not belong to an empty log")
    note = (" (the last entry was written but the program stopped before its head was "
            "updated)" if count == len(lines) - 1 else "")
    return ChainReport(True, len(lines), None, f"intact: {len(lines)} entries{note}")


def _read_lines(log: Path) -> tuple[list[bytes] | None, ChainReport | None]:
    """(lines, None), (None, None) when there is no log, or (None, broken report)."""
    try:
        data = _read_file(log)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, ChainReport(False, 0, 0, str(exc) if isinstance(exc, AuditError)
                                 else f"the log cannot be read ({_describe(exc)})")
    if not data:
        return [], None
    if not data.endswith(b"\n"):
        lines = data.split(b"\n")
        n = len(lines) - 1
        return None, ChainReport(False, n, n, "the last entry is incomplete (cut short)")
    return data[:-1].split(b"\n"), None


@dataclass(frozen=True)
class AnchorCheck:
    source: str
    held: bool
    reason: str


def check_against(anchors: list[tuple[str, int, str, str | None]],
                  path: Path | None = None) -> list[AnchorCheck]:
    """Whether the log still holds each anchor (source, entries, last hash, fingerprint
    of the summary): entry number `entries - 1` must still have that hash, and an
    export entry for the summary's fingerprint must follow it."""
    log = Path(path) if path else default_log_path()
    lines, problem = _read_lines(log)
    if problem is not None:
        return [AnchorCheck(src, False, problem.reason) for src, *_ in anchors]
    lines = lines or []
    hashes = [_sha256(line) for line in lines]
    out = []
    for source, count, last, fingerprint in anchors:
        if count > len(lines):
            out.append(AnchorCheck(source, False, f"the summary was made when the log had "
                                   f"{count} entries; it now has {len(lines)}: entries were "
                                   "removed"))
            continue
        at = hashes[count - 1] if count else GENESIS
        if at != last:
            out.append(AnchorCheck(source, False, f"entry {count - 1} is not the one the "
                                   "summary recorded: the log was rewritten before that point"))
            continue
        later = [json.loads(line) for line in lines[count:]]
        own = [e for e in later if isinstance(e, dict) and e.get("event") == "export"
               and fingerprint and e.get("fingerprint") == fingerprint]
        if fingerprint and not own:
            out.append(AnchorCheck(source, False, f"entries 0-{count - 1} are as recorded, but "
                                   "the export entry of this summary is missing"))
            continue
        out.append(AnchorCheck(source, True, f"holds it: entries 0-{count - 1} unchanged"
                               + (f", export entry {own[0].get('seq')}" if own else "")))
    return out


def _check_entry(line: bytes, i: int, prev: str) -> str | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return "not valid JSON (damaged or edited)"
    if not isinstance(entry, dict):
        return "not an entry object"
    if entry.get("hash") != _entry_self_hash(entry):
        return "its content does not match its own hash (edited)"
    if entry.get("seq") != i:
        return (f"numbered {entry.get('seq')} but found at position {i} "
                "(an entry was deleted or the entries were reordered)")
    if entry.get("prev") != prev:
        return "does not chain to the entry before it (an earlier entry was changed or removed)"
    return None


def _read_head(log: Path) -> dict | None:
    try:
        head = json.loads(_read_file(_head_path(log)))
    except FileNotFoundError:
        return None
    except AuditError:
        raise
    except (OSError, ValueError):
        return {"count": None}
    return head if isinstance(head, dict) else {"count": None}


def read_entries(path: Path | None = None) -> list[dict]:
    """Entries that parse (for display); use verify_chain to know whether to trust them."""
    log = Path(path) if path else default_log_path()
    out = []
    for line in _read_file(log).splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out
