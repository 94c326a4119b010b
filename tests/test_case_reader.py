"""The one guarded case reader (engine/case_reader.py, clinical-rules.md section 11):
hostile files are refused with one line naming the limit, quickly, and the command
line exits 2 for each (issue 19, problem 3)."""
from __future__ import annotations

import copy
import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from engine import case_reader
from engine.cli import main
from engine.validation import CaseError

REPO = Path(__file__).resolve().parents[1]
BASE = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))


def _case(**changes) -> dict:
    case = copy.deepcopy(BASE)
    case.update(changes)
    return case


def _studies(n: int) -> list:
    return [copy.deepcopy(BASE["imaging"][0]) for _ in range(n)]


def _lesions(n: int) -> list:
    study = copy.deepcopy(BASE["imaging"][0])
    study["lesions"] = [copy.deepcopy(study["lesions"][0]) for _ in range(n)]
    return [study]


def hostile_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, words the refusal must contain). Shared with the desktop and
    draft tests."""
    folder.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    fifo = folder / "fifo.json"
    os.mkfifo(fifo)
    text = json.dumps(BASE).encode()
    return {
        "fifo": (fifo, "FIFO"),
        "dev-zero": (Path("/dev/zero"), "character device"),
        "directory": (folder, "directory"),
        "2-MiB": (put("big.json", b"{" + b" " * (2 * 1024 * 1024) + b"}"), "1 MiB"),
        "21-studies": (put("studies.json", json.dumps(_case(imaging=_studies(21))).encode()),
                       "21 imaging studies given; at most 20"),
        "61-lesions": (put("lesions.json", json.dumps(_case(imaging=_lesions(61))).encode()),
                       "61 lesions in one study given; at most 60"),
        "utf-16": (put("utf16.json", json.dumps(BASE).encode("utf-16")),
                   "UTF-16 (little-endian)"),
        "utf-16-be-no-bom": (put("utf16be.json", json.dumps(BASE).encode("utf-16-be")),
                             "UTF-16 (big-endian)"),
        "utf-32": (put("utf32.json", json.dumps(BASE).encode("utf-32")), "UTF-32"),
        "duplicate-key": (put("dup.json", text.replace(b'{"format"', b'{"locale": "GB", "format"', 1)),
                          'key "locale" twice'),
        "deep-nesting": (put("deep.json", b'{"a":' * 10000 + b"1" + b"}" * 10000),
                         "nested more than 5 levels"),
        "5000-digit-integer": (put("digits.json", text.replace(
            b'"weight_kg": 65', b'"weight_kg": ' + b"9" * 5000)), "5,000-digit integer"),
        "201-char-name": (put("name.json", json.dumps(_case(patient={
            **BASE["patient"], "name": "N" * 201})).encode()), "201 characters long; at most 200"),
        "latin-1": (put("latin1.json", text.replace(b"Vignette", "Vign\u00e9tte".encode("latin-1"))),
                    "Latin-1"),
    }


@pytest.fixture
def hostile(tmp_path):
    return hostile_files(tmp_path / "hostile")


def _refusal(path: Path) -> str:
    with pytest.raises(CaseError) as caught:
        case_reader.read_case(path)
    (problem,) = caught.value.problems  # exactly one line
    return str(problem)


NAMES = ["fifo", "dev-zero", "directory", "2-MiB", "21-studies", "61-lesions", "utf-16",
         "utf-16-be-no-bom", "utf-32", "duplicate-key", "deep-nesting", "5000-digit-integer",
         "201-char-name", "latin-1"]


@pytest.mark.parametrize("name", NAMES)
def test_hostile_file_is_refused_at_once_naming_the_limit(hostile, name):
    path, words = hostile[name]
    started = time.monotonic()
    line = _refusal(path)
    assert time.monotonic() - started < 2, "the reader must never wait or grind"
    assert words in line, line
    assert "\n" not in line


@pytest.mark.parametrize("name", NAMES)
def test_command_line_exits_2_with_one_line(hostile, name, capsys):
    path, words = hostile[name]
    assert main(["evaluate", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_fifo_with_no_writer_never_blocks(tmp_path):
    """A FIFO opened for reading blocks until a writer appears; the reader must not
    even open it. Run in a thread so a regression fails instead of hanging."""
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a FIFO blocked"
    assert "FIFO" in outcome[0]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(BASE).encode())
    assert case_reader.read_case(path).patient.id == BASE["patient"]["id"]


def test_limits_themselves_are_accepted(tmp_path):
    """20 studies, 60 lesions, 200 characters and 15 digits are within the limits."""
    at_limit = _case(imaging=_studies(20))
    at_limit["imaging"][0]["lesions"] = _lesions(60)[0]["lesions"]
    data = case_reader.case_data_from_bytes(json.dumps(at_limit).encode(), "case")
    assert len(data["imaging"]) == 20
    long_name = json.dumps({"name": "N" * 200, "n": 10**14}).encode()
    assert case_reader.load_json_bytes(long_name, "x") == {"name": "N" * 200, "n": 10**14}


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "case.json"
    path.write_bytes(b"{}")
    real_read = os.read
    monkeypatch.setattr(case_reader.os, "read",
                        lambda fd, n: real_read(fd, n) + b" " * case_reader.MAX_FILE_BYTES)
    with pytest.raises(CaseError, match="grew while being read"):
        case_reader.read_bytes(path)


def test_depth_is_measured_without_recursion():
    text = "[" * 200_000 + "]" * 200_000
    assert case_reader.nesting_depth(text, 5) == 6  # stops counting above the limit
    assert case_reader.nesting_depth('{"a": "[[[[[[[[", "b": [1]}', 5) == 2  # strings skipped


def test_the_same_reader_is_behind_engine_read_case_file(hostile):
    import engine

    for name in ("fifo", "21-studies", "deep-nesting"):
        with pytest.raises(CaseError) as caught:
            engine.read_case_file(hostile[name][0])
        assert hostile[name][1] in str(caught.value)


def test_unreadable_file_is_one_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "case.json"
    path.write_text("{}")
    path.chmod(0)
    assert "permission denied" in _refusal(path)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
