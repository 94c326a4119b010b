"""Reading and writing case files. A file is loaded whole or not at all: any JSON,
format or engine validation problem is reported as a list and nothing is loaded.
No Qt here."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop.atomic import atomic_write_bytes
from desktop.case_model import CASE_FORMAT


@dataclass(frozen=True)
class FileProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseFileError(Exception):
    def __init__(self, filename: str, problems: list[FileProblem]):
        super().__init__(f"{filename}: {len(problems)} problem(s)")
        self.filename = filename
        self.problems = problems


class FeatureUnavailable(Exception):
    """A part of the app written elsewhere (e.g. PDF reading) is not in this build."""


def read_case_file(path: Path) -> dict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CaseFileError(path.name, [FileProblem("", f"cannot read the file: {exc.strerror}")])
    if path.suffix.lower() == ".pdf":
        case = _case_from_pdf(path.name, data)
    else:
        case = _case_from_json(path.name, data)
    validate_case(path.name, case)
    return case


def _case_from_json(name: str, data: bytes) -> dict:
    try:
        case = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CaseFileError(name, [FileProblem("", "the file is not UTF-8 text")])
    except json.JSONDecodeError as exc:
        raise CaseFileError(name, [FileProblem("", f"not valid JSON (line {exc.lineno}, "
                                                   f"column {exc.colno}: {exc.msg})")])
    return case


def _case_from_pdf(name: str, data: bytes) -> dict:
    try:
        from engine.report import extract_case
    except ImportError:
        raise FeatureUnavailable("Opening a PDF summary is not available in this build.")
    try:
        case = extract_case(data)
    except Exception as exc:  # the PDF reader's own errors: report, load nothing
        raise CaseFileError(name, [FileProblem("", f"no case could be read from this PDF "
                                                   f"({type(exc).__name__}: {exc})")])
    return case


def validate_case(name: str, case: object) -> None:
    if not isinstance(case, dict):
        raise CaseFileError(name, [FileProblem("", "the file does not hold a case object")])
    if case.get("format") != CASE_FORMAT:
        raise CaseFileError(name, [FileProblem("format", f"expected {CASE_FORMAT!r}, found "
                                                         f"{case.get('format')!r}")])
    import engine

    try:
        engine.parse_case(case)
    except engine.CaseError as exc:
        raise CaseFileError(name, [FileProblem(p.path, p.message) for p in exc.problems])


def write_case_file(path: Path, case: dict) -> None:
    data = json.dumps(case, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    atomic_write_bytes(Path(path), data)
