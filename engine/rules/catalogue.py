"""Every rule's identity: stable id, version, title, sources and thresholds.

A rule module declares its RuleSpec next to its logic with `rule(...)`. The version
must be bumped whenever the rule's behaviour changes (tests/test_knowledge_manifest.py
enforces that); the knowledge version of every assessment is derived from these
specs and from the source registry."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleSpec:
    id: str
    version: int
    title: str
    sources: tuple[str, ...]
    thresholds: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"id": self.id, "version": self.version, "title": self.title,
                "sources": list(self.sources), "thresholds": list(self.thresholds)}


RULES: dict[str, RuleSpec] = {}


def rule(id: str, version: int, title: str, sources: list[str] | tuple[str, ...],
         thresholds: list[str] | tuple[str, ...] = ()) -> RuleSpec:
    if id in RULES:
        raise ValueError(f"rule id {id} declared twice")
    spec = RuleSpec(id, version, title, tuple(sources), tuple(thresholds))
    RULES[id] = spec
    return spec
