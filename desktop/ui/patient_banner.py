"""Who this is, always on screen: name, hospital number, age and sex, weight, the
assessment time (and how long ago it was) and the dose-convention locale. Missing
identity is said in words, so an empty banner cannot pass for another patient's."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from desktop.time_text import clock_text, describe_delta, parse_iso
from desktop.ui.style_state import set_style_property

OLD_ASSESSMENT_SECONDS = 6 * 3600


class PatientBanner(QFrame):
    def __init__(self, session, now_fn=lambda: datetime.now().astimezone(), parent=None):
        super().__init__(parent)
        self.setObjectName("patientBanner")
        self.session = session
        self._now = now_fn
        self._age: object = None
        self.name = QLabel(self)
        self.name.setObjectName("bannerName")
        self.identity = QLabel(self)
        self.identity.setObjectName("bannerIdentity")
        self.when = QLabel(self)
        self.when.setObjectName("bannerWhen")
        self.when.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.locale = QLabel(self)
        self.locale.setObjectName("bannerLocale")
        self.locale.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for label in (self.name, self.identity, self.when, self.locale):
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            # Wraps on a narrow window (1024 px, 200% scaling) instead of widening it
            # beyond the screen.
            label.setWordWrap(True)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.name)
        left.addWidget(self.identity)
        right = QVBoxLayout()
        right.setSpacing(0)
        right.addWidget(self.when)
        right.addWidget(self.locale)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addLayout(left, 1)
        layout.addLayout(right)
        session.caseEdited.connect(lambda _p: self.refresh())
        session.caseReplaced.connect(self._on_replaced)
        session.assessmentChanged.connect(self._on_assessment)
        session.stateChanged.connect(self._on_state)
        # "25 min ago" keeps counting while nothing is edited.
        self._tick = QTimer(self)
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        self.refresh()

    def _on_replaced(self) -> None:
        self._age = None
        self.refresh()

    def _on_assessment(self, assessment: dict) -> None:
        derived = assessment.get("derived") or {}
        self._age = derived.get("age_years")
        self.refresh()

    def _on_state(self, state: str) -> None:
        if state != "ok":
            self._age = None  # the age comes from the engine; without a result it is unknown
            self.refresh()

    def refresh(self) -> None:
        value = self.session.value
        name = value("patient.name")
        hosp = value("patient.id")
        self.name.setText(str(name) if name else "Name not entered")
        set_style_property(self.name, "missing", not name)
        sex = value("patient.sex") or "sex not entered"
        age = f"{self._age} y" if self._age is not None else "age —"
        weight = value("patient.weight_kg")
        if weight is None:
            weight_text = "weight not entered"
        elif isinstance(weight, (int, float)) and not isinstance(weight, bool):
            weight_text = f"{weight} kg"
        else:
            weight_text = "weight invalid"
        hosp_text = f"Hospital no. {hosp}" if hosp else "HOSPITAL NUMBER MISSING"
        dob = value("patient.date_of_birth")
        dob_text = f"born {dob}" if dob else "date of birth not entered"
        self.identity.setText(f"{hosp_text}   ·   {age}, {sex}   ·   {dob_text}   ·   {weight_text}")
        set_style_property(self.identity, "missing", not hosp)
        text, stale = self._when_text(value("assessed_at"))
        self.when.setText(text)
        set_style_property(self.when, "missing", stale)
        locale = value("locale")
        self.locale.setText(f"Dose conventions: {locale}" if locale else
                            "Dose conventions: NOT SET (choose GB or US)")
        set_style_property(self.locale, "missing", not locale)
        self.setAccessibleName(f"Patient: {self.name.text()}. {self.identity.text()}. "
                               f"{self.when.text()}. {self.locale.text()}")

    def _when_text(self, assessed_at) -> tuple[str, bool]:
        """The text, and whether it must stand out (not set, old, or in the future)."""
        moment = parse_iso(assessed_at)
        if moment is None:
            return "Assessment time NOT SET (Patient tab: press Now)", True
        ago = (self._now() - moment).total_seconds()
        text = f"Assessed {clock_text(assessed_at, year=True)}"
        if ago >= 0:
            return text + f" ({describe_delta(ago)} ago)", ago > OLD_ASSESSMENT_SECONDS
        return text + f" (in {describe_delta(-ago)}: later than this computer's clock)", True
