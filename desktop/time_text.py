"""Turning typed dates and times into the case's ISO-8601 text, and back. No Qt.

Only year-month-day order is accepted: 03/04/2026 means different days in the GB and
US locales, so it is passed through unchanged and the engine rejects it at the field.
A time typed without a UTC offset gets the offset this computer's clock has on that
date. Times are shown in this computer's local time without an offset (a UTC offset
means nothing to a ward user); a typed offset is still understood."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_DT = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?\s*$", re.IGNORECASE)


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
    if offset is None:
        return naive.astimezone().isoformat()
    if offset.upper() == "Z":
        offset = "+00:00"
    elif ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    try:
        return datetime.fromisoformat(naive.isoformat() + offset).isoformat()
    except ValueError:
        return text


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
    moment = moment.astimezone()
    pattern = "%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M"
    return moment.strftime(pattern)


def same_instant(a, b) -> bool:
    """Two case values naming the same moment (13:30+00:00 and 14:30+01:00), or equal."""
    if a == b:
        return True
    ma, mb = parse_iso(a), parse_iso(b)
    return ma is not None and mb is not None and ma == mb


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
