"""Two windows never edit the same case file: the second is told who has it."""
from __future__ import annotations

import json
import shutil

from conftest import REPO


def test_second_window_cannot_open_a_case_file_open_in_the_first(make_window, tmp_path):
    path = tmp_path / "case.json"
    shutil.copy(REPO / "examples" / "index-case-c5.json", path)
    first, second = make_window(), make_window()
    assert first.files.open_path(str(path), ask=False)
    assert second.files.open_path(str(path), ask=False) is False
    kind, title, text = second.prompter.messages[-1]
    assert (kind, title) == ("error", "Case open elsewhere") and "case.json" in text
    assert second.session.case().get("patient", {}).get("id") != "RXQ-0100571"


def test_lock_is_released_when_the_first_window_opens_a_new_case(make_window, tmp_path):
    path = tmp_path / "case.json"
    path.write_text((REPO / "examples" / "index-case-c5.json").read_text())
    first, second = make_window(), make_window()
    assert first.files.open_path(str(path), ask=False)
    first.files.maybe_discard = lambda: True
    first.files.new_case()
    assert second.files.open_path(str(path), ask=False)
    assert json.loads(path.read_text())["patient"]["id"] == second.session.case()["patient"]["id"]
