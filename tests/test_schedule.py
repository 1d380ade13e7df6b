"""build_schedule: sequential placement, breaks, pins, overflow reports, no overlaps."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from materials_data import dakar_workshop, days, fixed, module, session, use, workshop
from toolkit.schedule import build_schedule

NO_BREAKS = dict(start="09:00", end="12:00", breaks=())
ONE_BREAK = dict(start="09:00", end="17:00", breaks=(("10:30", 15),))


def _times(schedule, kind=None):
    return [(s.day_index + 1, f"{s.start:%H:%M}", f"{s.end:%H:%M}", s.session_id or s.fixed_kind
             or "break") for s in schedule.slots if kind is None or s.kind == kind]


@pytest.mark.parametrize("frame, minutes, expected", [
    # exact fit of a morning
    (NO_BREAKS, (60, 120), [(1, "09:00", "10:00", "a"), (1, "10:00", "12:00", "b")]),
    # one minute too many: the second session moves to the next day
    (NO_BREAKS, (60, 121), [(1, "09:00", "10:00", "a"), (2, "09:00", "11:01", "b")]),
    # a session that ends exactly when the break starts stays before it
    (ONE_BREAK, (90, 30), [(1, "09:00", "10:30", "a"), (1, "10:45", "11:15", "b")]),
    # a session that would be cut by the break starts after it, leaving a gap
    (ONE_BREAK, (60, 60), [(1, "09:00", "10:00", "a"), (1, "10:45", "11:45", "b")]),
])
def test_sequential_placement(frame, minutes, expected):
    ws = workshop([use("m1")], [module("m1", session("a", minutes[0]), session("b", minutes[1]))],
                  days_=days(2, **frame))
    schedule = build_schedule(ws)
    assert _times(schedule, "session") == expected
    assert schedule.problems == ()


def test_breaks_are_always_shown_even_on_empty_days():
    ws = workshop([use("m1")], [module("m1", session("a", 30))], days_=days(3, **ONE_BREAK))
    assert _times(build_schedule(ws), "break") == [(d, "10:30", "10:45", "break")
                                                   for d in (1, 2, 3)]


@pytest.mark.parametrize("pins, expected_start, problem", [
    (dict(day=2), (2, "09:00"), None),
    (dict(time=dt.time(11, 0)), (1, "11:00"), None),  # leaves a gap after "a"
    (dict(day=3, time=dt.time(14, 0)), (3, "14:00"), None),
    (dict(time=dt.time(9, 30)), (1, "10:00"), "pin-conflict"),  # before "a" ends
    (dict(time=dt.time(10, 15)), (1, "10:45"), "pin-conflict"),  # a break would cut it
    (dict(day=9), (1, "10:00"), "pin-conflict"),  # no such day
])
def test_pins(pins, expected_start, problem):
    ws = workshop([use("m1"), fixed("opening", 30, **pins)], [module("m1", session("a", 60))],
                  days_=days(3, **ONE_BREAK))
    schedule = build_schedule(ws)
    slot = next(s for s in schedule.slots if s.fixed_kind == "opening")
    assert (slot.day_index + 1, f"{slot.start:%H:%M}") == expected_start
    assert [p.code for p in schedule.problems] == ([problem] if problem else [])


def test_pin_to_an_earlier_day_is_a_conflict():
    ws = workshop([fixed("opening", 30, day=2), fixed("closing", 30, day=1)],
                  days_=days(2, **ONE_BREAK))
    schedule = build_schedule(ws)
    assert [(p.code, p.item, p.day) for p in schedule.problems] == [("pin-conflict", "closing", 1)]
    assert _times(schedule, "fixed") == [(2, "09:00", "09:30", "opening"),
                                         (2, "09:30", "10:00", "closing")]


@pytest.mark.parametrize("programme, item, day, over", [
    # the last day runs out: 60 + 150 > 180 minutes of the only day
    ([fixed("opening", 60), fixed("plenary", 150)], "plenary", 1, 30),
    # longer than any day, even a fresh one
    ([fixed("other", 200)], "other", 1, 20),
    # pinned to a day where it does not fit
    ([fixed("opening", 150, day=1), fixed("closing", 45, day=1)], "closing", 1, 15),
])
def test_overflow_is_reported_with_minutes(programme, item, day, over):
    schedule = build_schedule(workshop(programme, days_=days(1, **NO_BREAKS)))
    assert [(p.code, p.item, p.day, p.minutes) for p in schedule.problems] == [
        ("does-not-fit", item, day, over)]
    assert item not in [s.fixed_kind for s in schedule.slots]
    assert f"{over} min" in str(schedule.problems[0])


def test_field_visit_takes_the_whole_afternoon_through_its_break():
    schedule = build_schedule(dakar_workshop())
    assert schedule.problems == ()
    day3 = [(f"{s.start:%H:%M}", f"{s.end:%H:%M}", s.kind) for s in schedule.day_slots(2)
            if s.kind != "free"]
    # the morning before the pinned visit is shown as free time, not as a blank (issue 14.2)
    assert [(f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in schedule.day_slots(2)
            if s.kind == "free"] == [("08:30", "10:00"), ("10:30", "12:30"), ("13:30", "14:00")]
    assert day3 == [("10:00", "10:30", "break"), ("12:30", "13:30", "break"),
                    ("14:00", "15:30", "fixed"), ("15:30", "15:45", "break"),
                    ("15:45", "17:00", "fixed")]
    # the next item goes to the next day
    assert _times(schedule, "fixed")[-3][:3] == (4, "08:30", "09:00")


def test_unknown_module_and_missing_minutes_are_reported():
    schedule = build_schedule(workshop([use("nope"), fixed("opening", 0)], days_=days(1)))
    assert [p.code for p in schedule.problems] == ["unknown-module", "no-minutes"]
    assert [s.kind for s in schedule.slots] == ["break"] * 3


def _assert_well_formed(schedule, ws):
    slots = sorted(schedule.slots, key=lambda s: (s.day_index, s.start))
    for before, after in zip(slots, slots[1:]):
        if before.day_index == after.day_index:
            assert before.end <= after.start, (before, after)
    for slot in slots:
        frame = ws.days[slot.day_index].frame
        assert frame.start <= slot.start < slot.end <= frame.end
        assert slot.date == ws.days[slot.day_index].date


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(5, 240), st.booleans(), st.integers(0, 4),
                          st.sampled_from([None, "08:00", "11:00", "14:10", "16:00"])),
                min_size=1, max_size=14))
def test_never_two_slots_overlap(items):
    programme, sessions = [], []
    for i, (minutes, is_fixed, pin_day, pin_time) in enumerate(items):
        pins = dict(day=pin_day or None,
                    time=dt.time.fromisoformat(pin_time) if pin_time else None)
        if is_fixed:
            programme.append(fixed("field-visit" if i % 3 == 0 else "other", minutes, **pins))
        else:
            sessions.append(session(f"s{i}", minutes, module=f"m{i}"))
            programme.append(use(f"m{i}", **pins))
    modules = [module(s.module, s) for s in sessions]
    ws = workshop(programme, modules, days_=days(3))
    schedule = build_schedule(ws)
    _assert_well_formed(schedule, ws)
    placed = {s.session_id or s.fixed_kind for s in schedule.slots if s.kind != "break"}
    for s in sessions:  # every session is placed or reported
        assert s.id in placed or s.id in {p.item for p in schedule.problems}


def test_time_pin_past_the_end_of_the_day_is_reported_not_moved():
    ws = workshop([fixed("opening", 60, time=dt.time(16, 30))], days_=days(2, **ONE_BREAK))
    schedule = build_schedule(ws)
    assert [(p.code, p.day, p.minutes) for p in schedule.problems] == [("does-not-fit", 1, 30)]
    assert [s.kind for s in schedule.slots] == ["break", "break"]


def test_overlapping_breaks_are_clipped():
    ws = workshop([], days_=days(1, start="09:00", end="17:00",
                                 breaks=(("10:00", 60), ("10:30", 60))))
    assert _times(build_schedule(ws)) == [(1, "10:00", "11:00", "break"),
                                          (1, "11:00", "11:30", "break")]
