"""Issue 20: the handover summary a nurse can act on at 07:30. One test (or more) per
numbered problem, self-contained (tests/engine_cases.py, tests/report/data), and the
same checks on the public vignettes the issue names (skipped without ../shared)."""
from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta

import pytest

from engine_cases import MRI, case, hours_before, lesion, study
from tests.conftest import shared_path

from .report_helpers import DATA, EXAMPLES, load_case, page_texts, squash


def render(doc: dict, **kw) -> tuple[dict, list[str]]:
    import engine
    from engine.report import render_summary

    a = engine.assess(doc)
    return a, page_texts(render_summary(doc, a, **kw))


def flat(text: str) -> str:
    return squash(text).lower()


def vignette(number: str) -> dict:
    folder = shared_path("vignettes")
    path = next(folder.glob(f"{number}-*.json"))
    return json.loads(path.read_text(encoding="utf-8"))["case"]


COMPRESSION_T8 = [study(MRI, [lesion("T8", bilsky_grade="2", lesion_type="lytic")])]


# --- 1. the anticoagulant, named with its plan, on page 1 ------------------------------

def test_anticoagulant_named_with_its_plan_on_page_one():
    a, pages = render(case(medications__anticoagulation="doac", imaging=COMPRESSION_T8))
    assert a["pathway"]["code"] == "mscc_surgical_opinion"
    page1 = flat(pages[0])
    assert flat("On a direct oral anticoagulant (DOAC): record the time of the last dose; "
                "give no further dose until the spinal surgeon") in page1
    # "Not indicated" says why, beside the orders it names.
    assert flat("LMWH prophylaxis: Already anticoagulated (a direct oral anticoagulant "
                "(DOAC))") in page1


@pytest.mark.shared
def test_vignette_13_names_the_doac_and_its_plan():
    _, pages = render(vignette("13"))
    page1 = flat(pages[0])
    assert flat("Anticoagulant On a direct oral anticoagulant (DOAC): record the time of the "
                "last dose") in page1
    assert flat("Already anticoagulated") in page1


# --- 2. a taper over 21 days: days 1-2, then the prescriber; no stop date --------------

def slow_taper_case(days: int) -> dict:
    return case(procedures__spinal_surgery_at=hours_before(48),
                medications__dexamethasone_started_at=hours_before(24 * days + 1),
                imaging=COMPRESSION_T8)


def test_taper_over_21_days_has_no_stop_date_and_matches_its_alert():
    a, pages = render(slow_taper_case(22))
    assert "slow_taper" in {x["code"] for x in a["alerts"]}
    text = flat("\n".join(pages))
    assert flat("then a slower taper set by the prescriber; no stop date on this summary") in text
    assert "day8" not in text and "day7" not in text  # no 7-day schedule that ends in "stop"
    # The alert sits in the order's row on page 1.
    assert flat("WARNING: Dexamethasone for 22 days (over 3 weeks)") in flat(pages[0])
    # A short course keeps its 7-day table with a stop day.
    _, short = render(slow_taper_case(5))
    assert flat("Day 8") in flat("\n".join(short))


@pytest.mark.shared
def test_vignette_07_taper_has_no_stop_date():
    _, pages = render(vignette("07"))
    text = flat("\n".join(pages))
    assert flat("no stop date") in text and "day8" not in text


# --- 3. a recorded "not cleared" is an answer, not a missing input ------------------

def test_surgeon_not_cleared_is_stated_and_not_counted_missing():
    a, pages = render(case(procedures__spinal_surgery_at=hours_before(40),
                           procedures__surgeon_cleared_anticoagulation=False,
                           imaging=COMPRESSION_T8))
    assert "procedures.surgeon_cleared_anticoagulation" not in a["missing_inputs"]
    page1 = flat(pages[0])
    assert flat("Held by the spinal surgeon (not cleared): ask again at each daily review") \
        in page1
    text = flat("\n".join(pages))
    assert "surgeon_cleared" not in text and "surgeoncleared" not in text


@pytest.mark.shared
def test_vignette_29_not_cleared_is_not_missing():
    a, pages = render(vignette("29"))
    assert not a["missing_inputs"]
    assert "incomplete" not in flat(pages[0])
    assert flat("not cleared") in flat(pages[0])


# --- 4. what changes with time alone, and "valid until" --------------------------------

