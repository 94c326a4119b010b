"""FHIR R4 export (issue 14 part 3): the bundle validates with the fhir.resources R4B
models and survives a JSON round trip; it holds Patient, Condition, >= 3 Observations,
ServiceRequests and draft MedicationRequests with the case's own values; unknown
values are left out and named, never invented; only verified codes appear; bad input
fails exactly as `evaluate` does."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import engine
from conftest import REPO, shared_path
from engine.cli import main
from engine.fhir import FhirError, build_bundle, check_bundle, export_case
from engine.fhir.codes import CODES, UCUM

EXAMPLES = sorted((REPO / "examples").glob("*.json"))
PROSTATE = REPO / "examples" / "prostate-t9-mscc.json"
C5 = REPO / "examples" / "index-case-c5.json"
SPARSE = REPO / "examples" / "sparse-night-call.json"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.setenv("MSCC_PATHWAY_SYSLOG", "off")


def _load(path: Path) -> tuple[dict, dict]:
    model = engine.read_case_file(path)
    case = json.loads(engine.canonical_case_json(model))
    return case, engine.evaluate(model).model_dump(mode="json")


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _obs(bundle: dict, text_part: str) -> dict:
    found = [o for o in _resources(bundle, "Observation") if text_part in o["code"]["text"]]
    assert len(found) == 1, (text_part, [o["code"]["text"] for o in _resources(bundle, "Observation")])
    return found[0]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_validates_with_r4b_and_round_trips(path):
    from fhir.resources.R4B.bundle import Bundle

    case, assessment = _load(path)
    bundle = export_case(case, assessment).bundle
    model = Bundle.model_validate(bundle)
    again = Bundle.model_validate_json(model.model_dump_json())
    assert again.model_dump() == model.model_dump()
    assert again.type == "collection"
    kinds = [type(e.resource).__name__ for e in again.entry]
    assert kinds.count("Patient") == 1
    for kind in ("Condition", "ServiceRequest", "MedicationRequest"):
        assert kind in kinds, (path.stem, kind)
    for med in (e.resource for e in again.entry if type(e.resource).__name__ == "MedicationRequest"):
        assert med.status == "draft" and med.intent == "proposal"
    # every reference points at an entry of the bundle
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = [r["subject"]["reference"] for r in (e["resource"] for e in bundle["entry"])
            if "subject" in r]
    assert refs and set(refs) <= urls


def test_prostate_bundle_carries_the_case_values():
    case, assessment = _load(PROSTATE)
    bundle = export_case(case, assessment).bundle
    (patient,) = _resources(bundle, "Patient")
    ident = patient["identifier"][0]
    assert ident["value"] == "MRN-30077812"
    assert ident["type"]["coding"][0]["code"] == "MR"
    assert patient["name"] == [{"text": "Vignette 03"}]
    assert patient["birthDate"] == "1955-06-30" and patient["gender"] == "male"

    (cond,) = _resources(bundle, "Condition")
    assert cond["code"]["text"] == "Metastatic spinal cord compression"
    assert cond["verificationStatus"]["coding"][0]["code"] == "confirmed"
    assert "T9" in cond["bodySite"][0]["text"]
    assert cond["onsetDateTime"] == "2026-02-14T16:45:00-05:00"

    obs = _resources(bundle, "Observation")
    assert len(obs) >= 3
    assert _obs(bundle, "right leg")["valueInteger"] == 4
    assert _obs(bundle, "right arm")["valueInteger"] == 5
    assert _obs(bundle, "Sensory level")["valueString"] == "No sensory level"
    ca = _obs(bundle, "calcium")
    assert ca["valueQuantity"] == {"value": 2.31, "unit": "mmol/L", "system": UCUM,
                                   "code": "mmol/L"}
    assert ca["code"]["coding"][0]["code"] == "29265-6"
    plt = _obs(bundle, "Platelet")
    assert plt["valueQuantity"] == {"value": 200, "unit": "10^9/L", "system": UCUM,
                                    "code": "10*9/L"}
    assert "coding" not in plt["code"]  # 777-3 claims a method the case does not hold
    crcl = _obs(bundle, "Creatinine clearance")
    assert crcl["valueQuantity"]["value"] == 64.8 and crcl["valueQuantity"]["code"] == "mL/min"
    sins = _obs(bundle, "SINS")
    assert sins["valueInteger"] == 4 and "stable" in sins["interpretation"][0]["text"]

    meds = {m["medicationCodeableConcept"]["text"]: m for m in
            _resources(bundle, "MedicationRequest")}
    dex = meds["dexamethasone"]
    assert dex["status"] == "draft" and dex["intent"] == "proposal"
    assert dex["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 16.0
    assert "enoxaparin" in meds
    # orders that are not drafted (not_indicated, pending) are not exported as requests
    statuses = {o["drug"]: o["status"] for o in assessment["orders"]}
    for drug, status in statuses.items():
        if status in ("not_indicated", "pending", "stop"):
            assert drug not in meds


def test_mri_and_coordinator_requests_carry_their_deadlines():
    case, assessment = _load(C5)
    bundle = export_case(case, assessment).bundle
    due = {a["code"]: a["due_at"] for a in assessment["actions"]}
    requests = {r["code"]["text"]: r for r in _resources(bundle, "ServiceRequest")}
    mri = requests["MRI whole spine"]
    assert mri["occurrenceDateTime"] == due["mri_whole_spine"]
    assert mri["status"] == "draft" and mri["intent"] == "proposal"
    referral = requests["Referral to the MSCC coordinator"]
    assert referral["occurrenceDateTime"] == due["contact_mscc_coordinator"]
    assert referral["priority"] == "stat"


def test_a_recorded_coordinator_contact_is_a_completed_request():
    case, _ = _load(C5)
    case["procedures"]["mscc_coordinator_contacted_at"] = "2026-03-10T13:00:00+00:00"
    assessment = engine.assess(case)
    bundle = export_case(case, assessment).bundle
    done = [r for r in _resources(bundle, "ServiceRequest") if r["status"] == "completed"]
    assert len(done) == 1 and done[0]["occurrenceDateTime"] == "2026-03-10T13:00:00+00:00"


def test_unknown_values_are_left_out_and_named_never_invented():
    case, assessment = _load(SPARSE)
    result = export_case(case, assessment)
    bundle = result.bundle
    (patient,) = _resources(bundle, "Patient")
    assert "birthDate" not in patient and "gender" not in patient
    assert _resources(bundle, "Observation") == []  # nothing measured, nothing exported
    for item in ("date of birth", "sex", "MRC power, right leg", "sensory level", "platelets",
                 "creatinine clearance", "calcium"):
        assert any(item in o for o in result.omitted), item
    (cond,) = _resources(bundle, "Condition")
    assert cond["verificationStatus"]["coding"][0]["code"] == "provisional"


def test_withheld_drug_is_a_do_not_perform_draft():
    case, assessment = _load(REPO / "examples" / "thoracic-pain-no-neurology.json")
    withheld = [o for o in assessment["orders"] if o["status"] == "withheld"]
    assert withheld, "the example no longer withholds a drug"
    bundle = export_case(case, assessment).bundle
    dnp = [m for m in _resources(bundle, "MedicationRequest") if m.get("doNotPerform")]
    assert {m["medicationCodeableConcept"]["text"] for m in dnp} == \
        {o["drug"] for o in withheld if o["code"] in ("dexamethasone", "lmwh_prophylaxis",
                                                       "zoledronic_acid", "denosumab",
                                                       "calcitonin", "iv_fluids",
                                                       "proton_pump_inhibitor")}
    assert all(m["status"] == "draft" and "dosageInstruction" not in m for m in dnp)


def test_only_verified_codes_appear():
    allowed = {(c.system, c.code) for c in CODES.values()}
    for path in EXAMPLES:
        case, assessment = _load(path)
        text = json.dumps(export_case(case, assessment).bundle)
        for found in _all_codings(json.loads(text)):
            assert found in allowed, (path.stem, found)
    for code in CODES.values():
        assert code.source.strip(), code  # every code names where it was verified


def _all_codings(node):
    if isinstance(node, dict):
        for coding in node.get("coding", []) if isinstance(node.get("coding"), list) else []:
            yield coding["system"], coding["code"]
        for v in node.values():
            yield from _all_codings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _all_codings(v)


@pytest.mark.parametrize("damage", ["active", "order_intent", "unknown_code", "bad_element",
                                    "bad_date", "no_status"])
def test_the_check_refuses_a_damaged_bundle(damage):
    case, assessment = _load(PROSTATE)
    bundle = copy.deepcopy(build_bundle(case, assessment).bundle)
    med = _resources(bundle, "MedicationRequest")[0]
    if damage == "active":
        med["status"] = "active"
    elif damage == "order_intent":
        med["intent"] = "order"
    elif damage == "unknown_code":
        _resources(bundle, "Condition")[0]["code"]["coding"] = [
            {"system": "http://snomed.info/sct", "code": "123456", "display": "guess"}]
    elif damage == "bad_element":
        _resources(bundle, "Patient")[0]["hospitalNumber"] = "x"
    elif damage == "bad_date":
        _resources(bundle, "Patient")[0]["birthDate"] = "30/06/1955"
    elif damage == "no_status":
        _resources(bundle, "Observation")[0].pop("status")
    with pytest.raises(FhirError):
        check_bundle(bundle)


def test_same_case_same_bundle():
    case, assessment = _load(PROSTATE)
    assert build_bundle(case, assessment).bundle == build_bundle(case, assessment).bundle


@pytest.mark.shared
def test_every_golden_vignette_exports_a_valid_bundle():
    for path in sorted(shared_path("vignettes").glob("*.json")):
        case = json.loads(path.read_text())["case"]
        assessment = engine.assess(case)
        result = export_case(json.loads(engine.canonical_case_json(engine.parse_case(case))),
                             assessment)
        assert result.count("Patient") == 1, path.name


# -- command line ------------------------------------------------------------------

def test_cli_writes_the_bundle_and_audits_it(tmp_path, capsys):
    from engine import audit

    out = tmp_path / "b.json"
    assert main(["fhir", str(PROSTATE), "-o", str(out)]) == 0
    bundle = json.loads(out.read_text())
    check_bundle(bundle)
    assert (out.stat().st_mode & 0o777) == 0o600
    assert "Wrote" in capsys.readouterr().out
    (entry,) = audit.read_entries()
    assert entry["event"] == "fhir" and entry["outcome"] == "written"
    assert "MRN-30077812" not in json.dumps(entry)
    assert audit.verify_chain().intact


def test_python_m_engine_fhir_runs(tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "b.json"
    env = {**os.environ, "MSCC_PATHWAY_DATA_DIR": str(tmp_path / "d")}
    proc = subprocess.run([sys.executable, "-m", "engine", "fhir", str(C5), "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["resourceType"] == "Bundle"


def test_cli_names_what_was_not_exported(tmp_path, capsys):
    assert main(["fhir", str(SPARSE), "-o", str(tmp_path / "s.json")]) == 0
    err = capsys.readouterr().err
    assert "not exported (not in the case): platelets" in err
    assert "not exported (not in the case): date of birth" in err


@pytest.mark.parametrize("content", ['{"format":"mscc-case/1"}', "{not json",
                                     '{"format":"mscc-case/1","assessed_at":"x"}'])
def test_bad_case_gives_the_same_errors_as_evaluate(tmp_path, capsys, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    out = tmp_path / "out.json"
    assert main(["evaluate", str(bad)]) == 2
    expected = capsys.readouterr().err
    assert main(["fhir", str(bad), "-o", str(out)]) == 2
    assert capsys.readouterr().err == expected and expected.strip()
    assert not out.exists()


def test_missing_case_and_unwritable_output_exit_2(tmp_path, capsys):
    assert main(["fhir", str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.json")]) == 2
    assert main(["fhir", str(PROSTATE), "-o", str(tmp_path / "no" / "dir" / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err
    assert main(["fhir", str(PROSTATE), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_no_file_without_its_audit_entry(tmp_path, capsys, monkeypatch):
    from engine import audit

    def refuse(*a, **k):
        raise audit.AuditError(30, "the audit log x cannot be written (read-only)")

    monkeypatch.setattr(audit, "append", refuse)
    out = tmp_path / "b.json"
    assert main(["fhir", str(PROSTATE), "-o", str(out)]) == 1
    assert "NOT written" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no staged copy left
