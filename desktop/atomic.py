"""Crash-safe file writes: write a temporary file beside the target, fsync it, rename
it over the target, fsync the directory. A power cut leaves either the old file or
the new one, never half of each. Files are created readable by the user only."""
from __future__ import annotations

from pathlib import Path

from engine.report.files import write_private

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    return path


def atomic_write_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Write, fsync, rename (engine.report.files.write_private), creating the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, data, mode)
