"""A picture of the MSCC pathway with this patient's route highlighted and the current
step marked. The steps, their words and each pathway's route are the engine's
(engine.report.pathway_map), like the pathway itself; this module only places and
draws them. The same route is available in words (accessible description, tooltip)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from engine.report.pathway_map import EDGES, STEPS, route

# Where each step of the engine's map (engine.report.pathway_map) is drawn:
# step -> (column, row in that column, rows in that column).
POSITIONS = {
    "suspected": (0, 0, 2), "not_suspected": (0, 1, 2), "imaging": (1, 0, 1),
    "confirmed": (2, 0, 3), "no_mscc": (2, 1, 3), "excluded": (2, 2, 3),
    "surgery": (3, 0, 4), "radiotherapy": (3, 1, 4), "haematology": (3, 2, 4),
    "supportive": (3, 3, 4), "treated": (4, 0, 1),
}
PREFIXES = ("", "NOW ▸ ", "next: ")  # how a box may be marked (see _node)
TEXT_FLAGS = int(Qt.AlignCenter | Qt.TextWordWrap)
PAD = 3  # text margin inside a box, each side
MIN_POINTS = 6.0  # the boxes' text shrinks to fit a narrow panel, never below this
MAX_LINES = 3
URGENCY_COLOURS = {"emergency": "#b3001b", "urgent": "#a34700", "routine": "#1f6b2c"}


class PathwayDiagram(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumHeight(132)
        self._fit_cache: dict[tuple, tuple[QFont, float]] = {}
        self.setFocusPolicy(Qt.TabFocus)
        self.route: list[str] = []
        self.next_steps: list[str] = []
        self.colour = QColor("#555555")
        self.code = ""
        self._describe()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, self.height_for(560))

    # --- fitting the words into the boxes ----------------------------------------------
    @staticmethod
    def _columns(width: float) -> tuple[float, float]:
        """(box width, gap) for this widget width."""
        gap = 16.0 if width >= 520 else 10.0
        return (width - 8 - gap * 4) / 5, gap

    def fitted(self, width: int) -> tuple[QFont, float]:
        """The font for the boxes' words and the boxes' height at this width: the
        largest size (up to 90 % of the window's) at which every label, with any mark
        ("NOW ▸ ", "next: "), fits its box whole in at most three lines."""
        base = self.font()
        key = (width, base.toString())
        if key in self._fit_cache:
            return self._fit_cache[key]
        inner = max(int(self._columns(width)[0]) - 2 * PAD, 1)
        size = max(MIN_POINTS, base.pointSizeF() * 0.9)
        while True:
            font = QFont(base)
            font.setPointSizeF(size)
            font.setBold(True)  # the widest a label is ever drawn
            metrics = QFontMetrics(font)
            tallest, fits = 0, True
            for label in STEPS.values():
                for prefix in PREFIXES:
                    box = metrics.boundingRect(QRect(0, 0, inner, 10_000), TEXT_FLAGS, prefix + label)
                    fits = fits and box.width() <= inner \
                        and box.height() <= MAX_LINES * metrics.lineSpacing()
                    tallest = max(tallest, box.height())
            if fits or size <= MIN_POINTS:
                break
            size = max(MIN_POINTS, size - 0.5)
        font.setBold(False)
        result = (font, max(26.0, tallest + 6.0))
        self._fit_cache = {key: result}
        return result

    def height_for(self, width: int) -> int:
        node_h = self.fitted(width)[1]
        return int(4 + 4 * (node_h + 6) + 0.5)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        height = max(132, self.height_for(self.width()))
        if height != self.minimumHeight():
            self.setMinimumHeight(height)  # taller boxes for wrapped words

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._fit_cache.clear()
            self.setMinimumHeight(max(132, self.height_for(self.width())))

    def drawn_labels(self) -> list[tuple[str, str, QRectF, QFont]]:
        """(node, text, box for the text, font) as paintEvent draws them (tests check
        that each text fits its box)."""
        font = self.fitted(self.width())[0]
        out = []
        for node, rect in self._rects().items():
            f = QFont(font)
            f.setBold(node in self.route)
            out.append((node, self._label(node), rect.adjusted(PAD, 0, -PAD, 0), f))
        return out

    def _label(self, node: str) -> str:
        label = STEPS[node]
        if node == self.current:
            return f"NOW ▸ {label}"
        if node in self.next_steps:
            return f"next: {label}"
        return label

    def show_pathway(self, code: str, urgency: str, treated_by: str | None = None) -> None:
        passed, next_steps = route(code, treated_by)
        self._show(code, passed, next_steps, QColor(URGENCY_COLOURS.get(urgency, "#555555")))

    def clear(self) -> None:
        self._show("", [], [], self.colour)

    def _show(self, code: str, passed: list[str], next_steps: list[str], colour: QColor) -> None:
        if (code, passed, next_steps, colour) == (self.code, self.route, self.next_steps, self.colour):
            return  # the same picture: no repaint on every keystroke
        self.code, self.route, self.next_steps, self.colour = code, passed, next_steps, colour
        self._describe()
        self.update()

    @property
    def current(self) -> str | None:
        return self.route[-1] if self.route else None

    def caption(self) -> str:
        """The route in words, shown under the picture."""
        if not self.route:
            return "No route: there is no recommendation."
        text = "Now: " + STEPS[self.route[-1]]
        if self.next_steps:
            text += "   ·   Next: " + ", ".join(STEPS[n] for n in self.next_steps)
        if len(self.route) > 1:
            text += "   ·   Route: " + " → ".join(STEPS[n] for n in self.route)
        return text

    def _describe(self) -> None:
        text = "Pathway picture. " + self.caption()
        self.setAccessibleName("Pathway picture")
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # --- drawing -------------------------------------------------------------------
    def _rects(self) -> dict[str, QRectF]:
        w, h = self.width(), self.height()
        top, bottom = 2.0, 2.0
        node_w, gap = self._columns(w)
        node_h = min(self.fitted(w)[1], (h - top - bottom) / 4 - 6)
        rects = {}
        for node, (col, row, rows) in POSITIONS.items():
            x = 4 + col * (node_w + gap)
            band = (h - top - bottom) / rows
            y = top + band * row + (band - node_h) / 2
            rects[node] = QRectF(x, y, node_w, node_h)
        return rects

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        rects = self._rects()
        route_edges = set(zip(self.route, self.route[1:]))
        next_edges = {(self.route[-1], n) for n in self.next_steps} if self.route else set()
        grey = QColor("#b0b0b0")
        for a, b in EDGES:
            on_route = (a, b) in route_edges
            pen = QPen(self.colour if on_route or (a, b) in next_edges else grey,
                       3.5 if on_route else 1.2)
            if (a, b) in next_edges:
                pen.setStyle(Qt.DashLine)
                pen.setWidthF(2.0)
            painter.setPen(pen)
            self._arrow(painter, rects[a], rects[b])
        font = self.fitted(self.width())[0]
        for node, rect in rects.items():
            self._node(painter, node, rect, font)
        painter.end()

    def _arrow(self, painter: QPainter, a: QRectF, b: QRectF) -> None:
        start = QPointF(a.right(), a.center().y())
        end = QPointF(b.left(), b.center().y())
        path = QPainterPath(start)
        mid = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.setBrush(painter.pen().color())
        head = QPainterPath(end)
        head.lineTo(end.x() - 6, end.y() - 4)
        head.lineTo(end.x() - 6, end.y() + 4)
        head.closeSubpath()
        painter.drawPath(head)

    def _node(self, painter: QPainter, node: str, rect: QRectF, font: QFont) -> None:
        label = self._label(node)
        is_current = node == self.current
        on_route = node in self.route
        is_next = node in self.next_steps
        f = QFont(font)
        f.setBold(on_route or is_current)
        painter.setFont(f)
        if is_current:
            painter.setPen(QPen(QColor("#000000"), 2.5))
            painter.setBrush(self.colour)
            text_colour = QColor("#ffffff")
        elif on_route:
            painter.setPen(QPen(self.colour, 2.5))
            painter.setBrush(QColor(self.colour).lighter(185))
            text_colour = QColor("#000000")
        elif is_next:
            pen = QPen(self.colour, 2.0)
            pen.setStyle(Qt.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor("#ffffff"))
            text_colour = QColor("#000000")
        else:
            painter.setPen(QPen(QColor("#c4c4c4"), 1.0))
            painter.setBrush(QColor("#f6f6f6"))
            text_colour = QColor("#6b6b6b")
        painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(text_colour)
        # The marks are words as well as shapes: "NOW" on the current step, "next" dashed.
        painter.drawText(rect.adjusted(PAD, 0, -PAD, 0), TEXT_FLAGS, label)
