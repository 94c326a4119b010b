"""Mutation testing of the decision rules and scores with cosmic-ray (on demand, not CI).

    .venv/bin/python -m tools.mutation                  # everything, one job (~45 min here)
    .venv/bin/python -m tools.mutation --sample 40      # a seeded random sample: a quick look
    .venv/bin/python -m tools.mutation --module engine/rules/labs.py --module engine/scores/sins.py
    .venv/bin/python -m tools.mutation --survivors-only # after new tests: re-test survivors
    .venv/bin/python -m tools.mutation --excluded-sample 60  # check the operator exclusions
    .venv/bin/python -m tools.mutation --report         # rewrite the report, run nothing
    nohup .venv/bin/python -m tools.mutation > .pytest_cache/mutation.log 2>&1 &

What it does (docs/mutation.md explains each choice):

1. copies the work tree (without .git, .venv, caches, packaging, screenshots) into a
   temporary folder, beside a link to ../shared so the golden cases resolve; cosmic-ray
   edits files in place, so it only ever edits that copy: the work tree is never touched;
2. maps every line of the mutated modules to the engine tests that execute it (one run
   under coverage with per-test contexts; it also proves the unmutated tests pass there);
3. writes one cosmic-ray config per module under engine/rules and engine/scores (not the
   package __init__ files, not engine/rules/catalogue.py: rule metadata) whose test
   command is this module's --select-tests: the engine tests that execute the mutated
   lines (all of them for code run at import), pytest -x, no cache, no Qt, plain asserts,
   with a timeout;
4. `cosmic-ray init` for each module, then marks as skipped, in the session database as
   cosmic-ray's own operators filter does, the mutants of the excluded operators
   (EXCLUSIONS below) and the ones that are invalid Python or change only annotations;
5. checks that the copy imports its own engine, then `cosmic-ray exec` per module
   (--jobs copies in parallel);
6. prints the score and, for a full run or a re-test, rewrites the generated part of
   docs/mutation.md (score, per-module table, survivors with file:line, operator and a
   one-line diff). Survivors listed in tools/mutation_equivalents.toml (with the reason
   each cannot change behaviour) are reported as equivalent: not killed, and left out of
   the adjusted score only. Full results: .pytest_cache/mutation/results.json.
"""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / ".pytest_cache" / "mutation"
RESULTS = OUT / "results.json"
DOC = REPO / "docs" / "mutation.md"
EQUIVALENTS = REPO / "tools" / "mutation_equivalents.toml"
BEGIN, END = "<!-- mutation:begin (python -m tools.mutation) -->", "<!-- mutation:end -->"

PACKAGES = ("engine/rules", "engine/scores")
# Not mutated: package __init__ files (imports only) and the rule catalogue (the RuleSpec
# record and the registry that every rule module calls at import: rule metadata, no
# clinical decision).
EXCLUDED_MODULES = ("engine/rules/__init__.py", "engine/scores/__init__.py",
                    "engine/rules/catalogue.py")

# The engine tests (no GUI, no subprocess, no file-hash checks). Every rule runs in every
# assessment, so all of them exercise every rule and score module; they are ordered so
# that the most targeted tests run first and -x stops at the first failure.
ENGINE_TESTS = (
    "tests/safety/test_mutation_survivors.py",
    "tests/test_thresholds.py",
    "tests/safety/test_mcdc.py",
    "tests/test_rules.py",
    "tests/test_rules_v2.py",
    "tests/test_neuro_trend.py",
    "tests/test_handover_wording.py",
    "tests/test_partial.py",
    "tests/safety/test_golden_inprocess.py",
)
# Tests written for one module run first for that module: its tests/safety/
# test_mutation_kills_<package>_<module>.py, plus these.
FIRST_FOR = {"engine/rules/neuro_trend.py": ("tests/test_neuro_trend.py",)}
# Never run per mutant: tests/test_knowledge_manifest.py fails on any edit of a rule
# module by design (it compares file hashes), so it would "kill" every mutant.

PYTEST_FLAGS = ("-x", "-q", "--no-header", "-p", "no:cacheprovider", "-p", "no:pytestqt",
                "-p", "no:cov", "--assert=plain", "-o", "addopts=")


# --- excluded operators ----------------------------------------------------------------------

@dataclass(frozen=True)
class Exclusion:
    id: str
    pattern: str          # regex on the cosmic-ray operator name ("" = decided by code)
    why: str


