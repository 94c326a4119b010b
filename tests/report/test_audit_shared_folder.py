"""A shared ward PC keeps one audit chain (issue 12): IT names a machine-wide folder in
site.toml (`audit_directory`); entries from every user go there, with files the group
can append to; a missing folder or a broken site file is said, never replaced by a
private chain."""
from __future__ import annotations

import os
import stat

import pytest

from engine import audit


def _site(tmp_path, monkeypatch, folder) -> None:
    site = tmp_path / "site.toml"
    site.write_text(f'audit_directory = "{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    monkeypatch.setenv("MSCC_PATHWAY_SYSLOG", "off")


def _append(log=None):
    return audit.append("export", hospital_number="RXQ-1", fingerprint="f" * 64,
                        signer=None, log=log)


def test_the_site_folder_wins_over_the_users_data_folder(tmp_path, monkeypatch):
    shared = tmp_path / "var-lib"
    shared.mkdir(mode=0o770)
    _site(tmp_path, monkeypatch, shared)
    assert audit.default_log_path() == shared / audit.LOG_NAME
    _append()
    assert (shared / audit.LOG_NAME).exists()
    assert not (tmp_path / "appdata" / audit.LOG_NAME).exists()


def test_files_in_a_group_writable_folder_are_group_writable_despite_the_umask(tmp_path,
                                                                             monkeypatch):
    shared = tmp_path / "var-lib"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    _site(tmp_path, monkeypatch, shared)
    old = os.umask(0o022)
    try:
        _append()
        _append()
    finally:
        os.umask(old)
    for name in (audit.LOG_NAME, audit.LOG_NAME + ".head", audit.LOG_NAME + ".key"):
        mode = stat.S_IMODE(os.stat(shared / name).st_mode)
        assert mode == 0o660, (name, oct(mode))
    report = audit.verify_chain(shared / audit.LOG_NAME)
    assert report.intact and report.entries == 2


def test_files_in_a_private_folder_stay_private(tmp_path, monkeypatch):
    monkeypatch.setenv("MSCC_PATHWAY_SYSLOG", "off")
    private = tmp_path / "mine"
    private.mkdir(mode=0o700)
    _append(private / audit.LOG_NAME)
    for name in (audit.LOG_NAME, audit.LOG_NAME + ".head", audit.LOG_NAME + ".key"):
        assert stat.S_IMODE(os.stat(private / name).st_mode) == 0o600, name


def test_a_missing_machine_folder_is_reported_not_replaced(tmp_path, monkeypatch):
    _site(tmp_path, monkeypatch, tmp_path / "not-made")
    with pytest.raises(audit.AuditError, match="machine-wide audit folder .*not-made.* does not "
                                               "exist"):
        audit.default_log_path()
    assert not (tmp_path / "not-made").exists()


def test_a_broken_site_file_leaves_the_audit_folder_unknown(tmp_path, monkeypatch):
    _site(tmp_path, monkeypatch, "relative/path")
    with pytest.raises(audit.AuditError, match="audit_directory"):
        audit.default_log_path()
