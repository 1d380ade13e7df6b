"""Workshop programme -> timetable: days, timed slots and breaks (pure, no I/O).

Items are placed one after another from the first day's start. A session is never split by a
break (it starts after the break instead); breaks are always shown; when a day is full the next
item starts the next day. Pins (``day``, ``time``) move an item forward, leaving a gap; a pin
that would move it backwards is a conflict. What cannot be placed is reported in
``Schedule.problems``, never silently run past the end of a day; :func:`require_complete`
turns those into an error, so that no agenda is printed without one of its sessions.

Time left empty inside a day (a session too long for the stretch before a break, or a pin
later than the items before it) is never an unexplained hole: it is a slot of kind "free"
("Temps libre / marge", "Free time / buffer") in the timetable, and a ``free-time``
entry of ``Schedule.gaps`` that ``workshop validate`` reports as a warning with its length.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TypedDict

from .i18n import _, catalog_text, get_language, quote
from .model import FIXED_METHODS, FIXED_TITLES, Day, ProgrammeItem, Text, Workshop

# Problems after which an item is missing from the timetable (the others only move it).
DROPPING = frozenset({"does-not-fit", "unknown-module", "unknown-session", "no-minutes"})
FREE_TITLE = Text.of({"fr": "Temps libre (marge)", "en": "Free time (buffer)"})

# Fixed items that may run through a break (a field visit has its own coffee break).
SPLITTABLE = frozenset({"field-visit"})


@dataclass(frozen=True)
class Slot:
    """One line of the timetable; ``day_index`` is 0-based (day number = day_index + 1)."""

    day_index: int
    date: dt.date
    start: dt.time
    end: dt.time
    kind: str  # "session", "fixed", "break" or "free"
    title: Text
    method: str = ""
    facilitator: str = ""
    module_id: str = ""
    session_id: str = ""
    minutes: int = 0
    fixed_kind: str = ""  # for kind "fixed": opening, closing, ...

    @property
    def key(self) -> str:
        """A stable identifier made from the slot's content (used for ICS UIDs)."""
        what = self.session_id or self.fixed_kind or self.kind
        return f"d{self.day_index + 1}-{self.start:%H%M}-{what}"


@dataclass(frozen=True)
class ScheduleProblem:
    """Something in the programme that does not fit or contradicts a pin."""

    code: str  # "does-not-fit", "pin-conflict", "unknown-module", "unknown-session", "no-minutes"
    item: str  # what the trainer recognises: session/module id or fixed kind
    message: str
    day: int | None = None  # 1-based day number
    minutes: int = 0  # by how many minutes it does not fit (for "does-not-fit")
    line: int = 0  # line of the programme item in the workshop file, 0 when unknown

    def __str__(self) -> str:
        where = _("line {line}: ").format(line=self.line) if self.line else ""
        return f"{where}{self.message}"


@dataclass(frozen=True)
class Schedule:
    days: tuple[Day, ...]
    slots: tuple[Slot, ...]
    problems: tuple[ScheduleProblem, ...] = ()
    gaps: tuple[ScheduleProblem, ...] = ()  # code "free-time": time left empty inside a day

    @property
    def dropped(self) -> tuple[ScheduleProblem, ...]:
        """The problems after which an item is not in the timetable at all."""
        return tuple(p for p in self.problems if p.code in DROPPING)

    def day_slots(self, day_index: int) -> tuple[Slot, ...]:
        """The slots of one day (0-based), in time order."""
        return tuple(s for s in self.slots if s.day_index == day_index)

    def session_slots(self, session_id: str) -> tuple[Slot, ...]:
        """Where a session is placed (usually one slot)."""
        return tuple(s for s in self.slots if s.session_id == session_id)


@dataclass(frozen=True)
class _Unit:
    """One thing to place: a session or a fixed item, with the pins of its programme item."""

    name: str
    title: Text
    minutes: int
    kind: str
    method: str
    facilitator: str
    module_id: str = ""
    session_id: str = ""
    fixed_kind: str = ""
    pin_day: int | None = None
    pin_time: dt.time | None = None
    line: int = 0


class _Pins(TypedDict, total=False):
    """The pins of a programme item that a unit carries (only its first session's are pinned)."""

    pin_day: int | None
    pin_time: dt.time | None
    line: int


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60 % 24, minutes % 60)


def _hhmm(minutes: int) -> str:
    """A time of day in messages, the interface language's way ("08:30", "08h30")."""
    from .i18n import format_time

    if not 0 <= minutes < 24 * 60:  # past midnight (an item that would end too late)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return format_time(dt.time(minutes // 60, minutes % 60), get_language())


