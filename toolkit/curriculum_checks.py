"""Checks that need more than one key: inside a file, and across modules and workshops.

Every check takes already type-checked data (see curriculum_keys) and adds
``(line, message, severity)`` problems to a Sink; none raises.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re

from .i18n import _, pgettext
from .keyspec import OBJECT_CONTEXT, Sink
from .model import ANY_LANGUAGE, Day
from .yamlsafe import LDict, LList


def suggest(word: str, known) -> str:
    """' (did you mean "x"?)' for the closest known word, or ''."""
    close = difflib.get_close_matches(word, list(known), n=1)
    return _(' (did you mean "{key}"?)').format(key=close[0]) if close else ""


# ---------------------------------------------------------------- one module


def check_module(data: LDict, sink: Sink) -> None:
    """Objectives, sessions and questions of one module agree with each other."""
    objectives = {o["id"]: o for o in data.get("objectives", []) if "id" in o}
    for session in data.get("sessions", []):
        for index, ref in enumerate(session.get("objectives", [])):
            if ref not in objectives:
                sink.add(session["objectives"].line_of(index),
                         _("session \"{get}\" serves objective \"{ref}\", which is not an "
                           "objective "
                           "of this module{suggest}").format(
                             get=session.get("id", "?"), ref=ref, suggest=suggest(ref, objectives)))
    tested: set[str] = set()
    for question in data.get("questions", []):
        qid = question.get("id", "?")
        ref = question.get("objective")
        if ref is not None:
            tested.add(ref)
            if ref not in objectives:
                sink.add(question.line_of("objective"),
                         _("question \"{qid}\" tests objective \"{ref}\", which is not an "
                           "objective "
                           "of this module{suggest}").format(
                             qid=qid, ref=ref, suggest=suggest(ref, objectives)))
        _check_choices(question, qid, sink)
        _check_form_text(question, qid, sink)
    for oid, objective in objectives.items():
        if oid not in tested:
            sink.add(objective.line, _('objective "{id}" has no question; add at least one '
                                       "question with objective: {id}").format(id=oid))
    if not data.get("sessions") and "sessions" in data:
        sink.add(data.line_of("sessions"), _("the module has no sessions"))


_FORM_REFERENCE = re.compile(r"\$\{[^}]*\}")


def _texts(value) -> list[str]:
    """The strings of a Text field: a plain string or a {lang: text} mapping."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return [text for _, text in getattr(value, "values", ())]  # a Text


def _check_form_text(question: LDict, qid: str, sink: Sink) -> None:
    """Text that KoboToolbox/ODK would read as a form reference (${name}) breaks the form."""
    places = [("text", question.line_of("text"), question.get("text"))]
    choices = question.get("choices", [])
    places += [("choice", c.line_of("text") if "text" in c else choices.line_of(i),
                c.get("text")) for i, c in enumerate(choices) if isinstance(c, LDict)]
    for what, line, value in places:
        for text in _texts(value):
            found = _FORM_REFERENCE.search(text)
            if found:
                sink.add(line, _('the {what} of question "{qid}" contains "{found}", which '
                                 "KoboToolbox and ODK read as a reference to another "
                                 "question, so the form would not convert; write it without "
                                 '"${{" (e.g. "$ {{" or "{{name}}")').format(
                                     what=what, qid=qid, found=found.group(0)))


def _check_choices(question: LDict, qid: str, sink: Sink) -> None:
    kind = question.get("type")
    choices = question.get("choices", [])
    seen: dict[str, int] = {}
    for index, choice in enumerate(choices):
        cid = choice.get("id")
        if cid is None:
            continue
        if cid in seen:
            sink.add(choices.line_of(index), _("question \"{qid}\" has two choices with id "
                                               "\"{cid}\" "
                                               "(first at line {value})").format(
                                                 qid=qid, cid=cid, value=seen[cid]))
        else:
            seen[cid] = choices.line_of(index)
    correct = sum(1 for c in choices if c.get("correct"))
    line = question.line
    if kind in ("single", "true-false"):
        if len(choices) < 2:
            sink.add(line, _('{kind} question "{qid}" needs at least two choices').format(
                               kind=kind, qid=qid))
        if correct != 1:
            sink.add(line, _("{kind} question \"{qid}\" must have exactly one correct choice, not "
                             "{correct}; mark it with correct: true").format(
                               kind=kind, qid=qid, correct=correct))
    elif kind == "multiple":
        if len(choices) < 2:
            sink.add(line, _('multiple question "{qid}" needs at least two choices').format(
                               qid=qid))
        if correct < 1:
            sink.add(line, _("multiple question \"{qid}\" has no correct choice; mark at least one "
                             "with correct: true").format(qid=qid))
    elif kind == "number":
        if "answer" not in question:
            sink.add(line, _('number question "{qid}" has no "answer"; add answer: <the '
                             'number>').format(
                               qid=qid))
        if choices:
            sink.add(question.line_of("choices"),
                     _('number question "{qid}" has choices; use type: single or remove '
                       'them').format(
                         qid=qid))


