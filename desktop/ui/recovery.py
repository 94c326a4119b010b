"""After a crash or power cut: offer the drafts left behind, newest first. A draft
that cannot be read, breaks an input limit or fails its checksum is reported with
its reason and never loaded (it is set aside as *.corrupt). A draft of a case that
is not finished yet (fields still to correct) is offered, saying how many problems
it has: it is the user's own unfinished work, and the problems show at their fields."""
from __future__ import annotations

from desktop.draft_lock import DraftLock
from desktop.drafts import DraftStore
from desktop.time_text import format_datetime


def _report(corrupt, prompter) -> None:
    for bad in corrupt:
        prompter.error("Draft not recovered",
                       f"An unsaved draft could not be read and was NOT loaded "
                       f"({bad.reason}). It was kept as {bad.path.name} in {bad.path.parent}.")


def report_corrupt_drafts(store: DraftStore, prompter) -> int:
    """Report unreadable drafts now; return how many readable ones wait for recovery."""
    drafts, corrupt = store.orphans()
    _report(corrupt, prompter)
    return len(drafts)


def offer_recovery(store: DraftStore, session, prompter, file_actions) -> bool:
    """Returns True when a draft was loaded into the session."""
    drafts, corrupt = store.orphans()
    _report(corrupt, prompter)
    for draft in drafts:
        lock = DraftLock(draft.path)
        if lock.try_acquire() is not None:
            continue  # another window took it between listing and asking
        try:
            when = format_datetime(draft.saved_at) or "an unknown time"
            answer = prompter.ask_recover(f"{draft.label}, last saved {when}{draft.problems_note}")
            if answer == "discard":
                store.discard(draft.path)
                continue
            if answer != "recover":
                continue
            if not file_actions.maybe_discard():
                return False
            session.replace_case(draft.case, file_path=draft.file_path, dirty=True)
            file_actions.provenanceChanged.emit("")  # a draft is the user's own work
            store.discard(draft.path)  # the session's own draft now protects it
            return True
        finally:
            lock.release()
    return False
