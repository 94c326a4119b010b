"""The summary's content: identifiers and furniture on every page, every order with
its dose, every cited source, page 1 for the nurse, paper size, determinism, and
refusal of an assessment that does not belong to the case."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from .report_helpers import EXAMPLES, REPO, load_case, page_texts, squash

INTENDED_USE = "Decision support for clinicians; it does not replace clinical judgement."


def _dose(d) -> str:
    return f"{d['value']:g} {d['unit']}"


def check_summary(case: dict, assessment: dict, pdf: bytes) -> None:
    """The checks the issue asks for, on any case."""
    import engine
    from engine.report.fingerprint import document_fingerprint, short_fingerprint

    texts = page_texts(pdf)
    assert len(texts) >= 2
    fp = short_fingerprint(document_fingerprint(
        engine.canonical_case_json(engine.parse_case(case)), assessment))
    patient = case["patient"]
    for n, text in enumerate(texts, start=1):
        where = f"page {n}"
        assert patient["id"] in text, where
        if patient.get("name"):
            assert squash(patient["name"]) in squash(text), where
        if patient.get("date_of_birth"):
            year = patient["date_of_birth"][:4]
            assert f"Date of birth" in text and year in text, where
        assert f"Page {n} of {len(texts)}" in text, where
        assert fp in text, where
        assert f"Engine {assessment['engine_version']}" in text, where
        assert f"Knowledge {assessment['knowledge_version']}" in text, where
        assert INTENDED_USE in text, where

    everything = squash("\n".join(texts))
    page1 = squash(texts[0])
    from engine.report import labels

    for order in assessment["orders"]:
        name = squash(labels.word(labels.ORDERS, order["code"]))
        assert name.lower() in everything.lower(), order["code"]
        if order["status"] != "not_indicated":
            if order.get("dose"):
                assert squash(_dose(order["dose"])) in everything, order["code"]
            for alt in order.get("alternatives") or []:
                shown = _dose(alt["dose"]) if alt.get("dose") else alt["drug"]
                assert squash(shown) in everything, (order["code"], alt)
    assert squash(labels.word(labels.URGENCY, assessment["pathway"]["urgency"])) in page1
    assert squash(labels.word(labels.PATHWAYS, assessment["pathway"]["code"])) in page1

    registry = engine.load_registry()
    cited = {s for item in _items(assessment) for s in item.get("sources") or []}
    assert cited
    for sid in cited:
        assert squash(sid) in everything, sid
        assert squash(registry.get(sid).citation) in everything, sid
    for item in _items(assessment):
        assert squash(item["rule"]) in everything, item["rule"]


def _items(a: dict) -> list[dict]:
    return ([a["pathway"], a["precautions"]] + a["actions"] + a["orders"] + a["alerts"]
            + a["disagreements"])


def test_summary_content(base_case, assessment, summary_pdf):
    check_summary(base_case, assessment, summary_pdf)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_case(path):
    import engine
    from engine.report import render_summary

    case = load_case(path)
    a = engine.assess(case)
    check_summary(case, a, render_summary(case, a))


def test_page_one_is_for_the_nurse(base_case, assessment, summary_pdf):
    """Pathway, urgency, precautions, actions as clock times, and every order (with a
    column to initial) fit on page 1 for the motivating case."""
    from engine.report import labels

    page1 = page_texts(summary_pdf)[0]
    flat = squash(page1)
    assert "EMERGENCY" in page1
    assert "SPINALPRECAUTIONSINFORCE" in flat
    assert squash(assessment["precautions"]["text"]) in flat
    assert "Givenat/by" in flat
    for order in assessment["orders"]:
        if order["status"] != "not_indicated":
            assert squash(labels.word(labels.ORDERS, order["code"])).lower() in flat.lower()
    # 24 h after 14:30 on Tue 10 Mar, printed on the ward clock (the fixture's zone).
    assert "14:30 Wed 11 Mar" in page1
    assert "ward clock" in page1
    assert "INCOMPLETE" in page1  # four inputs are missing in this case
    assert "NOT SIGNED" in page1


def test_clock_times_are_the_ward_clock(case):
    """Times are the ward's wall clock (issue 18): a +05:30 case read on a ward whose zone
    is Asia/Kolkata prints the same clock times, named IST."""
    from zoneinfo import ZoneInfo
    import engine
    from engine.report import render_summary

    def shift(value):
        if isinstance(value, dict):
            return {k: shift(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shift(v) for v in value]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT.*\+00:00", value):
            return value.replace("+00:00", "+05:30")
        return value

    case = shift(case)
    a = engine.assess(case)
    page1 = page_texts(render_summary(case, a, zone=ZoneInfo("Asia/Kolkata")))[0]
    assert "Asia/Kolkata (IST)" in page1
    assert "14:30 Wed 11 Mar" in page1
    london = page_texts(render_summary(case, a, zone=ZoneInfo("Europe/London")))[0]
    assert "09:00 Wed 11 Mar" in london  # the same instant on a London ward's clock


def test_paper_size_follows_locale(case):
    import engine
    from pypdf import PdfReader

    from engine.report import render_summary

    sizes = {}
    for locale in ("GB", "US"):
        case["locale"] = locale
        pdf = render_summary(case, engine.assess(case))
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        sizes[locale] = (round(float(box.width)), round(float(box.height)))
    assert sizes["GB"] == (595, 842)   # A4
    assert sizes["US"] == (612, 792)   # US Letter


def test_font_is_embedded_with_clinical_glyphs(summary_pdf):
    from pypdf import PdfReader

    from engine.report.styles import FONT, font_dir
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("probe", str(font_dir() / f"{FONT}.ttf")).face
    for ch in "µ≥×⁹":
        assert ord(ch) in face.charToGlyph, ch
    reader = PdfReader(io.BytesIO(summary_pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            fonts.add((str(font["/BaseFont"]), bool(desc and "/FontFile2" in desc.get_object())))
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_same_inputs_same_bytes(base_case, assessment, summary_pdf):
    from engine.report import render_summary

    again = render_summary(base_case, assessment, hospital_name="St Elsewhere Hospital")
    assert again == summary_pdf


def test_names_are_printed_as_typed(case):
    import engine
    from engine.report import render_summary

    case["patient"]["name"] = "O'Brien <Jr> & Sons"
    text = page_texts(render_summary(case, engine.assess(case)))[0]
    assert "O'Brien <Jr> & Sons" in text


def test_mismatched_assessment_is_refused(case, assessment):
    import engine
    from engine.report import render_summary
    from engine.report.summary_pdf import ReportInputError

    other = dict(case, patient=dict(case["patient"], weight_kg=80))
    with pytest.raises(ReportInputError, match="not computed from this case"):
        render_summary(other, assessment)
    with pytest.raises(ReportInputError, match="different patient"):
        render_summary(dict(case, patient=dict(case["patient"], id="X-1")), assessment)
    with pytest.raises(ReportInputError):
        render_summary(case, {})
    with pytest.raises(engine.CaseError):
        render_summary({"format": "mscc-case/1"}, assessment)


def test_importing_the_report_package_is_cheap():
    """`evaluate` must never pay for reportlab, pypdf or pyHanko."""
    code = ("import sys, engine.report, engine.audit, engine.cli.main;"
            "bad = [m for m in ('reportlab', 'pyhanko', 'pypdf', 'PySide6') if m in sys.modules];"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_report_code_never_imports_qt():
    for path in list((REPO / "engine" / "report").glob("*.py")) + [REPO / "engine" / "audit.py"]:
        assert "PySide6" not in path.read_text(encoding="utf-8"), path
