"""Turning typed dates and times into the case's ISO-8601 text, and back. No Qt.

Only year-month-day order is accepted: 03/04/2026 means different days in the GB and
US locales, so it is passed through unchanged and the engine rejects it at the field.
A time typed without a UTC offset gets the offset this computer's clock has on that
date, and the offset is always shown, so nobody has to guess."""
from __future__ import annotations

import re
from datetime import date, datetime

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
    """ISO text -> 'YYYY-MM-DD HH:MM +HH:MM'; anything unparseable is shown as is."""
    if value is None:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return str(value)
    pattern = "%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M"
    return f"{moment.strftime(pattern)} {_offset(moment)}"


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
