"""Reading and writing case files. A file is loaded whole or not at all: any JSON,
format or engine validation problem is reported as a list and nothing is loaded.
Every read goes through the engine's one guarded reader (engine.case_reader: regular
file, 1 MiB, UTF-8, section 11 limits); a summary PDF is verified first and its case
taken from the signed revision (engine.report.reopen). No Qt here."""
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


@dataclass(frozen=True)
class OpenedCase:
    case: dict
    warning: str | None = None  # for the provenance banner (unsigned, signer not verified)


def read_case_file(path: Path) -> dict:
    return open_case_file(path).case


def open_case_file(path: Path) -> OpenedCase:
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return _case_from_pdf(path)
    from engine.case_reader import read_case_data
    from engine.validation import CaseError

    try:
        case = read_case_data(path)
    except CaseError as exc:
        raise CaseFileError(path.name, _problems(exc)) from None
    validate_case(path.name, case)
    return OpenedCase(case)


def _problems(exc) -> list[FileProblem]:
    return [FileProblem(p.path, p.message) for p in exc.problems]


def _case_from_pdf(path: Path) -> OpenedCase:
    try:
        from engine.report.reopen import reopen_summary
    except ImportError:
        raise FeatureUnavailable("Opening a PDF summary is not available in this build.")
    from engine.validation import CaseError

    try:
        opened = reopen_summary(path)
    except CaseError as exc:
        raise CaseFileError(path.name, _problems(exc)) from None
    return OpenedCase(opened.data, opened.warning)


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
