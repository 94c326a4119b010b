"""The "MSCC coordinator referral" page and the examination timeline on paper
(issue 14 part 2)."""
from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import engine
from conftest import REPO
from engine.report import referral, render_summary

from .report_helpers import page_texts

LONDON = ZoneInfo("Europe/London")


def _example(name):
    case = json.loads((REPO / "examples" / f"{name}.json").read_text())
    return case, engine.assess(case)


def test_summary_has_the_referral_page_with_the_coordinators_dataset():
    case, a = _example("serial-deterioration")
    pages = page_texts(render_summary(case, a, zone=LONDON))
    page = " ".join(next(p for p in pages if "MSCC coordinator referral" in p).split())
    for item in ("Primary cancer", "Question for the coordinator", "First neurological symptom",
                 "Walking and Frankel grade", "Sphincters", "Imaging", "Steroids",
                 "Anticoagulation and platelets", "Referrer", "QS56: First whole-spine MRI"):
        assert item in page, item
    assert "breast" in page and "Frankel D" in page and "C5" in page


def test_missing_items_are_said_never_blank():
    case = {"format": "mscc-case/1", "assessed_at": "2026-03-10T14:30:00+00:00",
            "locale": "GB", "patient": {"id": "X1"}}
    got = dict(referral.rows(case, engine.assess(case), LONDON))
    assert got["Primary cancer"] == referral.MISSING
    assert referral.MISSING in got["Referrer"] and referral.MISSING in got["Steroids"] \
        or got["Steroids"] == "no dexamethasone recorded as started"
    assert all(value.strip() for value in got.values())


def test_timeline_is_printed_for_serial_examinations_only():
    case, a = _example("serial-deterioration")
    text = " ".join(" ".join(page_texts(render_summary(case, a, zone=LONDON))).split())
    assert "Neurological examinations over time" in text
    assert "T4 (changed)" in text and "WORSE: contact the MSCC coordinator now." in text
    single, b = _example("index-case-c5")
    assert "Neurological examinations over time" not in "\n".join(
        page_texts(render_summary(single, b, zone=LONDON)))


def test_referral_trend_line_says_what_got_worse():
    case, a = _example("serial-deterioration")
    assert dict(referral.rows(case, a, LONDON))["Trend"].startswith(
        "WORSE: right leg power MRC 4 -> 3")
    case, a = _example("serial-stable")
    assert dict(referral.rows(case, a, LONDON))["Trend"] == "unchanged"