def _breaks(day: Day) -> list[tuple[int, int, Text]]:
    """The day's breaks inside its frame, as (start, end, title) in minutes, in time order."""
    start, end = _minutes(day.frame.start), _minutes(day.frame.end)
    found: list[tuple[int, int, Text]] = []
    for brk in sorted(day.frame.breaks, key=lambda b: b.time):
        b0 = max(_minutes(brk.time), found[-1][1] if found else start)  # overlaps are clipped
        b1 = min(_minutes(brk.time) + brk.minutes, end)
        if start <= b0 < end and b1 > b0:
            found.append((b0, b1, brk.title))
    return found


def _units(ws: Workshop, problems: list[ScheduleProblem]) -> list[_Unit]:
    modules = {m.id: m for m in ws.modules}
    sessions = {s.id: (m, s) for m in ws.modules for s in m.sessions}
    units: list[_Unit] = []
    for item in ws.programme:
        pins: _Pins = {"pin_day": item.day, "pin_time": item.time, "line": item.line}
        if item.kind == "module":
            module = modules.get(item.ref)
            if module is None:
                problems.append(ScheduleProblem(
                    "unknown-module", item.ref,
                    _('The programme names module "{ref}", which is not loaded; '
                      "check its id or the modules path.").format(ref=item.ref),
                    line=item.line))
                continue
            for i, session in enumerate(module.sessions):
                units.append(_session_unit(item, module.id, session, pins if i == 0 else
                                           {"line": item.line}))
        elif item.kind == "session":
            found = sessions.get(item.ref)
            if found is None:
                problems.append(ScheduleProblem(
                    "unknown-session", item.ref,
                    _('The programme names session "{ref}", which no loaded module has; '
                      "check its id.").format(ref=item.ref), line=item.line))
                continue
            units.append(_session_unit(item, found[0].id, found[1], pins))
        else:
            name = item.kind
            if item.minutes <= 0:
                problems.append(ScheduleProblem(
                    "no-minutes", name, _('The programme item "{name}" has no minutes; give '
                                          "it a duration (minutes: 30).").format(name=name),
                    line=item.line))
                continue
            units.append(_Unit(
                name=name, title=item.title or _fixed_title(item.kind),
                minutes=item.minutes, kind="fixed",
                method=item.method or FIXED_METHODS.get(item.kind, ""),
                facilitator=item.facilitator, fixed_kind=item.kind, **pins))
    return units


def _fixed_title(kind: str) -> Text:
    return catalog_text(FIXED_TITLES[kind]) if kind in FIXED_TITLES else Text.of(kind)


def _session_unit(item: ProgrammeItem, module_id: str, session, pins: _Pins) -> _Unit:
    return _Unit(name=session.id, title=session.title, minutes=session.minutes, kind="session",
                 method=item.method or session.method, facilitator=item.facilitator,
                 module_id=module_id, session_id=session.id, **pins)


