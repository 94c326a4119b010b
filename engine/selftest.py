"""The engine half of `mscc-pathway self-test` (no Qt here: the window check lives in
desktop/selftest_window.py, and desktop/selftest.py runs both).

Checks, each returning a `Check`:
- `registry`: the source registry (seeds/sources.toml) loads and every rule's sources
  resolve: proves the bundle carries its data.
- `golden:<case>`: every built-in golden case (engine/selftest_cases/*.json, copied
  from the project's golden vignettes) through `engine.assess`, compared with its
  "expect" block by `compare` (same semantics as the project's vignette checker).
- `pdf`: renders the summary of one golden case, creates a throwaway signing identity
  in a temporary directory, signs, verifies (intact, whole file, trusted against the
  identity's own certificate), reads the embedded case back, and checks that a byte
  appended after signing is detected.
- `site-config`: the site configuration file, if this machine has one, is valid.

Nothing is written outside a temporary directory that is removed afterwards."""
from __future__ import annotations

import json
import math
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).resolve().parent / "selftest_cases"
PDF_CASE = "01-index-case-c5-myelopathy.json"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        if self.ok:
            return f"PASS {self.name}" + (f" ({self.detail})" if self.detail else "")
        return f"FAIL {self.name}: {self.detail or 'failed'}"


def run_check(name: str, fn: Callable[[], str | None]) -> Check:
    """Run one check: `fn` returns an optional detail for PASS, raises for FAIL (an
    AssertionError's message is the reason; any other exception is reported by type)."""
    start = time.perf_counter()
    try:
        detail = fn() or ""
        ok = True
    except AssertionError as exc:
        ok, detail = False, str(exc) or "assertion failed"
    except Exception as exc:  # a check that crashes is a failed check, never a pass
        ok, detail = False, f"{type(exc).__name__}: {exc}"
    detail = " ".join(str(detail).split())  # one line per check, always
    return Check(name, ok, detail, time.perf_counter() - start)


# --- comparing an assessment with an expect block ------------------------------------
# Semantics of ../shared/tools/check_vignettes.py (a list means "any one of these";
# floats within 0.05; dose_mg compares dose.value and requires unit "mg").

_MISSING = object()


def _lookup(obj, dotted: str):
    cur = obj
    for part in dotted.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return _MISSING
    return cur


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _matches(expected, actual) -> bool:
    if isinstance(expected, list):
        return any(_matches(e, actual) for e in expected)
    if actual is _MISSING:
        return False
    if expected is None or isinstance(expected, bool):
        return actual is expected
    if _is_number(expected):
        if not _is_number(actual) or not math.isfinite(actual):
            return False
        if isinstance(expected, int):
            return actual == expected
        return abs(actual - expected) <= 0.05 + 1e-9
    return expected == actual


def _show(v) -> str:
    return "<missing>" if v is _MISSING else json.dumps(v, ensure_ascii=False)


def _field(item: dict, name: str):
    if name == "dose_mg":
        dose = item.get("dose")
        if not isinstance(dose, dict) or dose.get("unit") != "mg":
            return _MISSING
        return dose.get("value", _MISSING)
    return _lookup(item, name)


def _coded(assessment: dict, key: str, expected: dict) -> list[str]:
    out: list[str] = []
    items = assessment.get(key)
    if not isinstance(items, list):
        return [f"{key}: missing or not a list"]
    for code, fields in expected.items():
        cands = [i for i in items if isinstance(i, dict) and i.get("code") == code]
        if not cands:
            out.append(f"{key}.{code}: missing")
            continue
        best: list[str] | None = None
        for cand in cands:
            errs = [f"{key}.{code}.{f}: expected {_show(v)}, got {_show(_field(cand, f))}"
                    for f, v in fields.items() if not _matches(v, _field(cand, f))]
            if not errs:
                best = []
                break
            if best is None:
                best = errs
        out.extend(best or [])
    return out


def compare(expect: dict, assessment: dict) -> list[str]:
    """Mismatches between a golden case's expect block and an assessment ([] = match)."""
    out: list[str] = []
    if assessment.get("format") != "mscc-assessment/1":
        out.append(f"format: expected \"mscc-assessment/1\", got {_show(assessment.get('format'))}")
    for key in ("pathway", "precautions"):
        if key in expect:
            actual = _lookup(assessment, f"{key}.code")
            if not _matches(expect[key], actual):
                out.append(f"{key}: expected {_show(expect[key])}, got {_show(actual)}")
    for key in ("actions", "orders"):
        if expect.get(key):
            out.extend(_coded(assessment, key, expect[key]))
    if expect.get("scores"):
        scores = assessment.get("scores")
        if not isinstance(scores, dict):
            out.append("scores: missing or not an object")
        else:
            for path, v in expect["scores"].items():
                actual = _lookup(scores, path)
                if not _matches(v, actual):
                    out.append(f"scores.{path}: expected {_show(v)}, got {_show(actual)}")
    if expect.get("alerts"):
        present = {a.get("code") for a in assessment.get("alerts") or [] if isinstance(a, dict)}
        missing = [c for c in expect["alerts"] if c not in present]
        if missing:
            out.append(f"alerts: missing {', '.join(missing)}")
    return out


