"""Decision tables: where a rule is really a table (dexamethasone dosing, imaging
deadlines, precautions by level), it is written as rows of conditions -> outcome, each
row with its source, read top to bottom; the first matching row decides.

    DEADLINES = table("imaging deadline", ("presentation",), ("scan", "within"), [
        row({"presentation": "neurology"}, {"scan": "MRI", "within": MRI_NOW}, "NICE-NG234"),
    ])

A condition value of ANY matches everything; a tuple matches any of its members."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.thresholds import Quantity, declared_at

ANY = "any"


@dataclass(frozen=True)
class Row:
    when: dict[str, Any]
    then: dict[str, Any]
    source: str
    defined_at: str

    def matches(self, facts: dict[str, Any]) -> bool:
        for column, wanted in self.when.items():
            value = facts[column]
            if wanted == ANY:
                continue
            if isinstance(wanted, tuple) and value in wanted:
                continue
            if value != wanted:
                return False
        return True

    def as_dict(self) -> dict:
        return {"when": {k: _plain(v) for k, v in self.when.items()},
                "then": {k: _plain(v) for k, v in self.then.items()},
                "source": self.source, "defined_at": self.defined_at}


@dataclass(frozen=True)
class DecisionTable:
    name: str
    conditions: tuple[str, ...]
    outcomes: tuple[str, ...]
    rows: tuple[Row, ...]

    def __post_init__(self) -> None:
        for r in self.rows:
            if set(r.when) - set(self.conditions) or set(r.then) != set(self.outcomes):
                raise ValueError(f"{self.name}: row at {r.defined_at} does not fit the columns "
                                 f"{self.conditions} -> {self.outcomes}")

    def first(self, **facts: Any) -> Row:
        """The first row matching `facts` (every condition column must be given)."""
        missing = set(self.conditions) - set(facts)
        if missing:
            raise KeyError(f"{self.name}: no value for {sorted(missing)}")
        for r in self.rows:
            if r.matches(facts):
                return r
        raise LookupError(f"{self.name}: no row matches {facts}")

    def as_dict(self) -> dict:
        return {"name": self.name, "conditions": list(self.conditions),
                "outcomes": list(self.outcomes), "rows": [r.as_dict() for r in self.rows]}


def row(when: dict[str, Any], then: dict[str, Any], source: str) -> Row:
    """One row; its `defined_at` is the line where the call starts."""
    return Row(dict(when), dict(then), source, declared_at())


def table(name: str, conditions: tuple[str, ...], outcomes: tuple[str, ...],
          rows: list[Row]) -> DecisionTable:
    return DecisionTable(name, tuple(conditions), tuple(outcomes), tuple(rows))


def _plain(value: Any) -> Any:
    if isinstance(value, Quantity):
        return value.limit
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
