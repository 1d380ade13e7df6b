"""write_agenda: PDF text and fonts, ICS events, XLSX sheet, determinism, the CLI."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import types

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from materials_data import dakar_workshop, fixed, workshop
from toolkit.render.agenda import write_agenda
from toolkit.model import Text
from toolkit.schedule import build_schedule


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def font_names(path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF, from pdffonts when installed."""
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        return [(line.split()[0], " yes " in line[line.index("TrueType"):][:40]
                 if "TrueType" in line else False) for line in out]
    fonts = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            fonts.append((str(font["/BaseFont"]),
                          bool(desc and any(k in desc.get_object() for k in
                                            ("/FontFile", "/FontFile2", "/FontFile3")))))
    return fonts


@pytest.mark.parametrize("lang, expected", [
    ("fr", ["Programme de l’atelier", "du 10 au 13 avril 2019", "Sénégal",
            "mercredi 10 avril 2019", "jeudi 11 avril 2019", "vendredi 12 avril 2019",
            "samedi 13 avril 2019", "08h30–09h00", "Étude de cas", "Dynamisation",
            "Jeu de rôle", "Visite de terrain", "Travail de", "Pause café",
            "Module : Protection des migrants", "Organisé par : Organisation internationale",
            "Financé par l’Union européenne", "Avec le soutien de : Suède", "ICMC, DIADEM",
            "Ƴero Ɓaldé Ŋom",
            "Koffi Mensah & Fils <ONG", "Page 1 / 2"]),
    ("en", ["Workshop agenda", "10–13 April 2019", "Senegal", "Wednesday 10 April 2019",
            "Saturday 13 April 2019", "08:30–09:00", "Case study", "Energizer", "Role play",
            "Field visit", "Coffee break", "Module: Migrant protection", "Sweden",
            "Funded by the European Union"]),
])
def test_agenda_pdf_text(tmp_path, lang, expected):
    [path] = write_agenda(dakar_workshop(), output=tmp_path / "a.pdf", lang=lang)
    text = pdf_text(path)
    assert [e for e in expected if e not in text] == []
    meta = PdfReader(path).metadata
    assert meta.title.startswith("Programme" if lang == "fr" else "Workshop agenda")
    assert meta.author == ("Organisation internationale pour les migrations (OIM)" if lang == "fr"
                           else "International Organization for Migration (IOM)")


def test_agenda_fonts_are_embedded_and_bytes_deterministic(tmp_path):
    ws = dakar_workshop()
    first = write_agenda(ws, output=tmp_path / "1.pdf", ics=tmp_path / "1.ics")
    second = write_agenda(ws, output=tmp_path / "2.pdf", ics=tmp_path / "2.ics")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
    fonts = font_names(first[0])
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)


def test_default_output_path_and_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = write_agenda(dakar_workshop())
    assert [str(p) for p in paths] == ["reports/dakar-2019/agenda-fr.pdf"]


@pytest.mark.parametrize("zone", ["Africa/Dakar", "Africa/Lagos"])
def test_ics_has_one_event_per_session_in_local_time(tmp_path, zone):
    ws = dakar_workshop(timezone=zone)
    _, ics = write_agenda(ws, output=tmp_path / "a.pdf", ics=tmp_path / "a.ics")
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    slots = [s for s in build_schedule(ws).slots if s.kind not in ("break", "free")]
    assert len(events) == len(slots) == 13
    uids = [str(e["uid"]) for e in events]
    assert uids == [f"dakar-2019-{s.key}@workshop-toolkit" for s in slots]
    assert "dakar-2019-d1-1030-s1@workshop-toolkit" in uids
    assert len(set(uids)) == len(uids)
    first = events[0]
    assert first.decoded("dtstart") == dt.datetime(2019, 4, 10, 8, 30,
                                                   tzinfo=first.decoded("dtstart").tzinfo)
    assert first.decoded("dtstart").tzinfo.key == zone
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == [zone]
    assert str(first["summary"]) == "Ouverture officielle"
    assert str(first["location"]) == "Hôtel Ngor Diarama, Dakar, Sénégal"
    assert "Pause" not in ics.read_text(encoding="utf-8")


