"""`mscc-pathway self-test`: proves an installation works, as hospital IT runs it right
after installing (no network, no user files touched).

    mscc-pathway self-test [--no-window] [--screenshot FILE.png] [--platform NAME]

One line per check on stdout (`PASS name` or `FAIL name: reason`), then
`N passed, M failed`; exit status 0 only when every check passed (1 otherwise).

Checks: every engine and desktop module imports (a bundle missing a module fails
here, not in front of a doctor); in the packaged app, that it carries no network
client (`offline`: packaging/mscc_offline.py); the engine's checks (engine/selftest.py: source
registry, built-in golden cases, PDF render + sign + verify with a throwaway
identity, site configuration); the main window starts offscreen with a golden case,
shows its pathway, and closes (desktop/selftest_window.py).

Everything the checks write goes to a temporary directory removed afterwards; the
user's settings, drafts and logs are not read or changed."""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path


def _isolate(home: Path, platform: str) -> None:
    """Point every per-user location at `home` (XDG on Linux; the window check also
    passes explicit paths, which covers Windows and macOS) and pick the Qt platform
    before anything imports Qt."""
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        os.environ[var] = str(home / sub)
    os.environ["QT_QPA_PLATFORM"] = platform
    os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")


def _import_all(package: str) -> int:
    """Import every module of `package` (pkgutil also lists modules frozen into a
    PyInstaller bundle). Skips __main__ modules, which run on import."""
    pkg = importlib.import_module(package)
    count = 1
    for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue
        importlib.import_module(info.name)
        count += 1
    return count


def check_modules() -> str:
    counts = {name: _import_all(name) for name in ("engine", "desktop")}
    # A frozen build that cannot list its modules would import only the packages.
    assert counts["engine"] >= 10 and counts["desktop"] >= 10, \
        f"too few modules found ({counts}); the bundle is incomplete"
    return ", ".join(f"{n} {name}" for name, n in counts.items()) + " modules"


def check_offline() -> str:
    """The packaged app carries no network client (packaging/mscc_offline.py): the
    offline stand-ins are in place, a time-stamping server is refused with a clear
    error, and none of the excluded packages can be found by any importer other than
    the stand-ins' own (so they are really absent, not just hidden)."""
    import mscc_offline  # bundled beside the app by packaging/mscc-pathway.spec

    assert mscc_offline.installed(), "the offline runtime hook did not run"
    from pyhanko.sign.timestamps import HTTPTimeStamper

    try:
        HTTPTimeStamper("http://timestamp.invalid/")
    except mscc_offline.OfflineBuildError:
        pass
    else:
        raise AssertionError("a network time-stamping client could be created")
    others = [f for f in sys.meta_path if not isinstance(f, mscc_offline.OfflineFinder)]
    present = sorted(name for name in mscc_offline.EXCLUDED_PACKAGES
                     if any(_finds(f, name) for f in others))
    assert not present, f"network packages inside the bundle: {', '.join(present)}"
    return (f"no network client: {len(mscc_offline.EXCLUDED_PACKAGES)} packages absent, "
            "a time-stamping server is refused")


def _finds(finder, name: str) -> bool:
    find_spec = getattr(finder, "find_spec", None)
    return find_spec is not None and find_spec(name, None) is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mscc-pathway self-test",
        description="Check this installation: golden cases, PDF signing, main window.")
    parser.add_argument("--no-window", action="store_true",
                        help="skip the window check (engine checks only)")
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path,
                        help="save a picture of the window with the golden case")
    parser.add_argument("--platform", default="offscreen",
                        help="Qt platform for the window check (default: offscreen)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mscc-selftest-") as tmp:
        home = Path(tmp)
        _isolate(home, args.platform)
        from engine import selftest as engine_selftest

        results = []

        def record(check) -> None:
            results.append(check)
            print(check.line(), flush=True)

        record(engine_selftest.run_check("modules", check_modules))
        if getattr(sys, "frozen", False):  # the packaged app (PyInstaller)
            record(engine_selftest.run_check("offline", check_offline))
        for name, fn in engine_selftest.engine_checks():
            record(engine_selftest.run_check(name, fn))
        if not args.no_window:
            record(engine_selftest.run_check("window", lambda: _window(home, args.screenshot)))
    failed = sum(not c.ok for c in results)
    print(f"self-test took {time.perf_counter() - started:.1f} s", flush=True)
    print(f"{len(results) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


def _window(home: Path, screenshot: Path | None) -> str:
    from engine import selftest as engine_selftest
    from desktop.selftest_window import check_window

    doc = engine_selftest.load_golden(engine_selftest.CASES_DIR / engine_selftest.PDF_CASE)
    return check_window(home, case=doc["case"], expected_pathway=doc["expect"].get("pathway"),
                        screenshot=screenshot)


if __name__ == "__main__":
    sys.exit(main())
