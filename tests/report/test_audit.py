"""The audit chain: intact when untouched; an edited, deleted, reordered or cut-off
entry is found and named; no patient identifier is stored in clear."""
from __future__ import annotations

import json
import os
import stat
import threading

import pytest

FP = "ab" * 32


def _fill(log, n=5):
    from engine import audit

    for i in range(n):
        audit.append(("export", "print", "verify")[i % 3], hospital_number=f"RXQ-00{i}",
                     fingerprint=FP, signer="Dr A", outcome="ok", log=log)


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "audit.jsonl"
    _fill(path)
    return path


def _lines(path):
    return path.read_bytes().splitlines(keepends=True)


def test_untouched_chain_is_intact(log):
    from engine import audit

    report = audit.verify_chain(log)
    assert report.intact and report.entries == 5 and report.broken_at is None


def test_entries_have_what_an_auditor_needs(log):
    from engine import audit

    entries = audit.read_entries(log)
    assert [e["seq"] for e in entries] == [0, 1, 2, 3, 4]
    first = entries[0]
    assert set(first) >= {"time", "event", "patient", "fingerprint", "signer", "prev", "hash"}
    assert first["prev"] == audit.GENESIS
    assert first["time"].endswith("+00:00")


def test_edited_entry_is_found(log):
    from engine import audit

    lines = _lines(log)
    entry = json.loads(lines[2])
    entry["signer"] = "Dr Someone Else"
    lines[2] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    log.write_bytes(b"".join(lines))
    report = audit.verify_chain(log)
    assert not report.intact and report.broken_at == 2 and "edited" in report.reason


def test_edited_entry_with_recomputed_own_hash_is_found(log):
    """Recomputing the entry's own hash does not help: the next entry's `prev` breaks."""
    from engine import audit

    lines = _lines(log)
    entry = json.loads(lines[2])
    entry["outcome"] = "changed"
    entry["hash"] = audit._entry_self_hash(entry)
    lines[2] = audit._canonical(entry) + b"\n"
    log.write_bytes(b"".join(lines))
    report = audit.verify_chain(log)
    assert not report.intact and report.broken_at == 3


def test_deleted_entry_is_found(log):
    from engine import audit

    lines = _lines(log)
    del lines[1]
    log.write_bytes(b"".join(lines))
    report = audit.verify_chain(log)
    assert not report.intact and report.broken_at == 1 and "deleted" in report.reason


def test_reordered_entries_are_found(log):
    from engine import audit

    lines = _lines(log)
    lines[1], lines[3] = lines[3], lines[1]
    log.write_bytes(b"".join(lines))
    report = audit.verify_chain(log)
    assert not report.intact and report.broken_at == 1


def test_entries_cut_off_the_end_are_found(log):
    from engine import audit

    log.write_bytes(b"".join(_lines(log)[:-2]))
    report = audit.verify_chain(log)
    assert not report.intact and "removed from the end" in report.reason
    log.unlink()
    assert not audit.verify_chain(log).intact  # the whole log deleted


def test_half_written_last_line_is_reported_and_kept(log):
    from engine import audit

    with open(log, "ab") as fh:
        fh.write(b'{"seq":5,"ti')
    assert audit.verify_chain(log).broken_at == 5
    _fill(log, 1)  # the next append does not glue itself onto the fragment
    report = audit.verify_chain(log)
    assert not report.intact and report.broken_at == 5


def test_crash_between_append_and_head_update_is_not_an_alarm(log):
    from engine import audit

    head = log.with_name(log.name + ".head")
    saved = head.read_bytes()
    _fill(log, 1)
    head.write_bytes(saved)  # as if the process died before replacing the head
    assert audit.verify_chain(log).intact


def test_no_log_yet_is_intact(tmp_path):
    from engine import audit

    report = audit.verify_chain(tmp_path / "none.jsonl")
    assert report.intact and report.entries == 0


def test_hospital_number_is_keyed_not_plain(log):
    from engine import audit

    raw = log.read_text(encoding="utf-8")
    assert "RXQ-00" not in raw
    ref = audit.patient_ref("rxq-001 ", log)  # case and spacing do not matter
    assert ref == audit.read_entries(log)[1]["patient"]
    assert ref != audit.patient_ref("RXQ-002", log)
    key = log.with_name(log.name + ".key")
    for path in (log, key, log.with_name(log.name + ".head")):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_unknown_event_is_refused(tmp_path):
    from engine import audit

    with pytest.raises(ValueError):
        audit.append("delete", hospital_number=None, fingerprint=None, signer=None,
                     log=tmp_path / "a.jsonl")


def test_default_location_honours_the_environment(tmp_path, monkeypatch):
    from engine import audit

    monkeypatch.setenv(audit.ENV_DATA_DIR, str(tmp_path / "custom"))
    assert audit.default_log_path() == tmp_path / "custom" / "audit.jsonl"
    audit.append("print", hospital_number="X", fingerprint=FP, signer=None)
    assert audit.verify_chain().intact


def test_concurrent_appends_keep_the_chain(tmp_path):
    from engine import audit

    path = tmp_path / "busy.jsonl"
    threads = [threading.Thread(target=_fill, args=(path, 5)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = audit.verify_chain(path)
    assert report.intact and report.entries == 20
