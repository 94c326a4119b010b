"""What the desktop asks the engine for instead of knowing it (issue 13): unit lists and
conversions, the staleness limit in words, words for codes and doses, and the one order
of actions and alerts that screen and paper share."""
from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

import engine
from conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*.json"))


def test_conversions_are_the_engines_cut_values():
    from engine.units import conversions

    # Cut, not rounded: 12.02 mg/dL is 2.999 mmol/L, shown 2.99 (never 3.00).
    assert conversions("calcium", 12.02, "mg/dL") == [("2.99", "mmol/L")]
    assert conversions("calcium", 2.5, "mmol/L") == [("10.02", "mg/dL")]
    assert conversions("creatinine", 88.4, "umol/L") == [("1.00", "mg/dL")]
    assert conversions("albumin", 3.5, "g/dL") == [("35.00", "g/L")]


@pytest.mark.parametrize("analyte, value, unit", [
    ("calcium", 11, "mmol/L"),      # implausible in this unit: the message says why
    ("platelets", 120, "10^9/L"),   # one unit only: nothing to convert to
    ("calcium", 2.5, "mg/L"),       # not a unit of the analyte
    ("nonsense", 2.5, "mmol/L"),
    ("calcium", True, "mmol/L"),
    ("calcium", None, "mmol/L"),
])
def test_no_conversion_when_there_is_nothing_honest_to_show(analyte, value, unit):
    from engine.units import conversions

    assert conversions(analyte, value, unit) == []


def test_units_are_written_for_readers():
    from engine.units import unit_text

    assert unit_text("umol/L") == "µmol/L" and unit_text("10^9/L") == "×10⁹/L"
    assert unit_text("mmol/L") == "mmol/L"


def test_staleness_texts_follow_the_engines_limit(monkeypatch):
    import engine.rules.labs as labs
    from engine.thresholds import threshold

    assert labs.stale_note() == "Results older than 72 h count as unknown."
    assert labs.STALE.texts == ("result older than 72 h before assessed_at",)
    monkeypatch.setattr(labs, "STALE_LIMIT", threshold("result", 48, "h", "older_than",
                                                       "NICE-NG234-SUPPORTIVE"))
    assert labs.stale_limit_text() == "48 h"
    assert labs.stale_note() == "Results older than 48 h count as unknown."


def test_the_stale_alert_and_its_label_state_the_engines_limit():
    from engine.report import labels

    case = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))
    case["labs"]["platelets"]["sampled_at"] = "2026-01-01T08:00:00+00:00"
    a = engine.assess(case)
    stale = [al for al in a["alerts"] if al["code"] == "stale_result"]
    assert stale and "(older than 72 h)" in stale[0]["text"]
    assert labels.ALERTS["stale_result"] == "Result older than 72 h"


@pytest.mark.parametrize("dose, text", [
    ({"value": 16, "unit": "mg"}, "16 mg"), ({"value": 16.0, "unit": "mg"}, "16 mg"),
    ({"value": 0.5, "unit": "mg"}, "0.5 mg"), ({"value": None, "unit": "mg"}, ""),
    (None, ""),
])
def test_doses_are_written_once(dose, text):
    from engine.report import labels
    from engine.report.flow import dose as printed

    assert labels.dose_text(dose) == text
    assert printed(dose) == (text or "—")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_engine_orders_actions_by_deadline_and_alerts_by_severity(path):
    from engine.evaluation import SEVERITIES

    a = engine.assess(json.loads(path.read_text(encoding="utf-8")))
    keys = [(x["due_within_hours"] is None, x["due_within_hours"] or 0, x["code"])
            for x in a["actions"]]
    assert keys == sorted(keys)
    ranks = [SEVERITIES.index(x["severity"]) for x in a["alerts"]]
    assert ranks == sorted(ranks)


def test_the_nurse_page_lists_actions_in_the_engines_order():
    """Page 1 keeps the order it is given (the engine's): it has no order of its own."""
    from engine.report import labels
    from engine.report.sections_nurse import actions_table

    case = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))
    a = engine.assess(case)
    assert len(a["actions"]) >= 3
    for actions in (a["actions"], list(reversed(a["actions"]))):
        table = actions_table({**a, "actions": actions}, 180, ZoneInfo("Europe/London"))[-1]
        texts = [str(getattr(row[1], "text", row[1])) for row in table._cellvalues[1:]]
        names = [labels.word(labels.ACTIONS, x["code"]) for x in actions]
        assert len(texts) == len(names)
        assert all(name.lower() in text.lower() for name, text in zip(names, texts)), texts


def test_the_pathway_map_covers_every_pathway_the_engine_chooses():
    from engine.report import labels, pathway_map

    assert set(labels.PATHWAYS) == set(pathway_map.ROUTES) | {pathway_map.POST_TREATMENT}
    for code in labels.PATHWAYS:
        passed, next_steps = pathway_map.route(code, "surgery")
        assert passed and set(passed + next_steps) <= set(pathway_map.STEPS), code
        assert all(edge in pathway_map.EDGES for edge in zip(passed, passed[1:])), code


@pytest.mark.parametrize("done, treated", [
    ({"spinal_surgery_at": "2026-03-10T09:00:00+00:00"}, "surgery"),
    ({"radiotherapy_started_at": "2026-03-10T09:00:00+00:00"}, "radiotherapy"),
    # Radiotherapy of a past episode (more than 28 days old): not this episode's
    # treatment, so it says nothing about this route.
    ({"radiotherapy_started_at": "2025-01-10T09:00:00+00:00"}, None),
])
def test_the_treatment_on_the_route_is_the_engines_judgement(done, treated):
    from engine.report import pathway_map

    case = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))
    case.setdefault("procedures", {}).update(done)
    a = engine.assess(case)
    assert pathway_map.treated_by(a) == treated
    assert (a["pathway"]["code"] == pathway_map.POST_TREATMENT) == (treated is not None)
