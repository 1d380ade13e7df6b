"""The keys of module and workshop files, declared once (the file formats the README describes).

The same declaration checks a parsed file (``MODULE.check(...)``: unknown keys with a "did
you mean", missing keys, wrong types, each at its line) and publishes the JSON Schema
(``schema(...)``), so the two can never disagree.
"""
from __future__ import annotations

from .i18n import N_, NC_, _
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

CHOICE = Obj(NC_("yaml object", "choice"), {
    "id": F(IdKind, True, N_("Short id of the choice (a, b, true ...), used in exports.")),
    "text": F(TEXT, True),
    "correct": F(Bool(), doc=N_("true for a correct choice.")),
}, within=True)

QUESTION = Obj(NC_("yaml object", "question"), {
    "id": F(IdKind, True, N_("Unique id across all modules.")),
    "objective": F(IdKind, True, N_("The objective (of this module) the question tests.")),
    "type": F(Enum(QUESTION_TYPES), True),
    "text": F(TEXT, True),
    "choices": F(List(CHOICE, N_("a list of choices")),
                 doc=N_("For single, multiple, true-false.")),
    "answer": F(Num(), doc=N_("For type number: the correct value.")),
    "tolerance": F(Num(0, None, N_("a number of at least 0")), doc=N_("For number: accepted gap.")),
    "explanation": F(TEXT),
    "points": F(Num(0, None, N_("a number of at least 0")), doc=N_("Default 1.")),
})

SESSION = Obj(NC_("yaml object", "session"), {
    "id": F(IdKind, True, N_("Unique id across all modules.")),
    "title": F(TEXT, True),
    "minutes": F(MINUTES, True),
    "method": F(Enum(METHODS), True),
    "objectives": F(IDS, doc=N_("Ids of the objectives (of this module) the session serves.")),
    "steps": F(TEXTS),
    "key_messages": F(TEXTS),
    "facilitator_notes": F(TEXT),
    "materials": F(TEXTS),
    "handout": F(TEXT),
})

MODULE = Obj(NC_("yaml object", "module"), {
    "id": F(IdKind, True, N_("Unique module id; the file is curricula/modules/<id>.yaml.")),
    "title": F(TEXT, True),
    "summary": F(TEXT),
    "audience": F(TEXT),
    "prerequisites": F(TEXT),
    "objectives": F(List(Obj(NC_("yaml object", "objective"), {
        "id": F(IdKind, True), "text": F(TEXT, True)}), N_("a list of objectives")), True),
    "sessions": F(List(SESSION, N_("a list of sessions")), True),
    "definitions": F(List(Obj(NC_("yaml object", "definition"), {
        "term": F(TEXT, True), "text": F(TEXT, True),
        "source": F(NAME, doc=N_("A plain string when the same in every language, else "
                              "{fr: ..., en: ...}."))},
        label=("term",)), N_("a list of definitions"))),
    "questions": F(List(QUESTION, N_("a list of questions")), True),
    "references": F(List(Obj(NC_("yaml object", "reference"), {
        "title": F(TEXT, True), "year": F(Int(1000, N_("a year such as 1951"))),
        "article": F(NAME, doc=N_("art. 33 (a plain string), or {fr: par. 2, en: para. 2}.")),
        "publisher": F(NAME, doc=N_("{fr: Nations Unies, en: United Nations}, or a plain string "
                                 "for a name that is the same in every language.")),
        "url": F(Str())}, label=()),
        N_("a list of references"))),
}, doc=N_("A curriculum module: objectives, sessions and question bank."))

BREAK = Obj(NC_("yaml object", "break"), {
    "time": F(Time(), True), "minutes": F(MINUTES, True), "title": F(TEXT, True),
}, label=("time",), within=True)
BREAKS = List(BREAK, N_("a list of breaks"))
ORGANISATION = Obj(NC_("yaml object", "organization"), {
    "name": F(NAME, True), "logo": F(Str(), doc=N_("Image path relative to this file, or empty.")),
}, label=())
ORGANISATIONS = List(ORGANISATION, N_("a list of organizations"))

PROGRAMME_ITEM = Obj(NC_("yaml object", "programme item"), {
    "module": F(IdKind, doc=N_("All sessions of this module, in order.")),
    "session": F(IdKind, doc=N_("One session of a module.")),
    "fixed": F(Enum(FIXED_KINDS), doc=N_("A fixed item: opening, closing, pre-test ...")),
    "title": F(TEXT, doc=N_("Fixed items: the title (default from the kind).")),
    "minutes": F(MINUTES, doc=N_("Fixed items: the length (required).")),
    "method": F(Enum(METHODS), doc=N_("Fixed items: the method.")),
    "day": F(Int(1, N_("a day number (1 = the first day)")), doc=N_("Pin to this day (1-based).")),
    "time": F(Time(), doc=N_("Pin to this start time.")),
    "facilitator": F(Str()),
}, label=("module", "session", "fixed"), exactly_one=("module", "session", "fixed"))

