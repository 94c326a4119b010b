"""Shared helpers of the PDF summary tests."""
from __future__ import annotations

import io
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.json"))
DATA = Path(__file__).resolve().parent / "data"
PASSPHRASE = "correct horse battery staple"


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without any whitespace: wrapped lines and table cells compare equal."""
    return "".join(text.split())
