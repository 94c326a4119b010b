"""The four commands, run in-process through engine.cli.main: exit codes, messages
without tracebacks, private output files, and an audit entry for every export and
verify."""
from __future__ import annotations

import json
import os
import stat

import pytest
from .report_helpers import EXAMPLES, PASSPHRASE


@pytest.fixture
def files(tmp_path, identity, other_identity):
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    case = tmp_path / "case.json"
    case.write_bytes(next(p for p in EXAMPLES if p.stem == "index-case-c5").read_bytes())
    return {"pw": pw, "wrong": wrong, "case": case, "p12": identity.p12_path,
            "pem": identity.cert_path, "other_pem": other_identity.cert_path,
            "log": tmp_path / "audit.jsonl", "dir": tmp_path}


def _audit_events(log):
    from engine import audit

    return [e["event"] for e in audit.read_entries(log)]


def test_signed_report_then_verify(cli, files, identity):
    out_pdf = files["dir"] / "out.pdf"
    code, out, _ = cli("report", files["case"], "-o", out_pdf, "--sign", files["p12"],
                       "--passphrase-file", files["pw"], "--hospital", "St Elsewhere",
                       "--log", files["log"])
    assert code == 0 and "signed by Dr Zoë Example" in out
    assert stat.S_IMODE(os.stat(out_pdf).st_mode) == 0o600

    # No trust anchor: never just "VALID"; intact, signer NOT verified, exit 3, and the
    # certificate fingerprint `identity create` printed, to tell a same-name forgery apart.
    code, out, _ = cli("verify", out_pdf, "--log", files["log"])
    assert code == 3
    assert "Dr Zoë Example (registration GMC 1234567)" in out
    assert f"Certificate:  SHA-256 {identity.sha256}" in out
    assert "Signed at:" in out and "VALID" not in out
    assert "Result:       INTACT, SIGNER NOT VERIFIED" in out
    assert "signer NOT verified: no trust anchor" in out

    code, out, _ = cli("verify", out_pdf, "--trust", files["pem"], "--log", files["log"])
    assert code == 0 and "signer verified: the certificate chains to --trust" in out
    assert "Result:       VERIFIED" in out

    code, out, _ = cli("verify", out_pdf, "--trust", files["other_pem"], "--log", files["log"])
    assert code == 1 and "signer NOT verified: the certificate does not chain" in out
    assert "Integrity:    intact" in out

    # Bytes appended, checked WITH the right certificate: the message names the
    # appended bytes, and does not claim the certificate fails to chain.
    tampered = files["dir"] / "tampered.pdf"
    tampered.write_bytes(out_pdf.read_bytes() + b"\n% added later\n")
    code, out, _ = cli("verify", tampered, "--trust", files["pem"], "--log", files["log"])
    assert code == 1 and "INVALID" in out
    assert "CHANGED AFTER SIGNING: 15 bytes appended after the signed range" in out
    assert "does not chain" not in out and "signer verified" in out

    assert _audit_events(files["log"]) == ["export"] + ["verify"] * 4
    code, out, _ = cli("audit", "verify", "--log", files["log"])
    assert code == 0 and "intact: 5 entries" in out


def test_unsigned_report_and_reopening_the_pdf(cli, files):
    out_pdf = files["dir"] / "plain.pdf"
    code, out, _ = cli("report", files["case"], "-o", out_pdf, "--log", files["log"])
    assert code == 0 and "NOT signed" in out
    code, out, _ = cli("verify", out_pdf, "--log", files["log"])
    assert code == 1 and "no signature" in out
    # The PDF is itself a case file: re-rendering it gives the same case, with a
    # warning that the source was not signed. Only the recorded audit head differs.
    again = files["dir"] / "again.pdf"
    code, out, err = cli("report", out_pdf, "-o", again, "--log", files["log"])
    assert code == 0 and "warning:" in err and "NOT SIGNED" in err
    from engine.report import embed, extract_case_bytes

    assert extract_case_bytes(again.read_bytes()) == extract_case_bytes(out_pdf.read_bytes())
    heads = [embed.audit_head_from_info(embed.read_info(p.read_bytes())) for p in (out_pdf, again)]
    assert heads[0][0] == 0 and heads[1][0] == 2  # after the export and the verify


def test_invalid_case_exits_2_with_one_line_per_problem(cli, files):
    bad = files["dir"] / "bad.json"
    case = json.loads(files["case"].read_text())
    case["labs"]["calcium"]["unit"] = "furlongs"
    case["presentation"]["limb_weakness"] = "yes"
    bad.write_text(json.dumps(case))
    code, out, err = cli("report", bad, "-o", files["dir"] / "x.pdf", "--log", files["log"])
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) >= 2 and any(l.startswith("labs.calcium") for l in lines)
    assert not (files["dir"] / "x.pdf").exists()
    assert not files["log"].exists()  # nothing was exported, nothing recorded


def test_wrong_passphrase_writes_nothing(cli, files):
    target = files["dir"] / "never.pdf"
    code, _, err = cli("report", files["case"], "-o", target, "--sign", files["p12"],
                       "--passphrase-file", files["wrong"], "--log", files["log"])
    assert code == 2 and "passphrase" in err
    assert not target.exists()


def test_verify_missing_file_is_a_reason_not_a_crash(cli, files):
    code, _, err = cli("verify", files["dir"] / "missing.pdf", "--log", files["log"])
    assert code == 1 and "cannot read" in err
    code, out, _ = cli("verify", files["case"], "--log", files["log"])  # JSON, not PDF
    assert code == 1 and "INVALID" in out


def test_identity_create(cli, files):
    target = files["dir"] / "new.p12"
    code, out, _ = cli("identity", "create", "--name", "Dr New", "--registration", "NMC 42",
                       "-o", target, "--passphrase-file", files["pw"])
    assert code == 0 and "Certificate SHA-256" in out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.with_suffix(".pem").exists()
    code, _, err = cli("identity", "create", "--name", "Dr New", "--registration", "NMC 42",
                       "-o", target, "--passphrase-file", files["pw"])
    assert code == 2 and "already exists" in err


def test_identity_without_a_terminal_or_file_is_refused(cli, files, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, _, err = cli("identity", "create", "--name", "Dr T", "--registration", "R",
                       "-o", files["dir"] / "t.p12")
    assert code == 2 and "passphrase" in err


def test_identity_asks_twice(cli, files, monkeypatch):
    import getpass
    import sys

    answers = iter(["first passphrase", "second passphrase"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    code, _, err = cli("identity", "create", "--name", "Dr T", "--registration", "R",
                       "-o", files["dir"] / "t.p12")
    assert code == 2 and "differ" in err
    assert not (files["dir"] / "t.p12").exists()


def test_audit_verify_reports_the_broken_entry(cli, files):
    from engine import audit

    for _ in range(3):
        audit.append("print", hospital_number="X", fingerprint=None, signer=None,
                     log=files["log"])
    lines = files["log"].read_bytes().splitlines(keepends=True)
    files["log"].write_bytes(lines[0] + lines[2])
    code, out, _ = cli("audit", "verify", "--log", files["log"])
    assert code == 1 and "BROKEN at entry 1" in out


def test_audit_default_log_uses_the_data_dir(cli, files, tmp_path):
    code, out, _ = cli("audit", "verify")
    assert code == 0 and str(tmp_path / "appdata") in out