_ORDER = "(Lt|LtE|Gt|GtE)"
EXCLUSIONS = (
    Exclusion("identity-vs-equality",
              r"core/ReplaceComparisonOperator_(Eq|NotEq|Lt|LtE|Gt|GtE)_(Is|IsNot)$"
              r"|core/ReplaceComparisonOperator_(Is|IsNot)_(Eq|NotEq|Lt|LtE|Gt|GtE)$",
              "identity swapped with equality or order. The rules use `is`/`is not` only with "
              "None, True and False, where `is` and `==` give the same answer (equivalent) "
              "and an order comparison is a TypeError; `==` turned into `is` on numbers and "
              "strings depends on CPython's caching and interning, not on the rule. "
              "`is` <-> `is not` (the negation) is kept."),
    Exclusion("ror-subsumed",
              r"core/ReplaceComparisonOperator_Lt_(Gt|GtE|Eq)$"
              r"|core/ReplaceComparisonOperator_LtE_(Gt|GtE|NotEq)$"
              r"|core/ReplaceComparisonOperator_Gt_(Lt|LtE|Eq)$"
              r"|core/ReplaceComparisonOperator_GtE_(Lt|LtE|NotEq)$",
              "order comparisons replaced by an operator whose mutant is subsumed by the two "
              "kept ones (Kaminski, Ammann & Offutt, 'Better predicate testing', 2011): for "
              "`a < b`, a test killing `<=` (a == b) and one killing `!=` (a > b) also kill "
              "`>`, `>=` and `==`, which give the same truth value in those tests. Kept: "
              "< -> <=, !=; <= -> <, ==; > -> >=, !=; >= -> >, ==. Redundant, not "
              "equivalent: left out for run time."),
    Exclusion("equality-to-order",
              "",   # decided in code: only when the right-hand side is not a number literal
              "`==`/`!=` replaced by an order comparison when the right-hand side is not a "
              "number literal: there the rules compare codes (strings), booleans, dates or "
              "optional values, and an order is a TypeError on None or an alphabetical "
              "comparison of codes. The negation (== <-> !=) is kept everywhere, and all "
              "four orders are kept against a number literal."),
    Exclusion("arithmetic-non-inverse",
              r"core/ReplaceBinaryOperator_(?!Add_Sub$|Sub_Add$|Mul_Div$|Div_Mul$|"
              r"Div_FloorDiv$|FloorDiv_Div$)",
              "binary operators replaced by anything but their inverse (+ <-> -, * <-> /, "
              "/ <-> //). Here the operands are strings (message text), datetimes, "
              "timedeltas and floats: shifts, bitwise operators, %, ** and most cross "
              "replacements raise TypeError the first time the line runs (crash mutants "
              "that any test reaching the line kills, which would inflate the score), and "
              "on numbers a test that pins the result kills them with the inverse."),
    Exclusion("annotation-only",
              "",   # decided in code
              "the mutant changes only a type annotation (`float | None` -> `float ^ None`): "
              "every module has `from __future__ import annotations`, so annotations are "
              "never evaluated (equivalent by construction; cosmic-ray treats `|` in a "
              "parameter or return annotation as an operator)."),
    Exclusion("invalid-python",
              "",   # decided in code
              "the mutant is not valid Python (cosmic-ray reads `**` in `{**d}` and the bare "
              "`*` of keyword-only parameters as operators): it cannot be imported, so it "
              "says nothing about the tests."),
)
_BY_ID = {e.id: e for e in EXCLUSIONS}


