"""The assessment document, mscc-assessment/1 (../shared/spec/case-format.md), with the
documented additions listed in docs/engine-api.md."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict

Urgency = Literal["emergency", "urgent", "routine"]
Severity = Literal["critical", "warning", "info"]
OrderStatus = Literal["recommended", "consider", "pending", "withheld", "not_indicated",
                      "taper", "stop"]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Dose(Out):
    value: float
    unit: str


class Pathway(Out):
    code: str
    urgency: Urgency
    summary: str
    sources: list[str]
    rule: str


class Action(Out):
    code: str
    due_within_hours: Optional[float]
    due_at: Optional[str]
    text: str
    sources: list[str]
    rule: str
    done_at: Optional[str] = None  # addition: when the case records it done (engine.actions_done)


class Precautions(Out):
    code: str
    text: str
    sources: list[str]
    rule: str


class ScheduleStep(Out):
    day_from: int
    day_to: int
    date_from: str
    date_to: str
    dose: Optional[Dose]
    text: str


class Alternative(Out):
    """An equivalent option to the order (case-format.md: `{drug, status}`), never
    applied silently: the nurse sees it beside the order it replaces."""
    drug: str
    status: OrderStatus
    label: str
    dose: Optional[Dose] = None
    route: Optional[str] = None
    note: str = ""


class Order(Out):
    code: str
    status: OrderStatus
    drug: str
    dose: Optional[Dose]
    route: Optional[str]
    frequency: Optional[str]
    schedule: list[ScheduleStep]
    alternatives: list[Alternative]
    reason: str
    sources: list[str]
    rule: str
    changes_at: Optional[str] = None  # the instant this status changes by time alone


class Alert(Out):
    code: str
    severity: Severity
    text: str
    sources: list[str]
    rule: str


class Disagreement(Out):
    code: str
    text: str
    sources: list[str]
    rule: str


class TraceEntry(Out):
    rule: str
    version: int
    fired: bool
    inputs: dict[str, Any]


class Timestamp(Out):
    code: str
    label: str
    at: Optional[str]
    due_by: Optional[str]
    overdue: bool
    note: str


class Assessment(Out):
    format: Literal["mscc-assessment/1"] = "mscc-assessment/1"
    engine_version: str
    knowledge_version: str
    case_sha256: str
    patient_id: str
    assessed_at: str
    locale: str
    complete: bool
    pathway: Pathway
    actions: list[Action]
    precautions: Precautions
    orders: list[Order]
    scores: dict[str, Optional[dict[str, Any]]]
    alerts: list[Alert]
    disagreements: list[Disagreement]
    missing_inputs: list[str]
    timestamps: list[Timestamp]
    derived: dict[str, Any]
    trace: list[TraceEntry]
