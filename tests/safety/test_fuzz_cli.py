"""Fuzzing the command line with malformed case files (hazard HAZ-013 silent failure,
HAZ-011 missing data read as normal).

Documents come from two generators, both written to a file and run through
`engine.cli.main(["evaluate", FILE, "--json"])` in-process:

- from the JSON Schema (`mscc-pathway schema`): documents shaped by the schema, with
  values anywhere in their type's range (so many are implausible), then 0-2 kinds of
  damage;
- by mutation of four complete golden cases vendored in tests/safety/cases/: 1-4
  edits (deleted, retyped, junk or boundary values, unknown keys, lone surrogates,
  control characters, NaN/Infinity, huge numbers, timezone-less or impossible dates),
  then a serialisation that may cut, pad or re-encode the bytes.

Each run must: never print a traceback and exit 0 or 2 only (1 is "internal error");
on 0 print an mscc-assessment/1 and nothing on stderr; on 2 print nothing on stdout
and one line per problem on stderr, each naming a field (`path.to.field: message`) or
saying what is wrong with the file (`error: FILE is not valid JSON ...`).

Profiles: the default runs 250 + 300 examples; HYPOTHESIS_PROFILE=long runs 5000 +
5000. Counts of the last run: .pytest_cache/fuzz-cli.json."""
from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import tempfile
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from engine.cli import main

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "cases").glob("*.json"))]

LONG = (os.environ.get("HYPOTHESIS_PROFILE") or "").lower() == "long"
SCHEMA_EXAMPLES = 5000 if LONG else 250
MUTATION_EXAMPLES = 5000 if LONG else 300
# Own profile names (test_properties.py registers "ci"/"long"; profiles are global).
settings.register_profile("fuzz-cli", deadline=None, print_blob=True, derandomize=not LONG,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
BASE = settings.get_profile("fuzz-cli")

STATS: Counter = Counter()
WORKDIR = Path(tempfile.mkdtemp(prefix="mscc-fuzz-"))

# A problem line names a field path ("labs.calcium.value: ...", "imaging.0.lesions.1.level:
# ...", unknown keys quoted as the engine shows them) or starts with "error: " for the
# file as a whole.
FIELD_LINE = re.compile(r"^(?:[^\s:][^:]*?): \S")
FILE_PROBLEM = re.compile(
    r"^error: .*(is empty|not valid JSON|not UTF-8|must be a JSON object|twice in one object|"
    r"nested too deeply|not usable JSON|cannot be read|does not exist|is a directory|"
    r"is UTF-(?:16|32) \(|holds a list|nested more than|at most .* (?:are|digits are) accepted|"
    r"holds a NUL byte|bytes \(1 MiB\) are read)")


# Known engine issue (see test_unknown_key_that_is_empty_or_has_a_colon_is_named): an
# unknown key "" at the top level is reported as "error: unknown field ..." and a key
# containing ":" gives a line like "0:: unknown field" or ":0: unknown field". Counted, not failed, while the xfail
# test tracks it.
KNOWN_UNNAMED_KEY = re.compile(r"^(?:error|[^ ]*:[^ ]*): unknown field")


def schema() -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())


SCHEMA = schema()


# --- running one document ------------------------------------------------------------------

def run_cli(data: bytes) -> tuple[int, str, str]:
    path = WORKDIR / "case.json"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["evaluate", str(path), "--json"])
    return code, out.getvalue(), err.getvalue()


