"""Fuzz every case reader with generated hostile files (issue 19, problem 6):

    .venv/bin/python tools/fuzz_readers.py [--files 10000] [--seed 19]

Each generated file goes through every path that reads a case:
  cli        `mscc-pathway evaluate FILE --json` (engine.cli.main, in-process)
  desktop    desktop.case_files.open_case_file (the desktop's Open; no Qt needed)
  draft      desktop.drafts.DraftStore._read of the same bytes wrapped as a draft
             (and raw, as a damaged draft file)
  embedded   engine.case_reader.case_from_bytes (how a summary's case.json is read)
  pdf        one file in 20 is also embedded in an unsigned summary PDF and opened
             with engine.report.reopen (the whole reopen path)

Outcomes are counted; a traceback (any exception other than the readers' own
refusals) or a run longer than 5 s (a hang) is a failure. The generator mixes valid
cases, mutated cases (deep nesting, huge numbers, long strings, many studies and
lesions, duplicate keys, other encodings, BOMs, NUL bytes, truncation, junk) and
special files (FIFO, directory, /dev/zero symlink). Prints figures; exit 1 on any
traceback or hang. tests/safety/test_fuzz_readers.py runs a smaller Hypothesis
version in the suite."""
from __future__ import annotations

import argparse
import copy
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
HANG_SECONDS = 10  # far above the slowest reader seen (see "slowest" in the figures)
SEEDS = [json.loads(p.read_text(encoding="utf-8"))
         for p in sorted((REPO / "tests" / "safety" / "cases").glob("*.json"))] or \
    [json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))]


# --- generating ----------------------------------------------------------------------

def _paths(doc, prefix=()):
    yield prefix
    if len(prefix) > 12:  # the generator's own nesting stays bounded
        return
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


def _set(doc, path, value):
    if not path:
        return value
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return doc


JUNK = [None, True, 0, -1, 10**15, 10**16, 1e308, -0.0, "", "x" * 200, "x" * 201,
        "\u0000", "\ud800", [], {}, [[[[[]]]]], {"a": {"b": {"c": {}}}}, "NaN", 3.5]


def mutate(rng: random.Random, doc):
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 4)):
        paths = list(_paths(doc))
        path = rng.choice(paths)
        kind = rng.random()
        if kind < 0.4:
            doc = _set(doc, path, rng.choice(JUNK))
        elif kind < 0.55 and isinstance(doc, dict) and isinstance(doc.get("imaging"), list) \
                and doc["imaging"]:
            study = doc["imaging"][0]
            doc["imaging"] = [copy.deepcopy(study) for _ in range(rng.choice([19, 20, 21, 40]))]
            if isinstance(study, dict) and isinstance(study.get("lesions"), list) \
                    and study["lesions"]:
                doc["imaging"][0]["lesions"] = study["lesions"] * rng.choice([59, 60, 61])
        elif kind < 0.7:
            doc = _set(doc, path, "é" * rng.choice([199, 200, 201, 5000]))
        elif kind < 0.85:
            nest = {}
            for _ in range(rng.choice([3, 4, 6, 50])):
                nest = {"x": nest}
            doc = _set(doc, path, nest)
        elif isinstance(doc, dict):
            doc[rng.choice(["extra", "", "a.b", "x" * 300])] = rng.choice(JUNK)
    return doc


def serialise(rng: random.Random, doc) -> bytes:
    try:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.3, allow_nan=True)
    except (ValueError, RecursionError):
        text = "{}"
    data = text.encode("utf-8", "surrogatepass")
    kind = rng.random()
    if kind < 0.06:
        data = b"\xef\xbb\xbf" + data
    elif kind < 0.10:
        data = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]),
                           "surrogatepass")
    elif kind < 0.14:
        data = data[: rng.randrange(len(data) + 1)]
    elif kind < 0.17:
        data = data.replace(b"{", b"{" + b'"format": "x", ', 1)  # a duplicate key
    elif kind < 0.20:
        digits = rng.choice([15, 16, 400, 5000])
        data = data.replace(b"{", b'{"n": ' + b"9" * digits + b", ", 1)
    elif kind < 0.23:
        depth = rng.choice([5, 6, 1000, 10000])
        data = b"[" * depth + b"]" * depth
    elif kind < 0.25:
        data = b'{"a":' * 10000 + b"1" + b"}" * 10000
    elif kind < 0.27:
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    elif kind < 0.29:
        pos = rng.randrange(len(data) + 1)
        data = data[:pos] + b"\x00" + data[pos:]
    elif kind < 0.30:
        data = b"{" + b" " * (1024 * 1024) + b"}"
    return data


def generate(rng: random.Random, folder: Path, index: int) -> Path:
    path = folder / f"f{index}.json"
    special = rng.random()
    if special < 0.004:
        os.mkfifo(path)
        return path
    if special < 0.006:
        path.mkdir()
        return path
    if special < 0.008:
        path.symlink_to("/dev/zero")
        return path
    doc = rng.choice(SEEDS)
    if rng.random() < 0.85:
        doc = mutate(rng, doc)
    path.write_bytes(serialise(rng, doc))
    return path


# --- running -------------------------------------------------------------------------

