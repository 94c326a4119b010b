"""Helper for test_crash_kill.py (not a test module): the draft save loop that the test
kills with SIGKILL at random moments, in a child forked from the test process (a fork
takes about a millisecond, so 200 runs take seconds)."""
from __future__ import annotations

from pathlib import Path

from desktop.drafts import DraftStore

SESSION_ID = "crashtest"


def version(seq: int) -> dict:
    """The case of draft version `seq`: sizes differ from one version to the next (from
    ~2 kB to ~120 kB) so that a file mixing two versions or cut short cannot pass for
    either of them."""
    size = 200 + (seq * 7919) % 12000
    return {"format": "mscc-case/1", "assessed_at": "2026-03-10T12:00:00+00:00",
            "locale": "GB", "patient": {"id": f"CRASH-{seq}", "weight_kg": 72},
            "seq": seq, "padding": [seq] * size}


def store(directory: str) -> DraftStore:
    Path(directory).mkdir(parents=True, exist_ok=True)   # as desktop/paths.py does
    s = DraftStore(Path(directory))
    s.session_id = SESSION_ID
    return s


def save_forever(directory: str, first_seq: int, acked, ready=None) -> None:
    """Save versions first_seq, first_seq + 1, ... until killed; `acked.value` is the
    last version whose save returned; `ready.value` is set to 1 just before the first
    save starts (so the killer's random delay is measured from there)."""
    s = store(directory)
    seq = first_seq
    if ready is not None:
        ready.value = 1
    while True:
        s.write(version(seq), None)
        acked.value = seq
        seq += 1
