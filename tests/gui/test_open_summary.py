"""The desktop's Open of a summary PDF, a hostile case file and the draft recovery
scan, through the one guarded reader (issue 19, problems 1 and 3): a summary changed
after signing is refused naming what changed; an unsigned one, or one whose signer
is not verified, opens under a warning banner; hostile files and drafts never hang
or crash the window."""
from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from desktop import paths
from .helpers import settle

REPO = Path(__file__).resolve().parents[2]
CASE_PATH = REPO / "examples" / "index-case-c5.json"
CASE = json.loads(CASE_PATH.read_text(encoding="utf-8"))
PASSPHRASE = "correct horse battery staple"
sys.path.insert(0, str(REPO / "tests" / "report"))
import tamper  # noqa: E402
sys.path.insert(0, str(REPO / "tests"))
from test_case_reader import hostile_files  # noqa: E402


@pytest.fixture(scope="module")
def summaries(tmp_path_factory):
    """A signed summary, its tampered copies, an unsigned one, and the signer's cert."""
    import engine
    from engine.report import render_summary
    from engine.report.signing import create_identity, sign_pdf

    folder = tmp_path_factory.mktemp("summaries")
    ident = create_identity("Dr Ann Example", "GMC 1234567", PASSPHRASE, folder / "ann.p12")
    assessment = engine.assess(CASE)
    signed = sign_pdf(render_summary(CASE, assessment, signature_expected=True),
                      ident.p12_path, PASSPHRASE)
    forged_case = json.loads(json.dumps(CASE))
    forged_case["patient"]["name"] = "Forged Name"
    files = {
        "signed": signed,
        "swapped": tamper.swap_case(signed, forged_case),
        "overlay": tamper.overlay_text(signed),
        "appended": tamper.append_bytes(signed),
        "unsigned": render_summary(CASE, assessment),
    }
    out = {}
    for name, data in files.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        out[name] = path
    out["identity"] = ident
    return out


def _site_trusting(tmp_path, monkeypatch, cert: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(f'trusted_certificates = ["{cert}"]\n')
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))


def test_signed_summary_without_a_trust_anchor_opens_under_a_warning(qtbot, window, summaries):
    assert window.files.open_path(str(summaries["signed"]))
    settle(qtbot, window)
    assert window.session.case()["patient"]["name"] == CASE["patient"]["name"]
    assert window.provenance.isVisible()
    text = window.provenance.text.text()
    assert "SIGNER NOT VERIFIED" in text and summaries["identity"].sha256 in text
    window.files.new_case()  # another case: the warning goes with the summary's case
    assert not window.provenance.isVisible()


def test_site_trust_store_verifies_on_the_ward_pc(qtbot, window, summaries, tmp_path,
                                                   monkeypatch):
    _site_trusting(tmp_path, monkeypatch, summaries["identity"].cert_path)
    assert window.files.open_path(str(summaries["signed"]))
    assert not window.provenance.isVisible()


def test_unsigned_summary_opens_under_a_not_signed_banner(qtbot, window, summaries):
    assert window.files.open_path(str(summaries["unsigned"]))
    assert window.provenance.isVisible() and "NOT SIGNED" in window.provenance.text.text()


@pytest.mark.parametrize("name,words", [
    ("swapped", "the embedded case (case.json)"),
    ("overlay", "page 1"),
    ("appended", "bytes appended after the signed range"),
])
def test_summary_changed_after_signing_is_refused_naming_the_change(qtbot, window, summaries,
                                                                    name, words, tmp_path,
                                                                    monkeypatch):
    _site_trusting(tmp_path, monkeypatch, summaries["identity"].cert_path)  # even trusted
    before = window.session.case()
    assert not window.files.open_path(str(summaries[name]))
    assert window.session.case() == before
    text = window.prompter.texts("problems")[-1]
    assert "Nothing was loaded" in text and "changed after it was signed" in text
    assert words in text
    assert "Forged Name" not in json.dumps(window.session.case())


@pytest.mark.parametrize("name", ["fifo", "dev-zero", "directory", "2-MiB", "21-studies",
                                  "61-lesions", "utf-16", "duplicate-key", "deep-nesting",
                                  "5000-digit-integer"])
def test_hostile_case_file_is_refused_by_open(qtbot, window, tmp_path, name):
    path, words = hostile_files(tmp_path / "hostile")[name]
    assert not window.files.open_path(str(path))
    assert words in window.prompter.texts("problems")[-1]
    assert window.session.case() == {"format": "mscc-case/1"}


def test_byte_order_mark_opens(qtbot, window, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + CASE_PATH.read_bytes())
    assert window.files.open_path(str(path))
    assert window.session.case()["patient"]["id"] == CASE["patient"]["id"]


def _draft(case: dict) -> bytes:
    from desktop.drafts import DRAFT_FORMAT, case_checksum

    return json.dumps({"format": DRAFT_FORMAT, "saved_at": "2026-01-01T10:00:00+00:00",
                       "pid": 1, "file_path": None, "case": case,
                       "case_sha256": case_checksum(case)}).encode()


def test_hostile_drafts_are_set_aside_with_their_reason_and_the_window_starts(
        qtbot, app_home, make_window):
    folder = paths.drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "draft-fifo.json")
    (folder / "draft-deep.json").write_bytes(b'{"a":' * 10000 + b"1" + b"}" * 10000)
    many = json.loads(json.dumps(CASE))
    many["imaging"] = [many["imaging"][0]] * 21
    (folder / "draft-studies.json").write_bytes(_draft(many))
    unfinished = {"format": "mscc-case/1", "patient": {"name": "Unfinished Case"}}
    (folder / "draft-unfinished.json").write_bytes(_draft(unfinished))

    done: list = []
    thread = threading.Thread(target=lambda: done.append(
        __import__("desktop.drafts", fromlist=["DraftStore"]).DraftStore(folder).orphans()),
        daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the recovery scan blocked"
    drafts, corrupt = done[0]
    reasons = {c.path.name: c.reason for c in corrupt}
    assert "FIFO" in reasons["draft-fifo.corrupt"]
    assert "nested more than 6 levels" in reasons["draft-deep.corrupt"]
    assert "21 imaging studies given; at most 20" in reasons["draft-studies.corrupt"]
    # An unfinished case is the user's own work: offered, with its problems counted.
    (offered,) = drafts
    assert offered.case == unfinished and offered.problems

    window = make_window()
    window.prompter.recover_answers = ["recover"]
    assert window.offer_recovery()
    settle(qtbot, window)
    asked = window.prompter.texts("ask_recover")[0]
    assert "Unfinished Case" in asked and "problem" in asked and "to correct" in asked
    assert window.session.value("patient.name") == "Unfinished Case"