class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def _readers():
    from desktop.case_files import CaseFileError, open_case_file
    from desktop.drafts import DRAFT_FORMAT, DraftStore, case_checksum
    from engine import case_reader
    from engine.cli import main
    from engine.validation import CaseError

    def cli(path: Path, _raw):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["evaluate", str(path), "--json"])
        if code not in (0, 2) or "Traceback" in err.getvalue():
            raise AssertionError(f"exit {code}: {err.getvalue()[-500:]}")
        if code == 2 and not err.getvalue().strip():
            raise AssertionError("exit 2 without a message")
        return f"exit_{code}"

    def desktop(path: Path, _raw):
        try:
            open_case_file(path)
        except CaseFileError as exc:
            if not exc.problems:
                raise AssertionError("refused without a problem") from None
            return "refused"
        return "opened"

    def draft(path: Path, raw):
        folder = path.parent / "drafts"
        folder.mkdir(exist_ok=True)
        outcomes = []
        for name, data in (("wrapped", raw), ("raw", None)):
            target = folder / "draft-x.json"
            if data is not None:
                if len(data) > 2 * 1024 * 1024:
                    continue  # wrapping it would time this harness, not the reader
                try:
                    case = json.loads(data)
                except Exception:
                    case = None
                if not isinstance(case, dict):
                    continue
                target.write_bytes(json.dumps({"format": DRAFT_FORMAT, "case": case,
                                               "case_sha256": case_checksum(case)},
                                              ensure_ascii=False).encode("utf-8", "surrogatepass"))
                source = target
            else:
                source = path
            try:
                DraftStore._read(source)
                outcomes.append(f"{name}_offered")
            except (OSError, ValueError):
                outcomes.append(f"{name}_set_aside")
        return "+".join(outcomes)

    def embedded(_path: Path, raw):
        if raw is None:
            return "not_a_file"
        try:
            case_reader.case_from_bytes(raw, "case.json")
        except CaseError:
            return "refused"
        return "accepted"

    return {"cli": cli, "desktop": desktop, "draft": draft, "embedded": embedded}


def _pdf_reader():
    from engine.report import embed, render_summary
    from engine.report.reopen import reopen_summary
    from engine.validation import CaseError

    base = SEEDS[0]
    import engine

    template = render_summary(base, engine.assess(base))

    def pdf(path: Path, raw):
        """The bytes as the embedded case of an unsigned summary (hash recorded)."""
        if raw is None:
            return "not_a_file"
        import hashlib

        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(io.BytesIO(template))
        writer = PdfWriter(clone_from=reader)
        writer._root_object.pop("/Names", None)
        writer.add_attachment("case.json", raw)
        writer.add_attachment("assessment.json", b"{}")
        writer.add_metadata({embed.META_CASE_SHA256: hashlib.sha256(raw).hexdigest()})
        out = io.BytesIO()
        writer.write(out)
        target = path.with_suffix(".pdf")
        target.write_bytes(out.getvalue())
        try:
            reopen_summary(target)
        except CaseError:
            return "refused"
        return "opened"

    return pdf


def run(files: int, seed: int = 19, pdf_every: int = 20) -> dict:
    os.environ.setdefault("MSCC_PATHWAY_SITE_CONFIG", "")
    rng = random.Random(seed)
    readers = _readers()
    pdf = _pdf_reader()
    stats: Counter = Counter()
    failures: list[str] = []
    slowest: list = [0.0, ""]
    old = signal.signal(signal.SIGALRM, _alarm)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mscc-fuzz-readers-") as tmp:
        folder = Path(tmp)
        for i in range(files):
            sub = folder / f"r{i % 50}"
            sub.mkdir(exist_ok=True)
            path = generate(rng, sub, i)
            try:
                raw = path.read_bytes() if path.is_file() and not path.is_symlink() else None
            except OSError:
                raw = None
            chosen = dict(readers)
            if i % pdf_every == 0:
                chosen["pdf"] = pdf
            for name, reader in chosen.items():
                t0 = time.perf_counter()
                signal.alarm(HANG_SECONDS)
                try:
                    try:
                        outcome = reader(path, raw)
                    finally:
                        signal.alarm(0)
                    took = time.perf_counter() - t0
                    if took > slowest[0]:
                        slowest[:] = [took, f"{name} on f{i}"]
                    stats[f"{name}:{outcome}"] += 1
                    stats[f"{name}:runs"] += 1
                except Hang:
                    stats["hangs"] += 1
                    failures.append(f"{path.name} {name}: no answer in {HANG_SECONDS} s")
                except Exception:
                    stats["tracebacks"] += 1
                    failures.append(f"{path.name} {name}: {traceback.format_exc()[-800:]}")
            _cleanup(path)
    signal.signal(signal.SIGALRM, old)
    stats["files"] = files
    stats.setdefault("tracebacks", 0)
    stats.setdefault("hangs", 0)
    return {"stats": dict(sorted(stats.items())), "failures": failures[:20],
            "seconds": round(time.monotonic() - started, 1),
            "slowest": f"{slowest[0] * 1000:.0f} ms ({slowest[1]})"}


def _cleanup(path: Path) -> None:
    for p in (path, path.with_suffix(".pdf")):
        try:
            if p.is_dir() and not p.is_symlink():
                p.rmdir()
            else:
                p.unlink()
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    os.environ.setdefault("MSCC_PATHWAY_SYSLOG", "off")
    result = run(args.files, args.seed)
    for key, value in result["stats"].items():
        print(f"{key:>28}: {value}")
    print(f"{'seconds':>28}: {result['seconds']}")
    print(f"{'slowest single read':>28}: {result['slowest']}")
    for failure in result["failures"]:
        print("FAILURE:", failure)
    return 1 if result["stats"]["tracebacks"] or result["stats"]["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