def test_hold_after_surgery_prints_its_end_and_the_summary_is_valid_until_then():
    # Surgery 7 h before 12:00: LMWH is withheld until 05:00 the next day.
    doc = case(procedures__spinal_surgery_at=hours_before(7), imaging=COMPRESSION_T8)
    a, pages = render(doc)
    from engine.report import handover

    lmwh = next(o for o in a["orders"] if o["code"] == "lmwh_prophylaxis")
    assert lmwh["status"] == "withheld" and lmwh["changes_at"]
    page1 = flat(pages[0])
    assert flat("This status holds until 05:00 Wed 11 Mar") in page1
    assert flat("VALID UNTIL 05:00 Wed 11 Mar: LMWH prophylaxis: WITHHELD ends") in page1
    first = handover.valid_until(doc, a)
    changes = handover.time_changes(doc, a)
    assert first.at == min(c.at for c in changes)
    assert first.at == datetime.fromisoformat(lmwh["changes_at"])
    text = flat("\n".join(pages))
    assert flat("What changes with time alone") in text
    # "Missing inputs: none" says what will be needed when the hold ends.
    if not a["missing_inputs"]:
        assert flat("At 05:00 Wed 11 Mar the LMWH prophylaxis decision changes") in text


def test_valid_until_counts_a_lab_going_stale_and_an_action_deadline():
    from engine.report import handover

    doc = case(labs__platelets__sampled_at=hours_before(70))  # stale 2 h from now
    a, _ = render(doc)
    first = handover.valid_until(doc, a)
    assert first.at == datetime.fromisoformat(hours_before(70)) + timedelta(hours=72)
    assert "platelets result older than 72 h" in first.what
    whats = [c.what for c in handover.time_changes(doc, a)]
    assert "Whole-spine MRI due" in whats


@pytest.mark.shared
def test_vignette_17_prints_the_holds_end_time():
    a, pages = render(vignette("17"))
    assert flat("This status holds until") in flat(pages[0])
    assert flat("VALID UNTIL") in flat(pages[0])


# --- 5. cauda equina compression and low platelets before surgery -------------------

def cauda_case(**edits) -> dict:
    return case(imaging=[study(MRI, [lesion("L3", bilsky_grade="2", lesion_type="lytic")],
                               cauda_equina_compression=True)], **edits)


def test_cauda_equina_is_named_with_what_to_watch():
    _, pages = render(cauda_case())
    page1 = flat(pages[0])
    # Its basis is printed with the others.
    assert flat("Nursing: Cauda equina compression imaging study 1: cauda equina "
                "compression recorded") in flat("\n".join(pages[1:]))
    for words in ("Cauda equina compression", "bladder scan for the post-void residual",
                  "saddle sensation", "bowels", "call the on-call doctor and the MSCC "
                  "coordinator now"):
        assert flat(words) in page1, words
    _, none = render(case(imaging=COMPRESSION_T8))
    assert "caudaequina" not in flat(none[0])


def test_platelets_below_50_flagged_to_surgeon_and_anaesthetist_on_a_surgical_pathway():
    a, pages = render(cauda_case(labs__platelets__value=42))
    assert any(x["code"] == "spinal_surgical_opinion" for x in a["actions"])
    assert flat("Platelets 42 ×10⁹/L (below 50 ×10⁹/L): tell the spinal surgeon and the "
                "anaesthetist now") in flat(pages[0])
    _, ok = render(cauda_case(labs__platelets__value=50))
    assert "anaesthetist" not in flat(ok[0])


@pytest.mark.shared
def test_vignette_08_cauda_equina_and_platelets():
    _, pages = render(vignette("08"))
    page1 = flat(pages[0])
    assert flat("Cauda equina compression") in page1
    assert flat("post-void residual") in page1
    assert flat("tell the spinal surgeon and the anaesthetist") in page1


# --- 6. each warning beside its order or in the precautions box ----------------------

def test_weight_band_warning_sits_in_the_lmwh_row():
    a, pages = render(case(patient__weight_kg=47,
                           procedures__spinal_surgery_expected_within_24h=False))
    assert "lmwh_weight_band" in {x["code"] for x in a["alerts"]}
    assert flat("WARNING: Weight 47 kg is outside 50-100 kg") in flat(pages[0])


def test_hypocalcaemia_warning_sits_in_the_denosumab_row():
    from engine_cases import exact_crcl

    a, pages = render(case(labs__adjusted_calcium={"value": 3.2, "unit": "mmol/L",
                                                   "sampled_at": hours_before(4)},
                           **exact_crcl(25)))
    assert "hypocalcaemia_risk" in {x["code"] for x in a["alerts"]}
    page1 = flat(pages[0])
    assert flat("WARNING: Denosumab with creatinine clearance") in page1


def test_breathing_warning_sits_in_the_c5_precautions_box(base_case):
    _, pages = render(base_case)
    page1 = flat(pages[0])
    box = page1.index(flat("SPINAL PRECAUTIONS IN FORCE"))
    actions = page1.index("actions(")
    breathing = page1.index(flat("watch breathing (diaphragm C3-C5)"))
    assert box < breathing < actions