class _Placer:
    """Walks through the days, placing units one after another."""

    def __init__(self, ws: Workshop, problems: list[ScheduleProblem]):
        self.days = ws.days
        self.problems = problems
        self.day = 0
        self.now = _minutes(ws.days[0].frame.start) if ws.days else 0
        self.slots: list[Slot] = []
        self.lines: dict[tuple[int, int], tuple[str, int]] = {}  # (day, start) -> (item, line)

    def _frame(self, day: int) -> tuple[int, int]:
        frame = self.days[day].frame
        return _minutes(frame.start), _minutes(frame.end)

    def _problem(self, code: str, unit: _Unit, message: str, day: int | None,
                 minutes: int = 0) -> None:
        self.problems.append(ScheduleProblem(code, unit.name, message, day=day, minutes=minutes,
                                             line=unit.line))

    def _apply_pins(self, unit: _Unit) -> None:
        """Move the cursor forward to the unit's pins; report pins that would move it back."""
        if unit.pin_day is not None:
            target = unit.pin_day - 1
            if not 0 <= target < len(self.days):
                self._problem("pin-conflict", unit,
                              _('"{name}" is pinned to day {day}, but the workshop has '
                                "{days} day(s); it is placed where it falls.").format(
                                  name=unit.name, day=unit.pin_day, days=len(self.days)),
                              unit.pin_day)
            elif target < self.day:
                self._problem("pin-conflict", unit,
                              _('"{name}" is pinned to day {day}, but the programme before it '
                                "already reaches day {reached}; it is placed there. Shorten or "
                                "move the items before it.").format(
                                  name=unit.name, day=unit.pin_day, reached=self.day + 1),
                              unit.pin_day)
            elif target > self.day:
                self.day, self.now = target, self._frame(target)[0]
        if unit.pin_time is not None and self.day < len(self.days):
            wanted = _minutes(unit.pin_time)
            if wanted < self.now:
                self._problem("pin-conflict", unit,
                              _('"{name}" is pinned to {time} on day {day}, but the items '
                                "before it end at {end}; it starts then. Shorten or move the "
                                "items before it.").format(
                                  name=unit.name, time=_hhmm(wanted), day=self.day + 1,
                                  end=_hhmm(self.now)), self.day + 1)
            else:
                self.now = wanted

    def _fit(self, day: int, start: int, minutes: int) -> int:
        """The earliest start >= ``start`` on ``day`` where ``minutes`` run without a break."""
        t = start
        for b0, b1, _title in _breaks(self.days[day]):
            if t < b1 and t + minutes > b0:
                t = max(t, b1)
        return t

    def place(self, unit: _Unit) -> None:
        self._apply_pins(unit)
        wanted = self.now if unit.pin_time is not None else None
        while self.day < len(self.days):
            day_start, day_end = self._frame(self.day)
            start, end = self._span(unit, max(self.now, day_start))
            if end <= day_end:
                if (unit.pin_time is not None and start != wanted
                        and wanted == _minutes(unit.pin_time)):
                    self._problem("pin-conflict", unit,
                                  _('"{name}" is pinned to {time} on day {day}, but a break '
                                    "would cut it; it starts at {start}.").format(
                                      name=unit.name, time=_hhmm(wanted), day=self.day + 1,
                                      start=_hhmm(start)), self.day + 1)
                self._emit(unit, start, end)
                self.now = end
                return
            room = self._room(self.day, unit)
            if unit.minutes > room:
                what = (_("the day's working time") if unit.fixed_kind in SPLITTABLE else
                        _("the longest stretch without a break"))
                self._problem("does-not-fit", unit,
                              _('"{name}" ({minutes} min) does not fit on day {day} even on a '
                                "day of its own: {what} is {room} min, {short} min too short. "
                                "Shorten it or split it into sessions.").format(
                                  name=unit.name, minutes=unit.minutes, day=self.day + 1,
                                  what=what, room=room, short=unit.minutes - room),
                              self.day + 1, unit.minutes - room)
                return
            last = self.day == len(self.days) - 1
            if last or unit.pin_day is not None or unit.pin_time is not None:
                why = _("and no day is left") if last else _("on the day it is pinned to")
                self._problem("does-not-fit", unit,
                              _('"{name}" ({minutes} min) does not fit on day {day} {why}: it '
                                "would end at {end}, {late} min after the day ends at "
                                "{day_end}. Shorten it, lengthen the day or add a day.").format(
                                  name=unit.name, minutes=unit.minutes, day=self.day + 1,
                                  why=why, end=_hhmm(end), late=end - day_end,
                                  day_end=_hhmm(day_end)),
                              self.day + 1, end - day_end)
                return
            self.day += 1
            self.now = self._frame(self.day)[0]

    def _room(self, day: int, unit: _Unit) -> int:
        """The most minutes the unit could have on an empty ``day``."""
        start, end = self._frame(day)
        edges = [start]
        for b0, b1, _title in _breaks(self.days[day]):
            edges += [b0, b1]
        edges.append(end)
        stretches = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
        return sum(stretches) if unit.fixed_kind in SPLITTABLE else max(stretches)

    def _span(self, unit: _Unit, t: int) -> tuple[int, int]:
        """Where the unit would start and end if placed at or after ``t`` on the current day."""
        if unit.fixed_kind in SPLITTABLE:
            start = self._skip_breaks(self.day, t)
            return start, self._run_through(self.day, start, unit.minutes)
        start = self._fit(self.day, t, unit.minutes)
        return start, start + unit.minutes

    def _skip_breaks(self, day: int, t: int) -> int:
        for b0, b1, _title in _breaks(self.days[day]):
            if b0 <= t < b1:
                t = b1
        return t

    def _run_through(self, day: int, start: int, minutes: int) -> int:
        """The end of an item that pauses for breaks: ``minutes`` of work plus breaks inside."""
        t, left = self._skip_breaks(day, start), minutes
        for b0, b1, _title in _breaks(self.days[day]):
            if b1 <= t:
                continue
            if t + left <= b0:
                break
            left -= b0 - t
            t = b1
        return t + left

    def _emit(self, unit: _Unit, start: int, end: int) -> None:
        day = self.days[self.day]
        self.lines[(self.day, start)] = (unit.name, unit.line)
        pieces = [(start, end)]
        if unit.fixed_kind in SPLITTABLE:
            pieces = []
            t = start
            for b0, b1, _title in _breaks(day):
                if t < b0 < end:
                    pieces.append((t, b0))
                    t = b1
            if t < end:
                pieces.append((t, end))
        for p0, p1 in pieces:
            self.slots.append(Slot(
                day_index=self.day, date=day.date, start=_clock(p0), end=_clock(p1),
                kind=unit.kind, title=unit.title, method=unit.method,
                facilitator=unit.facilitator, module_id=unit.module_id,
                session_id=unit.session_id, minutes=p1 - p0, fixed_kind=unit.fixed_kind))


