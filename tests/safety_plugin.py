"""Suite-wide safety plugin: rule-trace recording and a no-network guard.

Registered from tests/conftest.py with ``pytest_plugins = ["safety_plugin"]`` (or for a
one-off run with ``-p safety_plugin`` and ``tests/`` on PYTHONPATH).

1. Rule trace. At session start ``engine.rules.context.Evaluation.record`` is wrapped,
   and so is ``engine.evaluation._assemble`` (the last step of every evaluation). For each
   test node id the plugin keeps the rules it saw fire, the rules it saw recorded as not
   firing, and the rules an evaluation never reached (an earlier rule decided, e.g. the
   first matching pathway). At session end the map is written as JSON to
   ``$MSCC_TRACE_OUT`` (default ``.pytest_cache/rule-trace.json`` under the rootdir)
   with ``complete`` true only when every collected test ran (no -k/-m deselection, no
   ``file::test`` selection, not stopped early) and the engine test modules listed in
   ``REQUIRED_MODULES`` were part of the run. Without $MSCC_TRACE_OUT an incomplete map
   goes to ``rule-trace.partial.json`` instead, so running one module never replaces
   the map of a full run. ``tools/trace_report.py`` and
   ``tests/safety/test_traceability.py`` read it.

2. No network. ``socket.socket.connect``, ``connect_ex``, ``bind`` and ``sendto`` raise
   ``NetworkBlocked`` for AF_INET/AF_INET6 sockets (AF_UNIX is allowed). Whether or not
   the code under test swallows that error, the test that tried is reported as failed
   (an offline clinical app must open no socket at all, not even to localhost). The
   guard covers this process; subprocesses started by tests are not guarded.

3. Tests marked ``safety_last`` (and tests/safety/test_traceability.py) run after every
   other collected test, so that the traceability check can read the trace of the run
   it belongs to.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import sys
import time
from pathlib import Path

import pytest

TRACE_ENV = "MSCC_TRACE_OUT"
DEFAULT_TRACE = Path(".pytest_cache") / "rule-trace.json"
TRACE_FORMAT = "mscc-rule-trace/1"
LAST_MARK = "safety_last"
LAST_MODULES = ("tests/safety/test_traceability.py",)   # run last even without the marker

# The run is "complete" for traceability only if these modules were collected whole.
REQUIRED_MODULES = (
    "tests/test_thresholds.py",
    "tests/test_rules.py",
    "tests/safety/test_mcdc.py",
    "tests/safety/test_golden_inprocess.py",
)
# Files whose content the trace depends on (a saved map is stale when they change).
FINGERPRINT_GLOBS = ("engine/**/*.py", "tests/**/*.py", "seeds/sources.toml")

GUARDED_METHODS = ("connect", "connect_ex", "bind", "sendto")
INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)


class NetworkBlocked(OSError):
    """Raised by the socket guard. An OSError, so the app's own error handling runs as it
    would on a machine without a network; the test fails regardless."""


# --- state (one pytest session per process) -------------------------------------------

class _State:
    def __init__(self) -> None:
        self.active = False
        self.current: str | None = None
        self.traces: dict[str, dict[str, set[str]]] = {}
        self.outcomes: dict[str, str] = {}
        self.violations: dict[str | None, list[str]] = {}
        self.deselected = 0
        self.items: list[str] = []
        self.finished: set[str] = set()
        self.modules: dict[str, int] = {}
        self.rootdir: Path = Path.cwd()
        self.args: list[str] = []
        self.started = time.time()
        self.trace_installed = False
        self.trace_error: str | None = None
        self.guard_installed = False


STATE = _State()
_REAL_SOCKET: dict[str, object] = {}


def _note(rule_id: str, side: str) -> None:
    node = STATE.current
    if node is None:
        return
    entry = STATE.traces.setdefault(node, {"fired": set(), "not_fired": set(),
                                           "not_reached": set()})
    entry[side].add(rule_id)


# --- rule trace ---------------------------------------------------------------------------

def install_trace() -> None:
    if STATE.trace_installed:
        return
    try:
        import engine.evaluation as evaluate_module  # loads every rule module
        from engine.rules import RULES
        from engine.rules.context import Evaluation
    except Exception as exc:  # an engine that does not import: the tests will say so
        STATE.trace_error = f"{type(exc).__name__}: {exc}"
        return

    real_record = Evaluation.record
    real_assemble = evaluate_module._assemble

    def record(self, spec, fired, **inputs):
        result = real_record(self, spec, fired, **inputs)
        _note(spec.id, "fired" if fired else "not_fired")
        return result

    def assemble(ev):
        seen = {entry["rule"] for entry in ev.trace}
        for rule_id in RULES:
            if rule_id not in seen:
                _note(rule_id, "not_reached")
        return real_assemble(ev)

    record.__wrapped__ = real_record  # type: ignore[attr-defined]
    assemble.__wrapped__ = real_assemble  # type: ignore[attr-defined]
    Evaluation.record = record
    evaluate_module._assemble = assemble
    STATE.trace_installed = True


def source_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    files = sorted({p for pattern in FINGERPRINT_GLOBS for p in root.glob(pattern)
                    if p.is_file() and "__pycache__" not in p.parts})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def trace_map(final: bool = False) -> dict:
    """The trace of this session so far (``final``: at session end)."""
    missing = [m for m in REQUIRED_MODULES if m not in STATE.modules]
    partial_args = [a for a in STATE.args if "::" in a]
    unfinished = [n for n in STATE.items if n not in STATE.finished]
    reasons = []
    if not STATE.trace_installed:
        reasons.append(f"trace not installed ({STATE.trace_error or 'plugin inactive'})")
    if missing:
        reasons.append("required modules not collected: " + ", ".join(missing))
    if STATE.deselected:
        reasons.append(f"{STATE.deselected} tests deselected")
    if partial_args:
        reasons.append("single tests selected: " + ", ".join(partial_args))
    if final and unfinished:
        reasons.append(f"{len(unfinished)} collected tests did not run")
    tests = {}
    for node in sorted(STATE.traces):
        entry = STATE.traces[node]
        tests[node] = {"outcome": STATE.outcomes.get(node, "running"),
                       **{side: sorted(ids) for side, ids in entry.items()}}
    return {
        "format": TRACE_FORMAT,
        "complete": not reasons,
        "incomplete_because": reasons,
        "fingerprint": source_fingerprint(STATE.rootdir),
        "args": STATE.args,
        "collected": len(STATE.items),
        "modules": dict(sorted(STATE.modules.items())),
        "tests": tests,
    }


def live_modules_finished(modules) -> bool:
    """True when every collected test of these modules has finished in this session."""
    wanted = set(modules)
    return all(n in STATE.finished for n in STATE.items if module_of(n) in wanted)


def trace_out_path(rootdir: Path) -> Path:
    env = os.environ.get(TRACE_ENV)
    path = Path(env) if env else rootdir / DEFAULT_TRACE
    return path if path.is_absolute() else rootdir / path


# --- socket guard -------------------------------------------------------------------------

def _guarded(name: str):
    real = _REAL_SOCKET[name]

    def method(self, *args, **kwargs):
        if self.family in INET_FAMILIES:
            target = args[-1] if args else kwargs
            message = (f"socket guard: {name}({target!r}) on an "
                       f"{'IPv6' if self.family == socket.AF_INET6 else 'IPv4'} socket; "
                       "MSCC Pathway must open no network connection")
            STATE.violations.setdefault(STATE.current, []).append(message)
            raise NetworkBlocked(errno.EACCES, message)
        return real(self, *args, **kwargs)

    method.__name__ = name
    method.__wrapped__ = real  # type: ignore[attr-defined]
    return method


def install_socket_guard() -> None:
    if STATE.guard_installed:
        return
    for name in GUARDED_METHODS:
        _REAL_SOCKET[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, _guarded(name))
    STATE.guard_installed = True


def uninstall_socket_guard() -> None:
    for name, real in _REAL_SOCKET.items():
        setattr(socket.socket, name, real)
    _REAL_SOCKET.clear()
    STATE.guard_installed = False


def consume_violations(nodeid: str | None = None) -> list[str]:
    """Take (and clear) the socket-guard violations recorded for a test, so that a test
    of the guard itself can assert on them without being failed by them."""
    return STATE.violations.pop(nodeid if nodeid is not None else STATE.current, [])


# --- hooks --------------------------------------------------------------------------------

def pytest_configure(config):
    STATE.active = True
    STATE.rootdir = Path(str(config.rootpath))
    STATE.args = [str(a) for a in config.args]
    config.addinivalue_line("markers", f"{LAST_MARK}: run after every other collected test "
                            "(reads the rule trace of this run)")
    install_socket_guard()


def pytest_sessionstart(session):
    install_trace()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    def is_last(item) -> bool:
        return bool(item.get_closest_marker(LAST_MARK)) or module_of(item.nodeid) in LAST_MODULES
    last = [i for i in items if is_last(i)]
    if last:
        items[:] = [i for i in items if not is_last(i)] + last


def pytest_deselected(items):
    STATE.deselected += len(items)


def pytest_collection_finish(session):
    STATE.items = [i.nodeid for i in session.items]
    STATE.modules = {}
    for node in STATE.items:
        module = module_of(node)
        STATE.modules[module] = STATE.modules.get(module, 0) + 1


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    STATE.current = item.nodeid
    try:
        yield
    finally:
        STATE.finished.add(item.nodeid)
        STATE.current = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    violations = STATE.violations.pop(item.nodeid, [])
    if violations and (report.passed or hasattr(report, "wasxfail")):
        report.outcome = "failed"
        if hasattr(report, "wasxfail"):
            del report.wasxfail
        report.longrepr = "\n".join(violations)


def pytest_runtest_logreport(report):
    node = report.nodeid
    previous = STATE.outcomes.get(node)
    if report.failed:
        STATE.outcomes[node] = "failed"
    elif previous == "failed":
        return
    elif hasattr(report, "wasxfail"):
        STATE.outcomes[node] = "xfailed" if report.skipped else "xpassed"
    elif report.skipped:
        STATE.outcomes[node] = "skipped"
    elif report.when == "call" and report.passed:
        STATE.outcomes[node] = "passed"


def pytest_sessionfinish(session, exitstatus):
    stray = STATE.violations.pop(None, [])
    if stray:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("socket guard: network use outside any test:", red=True)
            for line in stray:
                reporter.write_line("  " + line, red=True)
    if not STATE.trace_installed or getattr(session.config.option, "collectonly", False):
        return
    data = trace_map(final=True)
    if session.shouldstop or session.shouldfail:
        data["complete"] = False
        data["incomplete_because"].append("the session was stopped early")
    path = trace_out_path(STATE.rootdir)
    if not data["complete"] and not os.environ.get(TRACE_ENV):
        # a partial run (one module, -k ...) must not replace the map of a full run
        path = path.with_name(path.stem + ".partial.json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # never fail a run because the trace could not be saved
        sys.stderr.write(f"safety_plugin: could not write {path}: {exc}\n")