# ---------------------------------------------------------------- one workshop


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def check_frame(frame: LDict, label: str, sink: Sink) -> None:
    """The frame's start is before its end and its breaks fit inside, in order, apart."""
    start, end = frame.get("start"), frame.get("end")
    if start is None or end is None:
        return
    if start >= end:
        sink.add(frame.line_of("end"), _("{label} ends at {end:%H:%M}, not after it starts "
                                         "({start:%H:%M})").format(
                                           label=label, end=end, start=start))
        return
    previous_end, previous_line = None, 0
    breaks = frame.get("breaks") or LList()
    for index, item in sorted(enumerate(breaks), key=lambda p: p[1].get("time") or dt.time()):
        time, minutes = item.get("time"), item.get("minutes")
        if time is None or minutes is None:
            continue
        line = breaks.line_of(index)
        begin, finish = _minutes(time), _minutes(time) + minutes
        if begin < _minutes(start) or finish > _minutes(end):
            sink.add(line, _("the break at {time:%H:%M} ({minutes} min) is not inside {label} "
                             "({start:%H:%M}-{end:%H:%M})").format(
                               time=time, minutes=minutes, label=label, start=start, end=end))
        if previous_end is not None and begin < previous_end:
            sink.add(line, _("the break at {time:%H:%M} overlaps the break at line "
                             "{previous_line}").format(
                               time=time, previous_line=previous_line))
        previous_end, previous_line = finish, line


def check_workshop(data: LDict, sink: Sink) -> None:
    """Dates, days, frame, programme items and certificate rules of one workshop file."""
    frame = data.get("frame")
    if frame is not None:
        check_frame(frame, _("the daily frame"), sink)
    dates = data.get("dates")
    if dates is not None:
        if frame is None and "frame" not in data:
            sink.add(data.line_of("dates"), _("the workshop gives \"dates\" but no "
                                              "\"frame\" (start, "
                                              "end, breaks) for its days; add one"))
        start, end = dates.get("start"), dates.get("end")
        if start and end and end < start:
            sink.add(dates.line_of("end"), _("the workshop ends ({end}) before it starts "
                                             "({start})").format(
                                               end=end, start=start))
        elif start and end and (end - start).days >= 31:
            sink.add(dates.line_of("end"), _("the workshop lasts {value} days; check the dates "
                                             "(more than 31 days is refused)").format(
                                               value=(end - start).days + 1))
    days = data.get("days", [])
    seen: dict = {}
    for index, day in enumerate(days):
        date = day.get("date")
        line = days.line_of(index)
        if date in seen:
            sink.add(line, _("the day {date} is given twice (first at line {value})").format(
                               date=date, value=seen[date]))
        elif seen and date is not None and date < max(seen):
            sink.add(line, _("the day {date} comes after a later day; list the days in "
                             "order").format(
                               date=date))
        if date is not None:
            seen[date] = line
        if frame is None and not ("start" in day and "end" in day):
            sink.add(line, _("the day {date} has no \"start\" and \"end\" and the workshop has no "
                             "\"frame\" to take them from").format(date=date))
        elif any(k in day for k in ("start", "end", "breaks")) and frame is not None:
            merged = {"start": day.get("start", frame.get("start")),
                      "end": day.get("end", frame.get("end"))}
            breaks = day.get("breaks", frame.get("breaks"))
            check_frame(_Merged(merged, breaks, day), _("the day {date}").format(date=date), sink)
        elif frame is None:
            check_frame(day, _("the day {date}").format(date=date), sink)
    for item in data.get("programme", []):
        label = _item_label(item)
        if "fixed" in item and "minutes" not in item:
            sink.add(item.line, _('{label} needs "minutes" (how long it lasts)').format(
                                    label=label))
        if "module" in item or "session" in item:  # not when "fixed" was given but wrong
            for key in ("title", "minutes", "method"):
                if key in item:
                    sink.add(item.line_of(key), _("\"{key}\" only applies to fixed items; the "
                                                  "{key} of {label} comes from its module").format(
                                                    key=key, label=label))
    certificates = data.get("certificates", {})
    url = certificates.get("verify_url", "")
    if url and "{code}" not in url:
        sink.add(certificates.line_of("verify_url"),
                 _('the verify_url must contain {code}, e.g. "https://example.org/verify/{code}"'))
    zone = data.get("timezone")
    if zone:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            sink.add(data.line_of("timezone"), _("unknown time zone \"{zone}\"; use an IANA name "
                                                 "such as Africa/Dakar or Africa/Abidjan").format(
                                                   zone=zone))