# --- 7. neurological observations and escalation, from site.toml -----------------------

def test_neuro_observations_and_escalation_with_the_sites_numbers(base_case):
    from engine.report.handover import NursingSettings

    _, pages = render(base_case, nursing=NursingSettings(2, "bleep 1234", "ext 5678"))
    page1 = flat(pages[0])
    assert flat("Neuro obs every 2 h") in page1
    assert flat("New weakness, numbness, or bladder/bowel change: call the on-call doctor "
                "(bleep 1234) and the MSCC coordinator (ext 5678) now.") in page1


def test_neuro_observation_default_and_site_setting(tmp_path):
    from engine import site_config as sc
    from engine.report.handover import NursingSettings

    assert NursingSettings.from_site(sc.SiteConfig()).obs_every_hours == \
        sc.NEURO_OBS_DEFAULT_HOURS == 4
    cfg = sc.parse('neuro_observations_every_hours = 2\non_call_doctor_contact = "bleep 1"\n'
                   'mscc_coordinator_contact = "ext 2"\n')
    assert NursingSettings.from_site(cfg) == NursingSettings(2, "bleep 1", "ext 2")
    with pytest.raises(sc.SiteConfigError, match="neuro_observations_every_hours"):
        sc.parse("neuro_observations_every_hours = 0\n")


def test_no_neuro_observation_row_when_mscc_is_excluded():
    doc = case(imaging=[study(MRI, [], metastases_excluded=True)])
    a, pages = render(doc)
    assert a["pathway"]["code"] == "mscc_excluded"
    assert "neuroobs" not in flat(pages[0])


# --- 8. dexamethasone day 1 --------------------------------------------------------

def test_daily_dexamethasone_date_on_page_one():
    _, pages = render(case())
    assert flat("daily from 08:00 on the day after the first dose (Wed 11 Mar if given "
                "today)") in flat(pages[0])


# --- 9. "consider": a prescriber decision, no Given boxes, prerequisites in the row -----

def test_consider_orders_are_prescriber_decisions_without_boxes():
    from engine.report import labels

    assert "consider" not in labels.ADMINISTRABLE
    a, pages = render(case(cancer__primary="breast", imaging=COMPRESSION_T8))
    assert {o["code"]: o["status"] for o in a["orders"]}["zoledronic_acid"] == "consider"
    page1 = flat(pages[0])
    assert flat("PRESCRIBER DECISION") in page1 and flat("not a standing order") in page1
    assert flat("Before it: Dental review first (due by 12:00 Tue 17 Mar).") in page1
    assert flat("Consider") not in flat(" ".join(labels.STATUS.values()))


# --- 10-11. conditions resolved, reasons on paper, stock text, disagreements ----------

def test_not_indicated_reasons_are_on_paper():
    _, pages = render(case(presentation__admitted=False, imaging=[study(MRI, [
        lesion("T8")])], **{"neuro_exam__ambulation": "independent"}))
    text = flat("\n".join(pages))
    assert flat("Not indicated:") in text


def test_surgery_disagreement_qualified_on_supportive_care():
    doc = case(cancer__primary="breast", cancer__fit_for_treatment=False,
               imaging=COMPRESSION_T8)
    a, pages = render(doc)
    assert a["pathway"]["code"] == "mscc_supportive_care"
    assert "noms_vs_surgery" in {d["code"] for d in a["disagreements"]}  # engine per spec
    assert flat("Does not apply to this patient now (the pathway is supportive care; "
                "recorded as not fit for treatment") in flat("\n".join(pages))


def test_frankel_e_on_paper():
    _, pages = render(case(neuro_exam__mrc_power={"right_arm": 5, "left_arm": 5,
                                                  "right_leg": 5, "left_leg": 5},
                           presentation__limb_weakness=False,
                           presentation__walking_difficulty=False,
                           neuro_exam__ambulation="independent"))
    assert flat("Grade E: normal power, sensation and sphincters") in flat("\n".join(pages))


def test_calcitonin_working_and_units_on_paper():
    _, pages = render(case(labs__adjusted_calcium={"value": 3.6, "unit": "mmol/L",
                                                   "sampled_at": hours_before(4)}))
    text = flat("\n".join(pages))  # severe hypercalcaemia: the orders run onto page 2
    assert flat("4 units/kg x 72 kg = 288 units") in text
    assert flat("stop 48 h after the first dose") in text
    assert flat("urine output of 100-150 mL/h") in text
    assert "iu" not in re.findall(r"[a-z]+", "\n".join(pages).lower())


@pytest.mark.shared
def test_vignette_01_resolves_supplements_against_its_high_calcium():
    _, pages = render(vignette("01"))
    text = flat("\n".join(pages))
    assert "unlesshypercalcaemic" not in text


