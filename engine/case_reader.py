"""The one guarded reader of a case, used by every path that takes a case in: the
command line (`evaluate`, `report`), the desktop's Open, the case embedded in a
signed summary, drafts and the draft recovery scan.

It enforces clinical-rules.md section 11 (input limits) BEFORE anything is parsed,
so a hostile or broken file costs at most 1 MiB of memory and a bounded amount of
work, never a hang or a traceback:

1. the path must name a regular file (a directory, FIFO, socket or device is
   refused by its kind), opened without blocking (O_NONBLOCK) and checked again
   with fstat after opening (the name may have been swapped in between);
2. at most 1 MiB is read (one byte more is read only to know it is too long);
3. the bytes must be UTF-8, with an optional byte order mark; UTF-16 and UTF-32
   (by their byte order marks or by the NUL-byte pattern of JSON text in them) are
   refused by name;
4. the JSON nesting is measured before the JSON parser runs (no RecursionError);
   duplicate keys, integers longer than 15 digits, number literals longer than
   40 characters, strings and keys over 200 characters, more than 20 imaging studies
   and more than 60 lesions in one study are refused;
5. then the case model (engine.validation.parse_case) validates the fields.

Every refusal is an engine.validation.CaseError holding one Problem: one line that
names the file, the field when there is one, and the limit. The command line
prints it and exits 2."""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from engine.validation import CaseError, Problem

MAX_FILE_BYTES = 1024 * 1024          # section 11: a case is a few kilobytes
MAX_STRING_CHARS = 200                # section 11: patient name and id included
MAX_STUDIES = 20
MAX_LESIONS = 60
MAX_EARLIER_EXAMS = 50                # a project addition: serial examinations of one episode
MAX_INTEGER_DIGITS = 15               # every count and value in a case has < 6
MAX_NUMBER_CHARS = 40
# case {} > imaging [] > study {} > lesions [] > lesion {}: the deepest the format goes.
CASE_DEPTH = 5
SECTION = "clinical-rules.md section 11"

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)   # Windows: no newline translation

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class InputLimitError(CaseError):
    """The input breaks one of the section 11 limits (or is not readable text)."""


def _refuse(name: str, message: str, path: str = "") -> InputLimitError:
    """One problem: at a field (`path`), or about the file `name` as a whole."""
    if path:
        return InputLimitError([Problem(path, message)])
    return InputLimitError([Problem("", f"{name} {message}" if name else message)])


def _kind(mode: int) -> str:
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


# --- 1 and 2: the bytes --------------------------------------------------------------