def _strip_annotations(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        elif isinstance(node, ast.arg):
            node.annotation = None
        elif isinstance(node, ast.AnnAssign):
            node.annotation = ast.Constant(None)
    return ast.dump(tree)


class Classifier:
    """Decides, per mutant, whether it is run or excluded (and why)."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, tuple[str, ast.AST, str, bool]] = {}
        self._regex = [(e.id, re.compile(e.pattern)) for e in EXCLUSIONS if e.pattern]

    def _module(self, path: str):
        if path not in self._cache:
            source = (self.root / path).read_text(encoding="utf-8")
            tree = ast.parse(source)
            future = "from __future__ import annotations" in source
            self._cache[path] = (source, tree, _strip_annotations(ast.parse(source)), future)
        return self._cache[path]

    def exclusion(self, mutation) -> str | None:
        name = mutation.operator_name
        path = str(mutation.module_path)
        source, _tree, stripped, future = self._module(path)
        line, col = mutation.start_pos
        # Facts about the mutant first (binary operators are where cosmic-ray meets
        # annotations, `{**d}` and bare `*`), then the excluded operators.
        if "ReplaceBinaryOperator" in name:
            fact = self._fact(mutation, source, stripped, future)
            if fact:
                return fact
        for eid, regex in self._regex:
            if regex.search(name):
                return eid
        if re.search(r"ReplaceComparisonOperator_(Eq|NotEq)_" + _ORDER + "$", name):
            rest = source.splitlines()[line - 1][mutation.end_pos[1]:]
            if not re.match(r"\s*[-+]?\s*\d", rest):
                return "equality-to-order"
        if "ReplaceBinaryOperator" in name:
            return None
        return self._fact(mutation, source, stripped, future)

    @staticmethod
    def _fact(mutation, source: str, stripped: str, future: bool) -> str | None:
        from cosmic_ray.mutating import mutate_code
        from cosmic_ray.plugins import get_operator

        operator = get_operator(mutation.operator_name)(**(mutation.operator_args or {}))
        mutated = mutate_code(source, operator, mutation.occurrence)
        if mutated is None:
            return None
        try:
            mutated_tree = ast.parse(mutated)
            compile(mutated_tree, str(mutation.module_path), "exec")
        except SyntaxError:
            return "invalid-python"
        if future and _strip_annotations(mutated_tree) == stripped:
            return "annotation-only"
        return None


# --- equivalent mutants (hand-reviewed survivors) ------------------------------------------

def load_equivalents() -> list[dict]:
    if not EQUIVALENTS.exists():
        return []
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return data.get("equivalent", [])


def equivalent_reason(record: dict, equivalents: list[dict]) -> str | None:
    for e in equivalents:
        if (e["file"] == record["file"] and e["operator"] == record["operator"]
                and e["before"].strip() == record["before"].strip()
                and e["after"].strip() == record["after"].strip()):
            return e["reason"]
    return None


# --- the work copy ---------------------------------------------------------------------------

IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", ".pytest_cache",
                                ".hypothesis", "*.egg-info", "build", "dist", "htmlcov",
                                ".coverage", "packaging", "screenshots")


def make_copy(dest: Path) -> Path:
    """dest/repo: the work tree as it is now; dest/shared -> ../shared (golden cases)."""
    work = dest / "repo"
    shutil.copytree(REPO, work, ignore=IGNORE, symlinks=True)
    shared = REPO.parent / "shared"
    if shared.exists():
        (dest / "shared").symlink_to(shared.resolve())
    # Hash-checked bytecode: unchanged modules load fast, a mutated one is always
    # recompiled (cosmic-ray sets PYTHONDONTWRITEBYTECODE, so nothing is written later).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "--invalidation-mode",
                    "checked-hash", "engine", "tests", "seeds", "tools"], cwd=work,
                   stdout=subprocess.DEVNULL, check=False)
    return work


def child_env(work: Path) -> dict:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(work), PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen",
               MSCC_TRACE_OUT=str(work / ".pytest_cache" / "rule-trace.json"))
    env.pop("PYTEST_ADDOPTS", None)
    return env


def tests_for(module: str) -> tuple[list[str], list[str]]:
    """(first, then): the module's own kill tests and the most targeted file, which kill
    most mutants, then the rest of the engine tests."""
    stem = module.removeprefix("engine/").removesuffix(".py").replace("/", "_")
    first = [f"tests/safety/test_mutation_kills_{stem}.py", *FIRST_FOR.get(module, ()),
             ENGINE_TESTS[0]]
    kills = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "safety")
                   .glob("test_mutation_kills_*.py"))
    first = [t for t in dict.fromkeys(first) if (REPO / t).exists()]
    then = [t for t in dict.fromkeys([*ENGINE_TESTS, *kills])
            if t not in first and (REPO / t).exists()]
    return first, then


def test_command(module: str, base: Path) -> str:
    """What cosmic-ray runs per mutant (in a copy): this module's test selector."""
    return shlex.join([sys.executable, "-m", "tools.mutation", "--select-tests", module,
                       "--base", str(base)])


# --- per-mutant test selection (run by cosmic-ray as the test command) ----------------------

def build_coverage_map(work: Path, modules: list[str], env: dict, base: Path) -> None:
    """One run of the engine tests under coverage with per-test contexts: for each line
    of the mutated modules, the tests that execute it. Saved with each module's pristine
    text to base/coverage.json."""
    first, then = tests_for(modules[0])
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-p", "no:pytestqt", "-o", "addopts=", "--cov=engine",
                          "--cov-context=test", "--cov-report=", *first, *then],
                         cwd=work, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("the engine tests fail under coverage in the copy:\n" + run.stdout[-4000:])
    import coverage
    data = coverage.CoverageData(basename=str(work / ".coverage"))
    data.read()
    lines: dict[str, dict[str, list[str]]] = {}
    for measured in data.measured_files():
        try:
            rel = str(Path(measured).resolve().relative_to(work.resolve()))
        except ValueError:
            continue
        if rel not in modules:
            continue
        lines[rel] = {str(n): sorted({c.rsplit("|", 1)[0] for c in ctx})
                      for n, ctx in data.contexts_by_lineno(measured).items()}
    pristine = {m: (work / m).read_text(encoding="utf-8") for m in modules}
    (base / "coverage.json").write_text(json.dumps({"lines": lines, "pristine": pristine}),
                                        encoding="utf-8")


