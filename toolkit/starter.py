"""`workshop init` and `workshop templates`: from a blank page to a workshop that validates.

``init_workshop`` writes a new workshop folder::

    DIR/workshops/<id>.yaml     the workshop file, commented, in the chosen language
    DIR/modules/<module>.yaml   copies of the chosen bundled modules, to edit freely
    DIR/data/                   the input templates (see ``write_templates``)

The number of days is the smallest that holds every session of the chosen modules with the
opening, the tests, the evaluation and the closing (checked with the scheduler), so the new
file validates clean at once. ``write_templates`` writes the inputs a trainer fills in, in the
workshop's first language: the roster, the attendance sheet (one row per roster participant
once the roster is filled), and the satisfaction survey as an XLSForm and on paper.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ToolkitError
from .i18n import _, format_date, get_language
from .model import Text, Workshop

DEFAULT_MODULES = ("mixed-migration", "international-recruitment", "migrant-protection")
MAX_DAYS = 10
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")

# IANA zone of the capital, for the countries the toolkit is mostly used in
TIMEZONES = {
    "SN": "Africa/Dakar", "CI": "Africa/Abidjan", "ML": "Africa/Bamako",
    "BF": "Africa/Ouagadougou", "GN": "Africa/Conakry", "TG": "Africa/Lome",
    "BJ": "Africa/Porto-Novo", "MR": "Africa/Nouakchott", "NE": "Africa/Niamey",
    "NG": "Africa/Lagos", "GH": "Africa/Accra", "GM": "Africa/Banjul", "GW": "Africa/Bissau",
    "SL": "Africa/Freetown", "LR": "Africa/Monrovia", "CV": "Atlantic/Cape_Verde",
    "CM": "Africa/Douala", "TD": "Africa/Ndjamena", "CF": "Africa/Bangui",
    "GA": "Africa/Libreville", "CG": "Africa/Brazzaville", "CD": "Africa/Kinshasa",
    "GQ": "Africa/Malabo", "MA": "Africa/Casablanca", "DZ": "Africa/Algiers",
    "TN": "Africa/Tunis", "LY": "Africa/Tripoli", "EG": "Africa/Cairo", "FR": "Europe/Paris",
    "BE": "Europe/Brussels", "CH": "Europe/Zurich", "IT": "Europe/Rome", "ES": "Europe/Madrid",
}
# the countries offered in the roster's country list (ECOWAS, Mauritania, Central Africa)
ROSTER_COUNTRIES = ("BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE",
                    "NG", "SN", "SL", "TG", "CM", "TD", "CF", "CG", "CD", "GA")


@dataclass(frozen=True)
class NewWorkshop:
    """What `workshop init` needs to know; every field but ``id`` has a default."""

    id: str
    lang: str = "fr"
    modules: tuple[str, ...] = DEFAULT_MODULES
    title: str = ""
    city: str = ""
    country: str = "SN"
    organiser: str = ""
    start: dt.date | None = None  # default: the Monday at least four weeks from today
    # last day; None: the fewest days that hold the modules (init_workshop works it out)
    end: dt.date | None = None
    organisers: tuple[str, ...] = ()  # several organisers; when given, ``organiser`` is unused


@dataclass
class Written:
    """The files a command wrote, and what it has to say about them."""

    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    workshop_file: Path | None = None


def bundled_modules() -> dict[str, Path]:
    """The bundled module files by id (package data, so they are there in a wheel too)."""
    from importlib import resources

    folder = Path(str(resources.files("toolkit") / "data" / "curricula" / "modules"))
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def default_start(today: dt.date | None = None) -> dt.date:
    """The first Monday at least 28 days after ``today``."""
    day = (today or dt.date.today()) + dt.timedelta(days=28)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def check_new_id(wid: str) -> str:
    """``wid`` when it can name a new workshop (its file and folder), else ToolkitError."""
    if not _ID.match(wid or "") or ".." in wid:
        raise ToolkitError(_('"{id}" cannot be a workshop id: use 2 to 60 lower-case letters, '
                             "digits and - . _ (e.g. abidjan-2027).").format(id=wid))
    return wid


def init_workshop(folder: str | os.PathLike, spec: NewWorkshop) -> Written:
    """Write a new workshop folder that validates clean; refuse to overwrite anything.

    Every check on ``spec`` (id, language, modules, country, dates) comes before the first
    file is written, so a refused workshop leaves nothing behind.
    """
    from .curriculum import load_workshop, validate_paths
    from .schedule import build_schedule

    check_new_id(spec.id)
    if spec.lang not in ("fr", "en"):
        raise ToolkitError(_('"{lang}": the workshop language must be fr or en.').format(
            lang=spec.lang))
    available = bundled_modules()
    unknown = [m for m in spec.modules if m not in available]
    if unknown or not spec.modules:
        raise ToolkitError(_("Unknown module(s): {modules}. Choose among: {available}.").format(
            modules=", ".join(unknown) or _("(none given)"), available=", ".join(available)))
    country = spec.country.upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ToolkitError(_('"{country}" is not a two-letter country code (e.g. CI, SN).').format(
            country=spec.country))
    start = spec.start or default_start()
    if spec.end is not None and spec.end < start:
        raise ToolkitError(_("The last day ({end}) is before the first day ({start}); nothing "
                             "was written. Give a last day on or after the first.").format(
                                 end=spec.end.isoformat(), start=start.isoformat()))
    if spec.end is not None and (spec.end - start).days + 1 > MAX_DAYS:
        raise ToolkitError(_("From {start} to {end} is more than {days} days; nothing was "
                             "written. Give a shorter workshop.").format(
                                 start=start.isoformat(), end=spec.end.isoformat(),
                                 days=MAX_DAYS))
    root = Path(folder)
    target = root / "workshops" / f"{spec.id}.yaml"
    copies = {m: root / "modules" / f"{m}.yaml" for m in spec.modules}
    existing = [p for p in (target, *copies.values()) if p.exists()]
    if existing:
        raise ToolkitError(_("{path} already exists; nothing was written. Choose an empty "
                             "folder, or another --id.").format(path=existing[0]))
    written = Written(workshop_file=target)
    (root / "modules").mkdir(parents=True, exist_ok=True)
    (root / "workshops").mkdir(parents=True, exist_ok=True)
    for module, path in copies.items():
        shutil.copyfile(available[module], path)
        written.paths.append(path)
    lengths = range(max(1, len(spec.modules)), MAX_DAYS + 1)
    if spec.end is not None:  # the days are given: they hold the modules or it is refused
        lengths = range((spec.end - start).days + 1, (spec.end - start).days + 2)
    for days in lengths:
        target.write_text(workshop_yaml(spec, country=country, start=start, days=days,
                                        folder=str(root)),
                          encoding="utf-8")
        try:
            fits = not build_schedule(load_workshop(str(target))).problems
        except ToolkitError:  # the programme's minutes exceed the days: one day more
            fits = False
        if fits:
            break
    else:
        target.unlink()
        for path in copies.values():
            path.unlink()
        if spec.end is not None:
            raise ToolkitError(_("The modules {modules} do not fit between {start} and {end}; "
                                 "nothing was written. Give a later last day, or choose fewer "
                                 "modules.").format(modules=", ".join(spec.modules),
                                                    start=start.isoformat(),
                                                    end=spec.end.isoformat()))
        raise ToolkitError(_("The modules {modules} do not fit in {days} days; choose fewer "
                             "modules.").format(modules=", ".join(spec.modules), days=MAX_DAYS))
    written.paths.append(target)
    templates = write_templates(load_workshop(str(target)), root / "data")
    written.paths += templates.paths
    written.notes += templates.notes
    problems = [p for p in validate_paths([str(root)]) if p.severity != "warning"]
    if problems:  # a bug of this module, not of the user's input: say it plainly
        raise ToolkitError(_("The new workshop does not validate: {problems}").format(
            problems="; ".join(str(p) for p in problems)))
    written.notes.append(_("{days} day(s) from {start}: edit dates, place, organizers and "
                           "signatories in {target}, then run `workshop validate {root}`.").format(
                             days=days, start=format_date(start, get_language()), target=target,
                             root=root))
    return written


def write_templates(ws: Workshop, outdir: str | os.PathLike) -> Written:
    """The input templates of a workshop, in its first language; never over a filled file.

    An existing roster is kept (and its people fill the attendance sheet); an existing
    attendance sheet is kept once anyone is marked on it.
    """
    from .i18n import country_name
    from .render.pdf.satisfaction_form import render_satisfaction_form
    from .render.pdf.theme import save_pdf
    from .render.templates import (
        write_attendance_template,
        write_roster_template,
        write_satisfaction_xlsform,
    )
    from .survey_forms import satisfaction_questions

    lang = (ws.languages or ("fr",))[0]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = Written()
    roster_out = out / "participants.xlsx"
    roster = Path(ws.files.participants) if ws.files.participants else roster_out
    if roster_out.exists():
        written.notes.append(_("{path} exists: kept as it is.").format(path=roster_out))
    else:
        countries = sorted({country_name(code, lang) for code in ROSTER_COUNTRIES},
                           key=_sort_key)
        prefix = ws.certificates.code_prefix or "P"
        written.paths.append(write_roster_template(
            roster_out, lang=lang, code=f"{prefix}-001", countries=countries))
    people = _people(roster) if roster.is_file() else []
    attendance_out = out / "attendance.xlsx"
    if attendance_out.exists() and _has_marks(attendance_out):
        written.notes.append(_("{path} already holds attendance marks: kept as it is.").format(
            path=attendance_out))
    else:
        written.paths.append(write_attendance_template(
            attendance_out, lang=lang, half_days=half_day_headers(ws, lang), people=people))
        if not people or all(p.startswith(("EXEMPLE", "EXAMPLE")) for _, p in people):
            written.notes.append(_("{path}: fill in the roster first, then run `workshop "
                                   "templates` again to list its participants.").format(
                                       path=attendance_out))
    questions = satisfaction_questions(ws)
    written.paths.append(write_satisfaction_xlsform(
        ws, questions, out / "satisfaction-xlsform.xlsx", lang=lang))
    for code in ws.languages or (lang,):
        written.paths.append(save_pdf(render_satisfaction_form(ws, questions, lang=code),
                                      out / f"satisfaction-paper-{code}.pdf"))
    return written


def _has_marks(path: Path) -> bool:
    """Whether an attendance sheet holds any mark beyond its id and name columns."""
    from .responses.read import read_table

    table = read_table(path)
    return any(str(cell or "").strip() for column in table.columns_raw[2:] for cell in column)


_HALF_NAMES = Text.of({"fr": "matin|après-midi", "en": "AM|PM"})


def half_day_headers(ws: Workshop, lang: str) -> list[str]:
    """One attendance header per half-day of the workshop: "16/03/2027 matin", "... PM"."""
    morning, afternoon = _HALF_NAMES.get(lang, fallback=("en",)).split("|")
    return [f"{day.date:%d/%m/%Y} {half}" for day in ws.days for half in (morning, afternoon)]


def _people(roster: Path) -> list[tuple[str, str]]:
    from .responses import read_roster

    return [(p.id, " ".join(x for x in (p.family_name.upper(), p.given_names) if x)
             or p.full_name) for p in read_roster(roster)]


def _sort_key(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


_YAML = {
    "fr": """\