class _Merged(LDict):
    """A day's own start/end over the frame's, keeping the day's lines for messages."""

    def __init__(self, values: dict, breaks, day: LDict):
        super().__init__({k: v for k, v in values.items() if v is not None}, line=day.line)
        self["breaks"] = breaks
        self._day = day

    def line_of(self, key) -> int:
        return self._day.line_of(key) if key in self._day else self._day.line


def _item_label(item: LDict) -> str:
    for key in ("module", "session", "fixed"):
        if key in item:
            if key == "fixed":
                return _('fixed item "{kind}"').format(kind=item[key])
            return _('{name} "{text}"').format(name=pgettext(OBJECT_CONTEXT, key),
                                               text=item[key])
    return pgettext("yaml object", "programme item")


# ---------------------------------------------------------------- workshop and its modules


def check_fit(days: tuple[Day, ...], items: list, line: int, sink: Sink) -> None:
    """The programme's minutes fit in the days; no single item outlasts every stretch.

    ``items`` holds (line, label, minutes, day pin, time pin, runs through breaks) for every
    timed piece.
    """
    if not days:
        return
    available = 0
    longest = 0
    for day in days:
        start, end = _minutes(day.frame.start), _minutes(day.frame.end)
        available += end - start - sum(b.minutes for b in day.frame.breaks)
        cursor = start
        for brk in sorted(day.frame.breaks, key=lambda b: b.time):
            longest = max(longest, _minutes(brk.time) - cursor)
            cursor = _minutes(brk.time) + brk.minutes
        longest = max(longest, end - cursor)
    needed = sum(item[2] for item in items)
    if needed > available:
        sink.add(line, _("the programme needs {needed} minutes but the {count} day(s) hold "
                         "{available} minutes between breaks; shorten or remove items, or add "
                         "a day").format(needed=needed, count=len(days), available=available))
    for item_line, label, minutes, day_pin, time_pin, runs_through in items:
        # a session is never cut, so the agenda would leave it out: an error, not a warning
        if minutes > longest and runs_through:
            sink.add(item_line, _("{label} lasts {minutes} minutes, longer than the longest "
                                  "stretch between breaks ({longest} minutes); a break will "
                                  "cut it").format(
                                    label=label, minutes=minutes, longest=longest), "warning")
        elif minutes > longest:
            sink.add(item_line, _("{label} lasts {minutes} minutes, longer than the longest "
                                  "stretch between breaks ({longest} minutes): a break never "
                                  "cuts a session, so it cannot be placed; shorten it or split "
                                  "it into sessions").format(
                                    label=label, minutes=minutes, longest=longest))
        if day_pin is not None and day_pin > len(days):
            sink.add(item_line, _("{label} is pinned to day {day_pin}, but the workshop has "
                                  "{count} day(s)").format(
                                    label=label, day_pin=day_pin, count=len(days)))
        elif time_pin is not None:
            frame = days[(day_pin or 1) - 1].frame
            if not frame.start <= time_pin < frame.end:
                sink.add(item_line, _("{label} is pinned to {time_pin:%H:%M}, outside the day "
                                      "({start:%H:%M}-{end:%H:%M})").format(
                                        label=label, time_pin=time_pin, start=frame.start,
                                        end=frame.end))


def check_languages(texts: list, required: tuple[str, ...], why: str, sink: Sink) -> None:
    """Every Text of a file has each required language (names may stay untranslated)."""
    if not required:
        return
    for line, what, text, is_name in texts:
        if ANY_LANGUAGE in text.languages:
            if is_name or len(required) == 1:
                continue
            sink.add(line, _("{what} is not translated; write it as {{{languages}}}").format(
                what=what, languages=", ".join(f"{lang}: ..." for lang in required)),
                     "warning")
            continue
        missing = [lang for lang in required if not text.has(lang)]
        if missing:
            names = ", ".join(_('"{text}"').format(text=lang) for lang in missing)
            sink.add(line, _("{what} has no {names} text ({why})").format(
                               what=what, names=names, why=why), "warning")
