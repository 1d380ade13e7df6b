"""The agenda as an iCalendar file: one event per session or fixed item, in local time."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import CurriculumError
from ..fileio import write_bytes_atomic
from ..i18n import _
from ..model import Workshop
from ..schedule import Schedule
from .labels import country_name, method_label, text


def check_timezone(ws: Workshop) -> ZoneInfo:
    """The workshop's time zone; a CurriculumError when it is not an IANA name."""
    try:
        return ZoneInfo(ws.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CurriculumError(
            _("{value}: the time zone \"{timezone}\" is not an IANA time zone name; write one such "
              "as \"Africa/Dakar\" or \"Africa/Abidjan\".").format(
                value=ws.source or ws.id, timezone=ws.timezone)) from exc


def agenda_ics(ws: Workshop, schedule: Schedule, lang: str) -> bytes:
    """The calendar bytes; the same workshop always gives the same bytes."""
    from icalendar import Calendar, Event

    zone = check_timezone(ws)
    cal = Calendar()
    cal.add("prodid", "-//workshop-toolkit//agenda//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text(ws.title, lang, ws))
    cal.add("x-wr-timezone", zone.key)
    # DTSTAMP from the workshop itself, not the clock, so the output is reproducible.
    stamp = dt.datetime.combine(ws.start, dt.time(0, 0), tzinfo=dt.timezone.utc)
    location = ", ".join(p for p in (text(ws.venue, lang, ws), text(ws.city, lang, ws),
                                     country_name(ws.country, lang)) if p)
    seen: dict[str, int] = {}
    for slot in schedule.slots:
        if slot.kind in ("break", "free"):
            continue
        key = slot.key
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        event = Event()
        event.add("uid", f"{ws.id}-{key}@workshop-toolkit")
        event.add("dtstamp", stamp)
        # Local wall-clock time with an explicit TZID: icalendar would otherwise turn zones
        # that equal UTC (Africa/Dakar) into "Z" times, and calendars would lose the zone name.
        for name, moment in (("dtstart", slot.start), ("dtend", slot.end)):
            event.add(name, dt.datetime.combine(slot.date, moment),
                      parameters={"TZID": zone.key})
        event.add("summary", text(slot.title, lang, ws))
        details = [method_label(slot.method, lang), slot.facilitator]
        if any(details):
            event.add("description", " \u2014 ".join(d for d in details if d))
        if location:
            event.add("location", location)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def write_agenda_ics(ws: Workshop, schedule: Schedule, lang: str,
                     path: str | os.PathLike) -> Path:
    """Write the calendar atomically and return its path."""
    write_bytes_atomic(path, agenda_ics(ws, schedule, lang))
    return Path(path)
