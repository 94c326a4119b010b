"""A summary copy staged by an export that was killed before its audit entry is removed
by the next write of the same file once it is old, never while it may be live."""
from __future__ import annotations

import os

from engine.report.files import STALE_STAGED_AFTER_S, remove_stale_staged, write_private


def _staged(folder, name, age_s):
    path = folder / f".{name}.abc123.tmp"
    path.write_bytes(b"%PDF- patient data")
    old = path.stat().st_mtime - age_s
    os.utime(path, (old, old))
    return path


def test_old_staged_copy_is_removed_by_the_next_write(tmp_path):
    old = _staged(tmp_path, "summary.pdf", STALE_STAGED_AFTER_S + 5)
    write_private(tmp_path / "summary.pdf", b"new")
    assert not old.exists()
    assert (tmp_path / "summary.pdf").read_bytes() == b"new"


def test_young_staged_copy_and_other_files_are_kept(tmp_path):
    young = _staged(tmp_path, "summary.pdf", STALE_STAGED_AFTER_S - 5)
    other = _staged(tmp_path, "other.pdf", STALE_STAGED_AFTER_S + 5)
    assert remove_stale_staged(tmp_path / "summary.pdf") == []
    assert young.exists() and other.exists()


def test_a_symlink_named_like_a_staged_copy_is_not_followed(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("keep")
    link = tmp_path / ".summary.pdf.zz.tmp"
    link.symlink_to(target)
    old = os.lstat(link).st_mtime - STALE_STAGED_AFTER_S - 5
    os.utime(link, (old, old), follow_symlinks=False)
    remove_stale_staged(tmp_path / "summary.pdf")
    assert link.is_symlink() and target.read_text() == "keep"
