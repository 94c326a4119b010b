"""A small set of mutually exclusive answers shown as radio buttons, always with a
"Not assessed" answer that means the field is absent from the case.

One tab stop per question: Tab lands on the answer that is checked ("Not assessed" on
a new case), and the arrow keys move to the next or previous answer AND choose it, so
what the focus shows is always what is recorded (Qt's own radio keys moved the focus
without choosing when the focused answer was not the checked one). A new case shows "Not assessed": it is the true
state of the data, not an answer someone chose."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

NOT_ASSESSED = "Not assessed"


class ChoiceButtons(QWidget):
    edited = Signal(object)
    discrete = True  # one edit per click or commit: assessed at once, no typing debounce

    def __init__(self, options: list[tuple[Any, str]], none_label: str | None = NOT_ASSESSED,
                 parent: QWidget | None = None, keys: dict[str, Any] | None = None):
        super().__init__(parent)
        # none_label=None: no "Not assessed" button; the empty state is no button checked
        # (used for units, which are cleared with the whole value).
        self._values: list[Any] = [value for value, _ in options]
        if none_label is not None:
            self._values.append(None)
        self._keys = {k.lower(): v for k, v in (keys or {}).items()}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        labels = [label for _, label in options] + ([none_label] if none_label is not None else [])
        for index, label in enumerate(labels):
            button = QRadioButton(label, self)
            button.setFocusPolicy(Qt.StrongFocus)
            button.installEventFilter(self)
            if none_label is not None and index == len(labels) - 1:
                button.setObjectName("notAssessed")
            self._group.addButton(button, index)
            layout.addWidget(button)
        layout.addStretch(1)
        # idToggled covers clicks, arrow keys and shortcut keys, once each.
        self._group.idToggled.connect(self._on_toggled)
        self._loading = False
        self.set_value(None)

    # The accessible name of each button says which question it answers.
    def _update_tab_stop(self) -> None:
        """Only the checked answer (or the first, when none is) is reached by Tab."""
        checked = self._group.checkedButton() or self._group.buttons()[0]
        for button in self._group.buttons():
            button.setFocusPolicy(Qt.StrongFocus if button is checked else Qt.ClickFocus)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        super().setAccessibleName(name)
        for button in self._group.buttons():
            button.setAccessibleName(f"{name}: {button.text()}")

    def buttons(self) -> list[QRadioButton]:
        return list(self._group.buttons())

    def value(self) -> Any:
        index = self._group.checkedId()
        return None if index < 0 else self._values[index]

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            index = self._index_of(value)
            if index is None:  # a value this widget cannot show: leave no answer checked
                self._group.setExclusive(False)
                for button in self._group.buttons():
                    button.setChecked(False)
                self._group.setExclusive(True)
            else:
                self._group.button(index).setChecked(True)
        finally:
            self._loading = False
            self._update_tab_stop()

    def focus_input(self) -> None:
        button = self._group.checkedButton() or self._group.buttons()[0]
        button.setFocus(Qt.OtherFocusReason)

    def _index_of(self, value: Any) -> int | None:
        for index, candidate in enumerate(self._values):
            # `True == 1` in Python: compare types too so 1 never shows as "Yes".
            if candidate == value and type(candidate) is type(value):
                return index
        return None

    def _on_toggled(self, _index: int, checked: bool) -> None:
        if checked:
            self._update_tab_stop()
        if checked and not self._loading:
            self.edited.emit(self.value())

    _ARROWS = {Qt.Key_Left: -1, Qt.Key_Up: -1, Qt.Key_Right: 1, Qt.Key_Down: 1}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.KeyPress and event.key() in self._ARROWS \
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            buttons = self._group.buttons()
            if watched in buttons:
                step = self._ARROWS[event.key()]
                if self.layoutDirection() == Qt.RightToLeft and event.key() in (
                        Qt.Key_Left, Qt.Key_Right):
                    step = -step
                target = buttons[max(0, min(len(buttons) - 1, buttons.index(watched) + step))]
                target.setChecked(True)  # chooses (and records) what gets the focus
                target.setFocus(Qt.TabFocusReason)
                return True
        if event.type() == QEvent.KeyPress and self._keys:
            text = "delete" if event.key() == Qt.Key_Delete else event.text().lower()
            if text in self._keys:
                button = self._group.button(self._index_of(self._keys[text]))
                button.setChecked(True)
                button.setFocus()
                return True
        return super().eventFilter(watched, event)
