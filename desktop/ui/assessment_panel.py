"""The live assessment: everything the engine returned for the current case, or a
plain "No recommendation" with the reason. Renders only what the session emits; a
failure while rendering also ends in "No recommendation — internal error", never in
a half-drawn result."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop.ui.actions_list import ActionsList
from desktop.ui.alerts_list import AlertsList
from desktop.ui.disagreements_list import DisagreementsList
from desktop.ui.drawn_text import settle_layouts
from desktop.ui.missing_inputs_list import MissingInputsList
from desktop.ui.orders_table import OrdersTable
from desktop.ui.pathway_diagram import PathwayDiagram
from desktop.ui.precautions_box import PrecautionsBox
from desktop.ui.scores_view import ScoresView
from desktop.ui.status_header import StatusHeader
from desktop.ui.text_block import TextBlock
from desktop.ui.timestamps_list import TimestampsList
from engine.report import pathway_map


def _local_now() -> datetime:
    return datetime.now().astimezone()


class AssessmentPanel(QWidget):
    focusRequested = Signal(str)
    doneRequested = Signal(str)        # an action's "Done…" button (action code)
    copyOrdersRequested = Signal()     # the "Copy orders" button

    def __init__(self, label_for, now_fn=_local_now, parent=None):
        super().__init__(parent)
        self._label_for = label_for
        self.assessment: dict | None = None
        self.header = StatusHeader(self)
        self.diagram = PathwayDiagram()
        self.route_caption = QLabel()
        self.route_caption.setObjectName("routeCaption")
        self.route_caption.setWordWrap(True)
        self.precautions = PrecautionsBox()
        self.actions = ActionsList(now_fn)
        self.actions.doneRequested.connect(self.doneRequested)
        self.copy_orders_button = QPushButton("Copy orders")
        self.copy_orders_button.setObjectName("copyOrders")
        self.copy_orders_button.setToolTip("Put the order set on the clipboard as plain text "
                                           "for the record system (Ctrl+Shift+C)")
        self.copy_orders_button.setAccessibleName("Copy orders as plain text")
        self.copy_orders_button.clicked.connect(self.copyOrdersRequested)
        self.orders = OrdersTable()
        self.alerts = AlertsList()
        self.missing = MissingInputsList()
        self.missing.focusRequested.connect(self.focusRequested)
        self.scores = ScoresView()
        self.disagreements = DisagreementsList()
        self.timestamps = TimestampsList()
        self.footer = TextBlock()  # its case hash changes with every edit: see TextBlock
        self.footer.setObjectName("panelFooter")

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        self.sections: dict[str, QWidget] = {}
        self.missing_title = QLabel()
        for key, title, widget in [
            ("diagram", "", self.diagram), ("caption", "", self.route_caption),
            ("precautions", "", self.precautions),
            ("actions", "Actions", self.actions), ("orders", "Orders", self.orders),
            ("alerts", "Alerts", self.alerts), ("missing", None, self.missing),
            ("scores", "Scores", self.scores),
            ("disagreements", "Where guidelines differ", self.disagreements),
            ("timestamps", "Audit time stamps (NICE QS56)", self.timestamps),
        ]:
            box = QFrame()
            box.setObjectName("panelSection")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 4, 0, 4)
            heading = self.missing_title if title is None else (QLabel(title) if title else None)
            if heading is not None:
                heading.setObjectName("sectionTitle")
                heading.setWordWrap(True)  # never wider than the panel (large text)
                if key == "orders":
                    row = QHBoxLayout()
                    row.addWidget(heading, 1)
                    row.addWidget(self.copy_orders_button)
                    inner.addLayout(row)
                else:
                    inner.addWidget(heading)
            inner.addWidget(widget)
            column.addWidget(box)
            self.sections[key] = box
        column.addWidget(self.footer)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # A scroll bar that comes and goes changes the width after word-wrapped rows
        # were measured, which cut off their last lines: keep it always there.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        self._outer, self._column = layout, column
        self.header_scrolls = False  # True: the header is the first thing in the scroll
        self._focus_controls: list[QWidget] = []
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self.actions.tick)
        self._tick.start()
        self.show_invalid([])

    # --- where the header goes ---------------------------------------------------------
    HEADER_SHARE = 0.4  # of the panel's height; a taller header scrolls with the rest

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_header()

    def _place_header(self) -> None:
        """The header stays above the scrolling assessment while it takes at most 40 %
        of the height; on a short screen or with large text it becomes the first item
        of the scroll, whole, instead of being cut to fit (EMERGENCY and its reason
        were cut off at 1024x600 and 200 %)."""
        width = self.width() - (self.scroll.verticalScrollBar().sizeHint().width()
                                if self.header_scrolls else 0)
        need = self.header.heightForWidth(max(width, 1))
        scrolls = need > self.HEADER_SHARE * max(self.height(), 1)
        if scrolls == self.header_scrolls:
            return
        self.header_scrolls = scrolls
        if scrolls:
            self._outer.removeWidget(self.header)
            self._column.insertWidget(0, self.header)
        else:
            self._column.removeWidget(self.header)
            self._outer.insertWidget(0, self.header)
        self.header.show()

    # --- states ------------------------------------------------------------------------
    def show_assessment(self, assessment: dict) -> None:
        try:
            self._render(assessment)
            settle_layouts()  # one frame per edit, with every row at its final height
        except Exception:
            self.show_error("display error")
            raise  # the global hook logs it and tells the user

    def _render(self, assessment: dict) -> None:
        self.assessment = None
        pathway = assessment.get("pathway") or {}
        self.header.show_assessment(assessment)
        self._place_header()
        self.diagram.show_pathway(str(pathway.get("code", "")), str(pathway.get("urgency", "")),
                                  pathway_map.treated_by(assessment))
        self.route_caption.setText(self.diagram.caption())
        self.precautions.show_precautions(assessment)
        self.actions.show_actions(assessment)
        self.orders.show_orders(assessment)
        self.alerts.show_alerts(assessment)
        invalid = [i for i in assessment.get("invalid_inputs") or [] if isinstance(i, dict)]
        invalid_paths = {str(i.get("path")) for i in invalid}
        missing = [p for p in assessment.get("missing_inputs") or [] if p not in invalid_paths]
        total = len(invalid) + len(missing)
        title = f"Missing inputs ({total}): select one to go to it" if total else \
            "Missing inputs: none"
        if invalid:
            title = (f"Missing inputs ({total}, {len(invalid)} of them invalid as entered): "
                     "select one to go to it")
        self.missing_title.setText(title)
        self.missing.set_entries(
            [(str(i.get("path")), f"INVALID, shown as missing — {i.get('label') or self._label_for(str(i.get('path')))}: "
              f"{i.get('reason', '')}") for i in invalid]
            + [(p, self._label_for(p)) for p in missing])
        self.scores.show_scores(assessment)
        self.disagreements.show_disagreements(assessment)
        self.timestamps.show_timestamps(assessment)
        sha = str(assessment.get("case_sha256", ""))
        self.footer.set_text(f"Engine {assessment.get('engine_version', '?')} · knowledge "
                             f"{assessment.get('knowledge_version', '?')} · case {sha[:12]} · "
                             "Decision support for clinicians; it does not replace clinical judgement.")
        self._show_sections(all_=True)
        self._order_focus()
        self.assessment = assessment

    def _order_focus(self) -> None:
        # Tab follows the panel top to bottom. Row buttons are made as rows appear, so
        # Qt would put them at the end of the window's tab order.
        controls = [self.diagram, self.precautions.why, *self.actions.focus_widgets(),
                    self.copy_orders_button, *self.orders.toggles(), *self.alerts.toggles(), self.missing,
                    *self.disagreements.toggles(), *self.timestamps.toggles()]
        if controls != self._focus_controls:
            for before, after in zip(controls, controls[1:]):
                QWidget.setTabOrder(before, after)
            self._focus_controls = controls

    def show_invalid(self, problems: list) -> None:
        self.assessment = None
        self.header.show_invalid(len(problems))
        self._place_header()
        self.diagram.clear()
        self.missing_title.setText(f"Problems to correct ({len(problems)}): select one to go to it"
                                   if problems else "Problems to correct")
        self.missing.set_entries([(p.path, f"{getattr(p, 'label', '') or self._label_for(p.path)}: "
                                   f"{p.message}" if p.path else p.message) for p in problems])
        self.footer.set_text("")
        self._show_sections(all_=False)
        settle_layouts()

    def show_pending(self) -> None:
        """The window is up, the first assessment not yet made (deferred start)."""
        self.header.show_pending()
        self._place_header()
        self._show_nothing()

    def show_error(self, summary: str) -> None:
        self.header.show_error(summary)
        self._place_header()
        self._show_nothing()

    def _show_nothing(self) -> None:
        self.assessment = None
        self.diagram.clear()
        self.missing.set_entries([])
        self.footer.set_text("")
        self._show_sections(all_=False, missing=False)
        settle_layouts()

    def on_problems(self, problems: list) -> None:
        if problems:
            self.show_invalid(problems)

    def _show_sections(self, all_: bool, missing: bool = True) -> None:
        for key, box in self.sections.items():
            box.setVisible(all_ or (key == "missing" and missing))