def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES, what: str = "case file"
               ) -> bytes:
    """At most `limit` bytes of a regular file, never blocking. Raises InputLimitError."""
    name = str(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise _refuse(name, "does not exist") from None
    except PermissionError:
        raise _refuse(name, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise _refuse(name, f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(before.st_mode):
        # Refused before open(): opening some devices has side effects.
        raise _refuse(name, f"is {_kind(before.st_mode)}, not a {what}; only a regular "
                            f"file is read ({SECTION})")
    if before.st_size > limit:
        raise _refuse(name, _too_big(before.st_size, limit))
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | _O_BINARY)
    except PermissionError:
        raise _refuse(name, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise _refuse(name, f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for something else since the stat
            raise _refuse(name, f"is {_kind(st.st_mode)}, not a {what}; only a regular "
                                f"file is read ({SECTION})")
        chunks, total = [], 0
        while total <= limit:
            try:
                chunk = os.read(fd, limit + 1 - total)
            except BlockingIOError:  # cannot happen on a regular file; never wait
                break
            except OSError as exc:
                raise _refuse(name, f"cannot be read ({exc.strerror or exc})") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _refuse(name, _too_big(None, limit))
    return data


def _too_big(size: int | None, limit: int) -> str:
    have = f"is {size:,} bytes" if size is not None else "grew while being read to more than the limit"
    return (f"{have}; at most {limit:,} bytes ({limit / 1048576:g} MiB) are read "
            f"({SECTION}; a case is a few kilobytes)")


# --- 3: the text ------------------------------------------------------------------------

_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def _other_encoding(raw: bytes) -> str | None:
    """The name of a Unicode encoding other than UTF-8, by its byte order mark or by
    the NUL pattern JSON text has in it (RFC 4627 section 3)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:4]
    if len(head) == 4:
        zeros = tuple(b == 0 for b in head)
        if zeros == (True, True, True, False):
            return "UTF-32 (big-endian)"
        if zeros == (False, True, True, True):
            return "UTF-32 (little-endian)"
        if zeros == (True, False, True, False):
            return "UTF-16 (big-endian)"
        if zeros == (False, True, False, True):
            return "UTF-16 (little-endian)"
    elif len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16 (big-endian)" if head[0] == 0 else "UTF-16 (little-endian)"
    return None


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text with an optional byte order mark; anything else refused by name."""
    other = _other_encoding(raw)
    if other:
        raise _refuse(name, f"is {other} text; a case must be saved as UTF-8 ({SECTION})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        hint = (" (it looks like Latin-1 or Windows-1252)" if 0x80 <= bad <= 0xFF else "")
        raise _refuse(name, f"is not UTF-8 text: byte 0x{bad:02X} at offset {exc.start} "
                            f"cannot start or continue a UTF-8 character{hint}; save the "
                            "file as UTF-8") from None
    if "\x00" in text:
        raise _refuse(name, f"holds a NUL byte at offset {text.index(chr(0))}: not a "
                            "text file")
    if not text.strip():
        raise _refuse(name, "is empty")
    return text


# --- 4: the JSON ------------------------------------------------------------------------

# A JSON string (escapes included) or one bracket. Used only to measure the nesting;
# the JSON parser still checks the syntax.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)


def nesting_depth(text: str, stop_above: int) -> int:
    """The deepest nesting of objects and lists in `text` (stops counting once it is
    above `stop_above`). Linear, without recursion."""
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        ch = match.group()[0]
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_above:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


class _Refused(Exception):
    def __init__(self, message: str):
        self.message = message


def _object(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"has the key {_quoted(key)} twice in one object; which value "
                           f"is meant is ambiguous ({SECTION})")
        out[key] = value
    return out


class _TooLong:
    """A number literal over the limit, kept unconverted (int() of 5,000 digits raises,
    and costs time) until check_limits names its field."""

    def __init__(self, message: str):
        self.message = message


def _integer(literal: str) -> int | _TooLong:
    digits = len(literal.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        return _TooLong(f"is a {digits:,}-digit integer; at most {MAX_INTEGER_DIGITS} digits "
                        f"are accepted ({SECTION})")
    return int(literal)


def _float(literal: str) -> float | _TooLong:
    if len(literal) > MAX_NUMBER_CHARS:
        return _TooLong(f"is a number written with {len(literal):,} characters; at most "
                        f"{MAX_NUMBER_CHARS} are accepted ({SECTION})")
    return float(literal)


def _quoted(key: str) -> str:
    text = json.dumps(key, ensure_ascii=True)
    return text if len(text) <= 62 else text[:60] + '..."'


def parse_json(text: str, name: str, max_depth: int = CASE_DEPTH) -> Any:
    """Decode JSON text under the section 11 limits (depth, duplicate keys, numbers).
    The size and encoding limits are read_bytes' and decode_text's."""
    if text.lstrip().startswith("["):  # before the depth, which a wrapped case also breaks
        raise _refuse(name, "holds a list; the case must be a JSON object")
    depth = nesting_depth(text, max_depth)
    if depth > max_depth:
        raise _refuse(name, f"is nested more than {max_depth} levels deep; a case is at most "
                            f"{max_depth} ({SECTION})")
    try:
        # NaN and Infinity are decoded so that the case model names their field.
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer,
                          parse_float=_float)
    except _Refused as exc:
        raise _refuse(name, exc.message) from None
    except json.JSONDecodeError as exc:
        raise _refuse(name, f"is not valid JSON: {exc.msg} at line {exc.lineno} column "
                            f"{exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # defence in depth: never a traceback
        raise _refuse(name, f"is not usable JSON ({type(exc).__name__})") from None


def check_limits(data: Any, name: str, base: str = "") -> None:
    """Study and lesion counts and string lengths of a decoded case (iterative: the
    depth was bounded before parsing, but no recursion is needed here either)."""
    if isinstance(data, dict):
        studies = data.get("imaging")
        if isinstance(studies, list) and len(studies) > MAX_STUDIES:
            raise _refuse(name, f"{len(studies)} imaging studies given; at most {MAX_STUDIES} are "
                                f"accepted ({SECTION})", _join(base, "imaging"))
        exams = data.get("earlier_neuro_exams")
        if isinstance(exams, list) and len(exams) > MAX_EARLIER_EXAMS:
            raise _refuse(name, f"{len(exams)} earlier examinations given; at most "
                                f"{MAX_EARLIER_EXAMS} are accepted",
                          _join(base, "earlier_neuro_exams"))
        for i, study in enumerate(studies if isinstance(studies, list) else []):
            lesions = study.get("lesions") if isinstance(study, dict) else None
            if isinstance(lesions, list) and len(lesions) > MAX_LESIONS:
                raise _refuse(name, f"{len(lesions)} lesions in one study given; at most "
                                    f"{MAX_LESIONS} are accepted ({SECTION})",
                              _join(base, f"imaging.{i}.lesions"))
    stack: list[tuple[str, Any]] = [(base, data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if len(key) > MAX_STRING_CHARS:
                    raise _refuse(name, f"holds a key of {len(key):,} characters; at most "
                                        f"{MAX_STRING_CHARS} are accepted ({SECTION})", path)
                stack.append((_join(path, _segment(key)), value))
        elif isinstance(node, list):
            stack.extend((_join(path, str(i)), v) for i, v in enumerate(node))
        elif isinstance(node, _TooLong):
            raise _refuse(name, node.message, path or "(the whole document)")
        elif isinstance(node, str) and len(node) > MAX_STRING_CHARS:
            raise _refuse(name, f"is {len(node):,} characters long; at most "
                                f"{MAX_STRING_CHARS} are accepted ({SECTION})", path)


def _segment(key: str) -> str:
    if key and not any(c in ".:" or c.isspace() or ord(c) < 32 for c in key):
        return key
    return _quoted(key)


def _join(base: str, part: str) -> str:
    return f"{base}.{part}" if base else part


# --- the whole reader ---------------------------------------------------------------------

def load_json_bytes(raw: bytes, name: str, max_depth: int = CASE_DEPTH) -> Any:
    """Bytes (at most 1 MiB) to a decoded document under every section 11 limit; the
    study and lesion counts apply to a case's own fields (see check_limits)."""
    if len(raw) > MAX_FILE_BYTES:
        raise _refuse(name, _too_big(len(raw), MAX_FILE_BYTES))
    data = parse_json(decode_text(raw, name), name, max_depth)
    check_limits(data, name)
    return data


def case_data_from_bytes(raw: bytes, name: str) -> dict:
    """A decoded case document that passed every section 11 limit (not yet validated
    by the case model)."""
    return load_json_bytes(raw, name)


def case_from_bytes(raw: bytes, name: str):
    """The validated Case (engine.models.case) from bytes, e.g. a PDF's case.json."""
    from engine.validation import parse_case

    return parse_case(case_data_from_bytes(raw, name))


def read_case_data(path: str | Path) -> dict:
    """A case file's decoded document, within the limits (for a caller that validates
    it itself, like the desktop, which keeps the dict)."""
    return case_data_from_bytes(read_bytes(path), str(path))


def read_case(path: str | Path):
    """The validated Case of a case file. Raises CaseError (InputLimitError for a
    section 11 limit) with one line per problem."""
    from engine.validation import parse_case

    return parse_case(read_case_data(path))


__all__ = ["MAX_FILE_BYTES", "MAX_STRING_CHARS", "MAX_STUDIES", "MAX_LESIONS",
           "MAX_INTEGER_DIGITS", "CASE_DEPTH", "InputLimitError", "read_bytes",
           "decode_text", "parse_json", "check_limits", "load_json_bytes",
           "case_data_from_bytes", "case_from_bytes", "read_case_data", "read_case"]
