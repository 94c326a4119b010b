"""mscc-case/1 + mscc-assessment/1 -> a FHIR R4 (R4B models) Bundle of type collection.

What goes in (docs/engine-api.md, "FHIR export"):
- Patient: hospital number (identifier, type v2-0203 MR), name, birth date, sex;
- Condition: suspected or confirmed MSCC (or spinal metastases) from the pathway, with
  the level as text; none for `not_suspected`;
- Observations: MRC power per limb, sensory level, corrected calcium (mmol/L),
  platelets (10*9/L), creatinine clearance (mL/min), SINS, Frankel grade;
- ServiceRequests: every action of the assessment (MRI whole spine, MSCC coordinator
  referral, opinions ...) as a draft proposal with its deadline (`occurrenceDateTime`
  = the action's `due_at`); a coordinator contact already recorded in the case as a
  completed request at its time;
- MedicationRequests: the drafted drug orders (recommended, consider, taper) with
  status `draft` and intent `proposal` -- never active: the app proposes, a prescriber
  prescribes; a withheld drug as a draft with `doNotPerform` and the reason;
  non-drug orders (stockings, compression, glucose checks) as draft ServiceRequests.

Unknown is never normal: a value the case does not hold is left out (and listed in
`omitted`), never written as a default. The same case gives the same bundle: ids are
UUIDv5 from the case hash, and the timestamp is the assessment time, not the clock."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from engine.fhir import codes as c

BUNDLE_NAMESPACE = uuid.UUID("6f1c1a8e-9d59-4c1e-8f0b-6a3f0b8e2c14")  # fixed: ids repeat

SUSPECTED = {"suspected_mscc": "Suspected metastatic spinal cord compression",
             "suspected_spinal_metastases": "Suspected spinal metastases (no neurological "
                                            "symptoms or signs)"}
CONFIRMED_MSCC = ("mscc_surgical_opinion", "mscc_radiotherapy", "mscc_haematological",
                  "mscc_supportive_care")
METS_NO_MSCC = {"spinal_metastases_stable": "Spinal metastases without cord compression "
                                            "(SINS stable)",
                "spinal_metastases_unstable": "Spinal metastases without cord compression "
                                              "(SINS 7 or more: possibly unstable)"}
DRUG_ORDERS = ("dexamethasone", "proton_pump_inhibitor", "lmwh_prophylaxis", "iv_fluids",
               "zoledronic_acid", "denosumab", "calcitonin")
DRAFTED = ("recommended", "consider", "taper")
LIMBS = (("right_arm", "right arm"), ("left_arm", "left arm"),
         ("right_leg", "right leg"), ("left_leg", "left leg"))
ACTION_TITLES = {
    "contact_mscc_coordinator": "Referral to the MSCC coordinator",
    "mri_whole_spine": "MRI whole spine",
    "ct_spine": "CT spine (MRI contraindicated)",
    "spinal_surgical_opinion": "Spinal surgical opinion",
    "clinical_oncology_opinion": "Clinical oncology opinion",
    "haematology_opinion": "Haematology opinion",
    "radiotherapy": "Radiotherapy",
    "analgesia": "Analgesia: adequate pain relief",
    "safety_net_advice": "Safety-net advice",
    "dental_review": "Dental review",
    "recheck_calcium": "Recheck calcium",
    "goals_of_care_discussion": "Goals-of-care discussion",
}


@dataclass
class FhirExport:
    bundle: dict
    omitted: list[str] = field(default_factory=list)  # what the case did not hold

    def count(self, resource_type: str) -> int:
        return sum(1 for e in self.bundle["entry"]
                   if e["resource"]["resourceType"] == resource_type)


class _Builder:
    def __init__(self, case: dict, assessment: dict):
        self.case = case
        self.a = assessment
        self.seed = assessment["case_sha256"]
        self.entries: list[dict] = []
        self.omitted: list[str] = []
        self.patient_ref = {"reference": self._url("patient")}

    def _url(self, key: str) -> str:
        return "urn:uuid:" + str(uuid.uuid5(BUNDLE_NAMESPACE, f"{self.seed}/{key}"))

    def add(self, key: str, resource: dict) -> dict:
        self.entries.append({"fullUrl": self._url(key), "resource": resource})
        return resource

    # -- Patient ----------------------------------------------------------------
    def patient(self) -> None:
        p = self.case.get("patient") or {}
        res = {"resourceType": "Patient",
               "identifier": [{"use": "usual", "type": c.concept("hospital_number",
                                                                 "Hospital number"),
                               "value": p["id"]}]}
        if p.get("name"):
            res["name"] = [{"text": p["name"]}]
        else:
            self.omitted.append("patient name")
        if p.get("date_of_birth"):
            res["birthDate"] = p["date_of_birth"]
        else:
            self.omitted.append("date of birth")
        if p.get("sex") in ("female", "male"):
            res["gender"] = p["sex"]
        else:
            self.omitted.append("sex")
        self.add("patient", res)

    # -- Condition --------------------------------------------------------------
    def condition(self) -> None:
        code = self.a["pathway"]["code"]
        bilsky = (self.a.get("scores") or {}).get("bilsky") or {}
        levels = self._lesion_levels()
        if code in SUSPECTED:
            text, status = SUSPECTED[code], "ver_provisional"
            site = "level not yet known: whole-spine MRI not done"
            if self._pain_regions():
                site += f" (spinal pain: {', '.join(self._pain_regions())})"
        elif code in CONFIRMED_MSCC or (code == "post_treatment" and bilsky.get("high_grade")):
            text, status = "Metastatic spinal cord compression", "ver_confirmed"
            level = bilsky.get("level")
            site = (f"compression at {level}" if level else "compression level not recorded")
            if levels:
                site += f"; lesions at {', '.join(levels)}"
            if code == "post_treatment":
                text += " (surgery done or radiotherapy started)"
        elif code in METS_NO_MSCC or code == "post_treatment":
            text = METS_NO_MSCC.get(code, "Spinal metastases (surgery done or radiotherapy "
                                          "started)")
            status = "ver_confirmed"
            site = f"lesions at {', '.join(levels)}" if levels else "levels not recorded"
        elif code == "mscc_excluded":
            text, status = "Metastatic spinal cord compression", "ver_refuted"
            site = "imaging excluded spinal metastases and MSCC"
        else:  # not_suspected: nothing to assert
            self.omitted.append("condition (MSCC not suspected on the information given)")
            return
        res = {"resourceType": "Condition",
               "clinicalStatus": c.concept("clinical_active"),
               "verificationStatus": c.concept(status),
               "code": c.text_concept(text),
               "bodySite": [c.text_concept(f"Spine: {site}")],
               "subject": self.patient_ref,
               "recordedDate": self.a["assessed_at"],
               "note": [{"text": f"MSCC Pathway {self.a['engine_version']}, pathway "
                                 f"{code} ({self.a['pathway']['urgency']}): "
                                 f"{self.a['pathway']['summary']}"}]}
        if code == "mscc_excluded":
            res.pop("clinicalStatus")  # FHIR: no clinical status on a refuted condition
        onset = (self.case.get("presentation") or {}).get("neuro_onset_at")
        if onset and code != "mscc_excluded":
            res["onsetDateTime"] = onset
        self.add("condition", res)

    def _lesion_levels(self) -> list[str]:
        seen = []
        for study in self.case.get("imaging") or []:
            for lesion in study.get("lesions") or []:
                if lesion.get("level") and lesion["level"] not in seen:
                    seen.append(lesion["level"])
        return seen

    def _pain_regions(self) -> list[str]:
        return list((self.case.get("presentation") or {}).get("pain_regions") or [])

    # -- Observations -----------------------------------------------------------
    def _observation(self, key: str, text: str, category: str, value: dict | None,
                     *, effective: str | None, code: dict | None = None,
                     extra: dict | None = None) -> None:
        res = {"resourceType": "Observation", "status": "final",
               "category": [c.concept(category)],
               "code": code or c.text_concept(text),
               "subject": self.patient_ref}
        if effective:
            res["effectiveDateTime"] = effective
        res.update(value or {})
        res.update(extra or {})
        self.add(f"observation/{key}", res)

    def observations(self) -> None:
        exam = self.case.get("neuro_exam") or {}
        when = exam.get("examined_at")
        mrc = exam.get("mrc_power") or {}
        for key, label in LIMBS:
            grade = mrc.get(key)
            if grade is None:
                self.omitted.append(f"MRC power, {label} (not examined)")
                continue
            self._observation(f"mrc/{key}", f"MRC motor power, {label} (weakest myotome), "
                              "grade 0-5", "category_exam", {"valueInteger": grade},
                              effective=when)
        level = exam.get("sensory_level")
        if level is None:
            self.omitted.append("sensory level (not examined)")
        else:
            shown = "No sensory level" if level == "none" else f"Sensory level {level}"
            self._observation("sensory_level", "Sensory level", "category_exam",
                              {"valueString": shown}, effective=when)
        self._labs()
        self._scores()

    def _labs(self) -> None:
        scores = self.a.get("scores") or {}
        labs = self.case.get("labs") or {}
        ca = scores.get("corrected_calcium")
        if ca and ca.get("mmol_per_l_text"):
            method = ca.get("method")
            sampled = (labs.get("adjusted_calcium") or labs.get("calcium") or {}).get(
                "sampled_at")
            value = {"valueQuantity": c.quantity(float(ca["mmol_per_l_text"]), "mmol/L")}
            notes = {"laboratory_adjusted": "the laboratory's own albumin-adjusted value",
                     "payne_albumin": "adjusted for albumin by MSCC Pathway (Payne)",
                     "uncorrected": "NOT corrected for albumin (albumin not known)"}
            extra = {"note": [{"text": f"{notes.get(method, method)}; severity "
                                       f"{ca.get('severity')}"}]}
            if method == "uncorrected":
                self._observation("calcium", "Calcium, total, not corrected for albumin",
                                  "category_laboratory", value, effective=sampled,
                                  extra=extra)
            else:
                self._observation("calcium", "Corrected calcium", "category_laboratory",
                                  value, effective=sampled, extra=extra,
                                  code=c.concept("corrected_calcium", "Corrected calcium"))
        else:
            self.omitted.append("calcium (no result)")
        plt = labs.get("platelets")
        if plt:
            self._observation("platelets", "Platelet count", "category_laboratory",
                              {"valueQuantity": c.quantity(plt["value"], plt["unit"])},
                              effective=plt.get("sampled_at"))
        else:
            self.omitted.append("platelets (no result)")
        crcl = scores.get("creatinine_clearance")
        if crcl and crcl.get("ml_per_min_text"):
            stale = (crcl.get("inputs") or {}).get("creatinine_stale")
            note = "Cockcroft-Gault from age, sex, actual body weight and creatinine, " \
                   "computed by MSCC Pathway"
            if stale:
                note += "; the creatinine result is old (stale)"
            self._observation("creatinine_clearance", "Creatinine clearance (Cockcroft-Gault, "
                              "estimated)", "category_laboratory",
                              {"valueQuantity": c.quantity(float(crcl["ml_per_min_text"]),
                                                           "mL/min")},
                              effective=(labs.get("creatinine") or {}).get("sampled_at"),
                              extra={"note": [{"text": note}]})
        else:
            self.omitted.append("creatinine clearance (needs age, sex, weight and creatinine)")

    def _scores(self) -> None:
        scores = self.a.get("scores") or {}
        sins = scores.get("sins")
        if sins and sins.get("total_min") is not None:
            lo, hi = sins["total_min"], sins["total_max"]
            value = ({"valueInteger": lo} if lo == hi else
                     {"valueRange": {"low": {"value": lo}, "high": {"value": hi}}})
            text = (f"category {sins.get('category')}"
                    + ("" if sins.get("complete") else "; incomplete: the range covers the "
                       "components not recorded"))
            extra = {"interpretation": [c.text_concept(text)]}
            if sins.get("level"):
                extra["bodySite"] = c.text_concept(f"Spine {sins['level']}")
            self._observation("sins", "Spinal Instability Neoplastic Score (SINS), 0-18",
                              "category_survey", value, effective=self._imaging_time(),
                              extra=extra)
        else:
            self.omitted.append("SINS (no graded spinal lesion)")
        frankel = scores.get("frankel")
        if frankel and frankel.get("grade"):
            self._observation("frankel", "Frankel grade", "category_exam",
                              {"valueString": frankel["grade"]},
                              effective=(self.case.get("neuro_exam") or {}).get("examined_at"))

    def _imaging_time(self) -> str | None:
        sins = (self.a.get("scores") or {}).get("sins") or {}
        i = sins.get("study_index")
        studies = self.case.get("imaging") or []
        if isinstance(i, int) and 0 <= i < len(studies):
            return studies[i].get("performed_at")
        return None

    # -- ServiceRequests --------------------------------------------------------
    def service_requests(self) -> None:
        for action in self.a.get("actions") or []:
            title = ACTION_TITLES.get(action["code"], action["code"].replace("_", " "))
            res = {"resourceType": "ServiceRequest", "status": "draft", "intent": "proposal",
                   "code": c.text_concept(title), "subject": self.patient_ref,
                   "authoredOn": self.a["assessed_at"],
                   "note": [{"text": self._action_note(action)}]}
            if action.get("due_within_hours") == 0:
                res["priority"] = "stat"
            elif self.a["pathway"]["urgency"] == "emergency":
                res["priority"] = "urgent"
            if action.get("due_at"):
                res["occurrenceDateTime"] = action["due_at"]
            self.add(f"action/{action['code']}", res)
        contacted = (self.case.get("procedures") or {}).get("mscc_coordinator_contacted_at")
        if contacted:
            self.add("coordinator_contacted", {
                "resourceType": "ServiceRequest", "status": "completed", "intent": "order",
                "code": c.text_concept(ACTION_TITLES["contact_mscc_coordinator"]),
                "subject": self.patient_ref, "occurrenceDateTime": contacted,
                "note": [{"text": "MSCC coordinator contacted (time recorded in the case)"}]})

    def _action_note(self, action: dict) -> str:
        due = action.get("due_within_hours")
        when = ("now" if due == 0 else "no deadline set" if due is None
                else f"within {due:g} h of the assessment")
        return f"{action['text']} Due: {when}. Proposed by MSCC Pathway " \
               f"(rule {action.get('rule')}; sources {', '.join(action.get('sources') or [])})."

    # -- Orders -----------------------------------------------------------------
    def orders(self) -> None:
        for order in self.a.get("orders") or []:
            status = order["status"]
            if status not in DRAFTED and status != "withheld":
                continue
            if order["code"] in DRUG_ORDERS:
                self._medication(order)
            elif status in DRAFTED:
                self.add(f"order/{order['code']}", {
                    "resourceType": "ServiceRequest", "status": "draft", "intent": "proposal",
                    "code": c.text_concept(order["drug"]), "subject": self.patient_ref,
                    "authoredOn": self.a["assessed_at"],
                    "note": [{"text": self._order_note(order)}]})

    def _medication(self, order: dict) -> None:
        res = {"resourceType": "MedicationRequest", "status": "draft", "intent": "proposal",
               "medicationCodeableConcept": c.text_concept(order["drug"]),
               "subject": self.patient_ref, "authoredOn": self.a["assessed_at"],
               "note": [{"text": self._order_note(order)}]}
        if order["status"] == "withheld":
            res["doNotPerform"] = True
            res["reasonCode"] = [c.text_concept(order.get("reason") or "withheld")]
        else:
            res["dosageInstruction"] = self._dosage(order)
            if order.get("reason"):
                res["reasonCode"] = [c.text_concept(order["reason"])]
        self.add(f"order/{order['code']}", res)

    def _order_note(self, order: dict) -> str:
        status = {"recommended": "recommended", "consider": "consider (the clinician decides)",
                  "taper": "taper", "withheld": "WITHHELD: do not give"}[order["status"]]
        text = f"MSCC Pathway draft, status {status}; a proposal for a prescriber, not a " \
               f"prescription (rule {order.get('rule')})."
        alts = [f"{x.get('label') or x['drug']} ({x['status']})"
                for x in order.get("alternatives") or []]
        if alts:
            text += " Equivalent options: " + "; ".join(alts) + "."
        return text

    def _dosage(self, order: dict) -> list[dict]:
        steps = order.get("schedule") or []
        if steps:
            out = []
            for i, step in enumerate(steps, 1):
                d = {"sequence": i, "text": step["text"],
                     "timing": {"repeat": {"boundsPeriod": {"start": step["date_from"],
                                                            "end": step["date_to"]}}}}
                if step.get("dose"):
                    d["doseAndRate"] = [{"doseQuantity": c.quantity(step["dose"]["value"],
                                                                    step["dose"]["unit"])}]
                out.append(d)
            return out
        parts = []
        dose = order.get("dose")
        if dose:
            parts.append(f"{dose['value']:g} {dose['unit']}")
        parts += [p for p in (order.get("route"), order.get("frequency")) if p]
        d = {"sequence": 1, "text": " ".join(parts) or "dose to be set by the prescriber"}
        if order.get("route"):
            d["route"] = c.text_concept(order["route"])
        if dose:
            d["doseAndRate"] = [{"doseQuantity": c.quantity(dose["value"], dose["unit"])}]
        return [d]


def build_bundle(case: dict, assessment: dict) -> FhirExport:
    """The Bundle (a JSON-ready dict) for a validated case and its assessment."""
    b = _Builder(case, assessment)
    b.patient()
    b.condition()
    b.observations()
    b.service_requests()
    b.orders()
    bundle = {"resourceType": "Bundle", "type": "collection",
              "identifier": {"system": "urn:ietf:rfc:3986",
                             "value": "urn:uuid:" + str(uuid.uuid5(BUNDLE_NAMESPACE,
                                                                   b.seed + "/bundle"))},
              "timestamp": assessment["assessed_at"],
              "entry": b.entries}
    return FhirExport(bundle, b.omitted)
