"""Application resources (style sheet, icons). `DIR` is this package's directory."""
from __future__ import annotations

from pathlib import Path

DIR = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    return DIR.joinpath(*parts)


def stylesheet() -> str:
    return path("style.qss").read_text(encoding="utf-8")