def test_xlsx_is_an_editable_timetable(tmp_path):
    ws = workshop([fixed("other", 30, title=Text.of("=HYPERLINK(\"x\")"))])
    _, xlsx = write_agenda(ws, output=tmp_path / "a.pdf", xlsx=tmp_path / "a.xlsx", lang="en")
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Day", "Date", "Start", "End", "Title", "Method", "Facilitator", "Module")
    assert rows[1][:5] == (1, "Wednesday 10 April 2019", "08:30", "09:00", "=HYPERLINK(\"x\")")
    assert sheet["E2"].data_type == "s"  # the title as typed, as text: it never runs
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_cli_agenda(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import main

    # The YAML loader is not what is tested here: hand the CLI a ready Workshop.
    fake = types.ModuleType("toolkit.curriculum")
    fake.load_workshop = lambda ref: dakar_workshop()
    monkeypatch.setitem(sys.modules, "toolkit.curriculum", fake)
    result = CliRunner().invoke(main, ["agenda", "x.yaml", "-o", str(tmp_path / "a.pdf"),
                                       "--lang", "en", "--ics", str(tmp_path / "a.ics")],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.split() == [str(tmp_path / "a.pdf"), str(tmp_path / "a.ics")]


def test_cli_agenda_warns_about_what_does_not_fit(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import main

    ws = workshop([fixed("opening", 30), fixed("other", 900, line=12)])
    fake = types.ModuleType("toolkit.curriculum")
    fake.load_workshop = lambda ref: ws
    monkeypatch.setitem(sys.modules, "toolkit.curriculum", fake)
    result = CliRunner().invoke(main, ["agenda", "x.yaml", "-o", str(tmp_path / "a.pdf")],
                                catch_exceptions=False)
    # issue 14.1: an agenda without one of its items is refused (it was printed, exit 0)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert not (tmp_path / "a.pdf").exists()
    assert ':12: "other" (900 min) does not fit on day 1 even on a day of its own: the longest ' \
        "stretch without a break is 120 min, 780 min too short. Shorten it or split it into " \
        "sessions." in result.stderr


@pytest.mark.parametrize("facilitator, column", [("Awa Ndiaye", True), ("", False)])
def test_facilitator_column_only_when_someone_is_named(tmp_path, facilitator, column):
    ws = workshop([fixed("opening", 30, facilitator=facilitator)])
    [path] = write_agenda(ws, output=tmp_path / "a.pdf")
    assert ("Animation" in pdf_text(path)) == column


def test_module_name_heads_its_sessions_once_per_day(tmp_path):
    [path] = write_agenda(dakar_workshop(), output=tmp_path / "a.pdf", lang="en")
    text = pdf_text(path)
    assert text.count("Module: Migrant protection") == 2  # day 1 and day 2
    assert text.count("Module: International recruitment") == 1


@pytest.mark.parametrize("changes, error, words", [
    (dict(timezone="Africa/Atlantis"), "CurriculumError", ['"Africa/Atlantis"', "IANA"]),
    (dict(days=()), "OutputError", ["no days", "give it dates"]),
])
def test_bad_workshop_is_a_clear_error(tmp_path, changes, error, words):
    import dataclasses

    from toolkit import errors

    ws = dataclasses.replace(dakar_workshop(), **changes)
    with pytest.raises(getattr(errors, error)) as caught:
        write_agenda(ws, output=tmp_path / "a.pdf", ics=tmp_path / "a.ics")
    assert all(w in str(caught.value) for w in words)
    assert list(tmp_path.iterdir()) == []  # nothing half-done


def test_never_overwrites_the_workshop_file(tmp_path):
    import dataclasses

    from toolkit.errors import OutputError

    source = tmp_path / "ws.yaml"
    source.write_text("id: x\n", encoding="utf-8")
    ws = dataclasses.replace(dakar_workshop(), source=str(source))
    with pytest.raises(OutputError):
        write_agenda(ws, output=source)
    assert source.read_text(encoding="utf-8") == "id: x\n"