def check(data: bytes, kind: str) -> None:
    code, out, err = run_cli(data)
    STATS[f"{kind}:examples"] += 1
    STATS[f"{kind}:exit_{code}"] += 1
    note(f"exit {code}; stderr: {err[:2000]!r}")
    assert "Traceback" not in err and "internal error" not in err, err[-3000:]
    assert code in (0, 2), f"exit {code}"
    if code == 0:
        assert err == ""
        assert json.loads(out)["format"] == "mscc-assessment/1"
        return
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.strip() for line in lines), repr(err)
    for line in lines:
        STATS[f"{kind}:problem_lines"] += 1
        if KNOWN_UNNAMED_KEY.match(line):   # tracked by the strict xfail test below
            STATS[f"{kind}:known_issue_unnamed_key"] += 1
            continue
        if line.startswith("error: "):
            assert FILE_PROBLEM.match(line), f"file-level message says nothing useful: {line!r}"
        else:
            assert FIELD_LINE.match(line), f"problem line names no field: {line!r}"
            assert len(line.split(": ", 1)[1].strip()) >= 5, f"no message: {line!r}"


# --- strategies: values --------------------------------------------------------------------

JUNK_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["", " ", "yes", "no", "n", "off", "true", "1", "0", "null", "NaN",
                     "\x00", "\ud800", "\u202e\u0644", "é", "x" * 5000, "line\nbreak",
                     "2026-03-10T10:00:00", "2026-02-30T10:00:00+00:00",
                     "2099-01-01T00:00:00+00:00", "10/03/2026", "mmol/l", "mg/dl"]),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324, -0.0, 10 ** 400, 2 ** 63, 0.1 + 0.2]),
)
JUNK = st.recursive(JUNK_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6)


def iso_datetime():
    return st.builds(
        lambda y, mo, d, h, mi, off: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00{off}",
        st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
        st.integers(0, 59), st.sampled_from(["+00:00", "Z", "+05:30", "-09:30", "", "+14:00"]))


def iso_date():
    return st.builds(lambda y, mo, d: f"{y:04d}-{mo:02d}-{d:02d}", st.integers(1900, 2030),
                     st.integers(1, 12), st.integers(1, 31))


def resolve(node: dict) -> dict:
    ref = node.get("$ref")
    return SCHEMA["$defs"][ref.rsplit("/", 1)[1]] if ref else node


def from_schema(node: dict, depth: int = 0) -> st.SearchStrategy:
    node = resolve(node)
    if "anyOf" in node:
        return st.one_of([from_schema(n, depth) for n in node["anyOf"]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        required = set(node.get("required", []))
        return st.fixed_dictionaries(
            {k: from_schema(v, depth + 1) for k, v in props.items() if k in required},
            optional={k: from_schema(v, depth + 1) for k, v in props.items() if k not in required})
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), depth + 1), max_size=3 if depth < 3 else 1)
    if kind == "string":
        fmt = node.get("format")
        if fmt == "date-time":
            return iso_datetime()
        if fmt == "date":
            return iso_date()
        return st.text(max_size=16)
    if kind == "number":
        return st.one_of(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
                         st.integers(-100, 3000))
    if kind == "integer":
        return st.integers(-3, 150)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return JUNK


# --- damage --------------------------------------------------------------------------------

def paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from paths(v, prefix + (i,))


def get(doc, path):
    for p in path:
        doc = doc[p]
    return doc


@st.composite
def damaged(draw, doc, edits=st.integers(1, 4)):
    doc = copy.deepcopy(doc)
    for _ in range(draw(edits)):
        all_paths = list(paths(doc))[1:]
        root = not all_paths or draw(st.integers(0, 19)) == 19   # the whole document: rarely
        path = () if root else draw(st.sampled_from(all_paths))
        op = draw(st.sampled_from(["delete", "junk", "unknown_key", "retype", "wrap", "null",
                                   "boundary"]))
        if not path:
            if op in ("junk", "wrap"):
                doc = draw(JUNK) if op == "junk" else [doc]
                STATS["damage:root"] += 1
            continue
        parent, key = get(doc, path[:-1]), path[-1]
        STATS[f"damage:{op}"] += 1
        if op == "delete":
            del parent[key]
        elif op == "junk":
            parent[key] = draw(JUNK)
        elif op == "unknown_key" and isinstance(get(doc, path), dict):
            get(doc, path)[draw(st.sampled_from(["calcium_value", "Locale", "notes", " ", "",
                                                 "weight_lbs", "\ud800", "a.b"]))] = draw(JUNK)
        elif op == "retype":
            value = parent[key]
            parent[key] = draw(st.sampled_from([str(value), [value], {"value": value}, 1, 0,
                                                "true", True]))
        elif op == "wrap":
            parent[key] = [parent[key]]
        elif op == "null":
            parent[key] = None
        elif op == "boundary":
            parent[key] = draw(st.sampled_from([0, -0.0, -1, 1e308, 10 ** 400, 2 ** 53 + 1,
                                                float("nan"), float("inf"), 6.0000001, 2000.5,
                                                "\ud800", "", "\x07"]))
    return doc


