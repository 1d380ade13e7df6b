"""The keys of module and workshop files, declared once (the file formats the README describes).

The same declaration checks a parsed file (``MODULE.check(...)``: unknown keys with a "did
you mean", missing keys, wrong types, each at its line) and publishes the JSON Schema
(``schema(...)``), so the two can never disagree.
"""
from __future__ import annotations

from .i18n import N_, _
from .keyspec import (
    LANG_PATTERN,
    Bool,
    Date,
    Enum,
    F,
    IdKind,
    Int,
    List,
    Num,
    Obj,
    Str,
    TextKind,
    Time,
)
from .model import FIXED_KINDS, METHODS, QUESTION_TYPES

TEXT = TextKind()
NAME = TextKind(name=True)
MINUTES = Int(1, N_("a whole number of minutes above 0"))
IDS = List(IdKind)
TEXTS = List(TEXT, N_("a list of texts"))

CHOICE = Obj("choice", {
    "id": F(IdKind, True, "Short id of the choice (a, b, true ...), used in exports."),
    "text": F(TEXT, True),
    "correct": F(Bool(), doc="true for a correct choice."),
}, within=True)

QUESTION = Obj("question", {
    "id": F(IdKind, True, "Unique id across all modules."),
    "objective": F(IdKind, True, "The objective (of this module) the question tests."),
    "type": F(Enum(QUESTION_TYPES), True),
    "text": F(TEXT, True),
    "choices": F(List(CHOICE, N_("a list of choices")), doc="For single, multiple, true-false."),
    "answer": F(Num(), doc="For type number: the correct value."),
    "tolerance": F(Num(0, None, N_("a number of at least 0")), doc="For number: accepted gap."),
    "explanation": F(TEXT),
    "points": F(Num(0, None, N_("a number of at least 0")), doc="Default 1."),
})

SESSION = Obj("session", {
    "id": F(IdKind, True, "Unique id across all modules."),
    "title": F(TEXT, True),
    "minutes": F(MINUTES, True),
    "method": F(Enum(METHODS), True),
    "objectives": F(IDS, doc="Ids of the objectives (of this module) the session serves."),
    "steps": F(TEXTS),
    "key_messages": F(TEXTS),
    "facilitator_notes": F(TEXT),
    "materials": F(TEXTS),
    "handout": F(TEXT),
})

MODULE = Obj("module", {
    "id": F(IdKind, True, "Unique module id; the file is curricula/modules/<id>.yaml."),
    "title": F(TEXT, True),
    "summary": F(TEXT),
    "audience": F(TEXT),
    "prerequisites": F(TEXT),
    "objectives": F(List(Obj("objective", {
        "id": F(IdKind, True), "text": F(TEXT, True)}), N_("a list of objectives")), True),
    "sessions": F(List(SESSION, N_("a list of sessions")), True),
    "definitions": F(List(Obj("definition", {
        "term": F(TEXT, True), "text": F(TEXT, True),
        "source": F(NAME, doc="A plain string when the same in every language, else "
                              "{fr: ..., en: ...}.")},
        label=("term",)), N_("a list of definitions"))),
    "questions": F(List(QUESTION, N_("a list of questions")), True),
    "references": F(List(Obj("reference", {
        "title": F(TEXT, True), "year": F(Int(1000, "a year such as 1951")),
        "article": F(NAME, doc="art. 33 (a plain string), or {fr: par. 2, en: para. 2}."),
        "publisher": F(NAME, doc="{fr: Nations Unies, en: United Nations}, or a plain string "
                                 "for a name that is the same in every language."),
        "url": F(Str())}, label=()),
        N_("a list of references"))),
}, doc="A curriculum module: objectives, sessions and question bank.")

BREAK = Obj("break", {
    "time": F(Time(), True), "minutes": F(MINUTES, True), "title": F(TEXT, True),
}, label=("time",), within=True)
BREAKS = List(BREAK, N_("a list of breaks"))
ORGANISATION = Obj("organisation", {
    "name": F(NAME, True), "logo": F(Str(), doc="Image path relative to this file, or empty."),
}, label=())
ORGANISATIONS = List(ORGANISATION, N_("a list of organizations"))

PROGRAMME_ITEM = Obj("programme item", {
    "module": F(IdKind, doc="All sessions of this module, in order."),
    "session": F(IdKind, doc="One session of a module."),
    "fixed": F(Enum(FIXED_KINDS), doc="A fixed item: opening, closing, pre-test ..."),
    "title": F(TEXT, doc="Fixed items: the title (default from the kind)."),
    "minutes": F(MINUTES, doc="Fixed items: the length (required)."),
    "method": F(Enum(METHODS), doc="Fixed items: the method."),
    "day": F(Int(1, N_("a day number (1 = the first day)")), doc="Pin to this day (1-based)."),
    "time": F(Time(), doc="Pin to this start time."),
    "facilitator": F(Str()),
}, label=("module", "session", "fixed"), exactly_one=("module", "session", "fixed"))

