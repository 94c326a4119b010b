"""Signing and verification: a signed file verifies; a flipped byte, appended bytes
and a damaged signature each fail; an untrusted signer is reported untrusted; the
identity file is private and holds no passphrase."""
from __future__ import annotations

import io
import os
import re
import stat

import pytest
from .report_helpers import PASSPHRASE


def test_signed_file_verifies(signed_pdf, identity, assessment):
    from engine.report.verify import verify_pdf

    r = verify_pdf(signed_pdf)
    assert r.ok, r.reason
    assert (r.intact, r.whole_file, r.trusted) == (True, True, None)
    assert r.signer == "Dr Zoë Example" and r.registration == "GMC 1234567"
    assert r.signing_time is not None and r.signing_time.tzinfo is not None
    assert r.hospital_number == assessment["patient_id"]
    assert r.fingerprint


def test_trusted_only_with_the_right_certificate(signed_pdf, identity, other_identity):
    from engine.report.verify import verify_pdf

    own = verify_pdf(signed_pdf, identity.cert_path.read_bytes())
    assert own.ok and own.trusted is True
    other = verify_pdf(signed_pdf, other_identity.cert_path.read_bytes())
    assert other.intact and other.whole_file  # the file is fine ...
    assert other.trusted is False and not other.ok  # ... but not from whom we trust
    assert "trust" in other.reason


def test_an_unreadable_trust_file_is_a_reason(signed_pdf, identity):
    from engine.report.verify import verify_pdf

    for junk in (b"", b"not a certificate", identity.p12_path.read_bytes()):
        r = verify_pdf(signed_pdf, junk)
        assert not r.ok and "trust certificate cannot be read" in r.reason


def _flip(data: bytes, offset: int) -> bytes:
    b = bytearray(data)
    b[offset] ^= 0x01
    return bytes(b)


def _contents_span(pdf: bytes) -> tuple[int, int]:
    m = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", pdf)
    assert m
    return m.start(1), m.end(1)


@pytest.mark.parametrize("where", [0.02, 0.25, 0.5, 0.75, 0.97])
def test_a_flipped_byte_fails(signed_pdf, where):
    from engine.report.verify import verify_pdf

    start, end = _contents_span(signed_pdf)
    offset = int(len(signed_pdf) * where)
    if start <= offset < end:  # that would be the damaged-signature case below
        offset = end + 10
    r = verify_pdf(_flip(signed_pdf, offset))
    assert not r.ok, offset


@pytest.mark.parametrize("tail", [b"\n", b"junk\n", b"%%EOF\n" * 3, b"\x00" * 1024])
def test_appended_bytes_fail(signed_pdf, tail):
    from engine.report.verify import verify_pdf

    r = verify_pdf(signed_pdf + tail)
    assert not r.ok
    assert not r.whole_file or not r.intact


def test_an_appended_valid_revision_fails(signed_pdf):
    """The trap: a well-formed incremental update after the signature leaves the
    signature intact; only the coverage shows the file changed."""
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from engine.report.verify import verify_pdf

    w = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    info = w.trailer["/Info"].get_object()
    info[NameObject("/Subject")] = TextStringObject("changed after signing")
    w.update_container(info)
    out = io.BytesIO()
    w.write(out)
    r = verify_pdf(out.getvalue())
    assert r.intact and not r.whole_file and not r.ok
    assert "after signing" in r.reason


@pytest.mark.parametrize("where", [0.01, 0.1, 0.5, 0.99])
def test_a_damaged_signature_fails_without_raising(signed_pdf, where):
    """Anywhere in /Contents: the CMS blob itself, or the zero padding after it."""
    from engine.report.verify import verify_pdf

    start, end = _contents_span(signed_pdf)
    offset = start + int((end - start) * where) // 2 * 2  # a hex digit of the CMS blob
    b = bytearray(signed_pdf)
    b[offset:offset + 8] = b"00000000" if b[offset:offset + 8] != b"00000000" else b"ffffffff"
    r = verify_pdf(bytes(b))
    assert not r.ok and r.reason


def test_not_a_pdf_is_invalid_not_an_exception():
    from engine.report.verify import verify_pdf

    for data in (b"", b"hello", b"%PDF-1.7\n%%EOF"):
        r = verify_pdf(data)
        assert not r.ok and r.reason


def test_unsigned_summary_is_reported_unsigned(summary_pdf):
    from engine.report.verify import verify_pdf

    r = verify_pdf(summary_pdf)
    assert not r.ok and "no signature" in r.reason


def test_visible_stamp_sits_in_the_reserved_box(signed_pdf):
    from pypdf import PdfReader

    from engine.report import geometry as g

    page = PdfReader(io.BytesIO(signed_pdf)).pages[0]
    widgets = [a.get_object() for a in page["/Annots"]]
    sig = [w for w in widgets if w.get("/FT") == "/Sig"]
    assert len(sig) == 1
    rect = [round(float(v)) for v in sig[0]["/Rect"]]
    assert rect == list(g.page_geometry("GB").sign_box_points())
    assert "/AP" in sig[0]  # it has an appearance: visible, not just a field
    assert sig[0]["/V"].get_object()["/Reason"] == "Clinical handover summary"


def test_identity_file_is_private_and_holds_no_passphrase(identity):
    mode = stat.S_IMODE(os.stat(identity.p12_path).st_mode)
    assert mode == 0o600
    data = identity.p12_path.read_bytes()
    assert PASSPHRASE.encode() not in data
    assert b"BEGIN CERTIFICATE" in identity.cert_path.read_bytes()


def test_wrong_passphrase_is_a_clear_error(summary_pdf, identity):
    from engine.report.signing import IdentityError, load_signer_info, sign_pdf

    with pytest.raises(IdentityError, match="passphrase"):
        sign_pdf(summary_pdf, identity.p12_path, "not the passphrase")
    assert load_signer_info(identity.p12_path, PASSPHRASE).name == "Dr Zoë Example"


def test_identity_is_never_overwritten_and_needs_a_real_passphrase(identity, tmp_path):
    from engine.report.signing import create_identity

    with pytest.raises(FileExistsError):
        create_identity("Dr X", "R1", PASSPHRASE, identity.p12_path)
    with pytest.raises(ValueError, match="at least"):
        create_identity("Dr X", "R1", "short", tmp_path / "x.p12")
    with pytest.raises(ValueError, match="name"):
        create_identity("  ", "R1", PASSPHRASE, tmp_path / "y.p12")
    assert not list(tmp_path.iterdir())


def test_stamp_text_survives_names_outside_latin1():
    from engine.report.signing import _stamp_safe

    assert _stamp_safe("Zoë Łukasz Đorđević") == "Zoë Lukasz Dordevic"
    assert _stamp_safe("王") == "?"


def test_signature_stamp_time_is_on_the_ward_clock(monkeypatch):
    from zoneinfo import ZoneInfo

    from engine.report import signing, timefmt
    monkeypatch.setattr(timefmt, "ward_zone", lambda site=None: ZoneInfo("America/New_York"))
    assert signing._stamp_time().rsplit(" ", 1)[1] in ("EST", "EDT")
    monkeypatch.setattr(timefmt, "ward_zone", lambda site=None: ZoneInfo("Asia/Kolkata"))
    assert signing._stamp_time().endswith(" IST")
