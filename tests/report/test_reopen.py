"""Reopening and re-signing a summary (issue 19, problems 1 and 2), with PDFs tampered
the way an attacker would, by pyHanko's incremental writer (tests/report/tamper.py)."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess

import pytest

from . import tamper
from .report_helpers import PASSPHRASE


@pytest.fixture
def forged_case(base_case):
    case = copy.deepcopy(base_case)
    case["patient"]["name"] = "Forged Name"
    case["labs"]["platelets"]["value"] = 400  # would let LMWH through
    return case


@pytest.fixture
def work(tmp_path, identity):
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    return {"dir": tmp_path, "pw": pw, "p12": identity.p12_path, "pem": identity.cert_path,
            "log": tmp_path / "audit.jsonl"}


def _events(log):
    from engine import audit

    return [e["event"] for e in audit.read_entries(log)] if log.exists() else []


ATTACKS = {
    "case swapped, /Info hash updated": (lambda pdf, case: tamper.swap_case(pdf, case, "update"),
                                         "the embedded case (case.json)"),
    "case swapped, /Info hash deleted": (lambda pdf, case: tamper.swap_case(pdf, case, "delete"),
                                         "the embedded case (case.json)"),
    "case swapped, /Info untouched": (lambda pdf, case: tamper.swap_case(pdf, case, "keep"),
                                      "the embedded case (case.json)"),
    "dose drawn over page 1": (lambda pdf, case: tamper.overlay_text(pdf), "page 1"),
    "bytes appended": (lambda pdf, case: tamper.append_bytes(pdf), "bytes appended"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_tampered_summary_is_never_reopened_or_re_signed(attack, signed_pdf, forged_case,
                                                         work, cli):
    make, words = ATTACKS[attack]
    bad = work["dir"] / "tampered.pdf"
    bad.write_bytes(make(signed_pdf, forged_case))

    from engine.report.reopen import SummaryRefused, reopen_summary

    with pytest.raises(SummaryRefused) as refused:
        reopen_summary(bad)
    assert "changed after it was signed" in str(refused.value) and words in str(refused.value)

    # `verify` (same code) says INVALID and names the same change.
    code, out, _ = cli("verify", bad, "--trust", work["pem"], "--log", work["log"])
    assert code == 1 and words in out

    # report X.pdf and report X.pdf --sign: refused, nothing written, nothing exported.
    for extra in ([], ["--sign", work["p12"], "--passphrase-file", work["pw"]],
                  ["--sign", work["p12"], "--passphrase-file", work["pw"], "--accept-unverified"]):
        out_pdf = work["dir"] / "resigned.pdf"
        code, out, err = cli("report", bad, "-o", out_pdf, "--log", work["log"], *extra)
        assert code == 2 and "changed after it was signed" in err and words in err
        assert not out_pdf.exists()
    assert "export" not in _events(work["log"])


def test_case_is_taken_from_the_signed_revision(signed_pdf, forged_case, base_case):
    """Even reading past verification, the signed revision holds the original case."""
    from engine.report import revisions

    swapped = tamper.swap_case(signed_pdf, forged_case)
    reader = revisions.open_reader(swapped)
    signed_rev = reader.embedded_signatures[0].signed_revision
    latest = reader.xrefs.total_revisions - 1
    assert json.loads(revisions.embedded_file(reader, latest, "case.json"))["patient"]["name"] \
        == "Forged Name"
    assert json.loads(revisions.embedded_file(reader, signed_rev, "case.json"))["patient"][
        "name"] == base_case["patient"]["name"]


def test_untampered_summary_reopens_with_the_trust_it_has(signed_pdf, identity, other_identity,
                                                          work):
    from engine.report.reopen import SIGNER_NOT_VERIFIED, VERIFIED, reopen_summary

    path = work["dir"] / "s.pdf"
    path.write_bytes(signed_pdf)
    opened = reopen_summary(path)
    assert opened.status == SIGNER_NOT_VERIFIED and identity.sha256 in opened.warning
    assert "no trust anchor" in opened.warning
    opened = reopen_summary(path, trust_pem=identity.cert_path.read_bytes(), trust_source="x")
    assert opened.status == VERIFIED and opened.warning is None
    opened = reopen_summary(path, trust_pem=other_identity.cert_path.read_bytes(),
                            trust_source="the other cert")
    assert opened.status == SIGNER_NOT_VERIFIED
    assert "not among the trusted certificates (the other cert)" in opened.warning


def test_unverified_summary_is_re_signed_only_when_accepted(signed_pdf, work, cli):
    src = work["dir"] / "s.pdf"
    src.write_bytes(signed_pdf)
    out_pdf = work["dir"] / "again.pdf"
    args = ["report", src, "-o", out_pdf, "--sign", work["p12"], "--passphrase-file",
            work["pw"], "--log", work["log"]]
    code, _, err = cli(*args)
    assert code == 2 and "SIGNER NOT VERIFIED" in err and "--accept-unverified" in err
    assert not out_pdf.exists()
    code, _, _ = cli(*args, "--trust", work["pem"])  # verified: re-signed
    assert code == 0 and out_pdf.exists()
    out_pdf.unlink()
    code, _, err = cli(*args, "--accept-unverified")
    assert code == 0 and out_pdf.exists() and "warning" in err


def test_unsigned_summary_with_an_update_is_refused(summary_pdf, forged_case, tmp_path):
    from engine.report.reopen import UNSIGNED, SummaryRefused, reopen_summary

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(summary_pdf)
    assert reopen_summary(plain).status == UNSIGNED
    plain.write_bytes(tamper.swap_case(summary_pdf, forged_case))
    with pytest.raises(SummaryRefused, match="unsigned summary was changed after it was written"):
        reopen_summary(plain)


def test_same_name_forgery_is_told_apart(base_case, assessment, identity, work, cli, tmp_path,
                                         monkeypatch):
    """A self-made certificate with the doctor's name: never 'VALID'; its SHA-256 differs
    from the doctor's; with the site trust store it does not chain."""
    from engine.report import render_summary
    from engine.report.signing import create_identity, sign_pdf

    fake = create_identity("Dr Zoë Example", "GMC 1234567", PASSPHRASE, tmp_path / "fake.p12")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(sign_pdf(render_summary(base_case, assessment, signature_expected=True),
                                fake.p12_path, PASSPHRASE))
    code, out, _ = cli("verify", forged, "--log", work["log"])
    assert code == 3 and "VALID" not in out.replace("INVALID", "")
    assert fake.sha256 in out and identity.sha256 not in out
    site = tmp_path / "site.toml"
    site.write_text(f'trusted_certificates = ["{identity.cert_path}"]\n')
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    code, out, _ = cli("verify", forged, "--log", work["log"])
    assert code == 1 and "does not chain to site trust store" in out
    real = tmp_path / "real.pdf"
    real.write_bytes(sign_pdf(render_summary(base_case, assessment, signature_expected=True),
                              identity.p12_path, PASSPHRASE))
    code, out, _ = cli("verify", real, "--log", work["log"])
    assert code == 0 and "Result:       VERIFIED" in out and "site trust store" in out


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_pdfsig_agrees_the_swapped_summary_is_not_wholly_signed(signed_pdf, forged_case,
                                                                tmp_path):
    """A second opinion (poppler): the signed bytes are still valid, the signature just
    no longer covers the whole file, which is why coverage decides, not validity."""
    bad = tmp_path / "swapped.pdf"
    bad.write_bytes(tamper.swap_case(signed_pdf, forged_case))
    out = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Not total document signed" in out and "Signature is Valid" in out
