"""The assessment panel's tables and text blocks: rows open to their basis by mouse and
keyboard, stay open while the doctor types, show new text at once, and are drawn as
tall as their text needs (no line cut off), with badges in words and colour."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from desktop.ui import expandable_table
from desktop.ui.expandable_table import ExpandableTable
from desktop.ui.status_header import NO_RECOMMENDATION_ERROR
from desktop.ui.table_rows import Cell, TableRow
from .helpers import settle

CASE = str(Path(__file__).resolve().parents[2] / "examples" / "index-case-c5.json")
LONG = ("Give the dose as soon as possible and review within the hour; if the patient cannot "
        "swallow, use the parenteral equivalent and tell the ward pharmacist. ") * 6
TABLES = ("actions", "orders", "alerts", "timestamps", "disagreements")


@pytest.fixture
def opened(window):
    assert window.files.open_path(CASE)
    assert window.session.state == "ok"
    return window


@pytest.fixture
def table(qtbot):
    """A table in a scroll area, as in the panel: it gets the height it asks for."""
    from desktop.app import create_application

    create_application([])
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    widget = ExpandableTable(["Order", "Status", "Reason"], stretch=[2, 1, 4])
    layout.addWidget(widget)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
    scroll.setWidget(body)
    qtbot.addWidget(scroll)
    scroll.resize(520, 600)
    scroll.show()
    qtbot.waitExposed(scroll)
    yield widget
    del scroll


def _rows(reason: str = "Short reason.", detail: str = "<b>Rule</b> R-1") -> list[TableRow]:
    return [TableRow("a", [Cell("Dexamethasone", "orderName"), Cell("RECOMMENDED", "status_recommended"),
                           Cell(reason)], detail, accessible="Dexamethasone"),
            TableRow("b", [Cell("Stockings", "orderName"), Cell("CONSIDER", "status_consider"),
                           Cell("Mobility reduced.")], "<b>Rule</b> R-2", accessible="Stockings")]


def _settled(qtbot, widget: ExpandableTable) -> None:
    # The layouts run from the event loop: wait until the table has the height its
    # text needs at its width.
    qtbot.waitUntil(lambda: widget.height() == widget.heightForWidth(widget.width()), timeout=2000)


def assert_nothing_cut_off(table: ExpandableTable) -> None:
    """Every row is at least as tall as its text laid out afresh at the drawn width,
    rows do not overlap, and the table is as tall as its last row (and basis)."""
    bottom = 0
    for key in table.keys():
        rect = table.row_rect(key)
        fresh = table.row_document(key).clone()  # a new layout, not the cached height
        fresh.setTextWidth(rect.width())
        assert rect.height() >= fresh.size().height(), (key, rect, fresh.size())
        assert rect.top() >= bottom, key
        bottom = rect.bottom() + 1
        label = table.detail_label(key)
        if table.is_expanded(key):
            assert label.isVisible() and label.y() >= bottom, key
            assert label.height() >= label.heightForWidth(label.width()), key
            bottom = label.geometry().bottom() + 1
    assert table.height() >= bottom


# --- opening rows ----------------------------------------------------------------------

def test_a_row_opens_from_the_keyboard_with_space_and_enter(qtbot, opened):
    orders = opened.panel.orders
    toggle = orders.toggle_button("dexamethasone")
    assert toggle.accessibleName() == "Show basis: Dexamethasone"
    assert toggle.focusPolicy() & Qt.TabFocus and toggle.isEnabled() and toggle.isVisible()
    assert "RECOMMENDED" in toggle.accessibleDescription()  # the row, for a screen reader
    assert not orders.is_expanded("dexamethasone")

    qtbot.keyClick(toggle, Qt.Key_Space)
    assert orders.is_expanded("dexamethasone") and toggle.isChecked()
    detail = orders.detail_label("dexamethasone")
    assert detail.isVisible() and "DEX-1" in detail.text() and "NICE-NG234-1.8" in detail.text()
    assert detail.textInteractionFlags() & Qt.TextSelectableByMouse

    qtbot.keyClick(toggle, Qt.Key_Return)
    assert not orders.is_expanded("dexamethasone") and not detail.isVisible()
    qtbot.keyClick(toggle, Qt.Key_Enter)
    assert orders.is_expanded("dexamethasone") and detail.isVisible()
    assert_nothing_cut_off(orders)  # at once: the first frame shows the basis whole


def test_the_precautions_basis_opens_from_the_keyboard(qtbot, opened):
    box = opened.panel.precautions
    assert not box.basis.isVisible()
    qtbot.keyClick(box.why, Qt.Key_Return)
    assert box.basis.isVisible() and "<b>Rule</b>" in box.basis.text()


def test_an_open_row_stays_open_while_the_doctor_types(qtbot, opened):
    panel = opened.panel
    qtbot.mouseClick(panel.orders.toggle_button("dexamethasone"), Qt.LeftButton)
    scores_before = panel.scores.texts["corrected_calcium"]
    line = opened.binder.field_for("labs.calcium").widget.value_line
    opened.binder.focus("labs.calcium")
    line.end(False)
    qtbot.keyClicks(line, "5")
    settle(qtbot, opened)
    assert panel.scores.texts["corrected_calcium"] != scores_before  # it was re-rendered
    calcium = opened.session.assessment["scores"]["corrected_calcium"]
    assert f"{calcium['mmol_per_l_text']} mmol/L" in panel.scores.text()
    assert panel.orders.is_expanded("dexamethasone")
    assert panel.orders.detail_label("dexamethasone").isVisible()
    assert panel.orders.toggle_button("dexamethasone").isChecked()


def test_changed_text_shows_at_once_and_an_open_row_keeps_its_new_basis(qtbot, table):
    seen = []
    table.toggled.connect(lambda key, shown: seen.append((key, shown)))
    table.set_rows(_rows())
    table.set_expanded("a", True)
    assert seen == [("a", True)]
    button_before = table.toggle_button("a")

    table.set_rows(_rows(reason="Neurological symptoms: give now.", detail="<b>Rule</b> R-1 v2"))
    assert table.is_expanded("a") and table.toggle_button("a") is button_before
    assert "Neurological symptoms: give now." in table.row_text("a")
    assert "Short reason." not in table.row_text("a")
    assert table.detail_label("a").text() == "<b>Rule</b> R-1 v2"
    assert table.cell_texts("a")[2] == "Neurological symptoms: give now."
    assert seen == [("a", True)]  # no close-and-reopen on the way

    # A row that loses its basis closes, and says so.
    table.set_rows(_rows(detail=""))
    assert not table.is_expanded("a") and not table.toggle_button("a").isEnabled()
    assert seen[-1] == ("a", False)


def test_only_the_row_that_changed_is_set_again(qtbot, table):
    table.set_rows(_rows())
    revisions = {key: table.row_document(key).revision() for key in table.keys()}
    table.set_rows(_rows(reason="Another reason."))
    assert table.row_document("a").revision() != revisions["a"]
    assert table.row_document("b").revision() == revisions["b"]  # untouched, still laid out


def test_a_text_block_sets_only_the_parts_that_changed(qtbot):
    from desktop.app import create_application
    from desktop.ui.text_block import TextBlock

    create_application([])
    block = TextBlock()
    qtbot.addWidget(block)
    assert block.set_parts(["<b>SINS</b> 7", "Calcium 2.86"])
    first, second = (doc.document for doc in block.documents())
    revision = first.revision()
    assert not block.set_parts(["<b>SINS</b> 7", "Calcium 2.86"])
    assert block.set_parts(["<b>SINS</b> 7", "Calcium 2.88"])
    assert first.revision() == revision and block.text() == "SINS 7\nCalcium 2.88"
    assert block.set_parts(["<b>SINS</b> 7"]) and block.text() == "SINS 7"
    fresh = first.clone()
    fresh.setTextWidth(300)
    assert block.heightForWidth(300) == math.ceil(fresh.size().height()) > 0


def test_rows_added_and_removed_keep_their_order_and_open_state(qtbot, table):
    table.set_rows(_rows())
    table.set_expanded("b", True)
    extra = TableRow("c", [Cell("Fluids"), Cell("PENDING", "status_pending"), Cell("Calcium.")],
                     "<b>Rule</b> R-3")
    table.set_rows([extra, *_rows()])
    assert table.keys() == ["c", "a", "b"] and table.is_expanded("b")
    _settled(qtbot, table)
    tops = [table.row_rect(k).top() for k in table.keys()]
    assert tops == sorted(tops)
    assert_nothing_cut_off(table)
    table.set_rows(_rows()[:1])
    assert table.keys() == ["a"]
    with pytest.raises(KeyError):
        table.toggle_button("c")


def test_tab_goes_through_the_panel_top_to_bottom_also_after_a_new_row(qtbot, opened):
    panel = opened.panel
    _assert_tab_order(panel)
    assessment = dict(opened.session.assessment)
    assessment["orders"] = [{"code": "new_first_order", "status": "consider"},
                            *assessment["orders"]]
    panel.show_assessment(assessment)
    assert panel.orders.keys()[0] == "new_first_order"
    _assert_tab_order(panel)


def _assert_tab_order(panel) -> None:
    # Each action's ▸ then its "Done…", then "Copy orders" before the orders' rows.
    actions = [w for t in panel.actions.toggles()
               for w in (t, panel.actions.row_button(panel.actions.keys()[
                   panel.actions.toggles().index(t)])) if w is not None]
    expected = [panel.diagram, panel.precautions.why, *actions, panel.copy_orders_button,
                *panel.orders.toggles(), *panel.alerts.toggles(), panel.missing,
                *panel.disagreements.toggles(), *panel.timestamps.toggles()]
    expected = [w for w in expected if w.isEnabled() and w.isVisible()]
    seen, widget = [], panel.diagram
    for _ in range(10_000):
        if len(seen) == len(expected):
            break
        if (widget.focusPolicy() & Qt.TabFocus and widget.isEnabled() and widget.isVisible()
                and panel.isAncestorOf(widget)):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    assert [w.accessibleName() for w in seen] == [w.accessibleName() for w in expected]
    assert seen == expected


# --- no text cut off -------------------------------------------------------------------

def test_no_row_of_the_motivating_case_is_cut_off_with_rows_open(qtbot, opened):
    panel = opened.panel
    for name in TABLES:
        table = getattr(panel, name)
        for key in table.keys():
            if table.toggle_button(key).isEnabled():
                table.set_expanded(key, True)
    settle(qtbot, opened)
    for name in TABLES:
        table = getattr(panel, name)
        _settled(qtbot, table)
        assert_nothing_cut_off(table)
    assert panel.scores.height() >= panel.scores.heightForWidth(panel.scores.width()) > 0


def test_long_text_wraps_fully_and_the_table_grows_and_shrinks_with_it(qtbot, table):
    table.set_rows(_rows())
    _settled(qtbot, table)
    short = table.height()
    table.set_rows(_rows(reason=LONG))
    _settled(qtbot, table)
    assert table.height() > short + 100
    assert_nothing_cut_off(table)
    assert LONG.strip()[-40:] in table.row_text("a")  # the whole text is in the drawn row
    table.set_rows(_rows())
    _settled(qtbot, table)
    assert table.height() == short


def test_a_new_width_is_measured_afresh_after_the_text_changed(qtbot, table):
    table.set_rows(_rows())
    _settled(qtbot, table)
    scroll = table.parentWidget().parentWidget().parentWidget()
    wide = table.width()

    def width_to(target: int) -> None:
        scroll.resize(scroll.width() + target - table.width(), scroll.height())
        qtbot.waitUntil(lambda: table.width() == target, timeout=2000)
        _settled(qtbot, table)

    narrow = wide - 150
    width_to(narrow)  # the layouts now hold heights for both widths
    width_to(wide)
    short_at = {w: table.heightForWidth(w) for w in (wide, narrow)}
    # Same height at the width shown (so only a repaint), more lines when narrower.
    table.set_rows(_rows(reason="Short reason, and a little more."))
    assert table.heightForWidth(wide) == short_at[wide]
    assert table.heightForWidth(narrow) > short_at[narrow]
    width_to(narrow)
    assert_nothing_cut_off(table)


def test_words_are_not_broken_inside(qtbot, opened):
    # "Dexamethasone" fits its column whole; a document's default wrapping would break
    # it inside the word to squeeze the columns ("Dexamethason" / "e").
    document = opened.panel.orders.row_document("dexamethasone")
    table = document.rootFrame().childFrames()[0]
    block = table.cellAt(0, 0).firstCursorPosition().block()
    assert block.text() == "Dexamethasone" and block.layout().lineCount() == 1


def test_a_table_filled_while_hidden_is_laid_out_when_shown(qtbot, opened):
    panel = opened.panel
    panel.show_invalid([])
    assert not panel.sections["orders"].isVisible()
    panel.show_assessment(opened.session.assessment)
    assert panel.sections["orders"].isVisible()
    _settled(qtbot, panel.orders)
    assert_nothing_cut_off(panel.orders)


# --- what the rows show ------------------------------------------------------------------

def test_status_badges_keep_their_words_and_colours(qtbot, opened):
    orders = opened.panel.orders
    assert "RECOMMENDED" in orders.row_text("dexamethasone")
    assert "PRESCRIBER DECISION" in orders.row_text("anti_embolism_stockings")  # as on paper
    opened.panel.scroll.ensureWidgetVisible(orders, 0, 0)
    rect = orders.row_rect("dexamethasone")
    image = orders.grab(rect).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height())}
    assert "#1f6b2c" in colours  # the green RECOMMENDED badge


def test_columns_line_up_from_row_to_row(qtbot, opened):
    alerts = opened.panel.alerts
    lefts = {_cell_lefts(alerts.row_document(key)) for key in alerts.keys()}
    assert len(alerts.keys()) > 1 and len(lefts) == 1, lefts


def _cell_lefts(document: QTextDocument) -> tuple[int, ...]:
    table = document.rootFrame().childFrames()[0]
    layout = document.documentLayout()
    return tuple(round(layout.blockBoundingRect(table.cellAt(0, col).firstCursorPosition().block()).x())
                 for col in range(table.columns()))


def test_a_row_can_be_copied_as_text(qtbot, opened):
    orders = opened.panel.orders
    point = orders.row_rect("dexamethasone").center()
    assert orders.copy_text(point).startswith("Dexamethasone — RECOMMENDED — dexamethasone")
    assert orders.copy_text(QPoint(point.x(), 1)) == ""  # the header is not a row


def test_the_incomplete_warning_is_black_on_yellow_from_the_first_render(qtbot, opened):
    label = opened.panel.header.completeness
    assert label.property("incomplete") is True and label.text().startswith("INCOMPLETE")
    image = label.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("#ffe08a")
    darkest = min((image.pixelColor(x, y).lightness() for x in range(image.width())
                   for y in range(image.height())))
    assert darkest < 60  # the words are dark, not white on yellow


def test_a_failure_while_drawing_a_table_ends_in_internal_error(qtbot, opened, monkeypatch):
    panel = opened.panel

    def broken(*_args):
        raise ValueError("table bug")

    monkeypatch.setattr(expandable_table, "row_html", broken)
    with pytest.raises(ValueError):
        panel.show_assessment(opened.session.assessment)
    assert panel.header.headline.text() == NO_RECOMMENDATION_ERROR
    assert not panel.sections["orders"].isVisible()


def test_the_footer_names_the_case_and_can_be_copied(qtbot, opened):
    footer = opened.panel.footer
    sha = opened.session.assessment["case_sha256"][:12]
    assert f"case {sha}" in footer.text()
    assert footer.copy_text(QPoint(1, 1)) == footer.text()
