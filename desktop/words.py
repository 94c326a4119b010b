"""A text's start as a button's spoken name. The words for the engine's codes are the
engine's own (engine.report.labels: the tables the printed summary uses), so the screen
and the paper say the same thing; nothing here names a clinical thing."""
from __future__ import annotations


def first_sentence(text: object, limit: int = 90) -> str:
    """The start of a text in words, for a button's spoken name (never an engine code):
    its first sentence, cut at a word within `limit` characters."""
    text = " ".join(str(text or "").split()).replace("_", " ")
    cut = text.find(". ")
    text = text[:cut + 1] if 0 < cut else text
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text
