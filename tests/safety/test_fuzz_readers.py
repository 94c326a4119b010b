"""Every case reader against generated hostile files (issue 19, problem 6): the command
line, the desktop's Open, drafts, a summary's embedded case and (every 10th file) the
whole summary reopen. No traceback, no hang (5 s alarm per reader). The generator is
tools/fuzz_readers.py (10,000 files there, figures in the README); here Hypothesis
picks the seeds of a smaller run."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
import fuzz_readers  # noqa: E402

sys.path.remove(str(REPO / "tools"))
EXAMPLES = int(os.environ.get("MSCC_FUZZ_READER_EXAMPLES", "150"))
READERS = fuzz_readers._readers()
PDF = fuzz_readers._pdf_reader()
SEEN: dict[str, int] = {}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_generated_files_never_crash_or_hang_any_reader(seed, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", "")
    folder = tmp_path_factory.mktemp("fuzz")
    rng = random.Random(seed)
    path = fuzz_readers.generate(rng, folder, 0)
    raw = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    chosen = dict(READERS)
    if seed % 10 == 0:
        chosen["pdf"] = PDF
    import signal

    def hang(*_):
        raise AssertionError(f"a reader did not answer in {fuzz_readers.HANG_SECONDS} s")
    old = signal.signal(signal.SIGALRM, hang)
    try:
        for name, reader in chosen.items():
            signal.alarm(fuzz_readers.HANG_SECONDS)
            try:
                outcome = reader(path, raw)  # raises on a traceback-worthy failure
            finally:
                signal.alarm(0)
            key = f"{name}:{outcome}"
            SEEN[key] = SEEN.get(key, 0) + 1
    finally:
        signal.signal(signal.SIGALRM, old)
        fuzz_readers._cleanup(path)


def test_the_fuzz_reached_both_outcomes():
    """The generator is not trivially all-valid or all-invalid."""
    if not SEEN:
        pytest.skip("runs after the fuzz test in the same session")
    assert SEEN.get("cli:exit_0", 0) > 0 and SEEN.get("cli:exit_2", 0) > 0, SEEN
    assert SEEN.get("desktop:refused", 0) > 0, SEEN
