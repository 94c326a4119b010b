"""Connects input widgets to case paths, and case paths back to widgets.

Forms call `bind(path, widget, label, section)`. The binder then (1) writes every
user edit to the session, (2) reloads every widget from the case when a different
case is loaded, so nothing of a previous patient stays on screen, (3) shows the
engine's problems at the field they belong to, and (4) can reveal and focus the
field for any path the engine names (missing inputs, problems)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QWidget

from desktop.ui.field_row import FieldRow


@dataclass
class BoundField:
    path: str
    widget: QWidget
    row: FieldRow
    label: str
    section: str


class FieldBinder(QObject):
    sectionProblemsChanged = Signal(dict)  # section -> number of problems shown there

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._fields: dict[str, BoundField] = {}
        self._problems: list = []
        self._complete = lambda: None
        session.caseReplaced.connect(self.reload)
        session.valueRestored.connect(self.reload_path)
        session.problemsChanged.connect(self.show_problems)

    # --- binding -----------------------------------------------------------------
    def bind(self, path: str, widget: QWidget, row: FieldRow, label: str, section: str) -> None:
        self._fields[path] = BoundField(path, widget, row, label, section)
        widget.setAccessibleName(label)
        # Typing is debounced by the session; a click or a committed choice is not.
        immediate = bool(getattr(widget, "discrete", False))
        widget.edited.connect(
            lambda value, p=path: self.session.set_value(p, value, immediate=immediate))
        widget.set_value(self.session.value(path))

    def set_completer(self, complete) -> None:
        """`complete()` binds every field not built yet (the lazily built form tabs);
        it runs before any look-up, so no path is ever unknown because of laziness."""
        self._complete = complete

    def unbind_prefix(self, prefix: str) -> None:
        for path in [p for p in self._fields if p == prefix or p.startswith(prefix + ".")]:
            del self._fields[path]

    def fields(self) -> list[BoundField]:
        self._complete()
        return list(self._fields.values())

    def reload(self) -> None:
        for field in self._fields.values():
            field.widget.set_value(self.session.value(field.path))

    def reload_path(self, path: str) -> None:
        """Show the case's value again in every field at, under or above `path`."""
        for field in list(self._fields.values()):
            if field.path == path or field.path.startswith(path + ".") \
                    or path.startswith(field.path + "."):
                field.widget.set_value(self.session.value(field.path))

    # --- looking up paths --------------------------------------------------------
    def field_for(self, path: str) -> BoundField | None:
        """The field showing `path`: itself, the nearest bound parent (labs.calcium for
        labs.calcium.value), or the first bound child (patient.id for patient)."""
        self._complete()
        if path in self._fields:
            return self._fields[path]
        parts = path.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            parent = ".".join(parts[:cut])
            if parent in self._fields:
                return self._fields[parent]
        for bound, field in self._fields.items():
            if bound.startswith(path + "."):
                return field
        return None

    def label_for(self, path: str) -> str:
        """The field's name as the user sees it ("Neuro exam › Examined at"), from the
        engine's one table of field names (the captions on the forms come from it too)."""
        from engine import field_labels

        return field_labels.label(path)

    def focus(self, path: str) -> bool:
        field = self.field_for(path)
        if field is None:
            return False
        _reveal(field.row)
        field.widget.focus_input()
        return True

    # --- problems ----------------------------------------------------------------
    def show_problems(self, problems: list) -> None:
        self._problems = list(problems)
        self._apply_problems()

    def refresh_problems(self) -> None:
        """Re-apply the current problems (after widgets were rebuilt)."""
        self._apply_problems()

    def _apply_problems(self) -> None:
        self._complete()
        messages: dict[str, list[str]] = {}
        for problem in self._problems:
            field = self.field_for(problem.path)
            if field is not None:
                messages.setdefault(field.path, []).append(problem.message)
        per_section: Counter = Counter()
        for path, field in self._fields.items():
            found = messages.get(path)
            field.row.set_error("\n".join(found) if found else None)
            if found:
                per_section[field.section] += len(found)
        self.sectionProblemsChanged.emit(dict(per_section))


def _reveal(widget: QWidget) -> None:
    """Switch every tab page holding `widget` to the front and scroll it into view."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 40, 80)
        parent = parent.parentWidget()
    widget.window().activateWindow()
    widget.setFocus(Qt.OtherFocusReason)
