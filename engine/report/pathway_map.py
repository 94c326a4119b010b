"""The MSCC pathway as steps a reader follows: the steps in words, which step leads to
which, and for each pathway code the steps already passed and the next ones. The
desktop draws this map (positions and colours are its own); the words and the route
are the engine's, like the pathway code itself. Pure data."""
from __future__ import annotations

from engine.rules.pathway import POST

STEPS = {
    "suspected": "Suspected",
    "not_suspected": "Not suspected",
    "imaging": "Imaging (MRI)",
    "confirmed": "MSCC confirmed",
    "no_mscc": "Metastases, no MSCC",
    "excluded": "MSCC excluded",
    "surgery": "Surgical opinion",
    "radiotherapy": "Radiotherapy",
    "haematology": "Haematology-led",
    "supportive": "Supportive care",
    "treated": "After treatment",
}
EDGES = [("suspected", "imaging"), ("imaging", "confirmed"), ("imaging", "no_mscc"),
         ("imaging", "excluded"), ("confirmed", "surgery"), ("confirmed", "radiotherapy"),
         ("confirmed", "haematology"), ("confirmed", "supportive"),
         ("surgery", "treated"), ("radiotherapy", "treated")]
_BEFORE = ["suspected", "imaging"]
ROUTES: dict[str, tuple[list[str], list[str]]] = {  # code -> (route, next steps)
    "not_suspected": (["not_suspected"], []),
    "suspected_mscc": (["suspected"], ["imaging"]),
    "suspected_spinal_metastases": (["suspected"], ["imaging"]),
    "mscc_excluded": (_BEFORE + ["excluded"], []),
    "spinal_metastases_stable": (_BEFORE + ["no_mscc"], []),
    "spinal_metastases_unstable": (_BEFORE + ["no_mscc"], []),
    "mscc_surgical_opinion": (_BEFORE + ["confirmed", "surgery"], []),
    "mscc_radiotherapy": (_BEFORE + ["confirmed", "radiotherapy"], []),
    "mscc_haematological": (_BEFORE + ["confirmed", "haematology"], []),
    "mscc_supportive_care": (_BEFORE + ["confirmed", "supportive"], []),
}
POST_TREATMENT = "post_treatment"
TREATMENTS = ("surgery", "radiotherapy")


def treated_by(assessment: dict | None) -> str | None:
    """The treatment of this episode that put the patient on the post-treatment
    pathway, as the engine judged it (rule PATH-POST-1: this episode's surgery, else
    its radiotherapy); None when neither or on any other pathway."""
    if not isinstance(assessment, dict) or \
            (assessment.get("pathway") or {}).get("code") != POST_TREATMENT:
        return None
    for entry in assessment.get("trace") or []:
        if isinstance(entry, dict) and entry.get("rule") == POST.id and entry.get("fired"):
            inputs = entry.get("inputs") or {}
            for treatment in TREATMENTS:
                if inputs.get(f"{treatment}_this_episode") is True:
                    return treatment
    return None


def route(code: str, treatment: str | None = None) -> tuple[list[str], list[str]]:
    """(steps passed, next steps) for a pathway code; ([], []) for an unknown code."""
    if code == POST_TREATMENT:
        via = [treatment] if treatment in TREATMENTS else []
        return _BEFORE + ["confirmed"] + via + ["treated"], []
    return ROUTES.get(code, ([], []))