def _statement_spans(tree: ast.AST) -> list[tuple[int, int, bool]]:
    """(first line, last line, inside a function body) of every statement. A def line,
    its decorators and default values run at import, so only body statements are inside."""
    spans = []

    def visit(node: ast.AST, inside: bool) -> None:
        child_inside = inside or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                in_body = child_inside and child in getattr(node, "body", ()) or inside
                spans.append((child.lineno, child.end_lineno or child.lineno, in_body))
                visit(child, in_body)
            else:
                visit(child, inside)

    visit(tree, False)
    return spans


def select_tests(module: str, base: Path) -> int:
    """The test command of one mutant: the tests that execute the changed lines (every
    engine test when the change is outside a function body: module constants, tables,
    defaults and declarations run at import), kill files first, with -x. A mutant on a
    line no test executes survives without running anything."""
    import difflib

    data = json.loads((base / "coverage.json").read_text(encoding="utf-8"))
    original = data["pristine"][module]
    current = Path(module).read_text(encoding="utf-8")
    first, then = tests_for(module)
    everything = [*first, *then]
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=original.splitlines(), b=current.splitlines(),
                                      autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    selected: list[str] | None = []
    if changed:
        spans = _statement_spans(ast.parse(original))
        covered = data["lines"].get(module, {})
        for line in sorted(changed):
            around = [s for s in spans if s[0] <= line <= s[1]]
            if not around:
                selected = None
                break
            first_line, last_line, inside = min(around, key=lambda s: s[1] - s[0])
            if not inside:
                selected = None      # runs at import: every test
                break
            for n in range(first_line, last_line + 1):
                tests = covered.get(str(n), [])
                if "" in tests:      # executed while tests were collected: every test
                    selected = None
                    break
                selected.extend(tests)
            if selected is None:
                break
    else:
        selected = None              # the unmutated module (baseline): every test
    pytest = [sys.executable, "-m", "pytest", *PYTEST_FLAGS]
    if selected is None:
        # Two runs: pytest collects every file before the first test, so a mutant the
        # short first run kills never pays for collecting the rest. Same verdict.
        if first and subprocess.run([*pytest, *first]).returncode != 0:
            return 1
        os.execv(sys.executable, [*pytest, *then])
    if not selected:
        print(f"no engine test executes {module} lines {sorted(changed)}: survived")
        return 0
    rank = {f: k for k, f in enumerate(everything)}
    ids = sorted(dict.fromkeys(selected), key=lambda t: (rank.get(t.split("::")[0], 99), t))
    os.execv(sys.executable, [*pytest, *ids])
    return 1


_CHILDREN: set[subprocess.Popen] = set()