def serialise(draw, doc) -> bytes:
    how = draw(st.sampled_from(["plain", "plain", "plain", "indent", "ascii", "truncate",
                                "bom", "utf16", "duplicate", "trailing", "deep", "empty"]))
    STATS[f"serialise:{how}"] += 1
    text = json.dumps(doc, ensure_ascii=how == "ascii", indent=2 if how == "indent" else None)
    if how == "truncate":
        data = text.encode("utf-8", "surrogatepass")
        return data[: draw(st.integers(0, max(0, len(data) - 1)))]
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "utf16":
        return text.encode("utf-16", "surrogatepass")
    if how == "duplicate" and text.startswith("{") and len(text) > 2:
        return ('{"locale": "GB", ' + text[1:]).encode("utf-8", "surrogatepass")
    if how == "trailing":
        return (text + draw(st.sampled_from([",", "}", " garbage", "\x00", "\n\n"]))).encode(
            "utf-8", "surrogatepass")
    if how == "deep":
        n = draw(st.sampled_from([50, 1000, 100_000]))
        return ("[" * n + "]" * n).encode()
    if how == "empty":
        return draw(st.sampled_from([b"", b"   \n", b"\xff\xfe", b"null", b"0"]))
    return text.encode("utf-8", "surrogatepass")


@st.composite
def schema_documents(draw):
    doc = draw(from_schema(SCHEMA))
    if draw(st.booleans()):
        doc = draw(damaged(doc, edits=st.integers(1, 2)))
    return serialise(draw, doc)


@st.composite
def mutated_golden_cases(draw):
    seed = draw(st.sampled_from(SEEDS))
    return serialise(draw, draw(damaged(seed)))


# --- tests --------------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def fuzz_report():
    yield
    report = {"profile": "long" if LONG else "ci", **dict(sorted(STATS.items()))}
    out = REPO / ".pytest_cache" / "fuzz-cli.json"
    try:
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(report, indent=1))
    except OSError:
        pass
    print(f"\nfuzz-cli: {report}")


def test_seed_cases_are_valid_and_assess():
    assert len(SEEDS) >= 3
    for seed in SEEDS:
        code, out, err = run_cli(json.dumps(seed).encode())
        assert (code, err) == (0, ""), err


@settings(BASE, max_examples=SCHEMA_EXAMPLES)
@given(schema_documents())
def test_documents_from_the_schema_never_crash_the_command_line(data):
    check(data, "schema")


@settings(BASE, max_examples=MUTATION_EXAMPLES)
@given(mutated_golden_cases())
def test_mutated_golden_cases_never_crash_the_command_line(data):
    check(data, "mutation")


def test_enough_examples_ran():
    """At least 500 generated documents in the default profile (counted, not assumed)."""
    ran = STATS["schema:examples"] + STATS["mutation:examples"]
    if ran == 0:
        pytest.skip("the fuzz tests were not run in this session")
    assert ran >= 500, STATS


@pytest.mark.parametrize("key", ["", ":", ":0"])
def test_unknown_key_that_is_empty_or_has_a_colon_is_named(key):
    code, out, err = run_cli(json.dumps({key: None}).encode())
    assert code == 2
    line = next(l for l in err.splitlines() if "unknown field" in l)
    assert line.startswith(json.dumps(key) + ": unknown field"), line
