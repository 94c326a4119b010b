"""Where a case records that an action was done, and when (issue 15, ward feature:
tick an action done from its row).

An action whose moment already has a field in mscc-case/1 is recorded there (the MSCC
coordinator contact, the start of radiotherapy); every other action is recorded under
the project's documented extension `actions_done` (docs/engine-api.md), one date-time
per action code. The engine copies the time into the assessment (`actions[].done_at`)
so the screen and the summary show it; it changes no decision: a whole-spine MRI
ticked done is still asked for until the study and its findings are entered. Pure
data; no Qt."""
from __future__ import annotations

from typing import Any

# action code -> the case path holding the moment it was done
CASE_FIELDS = {
    "contact_mscc_coordinator": "procedures.mscc_coordinator_contacted_at",
    "radiotherapy": "procedures.radiotherapy_started_at",
}
EXTENSION = "actions_done"
EXTENSION_CODES = ("mri_whole_spine", "ct_spine", "spinal_surgical_opinion",
                   "clinical_oncology_opinion", "haematology_opinion", "analgesia",
                   "safety_net_advice", "dental_review", "recheck_calcium",
                   "goals_of_care_discussion")


def done_path(code: str) -> str | None:
    """The case path where action `code` is ticked done; None for an unknown code."""
    if code in CASE_FIELDS:
        return CASE_FIELDS[code]
    if code in EXTENSION_CODES:
        return f"{EXTENSION}.{code}"
    return None


def done_at(case: Any, code: str):
    """The recorded moment (a datetime from the case model), or None."""
    path = done_path(code)
    value: Any = case
    for part in (path or "").split("."):
        if value is None or not part:
            return None
        value = getattr(value, part, None)
    return value