WORKSHOP = Obj("workshop", {
    "id": F(IdKind, True, "Unique workshop id; the file is curricula/workshops/<id>.yaml."),
    "title": F(TEXT, True),
    "languages": F(List(Str(LANG_PATTERN, "a language code such as fr or en")),
                   doc="Languages every text must have, in fallback order (default [fr, en])."),
    "project": F(TEXT),
    "organisers": F(ORGANISATIONS),
    "partners": F(ORGANISATIONS),
    "funders": F(ORGANISATIONS),
    "venue": F(NAME),
    "city": F(NAME),
    "country": F(Str(r"^[A-Z]{2}$", "a two-letter ISO 3166 country code such as SN")),
    "timezone": F(Str(r"^[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*$", "an IANA time zone such as "
                      "Africa/Dakar"), doc="IANA time zone (default UTC)."),
    "modules_path": F(Str(), doc="Folder of the module files, relative to this file "
                                 "(default ../modules)."),
    "dates": F(Obj("dates", {"start": F(Date(), True), "end": F(Date(), True)}, label=()),
               doc="Consecutive days, each with the daily frame."),
    "days": F(List(Obj("day", {
        "date": F(Date(), True), "start": F(Time()), "end": F(Time()), "breaks": F(BREAKS),
        "title": F(TEXT)}, label=("date",)), N_("a list of days")),
        doc="Explicit days; start, end and breaks default to the frame's."),
    "frame": F(Obj("frame", {"start": F(Time(), True), "end": F(Time(), True),
                             "breaks": F(BREAKS)}, label=()),
               doc="The daily frame: start, end and breaks."),
    "programme": F(List(PROGRAMME_ITEM, N_("a list of programme items")), True),
    "tests": F(Obj("tests", {
        "pre": F(IDS, doc="Question ids (default: the first question of each objective)."),
        "post": F(IDS, doc="Question ids (default: the same as pre)."),
        "pass_mark": F(Num(0, 100, N_("a percentage from 0 to 100"))),
        "shuffle": F(Int(0, N_("a whole number (the seed), such as 2019")),
                     doc="Seed that orders each question's choices per stage (default: "
                         "the bank's order).")}, label=())),
    "certificates": F(Obj("certificates", {
        "attendance_threshold": F(Num(0, 1, N_("a share from 0 to 1 (e.g. 0.75)"))),
        "pass_mark": F(Num(0, 100, N_("a percentage from 0 to 100"))),
        "hours": F(Num(0, None, N_("a number of hours"))),
        "code_prefix": F(Str(r"^[A-Za-z0-9]*$", "letters and digits only")),
        "verify_url": F(Str(), doc="URL template containing {code}."),
        "signatories": F(List(Obj("signatory", {
            "name": F(NAME, True), "role": F(TEXT), "organisation": F(NAME),
            "signature": F(Str(), doc="Image path relative to this file, or empty.")},
            label=("name",)), N_("a list of signatories"))),
    }, label=())),
    "files": F(Obj("files", {k: F(Str(), doc="Path relative to this file, or empty.") for k in (
        "participants", "attendance", "pre", "post", "satisfaction", "registry")}, label=())),
    "recommendations": F(TEXTS, doc="The organizers' recommendations, printed in the "
                                    "evaluation report's executive summary."),
    "report": F(Obj("report", {
        "author": F(NAME, doc="Author named on the report's cover (default: the "
                              "organizers)."),
        "version": F(Str(), doc="Version printed on the report's cover (default 1).")},
        label=())),
}, exactly_one=("dates", "days"), doc="A workshop: an event with days, programme and tests.")

KINDS = {"module": MODULE, "workshop": WORKSHOP}


def schema(kind: str) -> dict:
    """JSON Schema (draft 2020-12) of "module", "workshop" or "both" file kinds."""
    if kind not in (*KINDS, "both"):
        raise ValueError(_("kind must be module, workshop or both, not {kind!r}").format(
                             kind=kind))
    text = {"description": "A plain string, or one string per language code.",
            "oneOf": [{"type": "string", "minLength": 1},
                      {"type": "object", "minProperties": 1, "additionalProperties": False,
                       "patternProperties": {LANG_PATTERN: {"type": "string", "minLength": 1}}}]}
    out: dict = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "title": ("workshop-toolkit module and workshop files" if kind == "both"
                           else f"workshop-toolkit {kind} file"),
                 "$defs": {"text": text}}
    if kind == "both":
        out["$defs"].update({name: spec.json() for name, spec in KINDS.items()})
        out["oneOf"] = [{"$ref": f"#/$defs/{name}"} for name in KINDS]
    else:
        out.update(KINDS[kind].json())
    return out
