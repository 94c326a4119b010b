"""Spinal Instability Neoplastic Score (Fisher, Spine 2010), per lesion, as a range
when components are unknown: an unknown component contributes its minimum to the
lower bound and its maximum to the upper bound.

The cut-offs and the points of every component are declared here, once; SCORE-SINS-1
(engine/rules/imaging.py) lists them, and every text that states one is generated
from them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from engine.decision_tables import ANY, DecisionTable, row, table
from engine.models.case import Lesion
from engine.scores.levels import region
from engine.thresholds import threshold

# Categories (SINS-2010): 0-6 stable, 7-12 indeterminate (potentially unstable: a
# surgical opinion), 13-18 unstable. Totals are whole points.
POTENTIALLY_UNSTABLE = threshold("SINS", 7, "", "at_least", "SINS-2010")
UNSTABLE = threshold("SINS", 13, "", "at_least", "SINS-2010")

# The points of each component (SINS-2010), read top to bottom.
LOCATION = table("SINS location", ("level",), ("points",), [
    row({"level": ("C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1")},  # junctional
        {"points": 3}, "SINS-2010"),
    row({"level": ("C3", "C4", "C5", "C6", "L2", "L3", "L4")}, {"points": 2},  # mobile
        "SINS-2010"),
    row({"level": tuple(f"T{i}" for i in range(3, 11))}, {"points": 1}, "SINS-2010"),  # semi-rigid
    row({"level": ANY}, {"points": 0}, "SINS-2010"),  # rigid: S2-S5
])
PAIN = table("SINS pain", ("spinal_pain",), ("points",), [
    row({"spinal_pain": "mechanical"}, {"points": 3}, "SINS-2010"),
    row({"spinal_pain": "non_mechanical"}, {"points": 1}, "SINS-2010"),
    row({"spinal_pain": "none"}, {"points": 0}, "SINS-2010"),
])
LESION = table("SINS bone lesion", ("lesion_type",), ("points",), [
    row({"lesion_type": "lytic"}, {"points": 2}, "SINS-2010"),
    row({"lesion_type": "mixed"}, {"points": 1}, "SINS-2010"),
    row({"lesion_type": "blastic"}, {"points": 0}, "SINS-2010"),
])
ALIGNMENT = table("SINS alignment", ("alignment",), ("points",), [
    row({"alignment": "subluxation"}, {"points": 4}, "SINS-2010"),
    row({"alignment": "deformity"}, {"points": 2}, "SINS-2010"),
    row({"alignment": "normal"}, {"points": 0}, "SINS-2010"),
])
COLLAPSE = table("SINS vertebral body collapse", ("collapse",), ("points",), [
    row({"collapse": "over_50"}, {"points": 3}, "SINS-2010"),
    row({"collapse": "under_50"}, {"points": 2}, "SINS-2010"),
    row({"collapse": "none_over_50_involved"}, {"points": 1}, "SINS-2010"),
    row({"collapse": "none"}, {"points": 0}, "SINS-2010"),
])
POSTEROLATERAL = table("SINS posterolateral involvement", ("posterolateral",), ("points",), [
    row({"posterolateral": "bilateral"}, {"points": 3}, "SINS-2010"),
    row({"posterolateral": "unilateral"}, {"points": 1}, "SINS-2010"),
    row({"posterolateral": "none"}, {"points": 0}, "SINS-2010"),
])
TABLES = (LOCATION, PAIN, LESION, ALIGNMENT, COLLAPSE, POSTEROLATERAL)


def points(t: DecisionTable) -> dict[str, int]:
    """A points table of one condition as {value: points}."""
    column, = t.conditions
    return {r.when[column]: r.then["points"] for r in t.rows}


PAIN_POINTS = points(PAIN)
LESION_POINTS = points(LESION)
ALIGNMENT_POINTS = points(ALIGNMENT)
COLLAPSE_POINTS = points(COLLAPSE)
POSTEROLATERAL_POINTS = points(POSTEROLATERAL)
# The highest total the tables allow (18).
MAXIMUM = sum(max(r.then["points"] for r in t.rows) for t in TABLES)
# The same cut-offs as whole numbers, for engine/rules/precautions.py: stable up to 6.
STABLE_MAX = POTENTIALLY_UNSTABLE.number - 1
UNSTABLE_MIN = UNSTABLE.number


def location_points(level: str) -> int:
    return LOCATION.first(level=level).then["points"]


def category(total_min: int, total_max: int) -> str:
    if not POTENTIALLY_UNSTABLE.met_by(total_max):
        return "stable"
    if UNSTABLE.met_by(total_min):
        return "unstable"
    if POTENTIALLY_UNSTABLE.met_by(total_min) and not UNSTABLE.met_by(total_max):
        return "indeterminate"
    if POTENTIALLY_UNSTABLE.met_by(total_min):
        return "at_least_indeterminate"
    return "undetermined"


@dataclass(frozen=True)
class LesionSins:
    study_index: int
    lesion_index: int
    level: str
    total_min: int
    total_max: int
    components: dict

    @property
    def complete(self) -> bool:
        return self.total_min == self.total_max

    @property
    def category(self) -> str:
        return category(self.total_min, self.total_max)

    def as_score(self) -> dict:
        return {"level": self.level, "total_min": self.total_min, "total_max": self.total_max,
                "category": self.category, "complete": self.complete,
                "components": self.components, "study_index": self.study_index,
                "lesion_index": self.lesion_index}


def _component(pts: dict[str, int], value: Optional[str], field: str) -> dict:
    if value is None:
        return {"input": None, "field": field, "min": min(pts.values()),
                "max": max(pts.values())}
    return {"input": value, "field": field, "min": pts[value], "max": pts[value]}


def pain_component(level: str, spinal_pain: Optional[str],
                   pain_regions: Optional[list[str]]) -> dict:
    """Pain applies to lesions in a painful region; to all when regions are not recorded
    (an empty list counts as not recorded: it cannot say the lesion is painless)."""
    field = "presentation.spinal_pain"
    if pain_regions and region(level) not in pain_regions:
        return {"input": f"{spinal_pain} (not in painful regions {', '.join(pain_regions)})",
                "field": field, "min": 0, "max": 0}
    return _component(PAIN_POINTS, spinal_pain, field)


def score_lesion(study_index: int, lesion_index: int, lesion: Lesion,
                 spinal_pain: Optional[str], pain_regions: Optional[list[str]]) -> LesionSins:
    base = f"imaging.{study_index}.lesions.{lesion_index}"
    location = location_points(lesion.level)
    components = {
        "location": {"input": lesion.level, "field": f"{base}.level",
                     "min": location, "max": location},
        "pain": pain_component(lesion.level, spinal_pain, pain_regions),
        "lesion_type": _component(LESION_POINTS, lesion.lesion_type, f"{base}.lesion_type"),
        "alignment": _component(ALIGNMENT_POINTS, lesion.alignment, f"{base}.alignment"),
        "collapse": _component(COLLAPSE_POINTS, lesion.collapse, f"{base}.collapse"),
        "posterolateral": _component(POSTEROLATERAL_POINTS, lesion.posterolateral,
                                     f"{base}.posterolateral"),
    }
    return LesionSins(study_index, lesion_index, lesion.level,
                      sum(c["min"] for c in components.values()),
                      sum(c["max"] for c in components.values()), components)


def worst(scored: list[LesionSins]) -> Optional[LesionSins]:
    """Highest minimum, then highest maximum, then first in file order."""
    best = None
    for s in scored:
        if best is None or (s.total_min, s.total_max) > (best.total_min, best.total_max):
            best = s
    return best
