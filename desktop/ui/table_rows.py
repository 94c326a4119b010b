"""The rows of the assessment tables as data, and each row as a one-row HTML table with
fixed column percentages, so columns line up from row to row at any width. Badges
(status, severity, overdue) keep their words; the colour only reinforces them."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

# Badge colours (background, text). Words are always in the cell too.
BADGES = {
    "status_recommended": ("#1f6b2c", "#ffffff"),
    "status_consider": ("#dbe9ff", "#0b2e66"),
    "status_pending": ("#ffe08a", "#000000"),
    "status_withheld": ("#b3001b", "#ffffff"),
    "status_stop": ("#b3001b", "#ffffff"),
    "status_taper": ("#e6d8ff", "#2d145c"),
    "status_not_indicated": ("", "#555555"),
    "severity_critical": ("#b3001b", "#ffffff"),
    "severity_warning": ("#ffe08a", "#000000"),
    "severity_info": ("#dbe9ff", "#0b2e66"),
    "overdue": ("#b3001b", "#ffffff"),
}
BOLD = {"actionName", "orderName", "overdue"} | {k for k in BADGES if k != "status_not_indicated"}
HEADER_COLOUR = "#333333"
NOTE_COLOUR = "#7a3b00"  # dark amber: a condition on the status beside it


@dataclass
class Cell:
    text: str
    style: str = ""
    note: str = ""  # shown under a badge, outside its colour ("after leg checks: ...")

    def words(self) -> str:
        return f"{self.text} ({self.note})" if self.note else self.text


@dataclass
class TableRow:
    key: str
    cells: list[Cell]
    detail_html: str = ""
    accessible: str = ""  # what the ▸ button reads out
    extra: dict = field(default_factory=dict)

    def text(self) -> str:
        """The row in words, for screen readers and copying."""
        return " — ".join(c.words().replace("\n", ": ") for c in self.cells)


def _cell_html(cell: Cell, width: int) -> str:
    text = html.escape(cell.text).replace("\n", "<br>")
    first, _, rest = text.partition("<br>")
    if cell.style in BOLD and cell.style in ("actionName", "orderName"):
        text = f"<b>{first}</b>" + (f"<br>{rest}" if rest else "")
    elif cell.style in BOLD:
        text = f"<b>{text}</b>"
    bg, fg = BADGES.get(cell.style, ("", ""))
    if bg or fg:
        # A badge: coloured box around the words only, not the whole row height.
        text = (f"<table cellpadding=2 cellspacing=0><tr><td"
                f"{f' bgcolor={bg}' if bg else ''}><span style='color:{fg}'>{text}</span>"
                f"</td></tr></table>")
    if cell.note:
        text += f"<b><span style='color:{NOTE_COLOUR}'>{html.escape(cell.note)}</span></b>"
    return f"<td width='{width}%' valign='top'>{text}</td>"


def row_html(cells: list[Cell], widths: list[int], header: bool = False) -> str:
    if header:
        body = "".join(f"<td width='{w}%'><b><span style='color:{HEADER_COLOUR}'>"
                       f"{html.escape(c.text)}</span></b></td>" for c, w in zip(cells, widths))
    else:
        body = "".join(_cell_html(c, w) for c, w in zip(cells, widths))
    return f"<table width='100%' cellspacing=0 cellpadding=2><tr>{body}</tr></table>"
