"""The case travels inside its summary: byte for byte, and it reassesses to what was
printed, signed or not."""
from __future__ import annotations

import io

import pytest


def test_case_round_trips_byte_for_byte(base_case, summary_pdf):
    import engine
    from engine.report import extract_case, extract_case_bytes

    canonical = engine.canonical_case_json(engine.parse_case(base_case))
    assert extract_case_bytes(summary_pdf) == canonical
    again = extract_case(summary_pdf)
    assert engine.canonical_case_json(engine.parse_case(again)) == canonical


@pytest.mark.parametrize("which", ["summary_pdf", "signed_pdf"])
def test_reopening_gives_the_same_assessment(which, assessment, request):
    import json

    import engine
    from engine.report import embed, extract_case

    pdf = request.getfixturevalue(which)
    assert engine.assess(extract_case(pdf)) == assessment
    printed = json.loads(embed.read_attachment(pdf, embed.ASSESSMENT_NAME))
    assert printed == assessment


def test_fingerprint_can_be_recomputed_from_the_file(summary_pdf, base_case, assessment):
    from engine.report import embed
    from engine.report.fingerprint import document_fingerprint

    case_bytes = embed.read_attachment(summary_pdf, embed.CASE_NAME)
    assessment_bytes = embed.read_attachment(summary_pdf, embed.ASSESSMENT_NAME)
    recorded = embed.read_info(summary_pdf)[embed.META_FINGERPRINT]
    assert document_fingerprint(case_bytes, assessment_bytes) == recorded
    assert document_fingerprint(case_bytes, assessment) == recorded


def test_a_pdf_without_a_case_is_refused_clearly():
    from reportlab.pdfgen.canvas import Canvas

    from engine.report import NoEmbeddedCase, extract_case

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(100, 700, "just a letter")
    c.save()
    with pytest.raises(NoEmbeddedCase, match="no embedded case.json"):
        extract_case(buf.getvalue())
    with pytest.raises(NoEmbeddedCase):
        extract_case(b"this is not a PDF at all")
    assert issubclass(NoEmbeddedCase, ValueError)


def test_an_altered_embedded_case_is_refused(summary_pdf):
    """A case that does not match the hash recorded beside it, or a second case.json,
    is refused rather than guessed at."""
    from pypdf import PdfWriter

    from engine.report import NoEmbeddedCase, embed, extract_case

    plain = PdfWriter()
    plain.add_blank_page(200, 200)
    buf = io.BytesIO()
    plain.write(buf)
    forged = embed.add_attachments(buf.getvalue(), [("case.json", b'{"a":1}', "")],
                                   {embed.META_CASE_SHA256: "0" * 64})
    with pytest.raises(NoEmbeddedCase, match="altered"):
        extract_case(forged)

    writer = PdfWriter(clone_from=io.BytesIO(summary_pdf))
    writer.add_attachment("case.json", b'{"format":"mscc-case/1"}')
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(NoEmbeddedCase, match="attachments named case.json"):
        extract_case(out.getvalue())
    assert embed.read_attachment(summary_pdf, "nothing.json") is None
