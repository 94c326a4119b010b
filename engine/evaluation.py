"""evaluate(case) -> Assessment: runs the rules in the order clinical-rules.md defines.

Deterministic and pure: the only clock is case.assessed_at; no I/O besides the
packaged source registry (read once)."""
from __future__ import annotations

from engine import actions_done
from engine.canonical import canonical_case_json, sha256_hex
from engine.facts import Facts
from engine.models.assessment import Assessment
from engine.models.case import Case
from engine.registry import check_rules_resolve, load_registry
from engine.rules import RULES
from engine.rules.analgesia import evaluate_analgesia, evaluate_timestamps
from engine.rules.bone_agents import evaluate_bone_agents
from engine.rules.calcium import evaluate_calcium
from engine.rules.context import ORDER_CODES, Evaluation
from engine.rules.dexamethasone import evaluate_dexamethasone
from engine.rules.imaging import evaluate_imaging, imaging_actions
from engine.rules.labs import evaluate_stale_labs
from engine.rules.neuro import evaluate_neuro, evaluate_sensory_impairment
from engine.rules.neuro_trend import escalate, evaluate_neuro_trend
from engine.rules.pathway import choose_pathway
from engine.rules.precautions import evaluate_precautions
from engine.rules.thromboprophylaxis import evaluate_thromboprophylaxis
from engine.scores.frankel import frankel
from engine.scores.padua import padua
from engine.scores.tokuhashi import tokuhashi
from engine.version import ENGINE_VERSION, knowledge_version

check_rules_resolve(load_registry(), RULES.values())


def evaluate(case: Case) -> Assessment:
    ev = Evaluation(case=case, facts=Facts(case))
    evaluate_stale_labs(ev)
    neuro = evaluate_neuro(ev)
    deteriorated = evaluate_neuro_trend(ev)
    sensory = evaluate_sensory_impairment(ev)
    im = evaluate_imaging(ev, neuro)
    pathway = choose_pathway(ev, im, neuro)
    imaging_actions(ev, im, neuro)
    if deteriorated:
        escalate(ev)
    known_lesion = im.any_lesion or ev.facts.cancer.vertebral_metastases is not None
    precautions = evaluate_precautions(ev, im, neuro, pathway)
    evaluate_dexamethasone(ev, neuro, pathway, known_lesion, deteriorated)
    evaluate_thromboprophylaxis(ev, pathway, precautions, sensory)
    severity = evaluate_calcium(ev)
    evaluate_bone_agents(ev, severity, known_lesion)
    evaluate_analgesia(ev, pathway)
    evaluate_timestamps(ev, neuro, pathway)
    _context_scores(ev, neuro, sensory)
    return _assemble(ev)


def _context_scores(ev: Evaluation, neuro: str, sensory) -> None:
    f = ev.facts
    crcl = f.crcl
    ev.scores["creatinine_clearance"] = None if crcl.ml_per_min is None else {
        "ml_per_min": crcl.ml_per_min, "ml_per_min_text": crcl.text,
        "method": "cockcroft_gault", "inputs": crcl.inputs}
    grade = frankel(f, neuro, sensory)
    ev.scores["frankel"] = grade
    ev.scores["tokuhashi_revised"], _ = tokuhashi(f, grade["grade"] if grade else None)
    ev.scores["padua"] = padua(f, ev.notes.get("reduced_mobility"))


def _assemble(ev: Evaluation) -> Assessment:
    case = ev.case
    missing = list(ev.missing)
    missing_orders = [c for c in ORDER_CODES if c not in ev.orders]
    assert not missing_orders, f"orders not decided: {missing_orders}"
    f = ev.facts
    return Assessment(
        engine_version=ENGINE_VERSION,
        knowledge_version=knowledge_version(),
        case_sha256=sha256_hex(canonical_case_json(case)),
        patient_id=case.patient.id,
        assessed_at=case.assessed_at.isoformat(),
        locale=case.locale,
        complete=not missing,
        pathway=ev.pathway,
        actions=[_with_done(a, case) for a in sorted(ev.actions.values(), key=action_order)],
        precautions=ev.precautions,
        orders=[ev.orders[c] for c in ORDER_CODES],
        scores={k: ev.scores.get(k) for k in ("sins", "bilsky", "corrected_calcium",
                                              "creatinine_clearance", "frankel",
                                              "tokuhashi_revised", "padua")},
        alerts=sorted(ev.alerts, key=alert_order),
        disagreements=ev.disagreements,
        missing_inputs=missing,
        timestamps=ev.notes.get("timestamps", []),
        derived={"age_years": f.age_years, "neuro_status": ev.notes.get("neuro"),
                 "sensory_impairment": ev.notes.get("sensory"),
                 "reduced_mobility": ev.notes.get("reduced_mobility"),
                 "stale_labs": sorted(n for n, r in f.labs.items() if r.stale),
                 "neuro_trend": ev.notes.get("neuro_trend")},
        trace=ev.trace,
    )


def _with_done(action, case):
    """The action with the moment the case records it done (informational only)."""
    moment = actions_done.done_at(case, action.code)
    return action if moment is None else action.model_copy(update={"done_at": moment.isoformat()})


def action_order(action) -> tuple:
    """The one order of actions, on screen and paper: soonest deadline first, actions
    without a deadline last, ties by code."""
    hours = action.due_within_hours
    return (hours is None, hours if hours is not None else 0, action.code)


SEVERITIES = ("critical", "warning", "info")


def alert_order(alert) -> int:
    """The one order of alerts: most severe first (a stable sort keeps the rules' order
    within a severity)."""
    return SEVERITIES.index(alert.severity)