WORKSHOP = Obj(NC_("yaml object", "workshop"), {
    "id": F(IdKind, True, N_("Unique workshop id; the file is curricula/workshops/<id>.yaml.")),
    "title": F(TEXT, True),
    "languages": F(List(Str(LANG_PATTERN, N_("a language code such as fr or en"))),
                   doc=N_("Languages every text must have, in fallback order (default [fr, en]).")),
    "project": F(TEXT),
    "organisers": F(ORGANISATIONS),
    "partners": F(ORGANISATIONS),
    "funders": F(ORGANISATIONS),
    "venue": F(NAME),
    "city": F(NAME),
    "country": F(Str(r"^[A-Z]{2}$", N_("a two-letter ISO 3166 country code such as SN"))),
    "timezone": F(Str(r"^[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*$", N_("an IANA time zone such as "
                         "Africa/Dakar")), doc=N_("IANA time zone (default UTC).")),
    "modules_path": F(Str(), doc=N_("Folder of the module files, relative to this file "
                                 "(default ../modules).")),
    "dates": F(Obj(NC_("yaml object", "dates"), {"start": F(Date(), True),
                                                 "end": F(Date(), True)}, label=()),
               doc=N_("Consecutive days, each with the daily frame.")),
    "days": F(List(Obj(NC_("yaml object", "day"), {
        "date": F(Date(), True), "start": F(Time()), "end": F(Time()), "breaks": F(BREAKS),
        "title": F(TEXT)}, label=("date",)), N_("a list of days")),
        doc=N_("Explicit days; start, end and breaks default to the frame's.")),
    "frame": F(Obj(NC_("yaml object", "frame"), {"start": F(Time(), True), "end": F(Time(), True),
                             "breaks": F(BREAKS)}, label=()),
               doc=N_("The daily frame: start, end and breaks.")),
    "programme": F(List(PROGRAMME_ITEM, N_("a list of programme items")), True),
    "tests": F(Obj(NC_("yaml object", "tests"), {
        "pre": F(IDS, doc=N_("Question ids (default: the first question of each objective).")),
        "post": F(IDS, doc=N_("Question ids (default: the same as pre).")),
        "pass_mark": F(Num(0, 100, N_("a percentage from 0 to 100"))),
        "shuffle": F(Int(0, N_("a whole number (the seed), such as 2019")),
                     doc=N_("Seed that orders each question's choices per stage (default: "
                         "the bank's order)."))}, label=())),
    "certificates": F(Obj(NC_("yaml object", "certificates"), {
        "attendance_threshold": F(Num(0, 1, N_("a share from 0 to 1 (e.g. 0.75)"))),
        "pass_mark": F(Num(0, 100, N_("a percentage from 0 to 100"))),
        "hours": F(Num(0, None, N_("a number of hours"))),
        "code_prefix": F(Str(r"^[A-Za-z0-9]*$", N_("letters and digits only"))),
        "verify_url": F(Str(), doc=N_("URL template containing {code}.")),
        "signatories": F(List(Obj(NC_("yaml object", "signatory"), {
            "name": F(NAME, True), "role": F(TEXT), "organisation": F(NAME),
            "signature": F(Str(), doc=N_("Image path relative to this file, or empty."))},
            label=("name",)), N_("a list of signatories"))),
    }, label=())),
    "files": F(Obj(NC_("yaml object", "files"), {
        k: F(Str(), doc=N_("Path relative to this file, or empty.")) for k in (
        "participants", "attendance", "pre", "post", "satisfaction", "registry")}, label=())),
    "recommendations": F(TEXTS, doc=N_("The organizers' recommendations, printed in the "
                                    "evaluation report's executive summary.")),
    "report": F(Obj(NC_("yaml object", "report"), {
        "author": F(NAME, doc=N_("Author named on the report's cover (default: the "
                              "organizers).")),
        "version": F(Str(), doc=N_("Version printed on the report's cover (default 1)."))},
        label=())),
}, exactly_one=("dates", "days"), doc=N_("A workshop: an event with days, programme and tests."))

KINDS = {"module": MODULE, "workshop": WORKSHOP}


def schema(kind: str) -> dict:
    """JSON Schema (draft 2020-12) of "module", "workshop" or "both" file kinds."""
    if kind not in (*KINDS, "both"):
        raise ValueError(_("kind must be module, workshop or both, not {kind!r}").format(
                             kind=kind))
    text = {"description": _("A plain string, or one string per language code."),
            "oneOf": [{"type": "string", "minLength": 1},
                      {"type": "object", "minProperties": 1, "additionalProperties": False,
                       "patternProperties": {LANG_PATTERN: {"type": "string", "minLength": 1}}}]}
    out: dict = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "title": (_("workshop-toolkit module and workshop files") if kind == "both"
                           else _("workshop-toolkit {kind} file").format(kind=kind)),
                 "$defs": {"text": text}}
    if kind == "both":
        out["$defs"].update({name: spec.json() for name, spec in KINDS.items()})
        out["oneOf"] = [{"$ref": f"#/$defs/{name}"} for name in KINDS]
    else:
        out.update(KINDS[kind].json())
    return out