# Atelier « {id} », créé par `workshop init`. Vérifiez chaque ligne, puis lancez
#   workshop validate {folder}
# Les textes peuvent être donnés dans plusieurs langues : title: {{fr: ..., en: ...}}
# (ajoutez alors en à languages).
id: {id}
title: {title}
languages: [fr]
organisers:
{organisers}funders: []             # par exemple : - name: Union européenne
city: {city}
country: {country}      # code ISO à deux lettres (CI, SN, ML ...)
timezone: {timezone}
modules_path: ../modules
dates:                  # jours consécutifs ; ou days: [...] pour sauter un jour
  start: {start}
  end: {end}
frame:
  start: "08:30"
  end: "17:30"
  breaks:
    - {{time: "10:30", minutes: 15, title: Pause café}}
    - {{time: "13:00", minutes: 60, title: Déjeuner}}
    - {{time: "15:30", minutes: 15, title: Pause café}}
programme:
  - fixed: opening
    title: Ouverture de l’atelier
    minutes: 30
    day: 1
    time: "08:30"
  - fixed: pre-test
    title: Pré-test de connaissances
    minutes: 30
{modules}  - fixed: post-test
    title: Post-test de connaissances
    minutes: 30
  - fixed: evaluation
    title: Évaluation de l’atelier
    minutes: 20
  - fixed: certificates
    title: Remise des attestations
    minutes: 20
  - fixed: closing
    title: Clôture
    minutes: 20
