"""Words for the engine's codes. The same tables as the printed summary
(engine.report.labels) so the screen and the paper say the same thing; an unknown
code is shown as itself, never dropped."""
from __future__ import annotations

try:
    from engine.report import labels as _labels
except ImportError:  # engine still being built: show codes as words
    _labels = None


def _table(name: str) -> dict[str, str]:
    return dict(getattr(_labels, name, {}) or {})


PATHWAYS = _table("PATHWAYS")
URGENCY = _table("URGENCY") or {"emergency": "EMERGENCY", "urgent": "URGENT", "routine": "ROUTINE"}
PRECAUTIONS = _table("PRECAUTIONS")
ACTIONS = _table("ACTIONS")
ORDERS = _table("ORDERS")
STATUS = _table("STATUS")
SEVERITY = _table("SEVERITY") or {"critical": "CRITICAL", "warning": "WARNING", "info": "INFO"}
SCORES = _table("SCORES")


def word(table: dict[str, str], code: object) -> str:
    if code is None:
        return "not stated"
    return table.get(str(code), str(code).replace("_", " "))


def first_sentence(text: object, limit: int = 90) -> str:
    """The start of a text in words, for a button's spoken name (never an engine code):
    its first sentence, cut at a word within `limit` characters."""
    text = " ".join(str(text or "").split()).replace("_", " ")
    cut = text.find(". ")
    text = text[:cut + 1] if 0 < cut else text
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def dose_text(dose) -> str:
    if not isinstance(dose, dict) or dose.get("value") is None:
        return ""
    value = dose["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value} {dose.get('unit', '')}".strip()
