"""The audit log anchored outside itself (issue 19, problems 4 and 5): deleting the
tail with its head, re-chaining after a deletion, symbolic links, a read-only folder;
every summary records the head, `audit verify --against` checks it, the head goes to
the system log, and an export whose entry cannot be written leaves no file."""
from __future__ import annotations

import errno
import json
import os
import socket

import pytest

from .report_helpers import PASSPHRASE

FP = "cd" * 32


def _fill(log, n):
    from engine import audit

    for i in range(n):
        audit.append("print", hospital_number=f"H{i}", fingerprint=FP, signer="Dr A", log=log)


def _rechain(log, lines: list[bytes]) -> None:
    """What an attacker with the folder does: renumber and re-hash every entry and
    write a matching head (the module's own hashing, as anyone could copy it)."""
    from engine import audit

    prev, out = audit.GENESIS, []
    for seq, line in enumerate(lines):
        entry = json.loads(line)
        entry.pop("hash")
        entry["seq"], entry["prev"] = seq, prev
        entry["hash"] = audit._entry_self_hash(entry)
        raw = audit._canonical(entry)
        out.append(raw)
        prev = audit._sha256(raw)
    log.write_bytes(b"".join(l + b"\n" for l in out))
    log.with_name(log.name + ".head").write_bytes(
        audit._canonical({"count": len(out), "last": prev}))


@pytest.fixture
def exported(tmp_path, identity, base_case):
    """A log with 3 entries, then a signed export (recording head 3), then 2 more."""
    from engine.cli import main

    log = tmp_path / "audit.jsonl"
    _fill(log, 3)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(base_case))
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE)
    pdf = tmp_path / "summary.pdf"
    assert main(["report", str(case), "-o", str(pdf), "--sign", str(identity.p12_path),
                 "--passphrase-file", str(pw), "--log", str(log)]) == 0
    _fill(log, 2)
    site = tmp_path / "site.toml"
    site.write_text(f'trusted_certificates = ["{identity.cert_path}"]\n')
    os.environ["MSCC_PATHWAY_SITE_CONFIG"] = str(site)
    yield log, pdf
    del os.environ["MSCC_PATHWAY_SITE_CONFIG"]


