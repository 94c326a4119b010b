"""Clock times as the ward reads them, always in the case's own UTC offset (the
offset of `assessed_at`), never in the machine's time zone."""
from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo


def parse(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value)


def offset_label(tz: tzinfo | None) -> str:
    if tz is None:
        return "offset unknown"
    delta = tz.utcoffset(None) or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock(value: str | datetime | None, tz: tzinfo | None, *, year: bool = False) -> str:
    """'14:30 Tue 10 Mar' in the case's offset; '' for no time."""
    dt = parse(value) if isinstance(value, str) else value
    if dt is None:
        return ""
    if tz is not None and dt.tzinfo is not None:
        dt = dt.astimezone(tz)
    text = f"{dt:%H:%M} {dt:%a} {dt.day} {dt:%b}"
    return f"{text} {dt.year}" if year else text


def day(value: str | date | None) -> str:
    """'Tue 10 Mar 2026'."""
    if not value:
        return ""
    d = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{d:%a} {d.day} {d:%b} {d.year}"


def hours(value: float | None) -> str:
    if value is None:
        return "no deadline"
    if value == 0:
        return "NOW"
    if value >= 48 and value % 24 == 0:
        days = int(value // 24)
        return f"within {days} days" if days != 7 else "within 1 week"
    return f"within {value:g} h"
