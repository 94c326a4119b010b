"""desktop/draft_lock.py: one window (one app instance) at a time per draft or case
file, with stale-lock detection (hazard HAZ-022, two windows on one draft)."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.draft_lock import DraftLock, Holder, LockHeld

REPO = Path(__file__).resolve().parents[2]


def dead_pid() -> int:
    """A pid that ran and has exited."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_names_the_holder_and_blocks_a_second_window(tmp_path):
    draft = tmp_path / "draft-a.json"
    first = DraftLock(draft).acquire()
    doc = json.loads(first.path.read_text())
    assert doc["pid"] == os.getpid() and doc["host"] and doc["token"] == first.token
    other = DraftLock(draft, pid=os.getpid())          # a second window in this process
    with pytest.raises(LockHeld) as err:
        other.acquire()
    assert f"process {os.getpid()} on " in str(err.value) and "another MSCC Pathway window" in str(err.value)
    first.release()
    assert not first.path.exists()
    assert other.try_acquire() is None and other.owned
    other.release()


def test_lock_held_by_another_live_process(tmp_path):
    draft = tmp_path / "draft-b.json"
    code = ("import sys, time; sys.path.insert(0, %r); from desktop.draft_lock import DraftLock; "
            "l = DraftLock(%r).acquire(); print('held', flush=True); time.sleep(30)"
            % (str(REPO), str(draft)))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        holder = DraftLock(draft).try_acquire()
        assert isinstance(holder, Holder) and holder.pid == child.pid
        child.kill()
        child.wait()
        # the holder died without releasing: same host, pid gone -> stale, taken over
        mine = DraftLock(draft)
        assert mine.try_acquire() is None and mine.owned
        mine.release()
    finally:
        child.kill()
        child.wait()


def test_stale_lock_of_a_dead_process_is_broken(tmp_path):
    draft = tmp_path / "draft-c.json"
    DraftLock(draft, pid=dead_pid()).acquire()   # left behind by a crash
    mine = DraftLock(draft)
    assert mine.try_acquire() is None and mine.owned


def test_reused_pid_is_not_mistaken_for_the_holder(tmp_path):
    draft = tmp_path / "draft-d.json"
    lock = DraftLock(draft).acquire()
    doc = json.loads(lock.path.read_text())
    if doc["proc_start"] is None:
        pytest.skip("no /proc here: pid reuse cannot be told apart")
    doc["proc_start"] = str(int(doc["proc_start"]) - 1)   # same pid, another process
    lock.path.write_text(json.dumps(doc))
    assert DraftLock(draft).try_acquire() is None


def test_lock_from_another_host_is_stale_only_without_refresh(tmp_path):
    draft = tmp_path / "draft-e.json"
    remote = DraftLock(draft, host="ward-pc-7", pid=12345, stale_after=60).acquire()
    holder = DraftLock(draft, stale_after=60).try_acquire()
    assert holder is not None and holder.host == "ward-pc-7"
    old = time.time() - 120
    os.utime(remote.path, (old, old))                     # no heartbeat for 2 minutes
    mine = DraftLock(draft, stale_after=60)
    assert mine.try_acquire() is None and mine.owned
    assert remote.refresh() is False                      # the old holder learns it lost it
    remote.release()                                      # and cannot remove the new lock
    assert mine.owned


def test_refresh_keeps_a_remote_lock_alive(tmp_path):
    draft = tmp_path / "draft-f.json"
    remote = DraftLock(draft, host="ward-pc-7", pid=12345, stale_after=60).acquire()
    old = time.time() - 120
    os.utime(remote.path, (old, old))
    assert remote.refresh() is True
    assert DraftLock(draft, stale_after=60).try_acquire() is not None


def test_unreadable_lock_counts_as_held_until_stale(tmp_path):
    draft = tmp_path / "draft-g.json"
    lock_path = draft.with_name(draft.name + ".lock")
    lock_path.write_text("garbage")
    assert DraftLock(draft, stale_after=60).try_acquire() is not None
    old = time.time() - 120
    os.utime(lock_path, (old, old))
    assert DraftLock(draft, stale_after=60).try_acquire() is None


def _race(draft: str, barrier, results) -> None:
    lock = DraftLock(draft)
    barrier.wait()
    got = lock.try_acquire() is None
    time.sleep(0.2)              # hold it while the others try
    results.put((os.getpid(), got and lock.owned))


def test_many_windows_racing_for_a_stale_lock_exactly_one_wins(tmp_path):
    draft = tmp_path / "draft-h.json"
    DraftLock(draft, pid=dead_pid()).acquire()        # left by a crash
    for round_ in range(3):
        ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_race, args=(str(draft), barrier, results)) for _ in range(6)]
        for p in procs:
            p.start()
        outcome = [results.get(timeout=20) for _ in procs]
        for p in procs:
            p.join(10)
        winners = [pid for pid, won in outcome if won]
        assert len(winners) == 1, (round_, outcome)
        # the winner has exited without releasing: next round starts from a stale lock


def test_two_instances_recovering_after_a_crash_do_not_both_get_the_draft(tmp_path):
    """Integration shape for desktop/ui/recovery.py: take the draft's lock before
    offering it; the second instance is told who has it."""
    from desktop.drafts import DraftStore

    crashed = DraftStore(tmp_path)
    crashed.write({"format": "mscc-case/1", "patient": {"id": "X"}}, None)
    crashed.release()                                 # the process is gone
    first, second = DraftStore(tmp_path), DraftStore(tmp_path)
    (draft_a,), _ = first.orphans()
    (draft_b,), _ = second.orphans()
    assert draft_a.path == draft_b.path               # both would offer it today
    lock_a = DraftLock(draft_a.path).acquire()
    with pytest.raises(LockHeld):
        DraftLock(draft_b.path, pid=os.getpid()).acquire()
    assert DraftLock(draft_b.path).live_holder().pid == os.getpid()
    assert lock_a.live_holder() is None                   # our own lock is not "another"
    lock_a.release()
    assert DraftLock(draft_b.path).live_holder() is None


def test_second_instance_is_not_offered_a_draft_the_first_is_recovering(tmp_path):
    from desktop.drafts import DraftStore

    crashed = DraftStore(tmp_path)
    crashed.write({"format": "mscc-case/1", "patient": {"id": "X"}}, None)
    crashed.release()
    first, second = DraftStore(tmp_path), DraftStore(tmp_path)
    (draft,), _ = first.orphans()
    DraftLock(draft.path, pid=os.getppid()).acquire()   # the first instance, alive, has it
    offered, _ = second.orphans()
    assert offered == []
