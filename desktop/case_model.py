"""Plain-dict access to a case by the engine's field paths (`labs.calcium.value`,
`imaging.0.lesions.1.level`). No clinical meaning here: only where a value lives.

Absent means "not assessed", so setting a value to None removes the key, and a
nested object left empty is removed too (an empty `{}` would otherwise be saved
and reloaded as if something had been recorded). List items are never removed
implicitly: deleting a study or lesion is an explicit action of its editor."""
from __future__ import annotations

import copy
from typing import Any

CASE_FORMAT = "mscc-case/1"


def split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for part in path.split(".") if path else []:
        parts.append(int(part) if part.isdigit() else part)
    return parts


def get_path(data: Any, path: str, default: Any = None) -> Any:
    node = data
    for part in split_path(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return default
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
    return node


def set_path(data: dict, path: str, value: Any) -> None:
    """Set (or with None, remove) the value at `path`, creating parent objects."""
    parts = split_path(path)
    if not parts:
        raise ValueError("empty path")
    chain: list[tuple[Any, str | int]] = []
    node: Any = data
    for index, part in enumerate(parts[:-1]):
        nxt = parts[index + 1]
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                raise KeyError(f"{path}: no item {part}")
            child = node[part]
        else:
            child = node.get(part)
            if child is None:
                if value is None:
                    return  # removing something that is not there
                child = [] if isinstance(nxt, int) else {}
                node[part] = child
        chain.append((node, part))
        node = child
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last >= len(node):
            raise KeyError(f"{path}: no item {last}")
        node[last] = value
        return
    if value is None:
        node.pop(last, None)
        _prune(chain)
    else:
        node[last] = value


def _prune(chain: list[tuple[Any, str | int]]) -> None:
    # Walk back up removing objects that became empty; stop at list items.
    for parent, key in reversed(chain):
        if isinstance(key, int):
            return
        child = parent.get(key)
        if isinstance(child, dict) and not child:
            parent.pop(key)
        else:
            return


def new_case(locale: str | None) -> dict:
    """A new, empty case. Only the format and (if the user chose one in Settings)
    the locale are filled; everything clinical starts absent."""
    case: dict[str, Any] = {"format": CASE_FORMAT}
    if locale:
        case["locale"] = locale
    return case


def deep_copy(case: dict) -> dict:
    return copy.deepcopy(case)
