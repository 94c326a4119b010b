"""Scores with their components. SINS is shown as a range while any component is
unknown, because the unknown part could move it across a category boundary."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desktop import words

_SKIP = {"components", "inputs", "study_index", "lesion_index"}


def _points(component: dict) -> str:
    lo, hi = component.get("min"), component.get("max")
    return str(lo) if lo == hi else f"{lo}–{hi}"


def sins_text(score: dict) -> str:
    lo, hi = score.get("total_min"), score.get("total_max")
    total = f"{lo}" if lo == hi else f"{lo}–{hi}"
    category = str(score.get("category", "")).replace("_", " ")
    state = "complete" if score.get("complete") else "incomplete: range until every component is known"
    parts = [f"<b>{html.escape(total)}</b> at {html.escape(str(score.get('level', '?')))} — "
             f"{html.escape(category)} ({state})"]
    comps = score.get("components") or {}
    shown = []
    for name, comp in comps.items():
        if not isinstance(comp, dict):
            continue
        given = comp.get("input")
        given = "not recorded" if given is None else str(given)
        shown.append(f"{html.escape(name.replace('_', ' '))} {_points(comp)} ({html.escape(given)})")
    if shown:
        parts.append("; ".join(shown))
    return "<br>".join(parts)


def calcium_text(score: dict) -> str:
    mmol, mg = score.get("mmol_per_l"), score.get("mg_per_dl")
    method = str(score.get("method", "")).replace("_", " ")
    return (f"<b>{mmol} mmol/L</b> ({mg} mg/dL) — {html.escape(str(score.get('severity', '')))}"
            f"; method: {html.escape(method)}")


def generic_text(score: dict) -> str:
    parts = [f"{html.escape(str(k).replace('_', ' '))}: <b>{html.escape(str(v))}</b>"
             for k, v in score.items() if k not in _SKIP and not isinstance(v, (dict, list))]
    comps = score.get("components")
    if isinstance(comps, dict) and comps:
        parts.append("components: " + "; ".join(
            f"{html.escape(str(k).replace('_', ' '))} {html.escape(_points(v) if isinstance(v, dict) else str(v))}"
            for k, v in comps.items()))
    return "; ".join(parts)


class ScoresView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Scores")
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self.texts: dict[str, str] = {}

    def show_scores(self, assessment: dict) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.texts = {}
        for name, score in (assessment.get("scores") or {}).items():
            if score is None:
                text = "cannot be calculated yet (inputs missing)"
            elif name == "sins":
                text = sins_text(score)
            elif name == "corrected_calcium":
                text = calcium_text(score)
            else:
                text = generic_text(score)
            caption = QLabel(words.word(words.SCORES, name) + ":")
            caption.setWordWrap(True)
            value = QLabel(text)
            value.setTextFormat(Qt.RichText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self._form.addRow(caption, value)
            self.texts[name] = value.text()
