"""Every rule's identity: stable id, version, title, sources, the criteria it states,
and the thresholds and decision tables it decides with.

A rule module declares its thresholds (engine/thresholds.py) first, then its
RuleSpec with `rule(...)`, whose criterion texts are f-strings over those thresholds,
so no limit is typed twice. The version must be bumped whenever the rule's meaning
changes (tests/test_knowledge_manifest.py enforces it); the knowledge version of every
assessment is derived from these specs and from the source registry.
`catalogue()` is what `mscc-pathway rules --json` prints."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.decision_tables import DecisionTable
from engine.thresholds import Quantity, Threshold


@dataclass(frozen=True)
class RuleSpec:
    id: str
    version: int
    title: str
    sources: tuple[str, ...]
    texts: tuple[str, ...] = field(default=())
    thresholds: tuple[Quantity, ...] = field(default=())
    tables: tuple[DecisionTable, ...] = field(default=())

    def as_dict(self) -> dict:
        """The rule's meaning, without where it is written (moving a line changes no
        knowledge version)."""
        def meaning(d: dict) -> dict:
            return {k: v for k, v in d.items() if k != "defined_at"}
        return {"id": self.id, "version": self.version, "title": self.title,
                "sources": list(self.sources), "texts": list(self.texts),
                "thresholds": [meaning(t.as_dict()) for t in self.thresholds],
                "tables": [{**t.as_dict(), "rows": [meaning(r.as_dict()) for r in t.rows]}
                           for t in self.tables]}

    def catalogue_entry(self) -> dict:
        return {"id": self.id, "version": self.version, "title": self.title,
                "sources": list(self.sources), "texts": list(self.texts),
                "thresholds": [t.as_dict() for t in self.thresholds if isinstance(t, Threshold)],
                "quantities": [t.as_dict() for t in self.thresholds
                               if not isinstance(t, Threshold)],
                "tables": [t.as_dict() for t in self.tables]}


RULES: dict[str, RuleSpec] = {}


def rule(id: str, version: int, title: str, sources: list[str] | tuple[str, ...],
         texts: list[str] | tuple[str, ...] = (), *,
         thresholds: list[Quantity] | tuple[Quantity, ...] = (),
         tables: list[DecisionTable] | tuple[DecisionTable, ...] = ()) -> RuleSpec:
    if id in RULES:
        raise ValueError(f"rule id {id} declared twice")
    spec = RuleSpec(id, version, title, tuple(sources), tuple(texts), tuple(thresholds),
                    tuple(tables))
    RULES[id] = spec
    return spec


def catalogue() -> list[dict]:
    """Every rule, by id, with its generated texts, thresholds (value, unit, source,
    defined_at) and tables."""
    import engine.rules  # noqa: F401  (importing the rule modules declares them)

    return [RULES[k].catalogue_entry() for k in sorted(RULES)]
