"""Screenshots of the window at 1366x768 for the README and for review.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/screenshots.py [OUT_DIR]

Writes into OUT_DIR (by default docs/screenshots) new-case.png (an empty new case),
index-case.png (examples/index-case-c5.json, the motivating case), index-case-orders.png
(the same case scrolled to the orders, one row opened) and index-case-scores.png
(scrolled to the alerts, missing inputs and scores).
The app runs with a throw-away settings and drafts directory, and for the index case
with its clock set 25 minutes after the case's assessment time, so the countdowns in
the picture are the ones a doctor would see while assessing."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CASE = REPO / "examples" / "index-case-c5.json"
SIZE = (1366, 768)


def main() -> int:
    out = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else OUT
    home = tempfile.mkdtemp(prefix="mscc-shots-")
    os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.app import build_window, create_application

    app = create_application([])
    out.mkdir(parents=True, exist_ok=True)
    case = json.loads(CASE.read_text(encoding="utf-8"))
    clock = datetime.fromisoformat(case["assessed_at"]) + timedelta(minutes=25)

    def settle(ms: int = 400) -> None:
        # A local event loop: QApplication.quit() would also close the window.
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(window, name: str) -> None:
        settle()
        path = out / name
        window.grab().save(str(path))
        print(f"wrote {path} ({window.width()}x{window.height()})")

    window = build_window()
    window.resize(*SIZE)
    window.show()
    shoot(window, "new-case.png")
    window.files.maybe_discard = lambda: True
    window.close()

    window = build_window(now_fn=lambda: clock)
    window.resize(*SIZE)
    window.show()
    window.files.open_path(str(CASE), ask=False)
    shoot(window, "index-case.png")
    panel = window.panel
    # Opened the way a user does: the row's ▸ button.
    panel.orders.toggle_button("dexamethasone").click()
    settle(100)
    panel.scroll.verticalScrollBar().setValue(panel.sections["orders"].y())
    shoot(window, "index-case-orders.png")
    panel.scroll.verticalScrollBar().setValue(panel.sections["alerts"].y())
    shoot(window, "index-case-scores.png")
    # An invalid input (a weight typed with a comma) keeps the recommendation on screen.
    panel.scroll.verticalScrollBar().setValue(0)
    window.binder.focus("patient.weight_kg")
    window.binder.field_for("patient.weight_kg").widget.line.setText("6,5kg")
    shoot(window, "index-case-invalid-input.png")
    window.files.maybe_discard = lambda: True
    window.close()

    # Small screens: a 1024x600 netbook, and 200% scaling (QT_SCALE_FACTOR=2 on a
    # 1920x1080 screen is 960x540 in window units). Each shot is named by its size.
    for size, name in (((1024, 600), "index-case-1024x600.png"),
                       ((960, 540), "index-case-960x540.png")):
        window = build_window(now_fn=lambda: clock)
        window.resize(*size)
        window.show()
        window.files.open_path(str(CASE), ask=False)
        shoot(window, name)
        window.files.maybe_discard = lambda: True
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