def cosmic(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Runs `cosmic-ray ARGS` in its own process group (stopped with us: _stop_children)."""
    proc = subprocess.Popen([sys.executable, "-m", "cosmic_ray.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    _CHILDREN.add(proc)
    try:
        out, err = proc.communicate()
    finally:
        _CHILDREN.discard(proc)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _stop_children() -> None:
    import signal
    for proc in list(_CHILDREN):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass


# --- running ----------------------------------------------------------------------------------

def default_modules() -> list[str]:
    out = []
    for package in PACKAGES:
        for p in sorted((REPO / package).glob("*.py")):
            rel = str(p.relative_to(REPO))
            if rel not in EXCLUDED_MODULES:
                out.append(rel)
    return out


def session_name(module: str) -> str:
    return module.removesuffix(".py").replace("/", "_")


def write_config(sessions: Path, module: str, timeout: float, base: Path) -> Path:
    import toml  # cosmic-ray's own dependency, so the file reads back exactly

    cfg = {"module-path": module, "timeout": float(timeout), "excluded-modules": [],
           "test-command": test_command(module, base), "distributor": {"name": "local"}}
    path = sessions / f"{session_name(module)}.toml"
    path.write_text(toml.dumps({"cosmic-ray": cfg}), encoding="utf-8")
    return path


def skip(db, job_id: str, why: str) -> None:
    from cosmic_ray.work_item import WorkResult, WorkerOutcome
    db.set_result(job_id, WorkResult(output=why, worker_outcome=WorkerOutcome.SKIPPED))


def previous_survivors() -> set[tuple]:
    """The last run's survivors, and its excluded mutants (those still excluded are
    skipped again; those whose exclusion was dropped since are run)."""
    if not RESULTS.exists():
        sys.exit(f"{RESULTS.relative_to(REPO)} is missing: run a full mutation run first")
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    return {(r["file"], r["operator"], r["occurrence"], r["sha256"]) for r in data["mutants"]
            if r["outcome"] == "survived" or r.get("why", "").startswith("excluded: ")}


def file_sha(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def baseline(work: Path, module: str, env: dict, base: Path) -> float:
    probe = subprocess.run([sys.executable, "-c", "import engine; print(engine.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True)
    where = Path(probe.stdout.strip() or "?").resolve()
    if not str(where).startswith(str(work.resolve())):
        sys.exit(f"the copy imports engine from {where}, not from {work}: stopping")
    started = time.monotonic()
    run = subprocess.run(shlex.split(test_command(module, base)), cwd=work, env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("the unmutated engine tests fail in the copy:\n" + run.stdout[-4000:])
    return time.monotonic() - started


def one_line_diff(before: str, after: str, width: int = 46) -> str:
    """`...old...` -> `...new...` around the first and last differing character."""
    b, a = before.strip(), after.strip()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    lo = max(0, start - width // 2)

    def cut(s: str) -> str:
        hi = max(len(s) - end + width // 2, start + 1)
        return ("..." if lo else "") + s[lo:hi] + ("..." if hi < len(s) else "")
    return f"`{cut(b)}` -> `{cut(a)}`"


def diff_lines(diff: str) -> tuple[str, str]:
    minus = [l[1:] for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
    plus = [l[1:] for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
    return " ".join(s.strip() for s in minus), " ".join(s.strip() for s in plus)


def collect(db_path: Path, module: str, sha: str) -> list[dict]:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    out = []
    with use_db(db_path, WorkDB.Mode.open) as db:
        done = {item.job_id: (item, result) for item, result in db.completed_work_items}
        items = list(db.work_items)
    for item in items:
        m = item.mutations[0]
        rec = {"file": module, "line": m.start_pos[0], "col": m.start_pos[1],
               "operator": m.operator_name, "occurrence": m.occurrence, "sha256": sha,
               "before": "", "after": "", "seconds": None}
        if item.job_id not in done:
            rec["outcome"] = "pending"
        else:
            result = done[item.job_id][1]
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                rec["outcome"] = "skipped"
                rec["why"] = result.output or ""
            elif result.worker_outcome == WorkerOutcome.NO_TEST:
                rec["outcome"] = "no-test"
            elif result.test_outcome == TestOutcome.KILLED:
                rec["outcome"] = "timeout" if result.output == "timeout" else "killed"
            elif result.test_outcome == TestOutcome.SURVIVED:
                rec["outcome"] = "survived"
            else:
                rec["outcome"] = "incompetent"
                rec["why"] = (result.output or "")[-500:]
            if result.diff:
                rec["before"], rec["after"] = diff_lines(result.diff)
        out.append(rec)
    return out


def run(args) -> int:
    try:
        import cosmic_ray  # noqa: F401
    except ImportError:
        sys.exit("cosmic-ray is not installed: run bash scripts/setup.sh --dev")
    from cosmic_ray.work_db import WorkDB, use_db

    modules = args.module or default_modules()
    for m in modules:
        if not (REPO / m).is_file():
            sys.exit(f"no such module: {m}")
    full = not (args.module or args.sample or args.survivors_only or args.excluded_sample)
    sampled_exclusions: dict[tuple, str] = {}
    wanted = previous_survivors() if args.survivors_only else None
    started = time.time()
    base = Path(tempfile.mkdtemp(prefix="mscc-mutation-"))
    sessions = base / "sessions"
    sessions.mkdir()
    print(f"cosmic-ray {cosmic_version()}; copies and sessions in {base}", flush=True)
    try:
        copies = [make_copy(base / f"w{k}") for k in range(max(1, args.jobs))]
        env0 = child_env(copies[0])
        t0 = time.time()
        build_coverage_map(copies[0], modules, env0, base)
        print(f"coverage map of the engine tests built in {time.time() - t0:.0f} s", flush=True)
        seconds = baseline(copies[0], modules[0], env0, base)
        timeout = args.timeout or max(30.0, round(10 * seconds))
        print(f"baseline: the engine tests pass in the copy in {seconds:.1f} s; "
              f"timeout per mutant {timeout:.0f} s", flush=True)

        classifier = Classifier(copies[0])
        plan = []   # (module, config, db)
        excluded_jobs: dict[tuple, tuple] = {}   # --excluded-sample: (db, job) -> why...
        for module in modules:
            cfg = write_config(sessions, module, timeout, base)
            db = sessions / f"{session_name(module)}.sqlite"
            r = cosmic(["init", str(cfg), str(db)], copies[0], env0)
            if r.returncode != 0:
                sys.exit(f"cosmic-ray init failed for {module}:\n{r.stderr[-3000:]}")
            sha = file_sha(REPO / module)
            with use_db(db, WorkDB.Mode.open) as wdb:
                for item in wdb.pending_work_items:
                    m = item.mutations[0]
                    why = classifier.exclusion(m)
                    if why and args.excluded_sample:
                        excluded_jobs[(db, item.job_id)] = (why, module, m.operator_name,
                                                            m.occurrence)
                    elif why:
                        skip(wdb, item.job_id, f"excluded: {why}")
                    elif wanted is not None and (module, m.operator_name, m.occurrence,
                                                 sha) not in wanted:
                        skip(wdb, item.job_id, "not a previous survivor")
            plan.append((module, cfg, db, sha))

        if args.sample or args.excluded_sample:
            # A seeded sample, drawn in a stable order (module, operator, occurrence; job
            # ids are random). --excluded-sample draws from the excluded mutants only, to
            # check what the exclusions would have given.
            pending = []
            for module, _cfg, db, _sha in plan:
                with use_db(db, WorkDB.Mode.open) as wdb:
                    pending += [((db, i.job_id), (module, i.mutations[0].operator_name,
                                                  i.mutations[0].occurrence))
                                for i in wdb.pending_work_items
                                if ((db, i.job_id) in excluded_jobs) == bool(args.excluded_sample)]
            pending.sort(key=lambda p: p[1])
            n = args.excluded_sample or args.sample
            keep = {k for k, _ in random.Random(args.seed).sample(pending, min(n, len(pending)))}
            for module, _cfg, db, _sha in plan:
                with use_db(db, WorkDB.Mode.open) as wdb:
                    for i in wdb.pending_work_items:
                        if (db, i.job_id) in keep:
                            continue
                        why = excluded_jobs.get((db, i.job_id))
                        skip(wdb, i.job_id, f"excluded: {why[0]}" if why else "not in sample")
            sampled_exclusions = {v[1:]: v[0] for k, v in excluded_jobs.items() if k in keep}

        to_run = 0
        for _m, _c, db, _s in plan:
            with use_db(db, WorkDB.Mode.open) as wdb:
                to_run += len(wdb.pending_work_items)
        print(f"{len(modules)} modules; {to_run} mutants to run with {len(copies)} job(s)",
              flush=True)

        exec_started = time.time()
        free = list(copies)
        lock = threading.Lock()
        stop = threading.Event()

        def execute(entry):
            module, cfg, db, _sha = entry
            with lock:
                work = free.pop()
            try:
                t0 = time.time()
                r = cosmic(["exec", str(cfg), str(db)], work, child_env(work))
                if r.returncode != 0:
                    print(f"cosmic-ray exec failed for {module}:\n{r.stderr[-2000:]}",
                          flush=True)
                return module, time.time() - t0
            finally:
                with lock:
                    free.append(work)

        def results_so_far() -> int:
            n = 0
            for _m, _c, db, _s in plan:
                try:
                    with use_db(db, WorkDB.Mode.open) as wdb:
                        n += wdb.num_results
                except Exception:  # noqa: BLE001 - busy database: counted next time
                    pass
            return n

        already = results_so_far()

        def progress():
            while not stop.wait(120):
                done = results_so_far() - already
                took = time.time() - exec_started
                print(f"  ... {done}/{to_run} mutants in {took / 60:.1f} min"
                      + (f" ({took / done:.2f} s each)" if done else ""), flush=True)

        ticker = threading.Thread(target=progress, daemon=True)
        ticker.start()
        order = sorted(plan, key=lambda e: -(REPO / e[0]).stat().st_size)
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(copies))
        try:
            for module, took in pool.map(execute, order):
                print(f"  {module}: {took:.0f} s", flush=True)
        finally:
            _stop_children()     # on an interruption: no exec left running
            pool.shutdown(wait=False, cancel_futures=True)
        stop.set()
        exec_seconds = time.time() - exec_started

        records = []
        for module, _cfg, db, sha in plan:
            records += collect(db, module, sha)
    finally:
        _stop_children()
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)

    if args.excluded_sample:
        by_why: dict[str, list[int]] = {}
        for r in records:
            why = sampled_exclusions.get((r["file"], r["operator"], r["occurrence"]))
            if why and r["outcome"] in ("killed", "timeout", "survived"):
                r["excluded_as"] = why
                by_why.setdefault(why, [0, 0])[r["outcome"] == "survived"] += 1
        print("excluded mutants run anyway (killed / survived): " + ", ".join(
            f"{w} {k}/{sv}" for w, (k, sv) in sorted(by_why.items())), flush=True)
    previous = None
    if args.survivors_only:
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))["summary"]
        previous = previous.get("full_run", previous)
        records = merge_previous(records)
    summary = summarize(records, exec_seconds, time.time() - started, args, previous)
    print(summary["text"], flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    target = RESULTS if (full or args.survivors_only) else OUT / "partial.json"
    target.write_text(json.dumps({"summary": summary["numbers"], "mutants": records},
                                 indent=1), encoding="utf-8")
    print(f"results: {target}")
    if full or args.survivors_only:
        write_doc(summary["markdown"])
        print(f"survivors written to {DOC}")
    return 0


def report_only(args) -> int:
    """The score and docs/mutation.md again from .pytest_cache/mutation/results.json,
    with the equivalents as they are now."""
    if not RESULTS.exists():
        sys.exit(f"{RESULTS} is missing: run a full mutation run first")
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    numbers = data["summary"]
    full = numbers.get("full_run") or numbers
    retest = numbers.get("retest")
    args.jobs = full.get("jobs", 1)
    summary = summarize(data["mutants"], full["exec_seconds"], 0, args,
                        previous=full if retest else None, retest=retest)
    print(summary["text"])
    RESULTS.write_text(json.dumps({"summary": summary["numbers"], "mutants": data["mutants"]},
                                  indent=1), encoding="utf-8")
    write_doc(summary["markdown"])
    print(f"survivors written to {DOC}")
    return 0


def merge_previous(records: list[dict]) -> list[dict]:
    """A re-test of survivors: the previous run's records, with the re-tested ones
    replaced (the engine files must be unchanged: their sha256 is part of the key)."""
    previous = json.loads(RESULTS.read_text(encoding="utf-8"))["mutants"]
    fresh = {(r["file"], r["operator"], r["occurrence"], r["sha256"]): r for r in records
             if r["outcome"] not in ("skipped", "pending")}
    merged = []
    for r in previous:
        key = (r["file"], r["operator"], r["occurrence"], r["sha256"])
        if key in fresh:
            new = dict(fresh[key])
            new["retested"] = True
            merged.append(new)
        else:
            merged.append({k: v for k, v in r.items() if k != "retested"})
    return merged


def cosmic_version() -> str:
    from importlib.metadata import version
    return version("cosmic-ray")


def summarize(records: list[dict], exec_seconds: float, wall: float, args,
              previous: dict | None = None, retest: dict | None = None) -> dict:
    """previous: the full run's numbers, when this is a re-test of its survivors (or a
    --report of one); retest: that re-test's size and time, for a --report."""
    equivalents = load_equivalents()
    ran = [r for r in records if r["outcome"] in ("killed", "survived", "timeout", "incompetent")]
    killed = sum(r["outcome"] == "killed" for r in ran)
    timeouts = sum(r["outcome"] == "timeout" for r in ran)
    incompetent = sum(r["outcome"] == "incompetent" for r in ran)
    survivors = [r for r in ran if r["outcome"] == "survived"]
    for r in survivors:
        r["equivalent"] = equivalent_reason(r, equivalents)
    equivalent = [r for r in survivors if r["equivalent"]]
    live = [r for r in survivors if not r["equivalent"]]
    excluded: dict[str, int] = {}
    for r in records:
        if r["outcome"] == "skipped" and r.get("why", "").startswith("excluded: "):
            k = r["why"].removeprefix("excluded: ")
            excluded[k] = excluded.get(k, 0) + 1
    total = len(ran)
    dead = killed + timeouts
    raw = 100.0 * dead / total if total else 0.0
    adjusted = 100.0 * dead / (total - len(equivalent)) if total - len(equivalent) else 0.0
    retested = sum(1 for r in ran if r.get("retested"))
    per = exec_seconds / retested if args.survivors_only and retested else (
        exec_seconds / total if total else 0.0)
    numbers = {"tool": f"cosmic-ray {cosmic_version()}", "generated": len(records),
               "excluded": excluded, "run": total, "killed": killed, "timeouts": timeouts,
               "incompetent": incompetent, "survived": len(survivors),
               "equivalent": len(equivalent), "score_raw": round(raw, 1),
               "score_adjusted": round(adjusted, 1), "exec_seconds": round(exec_seconds),
               "seconds_per_mutant": round(per, 2), "jobs": args.jobs}
    numbers["full_run"] = previous or {k: numbers[k] for k in (
        "run", "killed", "timeouts", "survived", "score_raw", "exec_seconds",
        "seconds_per_mutant", "jobs")}
    if retest is None and args.survivors_only:
        retest = {"mutants": retested, "seconds": round(exec_seconds)}
    numbers["retest"] = retest
    full = numbers["full_run"]
    timing = (f"{full['exec_seconds'] / 60:.0f} min for the full run of {full['run']} mutants "
              f"({full['seconds_per_mutant']:.2f} s per mutant, {full['jobs']} job)")
    if previous:
        timing += (f"; last re-test after the new tests (survivors, and mutants no longer "
                   f"excluded): {retest['mutants']} in {retest['seconds'] / 60:.1f} min (first run: "
                   f"{previous['killed'] + previous['timeouts']}/{previous['run']} killed, "
                   f"{previous['score_raw']}%)" if retest else "")
    text = (f"\nmutation score (cosmic-ray {cosmic_version()}): {dead}/{total} killed = {raw:.1f}%"
            f" ({killed} by a failing test, {timeouts} by timeout); {len(survivors)} survived, "
            f"{len(equivalent)} of them equivalent -> {adjusted:.1f}% of non-equivalent mutants"
            f"\n{len(records)} mutants generated, {sum(excluded.values())} excluded "
            f"({', '.join(f'{k} {v}' for k, v in sorted(excluded.items()))})"
            + (f", {incompetent} incompetent" if incompetent else "")
            + f"\nrun time {exec_seconds / 60:.1f} min for "
            f"{retested if args.survivors_only else total} mutants "
            f"({per:.2f} s per mutant, {args.jobs} job(s)); {wall / 60:.1f} min in all")
    if live:
        text += "\nsurvivors:\n" + "\n".join(
            f"  {r['file']}:{r['line']} {r['operator'].removeprefix('core/')} "
            f"{one_line_diff(r['before'], r['after'])}" for r in live)
    by_file: dict[str, list[int]] = {}
    for r in ran:
        f = by_file.setdefault(r["file"], [0, 0, 0])
        f[0] += 1
        f[1] += r["outcome"] in ("killed", "timeout")
        f[2] += bool(r.get("equivalent"))
    md = [f"Generated by `python -m tools.mutation` ({numbers['tool']}, {args.jobs} job(s)).", "",
          "| | |", "|---|---|",
          f"| mutants generated | {len(records)} |",
          f"| excluded (operators, see above) | {sum(excluded.values())} |",
          f"| run | {total} |",
          f"| killed | {dead} ({killed} by a failing test, {timeouts} by timeout) |",
          f"| survived | {len(survivors)} ({len(equivalent)} equivalent, {len(live)} not) |",
          f"| **score, raw** (killed / run) | **{raw:.1f}%** |",
          f"| **score, adjusted** (killed / run less equivalent) | **{adjusted:.1f}%** |",
          f"| run time | {timing} |", "",
          "Excluded, by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(excluded.items()))
          + ".", "",
          "| module | run | killed | equivalent | score (adjusted) |", "|---|---|---|---|---|"]
    for f, (n, k, e) in sorted(by_file.items()):
        md.append(f"| {f} | {n} | {k} | {e} | {100.0 * k / (n - e) if n - e else 100:.0f}% |")
    md += ["", f"### Survivors ({len(live)})", ""]
    md += [f"- `{r['file']}:{r['line']}` {r['operator'].removeprefix('core/')}: "
           f"{one_line_diff(r['before'], r['after'])}" for r in sorted(
               live, key=lambda r: (r["file"], r["line"], r["operator"]))] or ["None."]
    md += ["", f"### Equivalent mutants ({len(equivalent)})", "",
           "Survivors that cannot change what the engine outputs; each is listed, with its "
           "reason, in tools/mutation_equivalents.toml.", ""]
    md += [f"- `{r['file']}:{r['line']}` {r['operator'].removeprefix('core/')}: "
           f"{one_line_diff(r['before'], r['after'])} -- {r['equivalent']}" for r in sorted(
               equivalent, key=lambda r: (r["file"], r["line"], r["operator"]))] or ["None."]
    return {"text": text, "markdown": "\n".join(md) + "\n", "numbers": numbers}


def write_doc(generated: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Mutation testing\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{generated}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1,
                        help="parallel copies of the repository (default 1)")
    parser.add_argument("--module", action="append",
                        help="a module to mutate (repeatable); default: all of engine/rules "
                             "and engine/scores")
    parser.add_argument("--sample", type=int, default=0,
                        help="run only N mutants drawn at random (seeded)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=0,
                        help="seconds per mutant (default: 10 x the baseline, at least 30)")
    parser.add_argument("--excluded-sample", type=int, default=0, metavar="N",
                        help="run N of the excluded mutants (seeded) to check the exclusions")
    parser.add_argument("--survivors-only", action="store_true",
                        help="re-test only the survivors of the last full run (and mutants "
                             "no longer excluded) and merge")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: rewrite the report from the last results (after "
                             "editing tools/mutation_equivalents.toml)")
    parser.add_argument("--select-tests", metavar="MODULE", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.select_tests:       # cosmic-ray's test command, inside a copy
        return select_tests(args.select_tests, Path(args.base))
    if args.report:
        return report_only(args)
    if args.module:
        args.module = [str(Path(m)) for m in args.module]
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # clean up on kill PID
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