# --- the checks ----------------------------------------------------------------------

def golden_files(directory: Path = CASES_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load_golden(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and isinstance(doc.get("case"), dict) \
        and isinstance(doc.get("expect"), dict), f"{path.name} lacks a case or expect object"
    return doc


def check_registry() -> str:
    import engine
    from engine.version import knowledge_version

    registry = engine.load_registry()
    missing = sorted({s for spec in engine.RULES.values() for s in spec.sources
                      if s not in registry})
    assert not missing, f"rules cite sources missing from the registry: {', '.join(missing)}"
    return f"{len(engine.RULES)} rules, knowledge {knowledge_version()}"


def check_golden(path: Path) -> str:
    import engine

    doc = load_golden(path)
    assessment = engine.assess(doc["case"])
    mismatches = compare(doc["expect"], assessment)
    assert not mismatches, "; ".join(mismatches)
    return ""


def check_pdf(case_file: Path | None = None) -> str:
    import engine
    from engine.report import extract_case, render_summary
    from engine.report.signing import create_identity, sign_pdf
    from engine.report.verify import verify_pdf

    doc = load_golden(case_file or CASES_DIR / PDF_CASE)
    case = doc["case"]
    assessment = engine.assess(case)
    pdf = render_summary(case, assessment, hospital_name="Self-test Hospital",
                         signature_expected=True)
    assert pdf.startswith(b"%PDF-"), "the rendered summary is not a PDF"
    passphrase = secrets.token_urlsafe(18)  # throwaway, never stored
    with tempfile.TemporaryDirectory(prefix="mscc-selftest-") as tmp:
        ident = create_identity("Self Test", "ST000000", passphrase, Path(tmp) / "selftest.p12")
        signed = sign_pdf(pdf, ident.p12_path, passphrase)
        trust = ident.cert_path.read_bytes()
    result = verify_pdf(signed, trust)
    assert result.ok, f"signed PDF does not verify: {result.reason}"
    assert result.signer == "Self Test", f"signer read back as {result.signer!r}"
    embedded = extract_case(signed)
    assert engine.assess(embedded)["pathway"]["code"] == assessment["pathway"]["code"], \
        "the case embedded in the PDF gives a different pathway"
    tampered = verify_pdf(signed + b"\n%tampered\n", trust)
    assert not tampered.ok, "a byte appended after signing was not detected"
    return f"{len(signed) // 1024} KiB, signed and verified"


def check_site_config() -> str:
    from engine.site_config import SiteConfigError, load_site_config, site_config_path

    path = site_config_path()
    try:
        config = load_site_config()
    except SiteConfigError as exc:
        raise AssertionError("; ".join(exc.problems)) from exc
    if path is None:
        return "no site file (defaults)"
    return f"{path}: {', '.join(config.keys_set) or 'no keys set'}"


def check_clock() -> str:
    """The zone database is present and clock changes are known (the bundled tzdata where
    the system has none): 24 h after 14:30 BST on 24 Oct 2026 is 13:30 GMT."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from engine.report import timefmt

    zone = ZoneInfo("Europe/London")
    due = datetime.fromisoformat("2026-10-24T14:30:00+01:00") + timedelta(hours=24)
    shown = timefmt.clock(due, zone, ref="2026-10-24T14:30:00+01:00")
    if shown != "13:30 Sun 25 Oct GMT":
        raise AssertionError(f"autumn clock change read as {shown!r}")
    ward = timefmt.ward_zone()
    return f"zone database ok; ward clock {getattr(ward, 'key', None) or 'this computer'}"


def engine_checks(cases_dir: Path = CASES_DIR) -> list[tuple[str, Callable[[], str | None]]]:
    """(name, function) for every engine check, in the order they run."""
    checks: list[tuple[str, Callable[[], str | None]]] = [("registry", check_registry)]
    files = golden_files(cases_dir)
    if not files:
        def none_found() -> str:
            raise AssertionError(f"no built-in golden cases in {cases_dir}")
        checks.append(("golden", none_found))
    for path in files:
        checks.append((f"golden:{path.stem}", lambda p=path: check_golden(p)))
    checks.append(("pdf", check_pdf))
    checks.append(("site-config", check_site_config))
    checks.append(("clock", check_clock))
    return checks


def run_engine_checks(cases_dir: Path = CASES_DIR) -> list[Check]:
    return [run_check(name, fn) for name, fn in engine_checks(cases_dir)]


def main(argv: list[str] | None = None) -> int:
    """`python -m engine.selftest`: the engine checks only (no window)."""
    failed = 0
    for check in run_engine_checks():
        print(check.line(), flush=True)
        failed += not check.ok
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
