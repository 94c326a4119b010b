"""Spinal Instability Neoplastic Score (Fisher, Spine 2010), per lesion, as a range
when components are unknown: an unknown component contributes its minimum to the
lower bound and its maximum to the upper bound."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from engine.models.case import Lesion
from engine.scores.levels import region

JUNCTIONAL = {"C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1"}
MOBILE = {"C3", "C4", "C5", "C6", "L2", "L3", "L4"}
SEMI_RIGID = {f"T{i}" for i in range(3, 11)}

PAIN_POINTS = {"mechanical": 3, "non_mechanical": 1, "none": 0}
LESION_POINTS = {"lytic": 2, "mixed": 1, "blastic": 0}
ALIGNMENT_POINTS = {"subluxation": 4, "deformity": 2, "normal": 0}
COLLAPSE_POINTS = {"over_50": 3, "under_50": 2, "none_over_50_involved": 1, "none": 0}
POSTEROLATERAL_POINTS = {"bilateral": 3, "unilateral": 1, "none": 0}

STABLE_MAX = 6      # 0-6 stable
UNSTABLE_MIN = 13   # 13-18 unstable; 7-12 indeterminate


def location_points(level: str) -> int:
    if level in JUNCTIONAL:
        return 3
    if level in MOBILE:
        return 2
    if level in SEMI_RIGID:
        return 1
    return 0  # S2-S5, rigid


def category(total_min: int, total_max: int) -> str:
    if total_max <= STABLE_MAX:
        return "stable"
    if total_min >= UNSTABLE_MIN:
        return "unstable"
    if total_min > STABLE_MAX and total_max < UNSTABLE_MIN:
        return "indeterminate"
    if total_min > STABLE_MAX:
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


def _component(table: dict[str, int], value: Optional[str], field: str) -> dict:
    if value is None:
        return {"input": None, "field": field, "min": min(table.values()),
                "max": max(table.values())}
    return {"input": value, "field": field, "min": table[value], "max": table[value]}


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
