"""Writing a summary to disk: atomically (temp file, fsync, rename, so a crash leaves
the old file or the new one, never half a PDF) and readable by the user only, since
it holds patient data (0600 on Linux/macOS; on Windows the mode is only the read-only
flag, and the folder's access list protects the file: see engine/os_compat.py)."""
from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from engine import os_compat

STALE_STAGED_AFTER_S = 600  # a staged copy this old was left by a killed writer


def write_private(path: str | Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` atomically: a temp file created 0600 beside it (mkstemp),
    fsync, chmod, rename, then fsync of the directory so the rename itself survives a
    power cut. Also the desktop's draft and case writer (desktop/atomic.py)."""
    path = Path(path)
    tmp = stage_private(path, data, mode)
    publish_staged(tmp, path)


def stage_private(path: str | Path, data: bytes, mode: int = 0o600) -> Path:
    """A complete, fsynced copy of `data` in a temp file beside `path` (not yet in
    place): the export writes its audit entry between this and publish_staged."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    remove_stale_staged(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        discard_staged(Path(tmp))
        raise
    return Path(tmp)


def publish_staged(tmp: Path, path: str | Path) -> None:
    """Move a staged file into place (atomic rename) and make the rename durable. On
    Windows a target held open by another program (a PDF reader) is retried briefly,
    then FileInUse says so (engine.os_compat.replace); the staged copy is removed."""
    from engine.os_compat import replace

    path = Path(path)
    try:
        replace(tmp, path)
    except BaseException:
        discard_staged(tmp)
        raise
    os_compat.fsync_dir(path.parent if str(path.parent) else Path("."))


def remove_stale_staged(path: str | Path, now: float | None = None) -> list[Path]:
    """Remove staged copies of `path` (".<name>.*.tmp") left by a writer killed before
    publishing (patient data must not linger beside the summary). Only regular files
    older than STALE_STAGED_AFTER_S go: a symlink is never followed, a live writer's copy
    is young. Returns what was removed."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    now = time.time() if now is None else now
    removed = []
    for name in glob.glob(glob.escape(str(directory / f".{path.name}.")) + "*.tmp"):
        try:
            info = os.lstat(name)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_STAGED_AFTER_S:
            discard_staged(Path(name))
            removed.append(Path(name))
    return removed


def discard_staged(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass




def read_passphrase_file(path: str | Path) -> str:
    """The first line of a passphrase file, without its line ending."""
    text = Path(path).read_bytes().decode("utf-8")
    line = text.splitlines()[0] if text else ""
    if not line:
        raise ValueError(f"{path} holds no passphrase")
    return line
