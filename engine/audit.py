"""Append-only audit trail of what left the app: every export, print and verify.

One JSON object per line. Each entry carries its own number (`seq`), its own hash
(`hash`, over the entry without that field) and the hash of the previous line
(`prev`), so an edited, deleted or reordered entry breaks the chain. A small head
record beside the log (count and last hash, replaced atomically) also catches entries
cut off the end. Someone who can rewrite every file can forge all of this; the chain
guards against silent edits, not against an administrator with a text editor and time.

Privacy: no patient name is ever written. The hospital number is stored as a keyed
hash (HMAC-SHA256) under a random per-installation key kept beside the log (0600):
the same machine can still answer "which entries concern hospital number X?"
(`patient_ref`), but a copied log alone reveals no identifiers, and an unkeyed hash
would not do that: hospital numbers are short and guessable, so a plain SHA-256 could
be reversed by trying them all. The document fingerprint links an entry to its PDF,
which holds the identifiers for anyone entitled to see them.

Location: $MSCC_PATHWAY_DATA_DIR if set, else the platformdirs user data directory
of "mscc-pathway" (the directory desktop/paths.py uses)."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ENV_DATA_DIR = "MSCC_PATHWAY_DATA_DIR"
APP_NAME = APP_AUTHOR = "mscc-pathway"
LOG_NAME = "audit.jsonl"
EVENTS = ("export", "print", "verify")
GENESIS = "0" * 64
KEY_BYTES = 32


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        path = Path(env)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_log_path() -> Path:
    return data_dir() / LOG_NAME


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
        return path.read_bytes()
    except FileNotFoundError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes()
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
    """An exclusive lock on the open log while appending (POSIX flock; elsewhere the
    single-user app does without)."""

    def __init__(self, fd: int):
        self.fd = fd

    def __enter__(self):
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except ImportError:
            pass
        return self

    def __exit__(self, *exc):
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_UN)
        except ImportError:
            pass


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


def append(event: str, *, hospital_number: str | None, fingerprint: str | None,
           signer: str | None, outcome: str | None = None, log: Path | None = None,
           now: datetime | None = None) -> dict:
    """Append one entry and return it. Raises OSError when the log cannot be written:
    the caller must tell the user, since an action without its audit entry is a gap."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    log = Path(log) if log else default_log_path()
    log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    ref = patient_ref(hospital_number, log) if hospital_number else None
    fd = os.open(log, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        with _Locked(fd):
            last, clean = _last_line(fd)
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
                "signer": signer,
                "outcome": outcome,
                "prev": prev,
            }
            entry["hash"] = _entry_self_hash(entry)
            line = _canonical(entry)
            # A line cut short by a crash stays a (broken) line of its own.
            os.write(fd, (b"" if clean else b"\n") + line + b"\n")
            os.fsync(fd)
            _write_head(log, seq + 1, _sha256(line))
    finally:
        os.close(fd)
    return entry


def _write_head(log: Path, count: int, last: str) -> None:
    head = _head_path(log)
    tmp = head.with_name(head.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, _canonical({"count": count, "last": last}))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, head)


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    entries: int
    broken_at: int | None = None  # index (0-based line) of the first bad entry
    reason: str = ""


def verify_chain(path: Path | None = None) -> ChainReport:
    log = Path(path) if path else default_log_path()
    head = _read_head(log)
    try:
        data = log.read_bytes()
    except FileNotFoundError:
        if head and head.get("count"):
            return ChainReport(False, 0, 0, f"the log is missing but its head record says "
                                            f"{head['count']} entries were written")
        return ChainReport(True, 0, None, "no audit log yet (nothing recorded)")
    except OSError as exc:
        return ChainReport(False, 0, 0, f"the log cannot be read ({exc.strerror})")
    if not data:
        lines: list[bytes] = []
    elif not data.endswith(b"\n"):
        lines = data.split(b"\n")
        n = len(lines) - 1
        return ChainReport(False, n, n, "the last entry is incomplete (cut short)")
    else:
        lines = data[:-1].split(b"\n")

    prev = GENESIS
    hashes = []
    for i, line in enumerate(lines):
        problem = _check_entry(line, i, prev)
        if problem:
            return ChainReport(False, len(lines), i, f"entry {i}: {problem}")
        prev = _sha256(line)
        hashes.append(prev)

    if head is not None:
        count, last = head.get("count"), head.get("last")
        if not isinstance(count, int) or count > len(lines):
            return ChainReport(False, len(lines), len(lines),
                               f"the head record says {count} entries but the log has "
                               f"{len(lines)}: entries were removed from the end")
        # count < len(lines) is a crash between appending and updating the head.
        if count and hashes[count - 1] != last:
            return ChainReport(False, len(lines), count - 1,
                               f"entry {count - 1} does not match the head record")
    return ChainReport(True, len(lines), None, f"intact: {len(lines)} entries")


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
        head = json.loads(_head_path(log).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"count": None}
    return head if isinstance(head, dict) else {"count": None}


def read_entries(path: Path | None = None) -> list[dict]:
    """Entries that parse (for display); use verify_chain to know whether to trust them."""
    log = Path(path) if path else default_log_path()
    out = []
    for line in log.read_bytes().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out
