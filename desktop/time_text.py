"""Turning typed dates and times into the case's ISO-8601 text, and back. No Qt.

Only year-month-day order is accepted: 03/04/2026 means different days in the GB and
US locales, so it is passed through unchanged and the engine rejects it at the field.
A time typed without a UTC offset is read on the ward clock (site.toml `timezone`, else
this computer's zone): at a clock change a time that does not exist or exists twice is
an AmbiguousTime, and the person says which was meant. Times are shown in local time
without an offset (a UTC offset means nothing to a ward user), with GMT/BST only where
the clock showed that time twice; a typed offset or abbreviation is still understood."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

_DT = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class AmbiguousTime:
    """A typed local time that a clock change makes ambiguous: it does not exist (the
    clocks went forward over it) or exists twice (they went back). The person chooses;
    it is never moved or picked silently."""
    text: str
    readings: tuple[datetime, ...]   # the instants it could mean, earliest first
    missing: bool                    # True: in the spring gap; False: in the autumn overlap

    def question(self) -> str:
        typed = self.readings[0].replace(tzinfo=None)
        when = f"{typed:%H:%M} on {typed:%a} {typed.day} {typed:%b %Y}"
        if self.missing:
            return (f"{when} does not exist on the ward clock: the clocks went forward "
                    "over it. Which time was meant?")
        return (f"{when} happened twice on the ward clock: the clocks went back. "
                "Which one was meant?")

    def choices(self) -> list[str]:
        """Each reading as the ward clock showed it ('00:30 GMT', '02:30 BST')."""
        zone = entry_zone()
        return [f"{(r.astimezone(zone) if zone else r.astimezone()):%H:%M %Z}"
                for r in self.readings]


def now_iso() -> str:
    """The current local time with its offset, to the minute (the "Now" buttons)."""
    return datetime.now().astimezone().replace(second=0, microsecond=0).isoformat()


def parse_datetime_text(text: str):
    """'' -> None; a recognised date-time -> ISO text with offset; else the text."""
    text = text.strip()
    if not text:
        return None
    match = _DT.match(text)
    if not match:
        return text
    y, mo, d, h, mi, s, offset = match.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return text
    if offset is None or offset.isalpha() and offset.upper() != "Z":
        return _local_reading(text, naive, offset)
    if offset.upper() == "Z":
        offset = "+00:00"
    elif ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    try:
        return datetime.fromisoformat(naive.isoformat() + offset).isoformat()
    except ValueError:
        return text


def _local_reading(text: str, naive: datetime, abbreviation: str | None):
    """ISO text for a typed local time; an AmbiguousTime at a clock change unless the
    typed zone abbreviation (GMT/BST) says which reading was meant."""
    from engine.report import timefmt

    zone = entry_zone()
    readings = sorted(timefmt.wall_clock_readings(naive, zone))
    if abbreviation:
        named = [r for r in readings if (r.tzname() or "").upper() == abbreviation.upper()]
        if len(named) == 1 and (zone is None or timefmt.exists_on_clock(naive, zone)):
            return named[0].isoformat()
    if len(readings) == 1:
        return readings[0].isoformat()
    return AmbiguousTime(text, tuple(readings), missing=not timefmt.exists_on_clock(naive, zone))


def format_datetime(value) -> str:
    """ISO text -> 'YYYY-MM-DD HH:MM' in this computer's local time; anything
    unparseable is shown as is."""
    if value is None:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return str(value)
    zone = entry_zone()
    moment = moment.astimezone(zone) if zone is not None else moment.astimezone()
    pattern = "%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M"
    text = moment.strftime(pattern)
    if zone is not None and isinstance(parse_datetime_text(text), AmbiguousTime):
        text += f" {moment.tzname()}"  # shown twice by the clock: say which
    return text


def same_instant(a, b) -> bool:
    """Two case values naming the same moment (13:30+00:00 and 14:30+01:00), or equal."""
    if a == b:
        return True
    ma, mb = parse_iso(a), parse_iso(b)
    return ma is not None and mb is not None and ma == mb


@lru_cache(maxsize=1)
def entry_zone():
    """The zone typed local times are read in: the ward's (site.toml), else this
    computer's, named where possible so clock changes are known."""
    from engine.report import timefmt

    return ward_zone() or timefmt.machine_zone()


@lru_cache(maxsize=1)
def ward_zone():
    """The ward's clock (site.toml `timezone`, else this computer's), as on paper."""
    from engine.report import timefmt

    return timefmt.ward_zone()


def clock_text(value, year: bool = False, ref=None) -> str:
    """'14:30 Tue 10 Mar' on the ward clock, as the printed summary shows it
    (engine.report.timefmt; the zone abbreviation added where it differs from `ref`'s);
    '' for no time."""
    from engine.report import timefmt

    moment = parse_iso(value)
    if moment is None:
        return ""
    return timefmt.clock(moment, ward_zone(), year=year, ref=ref)


def _offset(moment: datetime) -> str:
    total = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def parse_date_text(text: str):
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat() if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else text
    except ValueError:
        return text


def parse_iso(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def describe_delta(seconds: float) -> str:
    """'2 h 05 min', '3 d 4 h', '12 min' for a non-negative number of seconds."""
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins:02d} min"
    return f"{mins} min"