def test_summary_records_the_head_inside_its_signed_range(exported):
    from engine import audit
    from engine.report.verify import verify_pdf

    log, pdf = exported
    result = verify_pdf(pdf.read_bytes())
    assert result.ok and result.audit_head[0] == 3
    assert result.audit_head[1] == audit._sha256(log.read_bytes().splitlines()[2])
    export = audit.read_entries(log)[3]
    assert export["event"] == "export" and export["fingerprint"] == result.fingerprint
    import hashlib
    assert export["file_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_untouched_log_holds_the_summary(exported, cli):
    log, pdf = exported
    code, out, _ = cli("audit", "verify", "--log", log, "--against", pdf)
    assert code == 0 and "intact: 6 entries" in out and "holds it" in out


def test_tail_deleted_with_its_head_is_caught(exported, cli):
    """One `rm` of the head plus cutting the last entries: the chain alone still
    chains, but the missing head is a break and the summary is no longer held."""
    log, pdf = exported
    log.write_bytes(b"".join(l + b"\n" for l in log.read_bytes().splitlines()[:3]))
    log.with_name(log.name + ".head").unlink()
    code, out, _ = cli("audit", "verify", "--log", log, "--against", pdf)
    assert code == 1 and "head record audit.jsonl.head is missing" in out
    assert "NOT HELD" in out and "export entry of this summary is missing" in out


def test_tail_deleted_and_re_chained_with_a_new_head_is_caught(exported, cli):
    log, pdf = exported
    _rechain(log, log.read_bytes().splitlines()[:2])
    code, out, _ = cli("audit", "verify", "--log", log)
    assert code == 0  # the log alone cannot tell: this is why it is anchored outside
    code, out, _ = cli("audit", "verify", "--log", log, "--against", pdf)
    assert code == 1 and "NOT HELD" in out and "entries were removed" in out


def test_middle_entry_deleted_and_re_chained_is_caught(exported, cli):
    log, pdf = exported
    lines = log.read_bytes().splitlines()
    _rechain(log, lines[:1] + lines[2:])
    assert cli("audit", "verify", "--log", log)[0] == 0
    code, out, _ = cli("audit", "verify", "--log", log, "--against", pdf)
    assert code == 1 and "rewritten before that point" in out


def test_forged_entry_appended_with_its_head_is_caught_by_the_system_log(tmp_path, monkeypatch):
    """Appending a re-chained entry with a matching head fools the chain; the heads
    the app sent to the system log do not include it."""
    from engine import audit

    received = _listen(tmp_path, monkeypatch)
    log = tmp_path / "audit.jsonl"
    _fill(log, 2)
    sent = [m for m in received() if "audit head" in m]
    assert len(sent) == 2 and f"entries=2 last={audit.current_head(log)[1]}" in sent[1]
    lines = log.read_bytes().splitlines()
    forged = json.loads(lines[-1])
    forged["signer"] = "Dr Forger"
    _rechain(log, lines + [json.dumps(forged).encode()])
    assert audit.verify_chain(log).intact
    assert f"last={audit.current_head(log)[1]}" not in "".join(sent)


def _listen(tmp_path, monkeypatch):
    address = str(tmp_path / "syslog.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.setblocking(False)
    monkeypatch.setenv("MSCC_PATHWAY_SYSLOG", address)

    def received():
        out = []
        while True:
            try:
                out.append(sock.recv(65536).decode())
            except BlockingIOError:
                return out
    return received


def test_symlinks_are_never_followed(tmp_path):
    from engine import audit

    log = tmp_path / "audit.jsonl"
    _fill(log, 1)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    tmp = log.with_name(log.name + ".head.tmp")
    tmp.symlink_to(victim)
    _fill(log, 1)  # the planted temp link is removed, not written through
    assert victim.read_text() == "precious" and audit.verify_chain(log).intact

    other = tmp_path / "other.jsonl"
    other.symlink_to(victim)
    with pytest.raises(audit.AuditError, match="symbolic link"):
        _fill(other, 1)
    assert victim.read_text() == "precious"
    report = audit.verify_chain(other)
    assert not report.intact and "symbolic link" in report.reason


def test_entry_and_head_change_together_or_not_at_all(tmp_path, monkeypatch):
    from engine import audit

    log = tmp_path / "audit.jsonl"
    _fill(log, 2)
    before = (log.read_bytes(), log.with_name(log.name + ".head").read_bytes())
    real_replace = os.replace

    def failing_replace(src, dst):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(audit.os, "replace", failing_replace)
    with pytest.raises(audit.AuditError, match=r"read-only\); nothing was recorded"):
        _fill(log, 1)
    monkeypatch.setattr(audit.os, "replace", real_replace)
    assert (log.read_bytes(), log.with_name(log.name + ".head").read_bytes()) == before
    assert not log.with_name(log.name + ".head.tmp").exists()
    assert audit.verify_chain(log).intact


def test_read_only_folder_blocks_the_export_with_one_message(tmp_path, monkeypatch, cli,
                                                              base_case):
    """The head cannot be prepared: no entry, no PDF, one line, exit 1."""
    from engine import audit

    log = tmp_path / "audit.jsonl"
    _fill(log, 1)
    before = log.read_bytes()
    real_open = audit._open

    def read_only(path, flags, mode=0o600):
        if flags & os.O_CREAT:
            raise audit.AuditError(errno.EROFS, f"the audit folder {path.parent} cannot be "
                                                "written (the file system is read-only)")
        return real_open(path, flags, mode)
    monkeypatch.setattr(audit, "_open", read_only)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(base_case))
    out_pdf = tmp_path / "out.pdf"
    code, out, err = cli("report", case, "-o", out_pdf, "--log", log)
    assert code == 1 and "NOT written" in err and "read-only" in err
    assert err.count("\n") == 1
    assert not out_pdf.exists() and not list(tmp_path.glob(".out.pdf.*"))
    assert log.read_bytes() == before


def test_uncreatable_data_folder_is_one_line(tmp_path, monkeypatch, cli):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(blocker / "data"))
    code, out, err = cli("audit", "verify")
    assert code == 1 and "cannot be created" in err and err.count("\n") == 1
