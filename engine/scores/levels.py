"""Vertebral level helpers."""
from __future__ import annotations

from engine.models.vocabulary import LEVELS

REGION_BY_LETTER = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "sacral"}


def level_index(level: str) -> int:
    """Position from the top (C1 = 0); used for 'at or above' and contiguity."""
    return LEVELS.index(level)


def region(level: str) -> str:
    return REGION_BY_LETTER[level[0]]


def at_or_above(level: str, limit: str) -> bool:
    return level_index(level) <= level_index(limit)


def contiguous_runs(levels: set[str]) -> list[list[str]]:
    """Group levels into runs of adjacent vertebrae (C7 and T1 are adjacent)."""
    runs: list[list[str]] = []
    for level in sorted(levels, key=level_index):
        if runs and level_index(level) == level_index(runs[-1][-1]) + 1:
            runs[-1].append(level)
        else:
            runs.append([level])
    return runs
