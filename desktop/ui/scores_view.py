"""Scores with their components. SINS is shown as a range while any component is
unknown, because the unknown part could move it across a category boundary."""
from __future__ import annotations

import html

from engine.report import labels
from desktop.ui.text_block import TextBlock

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


def calcium_name(score) -> str:
    """The engine's name for the value, by its method: "Corrected calcium" only when it
    was corrected."""
    label = score.get("label") if isinstance(score, dict) else None
    return str(label) if label else labels.word(labels.SCORES, "corrected_calcium")


def calcium_text(score: dict) -> str:
    # The engine's cut (never rounded) texts: 2.999 shows as 2.99, below its 3.00 band.
    esc = html.escape
    mmol, mg = score.get("mmol_per_l_text"), score.get("mg_per_dl_text")
    method = str(score.get("method", ""))
    how = str(score.get("method_text") or "method: " + method.replace("_", " "))
    inputs = score.get("inputs") if isinstance(score.get("inputs"), dict) else {}
    if method == "payne_albumin" and inputs.get("albumin_g_l") is not None:
        how += f", albumin {inputs['albumin_g_l']:g} g/L"
    return (f"<b>{esc(str(mmol))} mmol/L</b> ({esc(str(mg))} mg/dL) — "
            f"{esc(str(score.get('severity', '')))}; {esc(how)}")


def _range(lo, hi) -> str:
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def clearance_text(score: dict) -> str:
    method = str(score.get("method", "")).replace("cockcroft_gault", "Cockcroft-Gault")
    return (f"<b>{html.escape(str(score.get('ml_per_min_text')))} mL/min</b> "
            f"({html.escape(method)})")


def padua_text(score: dict) -> str:
    lo, hi = score.get("total_min"), score.get("total_max")
    text = f"<b>{_range(lo, hi)}</b>"
    if score.get("high_risk") is True:
        text += " — high risk"
    elif score.get("high_risk") is False:
        text += " — low risk"
    if lo != hi:
        text += " (range: some items not recorded)"
    if score.get("note"):
        text += f"<br><i>{html.escape(str(score['note']))}</i>"
    return text


def tokuhashi_text(score: dict) -> str:
    text = f"<b>{html.escape(str(score.get('total')))}</b>"
    if score.get("band"):
        text += f" — {html.escape(str(score['band']))}"
    comps = score.get("components")
    if isinstance(comps, dict) and comps:
        text += "<br>" + "; ".join(f"{html.escape(k.replace('_', ' '))} {html.escape(str(v))}"
                                   for k, v in comps.items())
    if score.get("note"):
        text += f"<br><i>{html.escape(str(score['note']))}</i>"
    return text


def frankel_text(score: dict) -> str:
    return f"grade <b>{html.escape(str(score.get('grade')))}</b>"


def generic_text(score: dict) -> str:
    def shown(v) -> str:
        return ("yes" if v else "no") if isinstance(v, bool) else str(v)

    parts = [f"{html.escape(str(k).replace('_', ' '))}: <b>{html.escape(shown(v))}</b>"
             for k, v in score.items() if k not in _SKIP and not isinstance(v, (dict, list))]
    comps = score.get("components")
    if isinstance(comps, dict) and comps:
        parts.append("components: " + "; ".join(
            f"{html.escape(str(k).replace('_', ' '))} {html.escape(_points(v) if isinstance(v, dict) else str(v))}"
            for k, v in comps.items()))
    return "; ".join(parts)


NAME_WIDTH = 24  # per cent of the width for the score's name
FORMATTERS = {"sins": sins_text, "corrected_calcium": calcium_text,
              "creatinine_clearance": clearance_text, "padua": padua_text,
              "tokuhashi_revised": tokuhashi_text, "frankel": frankel_text}


class ScoresView(TextBlock):
    """One part per score, name and value, the name column the same width in each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Scores")
        self.texts: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def show_scores(self, assessment: dict) -> None:
        scores = assessment.get("scores") or {}
        names = list(scores)  # the engine's order (spec order: SINS first)
        self.texts = {name: self._text(name, scores[name]) for name in names}
        self.names = {name: self._name(name, scores[name]) for name in names}
        self.set_parts([f"<table width='100%' cellspacing=0 cellpadding=2><tr>"
                        f"<td width='{NAME_WIDTH}%' valign='top'>"
                        f"{html.escape(self.names[name])}:</td>"
                        f"<td valign='top'>{text}</td></tr></table>"
                        for name, text in self.texts.items()])

    @staticmethod
    def _name(name: str, score) -> str:
        if name == "corrected_calcium":
            return calcium_name(score)
        return labels.word(labels.SCORES, name)

    @staticmethod
    def _text(name: str, score) -> str:
        if score is None:
            return "cannot be calculated yet (inputs missing)"
        return FORMATTERS.get(name, generic_text)(score)