def build_schedule(workshop: Workshop) -> Schedule:
    """Turn the workshop programme into a timetable of slots, with what does not fit reported."""
    problems: list[ScheduleProblem] = []
    units = _units(workshop, problems)
    placer = _Placer(workshop, problems)
    for unit in units:
        placer.place(unit)
    slots = list(placer.slots)
    for index, day in enumerate(workshop.days):
        for b0, b1, title in _breaks(day):
            slots.append(Slot(day_index=index, date=day.date, start=_clock(b0), end=_clock(b1),
                              kind="break", title=title, minutes=b1 - b0))
    slots.sort(key=lambda s: (s.day_index, s.start, s.end))
    free, gaps = _free_time(workshop, slots, placer.lines)
    slots = sorted(slots + free, key=lambda s: (s.day_index, s.start, s.end))
    return Schedule(days=workshop.days, slots=tuple(slots), problems=tuple(problems),
                    gaps=tuple(gaps))


def _free_time(ws: Workshop, slots: list[Slot], lines: dict[tuple[int, int], tuple[str, int]]
               ) -> tuple[list[Slot], list[ScheduleProblem]]:
    """Slots of kind "free" for the holes inside each day, and a warning for each.

    A hole is time between the day's start (or an item) and the next item or break, before the
    day's last item; the end of a day after its last item is not a hole.
    """
    free: list[Slot] = []
    gaps: list[ScheduleProblem] = []
    for index, day in enumerate(ws.days):
        today = [s for s in slots if s.day_index == index]
        work = [s for s in today if s.kind != "break"]
        if not work:
            continue
        last = max(_minutes(s.end) for s in work)
        t = _minutes(day.frame.start)
        for slot in sorted(today, key=lambda s: (s.start, s.end)):
            start = _minutes(slot.start)
            if start >= last:
                break
            if start > t:
                # the item that did not fit in the hole: the next one that is not a break
                nxt = next(x for x in sorted(work, key=lambda x: x.start)
                           if _minutes(x.start) >= start)
                name, line = lines.get((index, _minutes(nxt.start)),
                                       (nxt.session_id or nxt.fixed_kind, 0))
                lang = get_language()
                before = _('the break {title} at {time}: the next item, {name} ({minutes} '
                           "min), does not fit in it").format(
                    title=quote(slot.title.get(lang, (lang, "en", "fr")), lang),
                    time=_hhmm(start), name=quote(name, lang), minutes=nxt.minutes) \
                    if slot.kind == "break" else quote(name, lang)
                free.append(Slot(day_index=index, date=day.date, start=_clock(t),
                                 end=_clock(start), kind="free", title=FREE_TITLE,
                                 minutes=start - t))
                gaps.append(ScheduleProblem(
                    "free-time", name, _("day {day} has {minutes} min of free time, "
                                         "{start}-{end}, before {before}. The agenda prints it "
                                         "as free time (buffer); to fill it, move or resize a "
                                         "session, or move the break.").format(
                                             day=index + 1, minutes=start - t, start=_hhmm(t),
                                             end=_hhmm(start), before=before),
                    day=index + 1, minutes=start - t, line=line))
            t = max(t, _minutes(slot.end))
    return free, gaps


def shown_source(source: str) -> str:
    """A workshop file as messages show it: relative to the current folder when inside it."""
    if not source.endswith((".yaml", ".yml")):
        return source
    try:
        rel = os.path.relpath(source)
    except ValueError:  # another drive on Windows
        return source
    return source if rel.startswith("..") else rel


def require_complete(schedule: Schedule, source: str) -> None:
    """Refuse a timetable that leaves out a programme item (CurriculumError naming each)."""
    from .errors import CurriculumError

    dropped = schedule.dropped
    if dropped:
        source = shown_source(source)
        listing = "\n".join(f"{source}:{p.line}: {p.message}" for p in dropped)
        raise CurriculumError(
            _("{source}: the agenda would leave out {count} programme item(s), so nothing was "
              "written:\n{listing}\nCheck again with `workshop validate {source}`.").format(
                  source=source, count=len(dropped), listing=listing))
