"""Issue 14, schedule: no agenda without a session, no unannounced hole (points 1, 2, 23)."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.curriculum import load_workshop, validate_paths
from toolkit.schedule import build_schedule

from conftest import DATA

# One day, 09:00-12:00 with a break 10:00-10:15: 165 minutes of work for 150 minutes of
# sessions (ex-s1 90, ex-s2 60), so the totals fit, but once ex-s1 runs 10:15-11:45 only
# 15 minutes are left for ex-s2.
TIGHT = """\
id: tight-2024
title: {fr: Atelier serré, en: Tight workshop}
languages: [fr, en]
venue: Hôtel Exemple
city: Dakar
country: SN
modules_path: ../modules
dates: {start: 2024-03-04, end: 2024-03-04}
frame:
  start: "09:00"
  end: "12:00"
  breaks:
    - {time: "10:00", minutes: 15, title: {fr: Pause café, en: Coffee break}}
programme:
  - module: example-protection
tests:
  pre: [ex-q1]
"""


@pytest.fixture
def tight(tmp_path, monkeypatch):
    shutil.copytree(DATA / "modules", tmp_path / "modules")
    (tmp_path / "workshops").mkdir()
    path = tmp_path / "workshops" / "tight.yaml"
    path.write_text(TIGHT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_reports_the_session_that_cannot_be_placed(tight):
    result = run("validate", "workshops/tight.yaml", "modules")
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(TIGHT.splitlines(), 1) if "module:" in text)
    expected = (f'workshops/tight.yaml:{line}: "ex-s2" (60 min) does not fit on day 1 and no '
                "day is left: it would end at 12:45, 45 min after the day ends at 12:00. "
                "Shorten it, lengthen the day or add a day.")
    assert expected in result.output


@pytest.mark.parametrize("command", [["agenda", "workshops/tight.yaml", "-o", "a.pdf"],
                                     ["materials", "workshops/tight.yaml", "-o", "mat"],
                                     ["build", "workshops/tight.yaml", "-o", "out"]])
def test_agenda_materials_and_build_refuse_to_leave_a_session_out(tight, command):
    result = run(*command)
    assert result.exit_code == 1
    assert "ex-s2" in result.output and "does not fit on day 1" in result.output
    assert "workshops/tight.yaml" in result.output
    assert "Traceback" not in result.output
    assert not (tight.parent.parent / "a.pdf").exists()
    assert not (tight.parent.parent / "mat" / "facilitator-guide-fr.pdf").exists()


def test_dakar_holes_are_printed_as_free_time_and_warned_with_their_length():
    ws = load_workshop("dakar-2019")
    schedule = build_schedule(ws)
    free = [(s.day_index + 1, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in schedule.slots
            if s.kind == "free"]
    # the illustrative programme of issue 18 (introductions, daily recaps, Friday prayer)
    # leaves four holes, each printed as free time
    assert free == [(2, "10:15", "10:30"), (2, "12:55", "13:00"), (2, "14:50", "15:15"),
                    (3, "12:45", "13:00")]
    # every minute of each day, from its start to its last item, is accounted for
    for index, day in enumerate(ws.days):
        slots = sorted(schedule.day_slots(index), key=lambda s: s.start)
        assert slots[0].start == day.frame.start
        assert all(a.end == b.start for a, b in zip(slots, slots[1:]))
    messages = [str(p) for p in validate_paths([ws.source])]
    assert any("day 2 has 15 min of free time, 10:15-10:30" in m for m in messages)
    assert any("day 2 has 5 min of free time, 12:55-13:00" in m for m in messages)
    assert all(": warning: " in m for m in messages)


def test_validate_warnings_alone_exit_0_and_the_agenda_names_its_file(tmp_path):
    source = load_workshop("dakar-2019").source
    result = run("validate", source)
    assert result.exit_code == 0 and "free time" in result.output
    result = CliRunner().invoke(main, ["agenda", "dakar-2019", "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings and all("dakar-2019.yaml:" in line for line in warnings)


@pytest.mark.parametrize("lang, words", [("fr", "Temps libre (marge)"),
                                         ("en", "Free time (buffer)")])
def test_the_agenda_pdf_shows_the_free_time(tmp_path, lang, words):
    from pypdf import PdfReader

    from toolkit.render.agenda import write_agenda

    ws = load_workshop("dakar-2019")
    path = write_agenda(ws, output=tmp_path / "a.pdf", lang=lang)[0]
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert text.count(words) == 4
