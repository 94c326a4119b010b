"""The basis of one recommendation, for the clinician to check it independently:
the rule that produced it (id, version, title, thresholds), the sources it cites
(citation and section from the registry) and the inputs the rule used (its trace).
No Qt; no clinical logic: it only looks up what the engine published."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass
class Basis:
    rule_id: str
    rule_title: str = ""
    rule_version: str = ""
    thresholds: list[str] = field(default_factory=list)   # the rule's criteria, as declared
    limits: list[str] = field(default_factory=list)       # its declared limits with sources
    sources: list[tuple[str, str]] = field(default_factory=list)  # (id, citation text)
    inputs: dict = field(default_factory=dict)

    def as_html(self) -> str:
        esc = html.escape
        lines = [f"<b>Rule</b> {esc(self.rule_id)}"
                 + (f" v{esc(self.rule_version)}" if self.rule_version else "")
                 + (f" — {esc(self.rule_title)}" if self.rule_title else "")]
        for source_id, citation in self.sources:
            lines.append(f"<b>Source</b> {esc(source_id)}: {esc(citation)}")
        if self.inputs:
            shown = "; ".join(f"{esc(str(k))} = {esc(_short(v))}" for k, v in self.inputs.items())
            lines.append(f"<b>Inputs</b> {shown}")
        if self.thresholds:
            lines.append("<b>Thresholds</b> " + "; ".join(esc(t) for t in self.thresholds))
        if self.limits:
            lines.append("<b>Limits</b> " + "; ".join(esc(t) for t in self.limits))
        return "<br>".join(lines)

    def as_text(self) -> str:
        return html.unescape(self.as_html().replace("<br>", "\n").replace("<b>", "").replace("</b>", ""))


def _short(value) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@lru_cache(maxsize=1)
def _registry():
    import engine

    return engine.load_registry()


def citation(source_id: str) -> str:
    try:
        source = _registry().get(source_id)
    except Exception:  # unknown id or registry unreadable: say so, never hide the id
        return "not found in the source registry"
    if source is None:
        return "not found in the source registry"
    text = getattr(source, "citation", "") or ""
    section = getattr(source, "section", "") or ""
    return f"{text} {section}".strip() if section and section not in text else text


def basis_for(item: dict, assessment: dict) -> Basis:
    """`item` is a pathway/action/precaution/order/alert/disagreement of `assessment`."""
    import engine

    rule_id = str(item.get("rule") or "")
    spec = engine.RULES.get(rule_id) if rule_id else None
    result = Basis(rule_id or "(no rule id given)")
    if spec is not None:
        result.rule_title = spec.title
        result.rule_version = str(spec.version)
        result.thresholds = list(spec.texts)
        result.limits = [f"{t.text} ({t.source})" for t in spec.thresholds]
    source_ids = list(item.get("sources") or [])
    for source_id in source_ids:
        result.sources.append((source_id, citation(source_id)))
    for entry in assessment.get("trace") or []:
        if entry.get("rule") == rule_id and isinstance(entry.get("inputs"), dict):
            result.inputs.update(entry["inputs"])
    return result