tests:
  pass_mark: 70         # % au post-test pour une attestation de réussite
certificates:
  attendance_threshold: 0.75   # part des demi-journées
  pass_mark: 70
  code_prefix: {prefix}
  signatories:
    - name: "Nom du ou de la signataire"
      role: Fonction
      organisation: {organiser}
recommendations: []     # après l’atelier, vos recommandations pour le rapport d’évaluation :
                        #   - Prévoir une session de suivi sur ...
report:
  version: "1"
  # author: ...         # auteur du rapport d’évaluation (par défaut : les organisateurs)
files:                  # relatifs à ce fichier ; remplissez les modèles de ../data/
  participants: ../data/participants.xlsx
  attendance: ../data/attendance.xlsx
  pre: ../data/pre-test.xlsx
  post: ../data/post-test.xlsx
  satisfaction: ../data/satisfaction.xlsx
""",
    "en": """\
# Workshop "{id}", created by `workshop init`. Check every line, then run
#   workshop validate {folder}
# Texts may be given in several languages: title: {{fr: ..., en: ...}}
# (then add fr to languages).
id: {id}
title: {title}
languages: [en]
organisers:
{organisers}funders: []             # for example: - name: European Union
city: {city}
country: {country}      # two-letter ISO code (CI, SN, ML ...)
timezone: {timezone}
modules_path: ../modules
dates:                  # consecutive days; or days: [...] to skip a day
  start: {start}
  end: {end}
