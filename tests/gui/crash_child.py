"""Run by test_autosave.py in a separate process: open a case, change it through a
widget, wait until the draft holding the change is on disk, say READY and keep
running until killed (a simulated crash or power cut: no clean shutdown)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from desktop.app import build_window, create_application


def main(case_path: str, new_name: str) -> int:
    app = create_application([])
    window = build_window(debounce_ms=10)
    window.show()
    assert window.files.open_path(case_path, ask=False)
    field = window.binder.field_for("patient.name").widget
    field.selectAll()
    QTest.keyClicks(field, new_name)
    draft = window.drafts.own_path

    def check() -> None:
        if draft.exists() and json.loads(draft.read_text())["case"]["patient"].get("name") == new_name:
            print("READY", draft, flush=True)
        else:
            QTimer.singleShot(50, check)

    check()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
