"""Malformed case files: every one is refused with exit code 2, nothing on stdout, one
`field.path: message` line per problem on stderr and never a traceback
(../shared/spec/case-format.md "Principles the format enforces"; docs/engine-api.md).

Each malformed case is the valid base case below with exactly one thing broken, so the
problem the engine reports must be that one thing, at that exact field path. The base
case is a copy of golden case 01 (index case, C5) so that this module stands alone
without ../shared."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from engine.cli import main

REPO = Path(__file__).resolve().parent.parent
ASSESSED_AT = "2026-03-10T14:30:00+00:00"
SAMPLED = "2026-03-10T12:30:00+00:00"

# Vignette 01 ("Index case: 57F breast cancer, C5"), case block only.
BASE: dict[str, Any] = {
    "format": "mscc-case/1",
    "assessed_at": ASSESSED_AT,
    "locale": "GB",
    "patient": {"id": "RXQ-0100571", "name": "Vignette 01 Index",
                "date_of_birth": "1968-09-14", "sex": "female", "weight_kg": 65},
    "cancer": {"primary": "breast", "haematological_suspected": False, "ecog": 1,
               "karnofsky": 80, "visceral_metastases": "none",
               "extraspinal_bone_metastases": "0", "vertebral_metastases": "1",
               "prognosis": "gt_6_months", "prior_radiotherapy_at_level": False},
    "presentation": {"admitted": True, "spinal_pain": "mechanical",
                     "pain_regions": ["cervical"], "pain_severe": True,
                     "pain_nocturnal": False, "pain_controlled": False,
                     "spinal_tenderness": True, "radicular_pain": False,
                     "limb_weakness": True, "walking_difficulty": True,
                     "sensory_loss": False, "bladder_dysfunction": False,
                     "bowel_dysfunction": False,
                     "neuro_onset_at": "2026-03-08T09:30:00+00:00"},
    "neuro_exam": {"examined_at": "2026-03-10T13:40:00+00:00",
                   "mrc_power": {"right_arm": 4, "left_arm": 4, "right_leg": 4, "left_leg": 4},
                   "reflexes_arms": "brisk", "reflexes_legs": "brisk", "plantars": "flexor",
                   "clonus": False, "sensory_level": "none", "saddle_anaesthesia": False,
                   "ambulation": "with_aid"},
    "imaging": [{"modality": "xray", "performed_at": "2026-03-10T11:30:00+00:00",
                 "metastases_excluded": False,
                 "lesions": [{"level": "C5", "lesion_type": "lytic"}]}],
    "mri_contraindicated": False,
    "labs": {
        "calcium": {"value": 11.0, "unit": "mg/dL", "sampled_at": SAMPLED},
        "albumin": {"value": 3.4, "unit": "g/dL", "sampled_at": SAMPLED},
        "creatinine": {"value": 0.8, "unit": "mg/dL", "sampled_at": SAMPLED},
        "platelets": {"value": 240, "unit": "10^9/L", "sampled_at": SAMPLED},
        "inr": {"value": 1.0, "unit": "ratio", "sampled_at": SAMPLED},
        "haemoglobin": {"value": 12.6, "unit": "g/dL", "sampled_at": SAMPLED},
        "glucose": {"value": 104, "unit": "mg/dL", "sampled_at": SAMPLED},
    },
    "medications": {"anticoagulation": "none", "bone_targeted_agent": "none",
                    "calcium_or_vitamin_d_supplements": False, "thiazide": False},
    "history": {"diabetes": False, "peptic_ulcer": False, "active_bleeding": False,
                "bleeding_disorder": False, "peripheral_arterial_disease": False,
                "peripheral_arterial_bypass": False, "peripheral_neuropathy": False,
                "leg_skin_condition": False, "severe_leg_oedema": False,
                "leg_deformity": False, "acute_dvt": False, "previous_vte": False,
                "heart_failure": False, "stocking_allergy": False},
    "procedures": {"neuraxial_procedure_within_12h": False},
}

DELETE = object()


# --- building malformed cases -------------------------------------------------------

def _walk_to(doc: Any, parts: list[str]) -> Any:
    for p in parts:
        doc = doc[int(p)] if isinstance(doc, list) else doc.setdefault(p, {})
    return doc


def mutated(path: str, value: Any) -> dict:
    """The base case with the field at dotted `path` set to `value` (DELETE removes it;
    intermediate objects are created when absent)."""
    doc = copy.deepcopy(BASE)
    parts = path.split(".")
    parent = _walk_to(doc, parts[:-1])
    key = parts[-1]
    if isinstance(parent, list):
        parent[int(key)] = value
    elif value is DELETE:
        del parent[key]
    else:
        parent[key] = value
    return doc


def base_text() -> str:
    return json.dumps(BASE, indent=2)


def text_with(old: str, new: str) -> str:
    """The base case as JSON text with one exact fragment replaced (for JSON that
    json.dumps cannot write: NaN literals written by hand, duplicate keys)."""
    text = base_text()
    assert text.count(old) == 1, f"fragment {old!r} must occur exactly once in the base case"
    return text.replace(old, new)


@dataclass(frozen=True)
class Bad:
    id: str
    path: str | None            # the exact field path named on stderr; None = file-level
    text: str                   # the file content
    says: tuple[str, ...] = field(default=())  # fragments the message must contain


def bad(id: str, path: str, value: Any, *says: str, at: str | None = None) -> Bad:
    """Set `path` (default: the reported path) to `value` in the base case."""
    return Bad(id, path, json.dumps(mutated(at or path, value)), tuple(says))


def bad_text(id: str, path: str | None, text: str, *says: str) -> Bad:
    return Bad(id, path, text, tuple(says))


NOT_YES_NO = "is not a yes/no answer"
LATER = "is after assessed_at"

CASES: list[Bad] = [
    # --- wrong JSON types ---------------------------------------------------------
    bad("weight-string", "patient.weight_kg", "65", '"65" is not a number'),
    bad("weight-bool", "patient.weight_kg", True, "is not a number"),
    bad("patient-id-number", "patient.id", 123, "123 is not text"),
    bad("patient-id-blank", "patient.id", "   ", "must not be empty"),
    bad("ecog-string", "cancer.ecog", "1", "is not a whole number"),
    bad("mrc-fraction", "neuro_exam.mrc_power.left_leg", 4.5, "is not a whole number"),
    bad("calcium-value-string", "labs.calcium.value", "11.0", "is not a number"),
    bad("calcium-value-null", "labs.calcium.value", None, "is not a number"),
    bad("calcium-unit-number", "labs.calcium.unit", 4, "mmol/L", "mg/dL"),
    bad("primary-number", "cancer.primary", 3, "is not one of"),
    bad("sex-bool", "patient.sex", True, "is not one of"),
    bad("extraspinal-count-number", "cancer.extraspinal_bone_metastases", 0, "is not one of"),
    bad("dob-number", "patient.date_of_birth", 19680914, "is not an ISO date"),
    bad("sampled-at-epoch-number", "labs.platelets.sampled_at", 1773153000,
        "is not an ISO-8601 date-time"),
    bad("pain-regions-object", "presentation.pain_regions", {"cervical": True},
        "expected a list"),
    bad("pain-regions-string", "presentation.pain_regions", "cervical", "expected a list"),
    bad("imaging-object", "imaging", {"modality": "xray"}, "expected a list"),
    bad("lesions-object", "imaging.0.lesions", {"level": "C5"}, "expected a list"),
    bad("patient-list", "patient", ["RXQ-0100571"], "expected an object"),
    bad("labs-list", "labs", [], "expected an object"),
    bad("mrc-power-list", "neuro_exam.mrc_power", [4, 4, 4, 4], "expected an object"),
    bad("study-list", "imaging.0", ["xray"], "expected an object"),
    bad("calcium-lab-number", "labs.calcium", 11.0, "expected an object"),
    bad("patient-null", "patient", None, "expected an object"),

    # --- coerced booleans on three-state fields (never coerced) -------------------
    bad("limb-weakness-yes", "presentation.limb_weakness", "yes", NOT_YES_NO),
    bad("admitted-yes", "presentation.admitted", "yes", NOT_YES_NO),
    bad("active-bleeding-n", "history.active_bleeding", "n", NOT_YES_NO),
    bad("bladder-n", "presentation.bladder_dysfunction", "n", NOT_YES_NO),
    bad("neuraxial-off", "procedures.neuraxial_procedure_within_12h", "off", NOT_YES_NO),
    bad("clonus-off", "neuro_exam.clonus", "off", NOT_YES_NO),
    bad("fit-for-surgery-true-string", "cancer.fit_for_surgery", "true", NOT_YES_NO),
    bad("mets-excluded-true-string", "imaging.0.metastases_excluded", "true", NOT_YES_NO),
    bad("sensory-loss-0", "presentation.sensory_loss", 0, NOT_YES_NO),
    bad("bleeding-disorder-0", "history.bleeding_disorder", 0, NOT_YES_NO),
    bad("mri-contraindicated-1", "mri_contraindicated", 1, NOT_YES_NO),
    bad("surgery-expected-1", "procedures.spinal_surgery_expected_within_24h", 1, NOT_YES_NO),
    bad("hoffmann-1.0", "neuro_exam.hoffmann", 1.0, NOT_YES_NO),

    # --- NaN and infinities, as JSON text literals ---------------------------------
    bad_text("weight-NaN", "patient.weight_kg",
             text_with('"weight_kg": 65', '"weight_kg": NaN'), "not a finite number"),
    bad_text("calcium-NaN", "labs.calcium.value",
             text_with('"value": 11.0', '"value": NaN'), "not a finite number"),
    bad_text("platelets-Infinity", "labs.platelets.value",
             text_with('"value": 240', '"value": Infinity'), "not a finite number"),
    bad_text("creatinine-minus-Infinity", "labs.creatinine.value",
             text_with('"value": 0.8', '"value": -Infinity'), "not a finite number"),
    bad_text("ecog-NaN", "cancer.ecog", text_with('"ecog": 1', '"ecog": NaN'),
             "not a whole number"),

    # --- units swapped: implausible in the stated unit, plausible in the other ------
    bad("calcium-11-mmol", "labs.calcium.value",
        {"value": 11, "unit": "mmol/L", "sampled_at": SAMPLED},
        "11 mmol/L", "0.5-6 mmol/L", "did you mean mg/dL?", at="labs.calcium"),
    bad("adjusted-calcium-11-mmol", "labs.adjusted_calcium.value",
        {"value": 11, "unit": "mmol/L", "sampled_at": SAMPLED},
        "did you mean mg/dL?", at="labs.adjusted_calcium"),
    bad("creatinine-80-mg", "labs.creatinine.value",
        {"value": 80, "unit": "mg/dL", "sampled_at": SAMPLED},
        "80 mg/dL", "0.1-28 mg/dL", "did you mean umol/L?", at="labs.creatinine"),
    bad("albumin-34-g-per-dl", "labs.albumin.value",
        {"value": 34, "unit": "g/dL", "sampled_at": SAMPLED},
        "34 g/dL", "0.5-7 g/dL", "did you mean g/L?", at="labs.albumin"),
    bad("haemoglobin-126-g-per-dl", "labs.haemoglobin.value",
        {"value": 126, "unit": "g/dL", "sampled_at": SAMPLED},
        "did you mean g/L?", at="labs.haemoglobin"),
    bad("glucose-104-mmol", "labs.glucose.value",
        {"value": 104, "unit": "mmol/L", "sampled_at": SAMPLED},
        "did you mean mg/dL?", at="labs.glucose"),

    # --- outside the plausible range --------------------------------------------
    bad("weight-10", "patient.weight_kg", 10, "10 kg", "20-300 kg"),
    bad("weight-400", "patient.weight_kg", 400, "400 kg", "20-300 kg"),
    bad("mrc-6", "neuro_exam.mrc_power.right_leg", 6, "0-5"),
    bad("mrc-minus-1", "neuro_exam.mrc_power.left_arm", -1, "0-5"),
    bad("ecog-5", "cancer.ecog", 5, "0-4"),
    bad("karnofsky-55", "cancer.karnofsky", 55, "multiple of 10"),
    bad("karnofsky-110", "cancer.karnofsky", 110, "10-100"),
    bad("platelets-minus-1", "labs.platelets.value", -1, "-1 10^9/L", "0-2000"),
    bad("inr-20", "labs.inr.value", 20, "0.5-15"),

    # --- unknown units -----------------------------------------------------------
    bad("calcium-unit-lowercase", "labs.calcium.unit", "mg/dl", '"mg/dl"', "mmol/L"),
    bad("platelets-unit-per-ul", "labs.platelets.unit", "10^3/uL", "10^9/L"),
    bad("creatinine-unit-micro-sign", "labs.creatinine.unit", "\u00b5mol/L", "umol/L"),

    # --- sample time missing -----------------------------------------------------
    bad("calcium-sampled-at-missing", "labs.calcium.sampled_at", DELETE, "required"),
    bad("inr-sampled-at-null", "labs.inr.sampled_at", None, "date-time"),

    # --- times after assessed_at, and ages ---------------------------------------
    bad("platelets-sampled-tomorrow", "labs.platelets.sampled_at",
        "2026-03-11T12:30:00+00:00", LATER),
    bad("examined-one-minute-later", "neuro_exam.examined_at",
        "2026-03-10T14:31:00+00:00", LATER),
    bad("imaging-later-in-other-offset", "imaging.0.performed_at",
        "2026-03-10T10:31:00-04:00", LATER),
    bad("surgery-later", "procedures.spinal_surgery_at", "2026-03-12T08:00:00+00:00", LATER),
    bad("dob-after-assessed", "patient.date_of_birth", "2027-01-01", LATER),
    bad("dob-child-aged-11", "patient.date_of_birth", "2015-01-01", "age of 11"),
    bad("dob-not-a-real-date", "patient.date_of_birth", "1968-02-30", "not a real date"),

    # --- unknown fields ----------------------------------------------------------
    bad("unknown-top-level", "notes", "see ward round", "unknown field"),
    bad("typo-limb-weakneses", "presentation.limb_weakneses", True, "unknown field",
        "limb_weakness"),
    bad("typo-lab-units", "labs.calcium.units", "mg/dL", "unknown field"),
    bad("typo-lesion-bilsky", "imaging.0.lesions.0.bilsky", "2", "unknown field",
        "bilsky_grade"),

    # --- unknown enumeration values ------------------------------------------------
    bad("level-C8-vertebra", "imaging.0.lesions.0.level", "C8", '"C8" is not one of'),
    bad("level-T13", "imaging.0.lesions.0.level", "T13", '"T13" is not one of'),
    bad("modality-pet", "imaging.0.modality", "pet", '"pet" is not one of', "mri_whole_spine"),
    bad("sensory-level-C1", "neuro_exam.sensory_level", "C1", '"C1" is not one of'),
    bad("locale-FR", "locale", "FR", "GB", "US"),
    bad("sex-M", "patient.sex", "M", "female", "male"),
    bad("plantars-upgoing", "neuro_exam.plantars", "upgoing", "extensor"),

    # --- format version --------------------------------------------------------
    bad("format-v2", "format", "mscc-case/2", "mscc-case/1"),
    bad("format-missing", "format", DELETE, "required"),

    # --- required fields missing -----------------------------------------------
    bad("assessed-at-missing", "assessed_at", DELETE, "required"),
    bad("locale-missing", "locale", DELETE, "required"),
    bad("patient-id-missing", "patient.id", DELETE, "required"),
    bad("patient-missing", "patient", DELETE, "required"),
    bad("modality-missing", "imaging.0.modality", DELETE, "required"),
    bad("lesion-level-missing", "imaging.0.lesions.0.level", DELETE, "required"),

    # --- time without a UTC offset ---------------------------------------------
    bad("assessed-at-no-offset", "assessed_at", "2026-03-10T14:30:00", "UTC offset"),
    bad("assessed-at-date-only", "assessed_at", "2026-03-10", "UTC offset"),
    bad("examined-at-no-offset", "neuro_exam.examined_at", "2026-03-10T13:40:00",
        "UTC offset"),

    # --- documents that are not one case object --------------------------------
    bad_text("duplicate-key-nested", None,
             text_with('"value": 240,', '"value": 240,\n      "value": 24,'),
             'the key "value" twice'),
    bad_text("duplicate-key-top-level", None,
             text_with('"locale": "GB",', '"locale": "GB",\n  "locale": "US",'),
             'the key "locale" twice'),
    bad_text("top-level-array", None, json.dumps([BASE]), "must be a JSON object",
             "a list"),
    bad_text("top-level-string", None, json.dumps("mscc-case/1"), "must be a JSON object"),

    # --- inputs that crashed the engine (exit 1, traceback) before e6d7149 ------------
    # Section 11: integers over 15 digits are refused at their field before parsing.
    bad("weight-huge-integer", "patient.weight_kg", 10**400, "401-digit integer; at most 15"),
    bad("calcium-huge-integer", "labs.calcium.value", -(10**400), "at most 15 digits"),
    bad("ecog-huge-integer", "cancer.ecog", 10**400, "at most 15 digits"),
    bad_text("weight-5000-digit-literal", "patient.weight_kg",
             text_with('"weight_kg": 65', '"weight_kg": ' + "9" * 5000),
             "5,000-digit integer; at most 15 digits"),
    bad_text("patient-id-lone-surrogate", "patient.id",
             text_with('"id": "RXQ-0100571"', '"id": "RXQ-\\ud800"'), "surrogate"),
    bad("sex-with-newline", "patient.sex", "fe\nmale", "is not one of"),
    bad("unknown-key-with-newline", 'presentation."limb\\nweakness"', True, "unknown field",
        at="presentation.limb\nweakness"),
    bad("unknown-key-with-control-character", 'labs.calcium."unit\\u001f"', "mg/dL",
        "unknown field", at="labs.calcium.unit\x1f"),
]


def _by_id(cases: list[Bad]) -> list:
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be distinct"
    return [pytest.param(c, id=c.id) for c in cases]


# --- running the command line in-process ----------------------------------------------

def evaluate_file(tmp_path: Path, capsys, content: str | bytes) -> tuple[int, str, str]:
    path = tmp_path / "case.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    capsys.readouterr()
    code = main(["evaluate", str(path), "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def problem_lines(err: str) -> list[str]:
    assert err.endswith("\n"), f"stderr must end with a newline: {err!r}"
    return err[:-1].split("\n")


def test_base_case_is_valid(tmp_path, capsys):
    """The malformed cases differ from a case the engine accepts, so each refusal is due
    to the one thing broken."""
    code, out, err = evaluate_file(tmp_path, capsys, base_text())
    assert (code, err) == (0, "")
    assert json.loads(out)["pathway"]["code"] == "suspected_mscc"


def test_enough_distinct_malformed_cases():
    assert len({c.id for c in CASES}) >= 45
    assert len({c.text for c in CASES}) == len(CASES), "two cases have the same content"


@pytest.mark.parametrize("case", _by_id(CASES))
def test_malformed_case_is_refused(case: Bad, tmp_path, capsys):
    code, out, err = evaluate_file(tmp_path, capsys, case.text)
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    lines = problem_lines(err)
    # One mutation, one problem, one line.
    assert len(lines) == 1, err
    line = lines[0]
    if case.path is None:
        assert line.startswith("error: "), line
        message = line.removeprefix("error: ")
    else:
        assert line.startswith(f"{case.path}: "), f"expected the path {case.path!r}: {line}"
        message = line.removeprefix(f"{case.path}: ")
    assert message.strip(), line
    for fragment in case.says:
        assert fragment in message, f"{fragment!r} not in {line!r}"


# --- file-level failures, through the real command line -----------------------------------

FILE_CASES = [
    pytest.param("missing", "does not exist", id="missing-file"),
    pytest.param("directory", "is a directory", id="directory"),
    pytest.param(b"", "is empty", id="empty-file"),
    pytest.param(b"  \n\t\r\n  ", "is empty", id="whitespace-only"),
    pytest.param(b'{"format": "mscc-case/1", "patient": {"name": "M\xfcller"}}',
                 "is not UTF-8", id="latin-1-bytes"),
    pytest.param(b"\xff\xfe{\x00}\x00", "is UTF-16 (little-endian) text", id="utf-16-bytes"),
    pytest.param(json.dumps(BASE).encode()[:700], "is not valid JSON", id="truncated-json"),
    pytest.param(b'{"format": "mscc-case/1",}', "is not valid JSON", id="trailing-comma"),
]


@pytest.mark.parametrize("content, says", FILE_CASES)
def test_unreadable_file_is_refused_by_the_command_line(content, says, tmp_path):
    if content == "missing":
        path = tmp_path / "no-such-case.json"
    elif content == "directory":
        path = tmp_path / "a-directory.json"
        path.mkdir()
    else:
        path = tmp_path / "case.json"
        path.write_bytes(content)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "engine", "evaluate", str(path), "--json"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = problem_lines(proc.stderr)
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert says in lines[0]
    assert str(path) in lines[0], "the message names the file"