frame:
  start: "08:30"
  end: "17:30"
  breaks:
    - {{time: "10:30", minutes: 15, title: Coffee break}}
    - {{time: "13:00", minutes: 60, title: Lunch}}
    - {{time: "15:30", minutes: 15, title: Coffee break}}
programme:
  - fixed: opening
    title: Opening of the workshop
    minutes: 30
    day: 1
    time: "08:30"
  - fixed: pre-test
    title: Knowledge pre-test
    minutes: 30
{modules}  - fixed: post-test
    title: Knowledge post-test
    minutes: 30
  - fixed: evaluation
    title: Workshop evaluation
    minutes: 20
  - fixed: certificates
    title: Certificates ceremony
    minutes: 20
  - fixed: closing
    title: Closing
    minutes: 20
tests:
  pass_mark: 70         # post-test % for a certificate of completion
certificates:
  attendance_threshold: 0.75   # share of half-days
  pass_mark: 70
  code_prefix: {prefix}
  signatories:
    - name: "Name of the signatory"
      role: Position
      organisation: {organiser}
recommendations: []     # after the workshop, your recommendations for the evaluation report:
                        #   - Plan a follow-up session on ...
report:
  version: "1"
  # author: ...         # author of the evaluation report (default: the organizers)
files:                  # relative to this file; fill in the templates in ../data/
  participants: ../data/participants.xlsx
  attendance: ../data/attendance.xlsx
  pre: ../data/pre-test.xlsx
  post: ../data/post-test.xlsx
  satisfaction: ../data/satisfaction.xlsx
""",
}
_LOGO_NOTE = {"fr": "            # facultatif : chemin d’une image, relatif à ce fichier",
              "en": "            # optional: path of an image, relative to this file"}
_DEFAULTS = {
    "fr": {"title": "Atelier de formation {id}", "organiser": "Votre organisation",
           "city": "Ville"},
    "en": {"title": "Training workshop {id}", "organiser": "Your organization", "city": "City"},
}


def workshop_yaml(spec: NewWorkshop, *, country: str, start: dt.date, days: int,
                  folder: str = ".") -> str:
    """The text of the new workshop file (YAML, commented in the workshop's language)."""
    defaults = _DEFAULTS[spec.lang]
    modules = "".join(f"  - module: {module}\n" for module in spec.modules)
    names = [n.strip() for n in spec.organisers if n.strip()] or \
        [spec.organiser or defaults["organiser"]]
    organisers = "".join(f"  - name: {json.dumps(name, ensure_ascii=False)}\n"
                         f"    logo: \"\"{_LOGO_NOTE[spec.lang]}\n" for name in names)
    letters = re.sub(r"[^A-Za-z]", "", spec.id).upper()[:3] or "WS"
    return _YAML[spec.lang].format(
        id=spec.id, folder=folder,
        title=json.dumps(spec.title or defaults["title"].format(id=spec.id), ensure_ascii=False),
        organiser=json.dumps(names[0], ensure_ascii=False), organisers=organisers,
        city=json.dumps(spec.city or defaults["city"], ensure_ascii=False),
        country=country, timezone=TIMEZONES.get(country, "UTC"),
        start=start.isoformat(), end=(start + dt.timedelta(days=days - 1)).isoformat(),
        modules=modules, prefix=f"{letters}{start:%y}")
