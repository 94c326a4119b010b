"""Count the keystrokes a doctor needs to enter the motivating case by keyboard alone
(issue 15): examples/index-case-c5.json — a 57-year-old woman with breast cancer,
3 days of neck pain, falls from weakness, brisk reflexes in all limbs, calcium
11 mg/dL and cervical metastases on X-ray.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/keystrokes.py [--verbose]

It opens a new case in the real window and drives it with QTest key events only (no
mouse, no setting of values): Alt+1…6 to reach a tab and its first field, Tab to move
to the next field, the keys that answer (Y/N on yes/no questions, arrow keys on
answers and units, Down in drop-downs, Space on tick boxes and buttons, typed text and
times). The assessment time is typed (16 keys) so the case stays the file's; at the
bedside Ctrl+T ("assessment time = now") is 1 key, 15 fewer.
Every key press counts one (a capital letter is one key; Shift is not counted). At the
end the case in the window must give the same assessment as the file (pathway, every
order's status, missing inputs), or the script fails. Prints the count per tab and the
total."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASE = REPO / "examples" / "index-case-c5.json"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    home = tempfile.mkdtemp(prefix="mscc-keys-")
    os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TZ", "UTC")  # the example's times are UTC: typed as they are
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import engine
    from desktop.app import build_window, create_application
    from desktop.ui.case_forms import TABS
    from desktop.ui.choice_buttons import ChoiceButtons
    from desktop.ui.choice_combo import ChoiceCombo
    from desktop.ui.date_input import DateInput
    from desktop.ui.datetime_input import DateTimeInput
    from desktop.ui.lab_value_input import LabValueInput
    from desktop.ui.multi_choice import MultiChoice
    from desktop.ui.number_input import NumberInput
    from desktop.ui.text_input import TextInput

    case = json.loads(CASE.read_text(encoding="utf-8"))
    clock = datetime.fromisoformat(case["assessed_at"])
    app = create_application([])
    window = build_window(now_fn=lambda: clock, debounce_ms=0)
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    window.forms.build_all()
    counts: Counter = Counter()
    where = {"tab": "start"}
    sections = {section: index for index, (_t, classes) in enumerate(TABS)
                for section in (c.section for c in classes)}

    def settle() -> None:
        for _ in range(3):
            QApplication.processEvents()

    def key(k, modifier=Qt.NoModifier, why: str = "") -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, k, modifier)
        counts[where["tab"]] += 1
        if verbose:
            print(f"  key {why or k}")
        settle()

    def shortcut(k, modifier) -> None:
        QTest.keyClick(window.windowHandle(), k, modifier)  # as the window system delivers
        counts[where["tab"]] += 1
        settle()

    def type_text(text: str) -> None:
        for ch in text:
            QTest.keyClicks(QApplication.focusWidget(), ch)
            counts[where["tab"]] += 1
        settle()

    def inside(widget) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is widget or widget.isAncestorOf(focus))

    def go_to(widget, section: str) -> None:
        tab = sections[section]
        if window.forms.currentIndex() != tab or where["tab"] == "start":
            where["tab"] = TABS[tab][0]
            shortcut(getattr(Qt, f"Key_{tab + 1}"), Qt.AltModifier)
        for _ in range(400):
            if inside(widget):
                return
            key(Qt.Key_Tab, why="Tab")
        raise SystemExit(f"keystrokes: Tab never reached {widget!r} on {where['tab']}")

    def answer(widget, value) -> None:
        if isinstance(widget, ChoiceButtons):
            keys = getattr(widget, "_keys", {})
            letter = next((k for k, v in keys.items() if v is value and len(k) == 1), None)
            if letter:
                type_text(letter)
                return
            buttons = widget.buttons()
            focus = QApplication.focusWidget()
            index = widget._index_of(value)
            here = buttons.index(focus) if focus in buttons else 0
            if widget.value() is None and here == index:
                key(Qt.Key_Space, why="Space")  # no answer checked yet: choose this one
            for _ in range(abs(index - here)):
                key(Qt.Key_Right if index > here else Qt.Key_Left, why="arrow")
        elif isinstance(widget, ChoiceCombo):
            for _ in range(widget.count() + 1):
                if widget.value() == value and widget.currentIndex() > 0:
                    return
                key(Qt.Key_Down, why="Down")
            raise SystemExit(f"keystrokes: {value!r} not reachable")
        elif isinstance(widget, MultiChoice):
            boxes = widget._boxes
            for n, (item, box) in enumerate(boxes):
                if n:
                    key(Qt.Key_Tab, why="Tab")
                if (item in value) != box.isChecked():
                    key(Qt.Key_Space, why="Space")
                if all((i in value) == b.isChecked() for i, b in boxes):
                    return
        elif isinstance(widget, (TextInput, DateInput)):
            type_text(str(value))
        elif isinstance(widget, NumberInput):
            type_text(f"{value:g}" if isinstance(value, float) else str(value))
        elif isinstance(widget, DateTimeInput):
            type_text(datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M"))
        elif isinstance(widget, LabValueInput):
            type_text(f"{value['value']:g}")
            if widget.unit is not None:
                key(Qt.Key_Tab, why="Tab")
                answer(widget.unit, value["unit"])
            key(Qt.Key_Tab, why="Tab")
            type_text(datetime.fromisoformat(value["sampled_at"]).strftime("%Y-%m-%d %H:%M"))
        else:
            raise SystemExit(f"keystrokes: no keyboard entry for {type(widget).__name__}")

    def enter(path: str, value) -> None:
        field = window.binder.field_for(path)
        if field is None or field.path != path:
            raise SystemExit(f"keystrokes: no field for {path}")
        go_to(field.widget, field.section)
        answer(field.widget, value)

    def leaves(prefix: str, value):
        if isinstance(value, dict) and not {"value", "unit"} <= set(value):
            for k, v in value.items():
                yield from leaves(f"{prefix}.{k}" if prefix else k, v)
        else:
            yield prefix, value

    wanted = dict(p for p in leaves("", case) if p[0] not in ("format", "imaging"))
    order = [f.path for f in window.binder.fields()]
    for path in [p for p in order if p in wanted]:
        enter(path, wanted[path])
        if path == "mri_contraindicated":
            # Imaging studies: the Add buttons are reached with Tab and pressed with Space.
            forms = window.forms.forms["Imaging"]
            for s, study in enumerate(case.get("imaging") or []):
                go_to(forms.add_study_button, "Imaging")
                key(Qt.Key_Space, why="Space: Add imaging study")
                for k in ("modality", "performed_at", "metastases_excluded"):
                    if k in study:
                        enter(f"imaging.{s}.{k}", study[k])
                for n, lesion in enumerate(study.get("lesions") or []):
                    go_to(forms.editors[s].add_lesion_button, "Imaging")
                    key(Qt.Key_Space, why="Space: Add lesion")
                    for k, v in lesion.items():
                        enter(f"imaging.{s}.lesions.{n}.{k}", v)
    left = [p for p in wanted if p not in order]
    if left:
        raise SystemExit(f"keystrokes: fields not on the forms: {left}")
    key(Qt.Key_Tab, why="Tab: commit the last field")
    window.session.flush()

    got, expected = window.session.assessment, engine.assess(case)
    if got is None:
        raise SystemExit(f"keystrokes: no assessment after entry ({window.session.state}): "
                         + "; ".join(f"{p.path}: {p.message}" for p in window.session.problems)
                         + "\n" + json.dumps(window.session.case())[:1500])
    same = (got["pathway"]["code"] == expected["pathway"]["code"]
            and [(o["code"], o["status"]) for o in got["orders"]]
            == [(o["code"], o["status"]) for o in expected["orders"]]
            and got["missing_inputs"] == expected["missing_inputs"])
    if not same:
        raise SystemExit("keystrokes: the entered case does not give the file's assessment:\n"
                         + json.dumps({"got": got["missing_inputs"],
                                       "expected": expected["missing_inputs"]}))
    print(f"Keystrokes to enter {CASE.name} by keyboard alone (same assessment as the file):")
    for tab, n in counts.items():
        print(f"  {tab:<18} {n:4d}")
    print(f"  {'total':<18} {sum(counts.values()):4d}")
    window.files.maybe_discard = lambda: True
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
