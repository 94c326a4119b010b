"""Suite-wide settings. Qt must be told to run offscreen before anything imports it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")
os.environ.setdefault("LANG", "C.UTF-8")
# Clock times are shown on the machine's zone when site.toml names none: one fixed zone
# keeps printed times the same on every machine (tests that mean a zone pass it).
os.environ["TZ"] = "UTC"
if hasattr(__import__("time"), "tzset"):
    __import__("time").tzset()

# The socket guard (no test may open a network socket) and the rule-trace recorder
# behind docs/safety/traceability.md.
pytest_plugins = ["safety_plugin"]

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_path(*parts: str) -> Path:
    """A path under ../shared. Outside CI a clone without it skips the test; in CI its
    absence is a failure (the golden cases must always run there)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing; CI must run with ../shared beside the repo")
        pytest.skip(f"{path} not present (clone without ../shared)")
    return path


@pytest.fixture
def vignette_dir() -> Path:
    return shared_path("vignettes")
