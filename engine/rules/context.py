"""The evaluation in progress: the case, derived facts, and what the rules decided.

Rules read the case through `Evaluation` and write decisions through it, so that every
decision carries its rule id and sources and every rule leaves a trace entry."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from engine.facts import Facts
from engine.models import assessment as out
from engine.models.case import Case
from engine.rules.catalogue import RuleSpec

ORDER_CODES = (
    "dexamethasone", "proton_pump_inhibitor", "capillary_glucose_monitoring",
    "intermittent_pneumatic_compression", "anti_embolism_stockings", "lmwh_prophylaxis",
    "iv_fluids", "zoledronic_acid", "denosumab", "calcitonin",
)


def dose(value: float | None, unit: str = "mg") -> out.Dose | None:
    return None if value is None else out.Dose(value=value, unit=unit)


@dataclass
class Evaluation:
    case: Case
    facts: Facts
    pathway: out.Pathway | None = None
    precautions: out.Precautions | None = None
    actions: dict[str, out.Action] = field(default_factory=dict)
    orders: dict[str, out.Order] = field(default_factory=dict)
    alerts: list[out.Alert] = field(default_factory=list)
    disagreements: list[out.Disagreement] = field(default_factory=list)
    missing: dict[str, None] = field(default_factory=dict)  # ordered set
    trace: list[dict] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)  # facts shared between rules

    # --- recording ----------------------------------------------------------------
    def record(self, spec: RuleSpec, fired: bool, **inputs: Any) -> bool:
        # A plain dict: it runs for every rule on every keystroke, and the Assessment
        # validates the whole trace at once, in pydantic's compiled core (bench/README.md).
        self.trace.append({"rule": spec.id, "version": spec.version, "fired": fired,
                           "inputs": {k: _plain(v) for k, v in inputs.items()}})
        return fired

    def need(self, *paths: str) -> None:
        """Name inputs that are unknown and could change this assessment."""
        for p in paths:
            self.missing[p] = None

    # --- decisions ----------------------------------------------------------------
    def set_pathway(self, spec: RuleSpec, code: str, urgency: str, summary: str) -> None:
        self.pathway = out.Pathway(code=code, urgency=urgency, summary=summary,
                                   sources=list(spec.sources), rule=spec.id)

    def act(self, spec: RuleSpec, code: str, hours: float | None, text: str) -> None:
        """Add an action; when the same action is asked for twice, the earlier deadline
        wins (never silently relax a deadline)."""
        current = self.actions.get(code)
        if current is not None and _earlier_or_equal(current.due_within_hours, hours):
            return
        due_at = None
        if hours is not None:
            due_at = (self.case.assessed_at + timedelta(hours=hours)).isoformat()
        self.actions[code] = out.Action(code=code, due_within_hours=hours, due_at=due_at,
                                        text=text, sources=list(spec.sources), rule=spec.id)

    def alert(self, spec: RuleSpec, code: str, severity: str, text: str) -> None:
        if any(a.code == code and a.text == text for a in self.alerts):
            return
        self.alerts.append(out.Alert(code=code, severity=severity, text=text,
                                     sources=list(spec.sources), rule=spec.id))

    def disagree(self, spec: RuleSpec, code: str, text: str) -> None:
        if any(d.code == code for d in self.disagreements):
            return
        self.disagreements.append(out.Disagreement(code=code, text=text,
                                                   sources=list(spec.sources), rule=spec.id))

    def order(self, spec: RuleSpec, code: str, status: str, reason: str, *, drug: str,
              dose: out.Dose | None = None, route: str | None = None,
              frequency: str | None = None, schedule: list[out.ScheduleStep] | None = None,
              alternatives: list[out.Alternative] | None = None,
              sources: list[str] | None = None, changes_at=None) -> None:
        assert code in ORDER_CODES, code
        self.orders[code] = out.Order(
            code=code, status=status, drug=drug, dose=dose, route=route,
            frequency=frequency, schedule=schedule or [], alternatives=alternatives or [],
            reason=reason, sources=list(sources or spec.sources), rule=spec.id,
            changes_at=changes_at.isoformat() if changes_at is not None else None)


def _earlier_or_equal(a: float | None, b: float | None) -> bool:
    if a is None:
        return b is None
    return b is None or a <= b


def _plain(value: Any) -> Any:
    """Trace inputs as JSON values (dates as ISO text)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