# --- 12. codes, raw numbers, split words and small print -----------------------------

CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")           # snake_case
FIELD_PATH = re.compile(r"\b[a-z_]+\.(\d+\.)?[a-z_]+\.[a-z_0-9.]+\b|\b[a-z]+_[a-z_]+\.[a-z_]+\b")
LONG_FLOAT = re.compile(r"\b\d+\.\d{3,}\b")
RAW = ("x10^9", "mscc-case/1", " IU")


def readable_problems(text: str) -> list[str]:
    """Everything a person should not have to read, except the hex fingerprints and the
    source citations' own URLs and identifiers."""
    text = _without_urls(text)
    problems = CODE.findall(text) + LONG_FLOAT.findall(text)
    problems += [m.group(0) for m in FIELD_PATH.finditer(text)
                 if not m.group(0).endswith((".pdf", ".json", ".p12"))]
    problems += [r for r in RAW if r in text]
    return problems


def _without_urls(text: str) -> str:
    """The sources' URLs are printed as they are (wrapped only at their slashes)."""
    from engine.report.sections_detail import _items_with_basis  # noqa: F401 (import check)
    import engine

    registry = engine.load_registry()
    urls = [getattr(s, "url", "") for s in _registry_sources(registry)]
    for url in filter(None, urls):
        for part in url.split("/"):
            if len(part) > 3:
                text = text.replace(part, " ")
    return re.sub(r"https?://\S*", " ", text)


def _registry_sources(registry):
    for name in ("sources", "_sources", "items"):
        found = getattr(registry, name, None)
        if isinstance(found, dict):
            return list(found.values())
        if isinstance(found, (list, tuple)):
            return list(found)
    raise AssertionError("cannot list the source registry")


def _cases_to_scan():
    cases = [load_case(p) for p in EXAMPLES] + [load_case(DATA / "c5-myelopathy.json")]
    cases += [case(), cauda_case(labs__platelets__value=42), slow_taper_case(22)]
    return cases


def test_no_codes_field_paths_or_raw_numbers_on_paper():
    for doc in _cases_to_scan():
        _, pages = render(doc)
        joined = "\n".join(pages)
        joined = joined.replace("case.json", "").replace("assessment.json", "")
        assert not readable_problems(joined), (doc["patient"]["id"], readable_problems(joined))


def test_no_codes_in_evaluate_text():
    import engine
    from engine.cli.summary import render_summary

    for doc in _cases_to_scan():
        text = render_summary(doc, engine.assess(doc))
        # The text output keeps its rule ids and source ids in brackets (the basis).
        text = re.sub(r"\[[A-Z0-9-]+: [^\]]*\]", "", text)
        assert not readable_problems(text), readable_problems(text)


@pytest.mark.shared
def test_no_codes_on_paper_for_any_vignette(vignette_dir):
    found = {}
    for path in sorted(vignette_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))["case"]
        _, pages = render(doc)
        joined = "\n".join(pages).replace("case.json", "").replace("assessment.json", "")
        bad = readable_problems(joined)
        if bad:
            found[path.name[:2]] = bad
    assert not found, found


def font_sizes(pdf: bytes) -> dict[float, list[str]]:
    from pypdf import PdfReader

    sizes: dict[float, list[str]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            sizes.setdefault(round(size * scale, 2), []).append(text)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_no_text_below_8_5_points(base_case):
    import engine
    from engine.report import render_summary
    from engine.report.styles import MIN_POINTS, styles

    assert MIN_POINTS == 8.5
    assert all(s.fontSize >= MIN_POINTS for s in styles().values())
    for doc in (base_case, cauda_case(), slow_taper_case(22)):
        a = engine.assess(doc)
        sizes = font_sizes(render_summary(doc, a, hospital_name="St Elsewhere Hospital"))
        # The scan sees the canvas furniture too (the footer's last line).
        assert any("fingerprint matches this paper" in t for texts in sizes.values()
                   for t in texts)
        small = {s: t for s, t in sizes.items() if s < MIN_POINTS}
        assert not small, small


def test_no_word_is_split_across_lines(base_case):
    from engine.report.styles import styles

    assert all(s.splitLongWords == 0 for s in styles().values())
    import engine

    doc = case(imaging=COMPRESSION_T8, patient__weight_kg=47)  # cites the DH URL
    _, pages = render(doc)
    text = "\n".join(pages)
    assert "http://webarchive.nationalarchives.gov.uk/" in text  # never "htt\np://"
    for word in ("RECOMMENDED", "RADIOTHERAPY", "WITHHELD", "PRESCRIBER"):
        for line in text.splitlines():
            tail = line.strip().split(" ")[-1]
            assert not (tail and word.startswith(tail) and tail != word and len(tail) > 3), \
                (word, line)
