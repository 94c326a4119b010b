"""Kill test of the export (issue 19, problem 5): no PDF without its audit entry, and
no torn PDF, when the process is killed (SIGKILL) at a random moment of an export.

    .venv/bin/python tools/export_kill.py [--runs 200] [--seed 19]

The parent imports everything once (engine, reportlab, pyHanko) and creates one
signing identity; each run forks a child that calls the app's own export
(engine.report.export.export_summary, signed) and is SIGKILLed after a random delay
spread over the export (30-180 % of a warm export: a forked child is slower, and
about half the runs should reach the audit entry and the rename).
After each run the destination is checked:

- unaudited: a PDF at the destination whose SHA-256 is not in an export entry of the
  audit log;
- torn: a PDF at the destination that does not verify (intact, whole file);
and at the end the audit chain must be intact. Leftover temp files (a kill between
staging and publishing; they never carry the final name) are counted too.

Prints the figures and exits 1 when any PDF is unaudited or torn or the chain broke.
tests/safety/test_export_kill.py runs a few of the same runs in the suite."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PASSPHRASE = "kill test passphrase"


def _setup(work: Path):
    import engine
    from engine.report.signing import create_identity

    case = json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))
    ident = create_identity("Dr Kill Test", "GMC 0000019", PASSPHRASE, work / "kill.p12")
    assessment = engine.assess(case)
    return case, assessment, ident


def _export(case, assessment, ident, out: Path, log: Path) -> None:
    from engine.report.export import export_summary

    export_summary(case, assessment, out, p12=ident.p12_path, passphrase=PASSPHRASE, log=log)


def _audited(log: Path) -> set[str]:
    from engine import audit

    if not log.exists():
        return set()
    return {e.get("file_sha256") for e in audit.read_entries(log)
            if e.get("event") == "export" and e.get("outcome") in ("signed", "unsigned")}


def run(runs: int, seed: int = 19, work: Path | None = None) -> dict:
    from engine import audit
    from engine.report.verify import verify_pdf

    base = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) \
        else None
    own = work is None
    work = work or Path(tempfile.mkdtemp(prefix="mscc-export-kill-", dir=base))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(runs, seed, work)
    finally:
        if own:
            import shutil

            shutil.rmtree(work, ignore_errors=True)


def _run(runs: int, seed: int, work: Path) -> dict:
    from engine import audit
    from engine.report.verify import verify_pdf

    log = work / "audit.jsonl"
    case, assessment, ident = _setup(work)

    # Warm up and measure a whole export in this (warm) process.
    timings = []
    for i in range(3):
        started = time.perf_counter()
        _export(case, assessment, ident, work / f"warm-{i}.pdf", log)
        timings.append(time.perf_counter() - started)
    export_s = statistics.median(timings)

    rng = random.Random(seed)
    tally = {"runs": runs, "killed": 0, "finished": 0, "pdf_present": 0, "unaudited_pdfs": 0,
             "torn_pdfs": 0, "temp_files_left": 0, "entries_without_pdf": 0}
    for i in range(runs):
        out = work / f"out-{i}.pdf"
        delay = rng.uniform(0.3, 1.8) * export_s
        pid = os.fork()
        if pid == 0:  # the child: the app's export, then a hard exit
            try:
                _export(case, assessment, ident, out, log)
            finally:
                os._exit(0)
        time.sleep(delay)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            tally["killed"] += 1
        else:
            tally["finished"] += 1
        temps = list(work.glob(f".{out.name}.*.tmp"))
        tally["temp_files_left"] += len(temps)
        for temp in temps:
            temp.unlink()
        if out.exists():
            tally["pdf_present"] += 1
            data = out.read_bytes()
            if hashlib.sha256(data).hexdigest() not in _audited(log):
                tally["unaudited_pdfs"] += 1
            if not verify_pdf(data).ok:
                tally["torn_pdfs"] += 1
    audited = _audited(log)
    present = {hashlib.sha256(p.read_bytes()).hexdigest() for p in work.glob("*.pdf")}
    tally["entries_without_pdf"] = len(audited - present)
    chain = audit.verify_chain(log)
    tally["chain_intact"] = chain.intact
    tally["chain"] = chain.reason
    tally["export_ms_median"] = round(export_s * 1000, 1)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    os.environ.setdefault("MSCC_PATHWAY_SYSLOG", "off")
    started = time.monotonic()
    tally = run(args.runs, args.seed)
    tally["seconds"] = round(time.monotonic() - started, 1)
    for key, value in tally.items():
        print(f"{key:>20}: {value}")
    bad = tally["unaudited_pdfs"] or tally["torn_pdfs"] or not tally["chain_intact"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
