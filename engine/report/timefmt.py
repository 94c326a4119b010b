"""Clock times as the ward reads them: the wall-clock time of each instant in the
ward's time zone (site.toml `timezone`, an IANA name; else the machine's own zone),
so that a deadline that crosses a clock change reads the hour the nurse's clock will
show (rules v2, issue 18). Where an instant's zone abbreviation differs from the
assessment's (BST -> GMT), the time says so."""
from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo


def parse(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value)


def ward_zone(site=None) -> tzinfo | None:
    """The ward's zone: site.toml's IANA `timezone`, else None (the machine's zone; see
    machine_zone for entry of typed times). A broken site file is reported where it is
    loaded for its other settings (start banner, `report`, `evaluate`'s warning); times
    then fall back to this computer's zone rather than failing a display."""
    from zoneinfo import ZoneInfo

    if site is None:
        from engine.site_config import SiteConfigError, load_site_config
        try:
            site = load_site_config()
        except SiteConfigError:
            return None
    return ZoneInfo(site.timezone) if site.timezone else None


def machine_zone() -> tzinfo | None:
    """This computer's IANA zone, so that its clock-change rules are known (tzlocal, a
    pyHanko dependency: TZ, /etc/localtime, or the Windows zone mapped to IANA); None
    when it cannot be named (then the C library's local time is used)."""
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:  # an unnamed or broken local zone: fall back, never fail a display
        return None


def wall_clock_readings(naive: datetime, zone: tzinfo | None) -> list[datetime]:
    """The instants a typed local time can mean on `zone`'s clock: one normally; two at
    a clock change, when the time does not exist (spring gap) or exists twice (autumn
    overlap) - the person must say which (never moved or chosen silently)."""
    if zone is None:
        return [naive.astimezone()]
    found: list[datetime] = []
    for fold in (0, 1):
        aware = naive.replace(tzinfo=zone, fold=fold)
        fixed = aware.astimezone(_fixed(aware))
        if all(fixed != other for other in found):
            found.append(fixed)
    return found


def exists_on_clock(naive: datetime, zone: tzinfo) -> bool:
    """False for a time in the spring gap (the clock jumps over it)."""
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == naive


def _fixed(aware: datetime) -> tzinfo:
    return timezone(aware.utcoffset(), aware.tzname())


def local(dt: datetime, zone: tzinfo | None) -> datetime:
    """The same instant on the ward's wall clock (None: the machine's zone)."""
    return dt.astimezone(zone) if zone is not None else dt.astimezone()


def offset_label(zone: tzinfo | None, ref: str | datetime | None = None) -> str:
    """'ward clock, Europe/London (BST)': which clock the times are on."""
    name = getattr(zone, "key", None) or "this computer's time zone"
    moment = parse(ref) if isinstance(ref, str) else ref
    abbrev = local(moment, zone).tzname() if moment is not None else None
    return f"ward clock, {name}" + (f" ({abbrev})" if abbrev else "")


def clock(value: str | datetime | None, zone: tzinfo | None, *, year: bool = False,
          ref: str | datetime | None = None, seconds: bool = False) -> str:
    """'14:30 Tue 10 Mar' on the ward clock; with `ref` (the assessment time), the zone
    abbreviation is added when it differs from ref's ('13:30 Sun 25 Oct GMT')."""
    dt = parse(value) if isinstance(value, str) else value
    if dt is None:
        return ""
    when = local(dt, zone)
    text = f"{when:%H:%M:%S}" if seconds else f"{when:%H:%M}"
    text += f" {when:%a} {when.day} {when:%b}"
    if year:
        text += f" {when.year}"
    if ref is not None:
        base = local(parse(ref) if isinstance(ref, str) else ref, zone)
        if when.tzname() != base.tzname():
            text += f" {when.tzname()}"
    return text


def clock_pair(first, second, zone: tzinfo | None, *, year: bool = False,
               ref=None) -> tuple[str, str]:
    """Two times shown side by side (recorded / due by): with seconds when minutes alone
    would print two identical times for different instants (an overdue flag beside two
    equal-looking times contradicts itself)."""
    a, b = (clock(v, zone, year=year, ref=ref) for v in (first, second))
    if a and a == b and parse(first) != parse(second):
        a, b = (clock(v, zone, year=year, ref=ref, seconds=True) for v in (first, second))
    return a, b


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
    if value == int(value):
        return f"within {int(value)} h"
    whole, minutes = divmod(int(value * 60), 60)  # cut, never rounded up to the next hour
    return f"within {whole} h {minutes} min"


__all__ = ["parse", "ward_zone", "local", "offset_label", "clock", "clock_pair", "day",
           "hours"]
