"""The domain model: frozen dataclasses, no I/O, no pandas.

Readers (curriculum.py, responses/) build these objects; renderers (render/) consume them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

ANY_LANGUAGE = "*"

METHODS = (
    "presentation",
    "plenary",
    "group-work",
    "case-study",
    "role-play",
    "energizer",
    "field-visit",
    "test",
)
QUESTION_TYPES = ("single", "multiple", "true-false", "number")

# ---------------------------------------------------------------- rules, one constant each

DEFAULT_PASS_MARK = 70.0  # % at the post-test counted as mastery (and completion) by default
DEFAULT_ATTENDANCE_THRESHOLD = 0.75  # share of half-days present for a certificate
MIN_GROUP = 5  # a group smaller than this shows counts only (percentages suppressed)
FIXED_KINDS = (
    "opening",
    "closing",
    "pre-test",
    "post-test",
    "evaluation",
    "certificates",
    "field-visit",
    "plenary",
    "other",
)


@dataclass(frozen=True)
class Text:
    """A user-facing string in one or several languages (ISO 639-1 codes).

    A plain YAML string is stored under ``ANY_LANGUAGE`` and serves every language.
    """

    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, value: str | Mapping[str, str] | Text | None) -> Text:
        """Build a Text from a plain string, a {lang: text} mapping, or another Text."""
        if value is None:
            return cls()
        if isinstance(value, Text):
            return value
        if isinstance(value, str):
            return cls(((ANY_LANGUAGE, value),))
        return cls(tuple((str(k), str(v)) for k, v in value.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def has(self, lang: str) -> bool:
        """True when this text can be shown in ``lang`` without falling back."""
        return any(code in (lang, ANY_LANGUAGE) and text.strip() for code, text in self.values)

    def get(self, lang: str, fallback: tuple[str, ...] = ()) -> str:
        """The text in ``lang``, else in the first of ``fallback`` that exists, else any."""
        mapping = dict(self.values)
        for code in (lang, *fallback, ANY_LANGUAGE):
            text = mapping.get(code)
            if text and text.strip():
                return text
        for _, text in self.values:
            if text.strip():
                return text
        return ""

    def __bool__(self) -> bool:
        return any(text.strip() for _, text in self.values)


@dataclass(frozen=True)
class Objective:
    id: str
    text: Text
    line: int = 0


@dataclass(frozen=True)
class Session:
    id: str
    title: Text
    minutes: int
    method: str
    objectives: tuple[str, ...] = ()
    steps: tuple[Text, ...] = ()
    key_messages: tuple[Text, ...] = ()
    facilitator_notes: Text = Text()
    materials: tuple[Text, ...] = ()
    handout: Text = Text()
    module: str = ""
    line: int = 0


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    objective: str
    type: str  # one of QUESTION_TYPES
    text: Text
    choices: tuple[Choice, ...] = ()
    answer: float | None = None  # for type "number"
    tolerance: float = 0.0
    explanation: Text = Text()
    points: float = 1.0
    module: str = ""
    line: int = 0

    @property
    def correct_ids(self) -> frozenset[str]:
        if self.type == "number":
            return frozenset()
        return frozenset(c.id for c in self.choices if c.correct)


@dataclass(frozen=True)
class Definition:
    term: Text
    text: Text
    source: Text = Text()  # {fr, en}; a plain string (a proper name) serves every language


@dataclass(frozen=True)
class Reference:
    """An instrument or source: e.g. 1951 Refugee Convention, art. 33."""

    title: Text
    year: int | None = None
    article: Text = Text()  # "art. 33" serves every language; "par. 2" / "para. 2" does not
    publisher: Text = Text()  # {fr: Nations Unies, en: United Nations}
    url: str = ""


@dataclass(frozen=True)
class Module:
    id: str
    title: Text
    summary: Text = Text()
    audience: Text = Text()
    prerequisites: Text = Text()
    objectives: tuple[Objective, ...] = ()
    sessions: tuple[Session, ...] = ()
    questions: tuple[Question, ...] = ()
    definitions: tuple[Definition, ...] = ()
    references: tuple[Reference, ...] = ()
    source: str = ""

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)


@dataclass(frozen=True)
class Break:
    time: dt.time
    minutes: int
    title: Text


@dataclass(frozen=True)
class Frame:
    """The daily frame: when the day starts and ends, and its breaks."""

    start: dt.time
    end: dt.time
    breaks: tuple[Break, ...] = ()


@dataclass(frozen=True)
class Day:
    date: dt.date
    frame: Frame
    title: Text = Text()


@dataclass(frozen=True)
class ProgrammeItem:
    """One entry of a workshop programme.

    ``kind`` is "module" (all sessions of module ``ref``), "session" (one session ``ref``), or
    one of FIXED_KINDS (then ``title`` and ``minutes`` describe it).
    """

    kind: str
    ref: str = ""
    title: Text = Text()
    minutes: int = 0
    day: int | None = None  # 1-based day number pin
    time: dt.time | None = None  # start-time pin
    facilitator: str = ""
    method: str = ""
    line: int = 0


@dataclass(frozen=True)
class TestSpec:
    """Which question ids make up the pre- and post-test."""

    pre: tuple[str, ...] = ()
    post: tuple[str, ...] = ()
    pass_mark: float = DEFAULT_PASS_MARK
    shuffle: int | None = None  # seed that orders each question's choices per stage


@dataclass(frozen=True)
class Organisation:
    name: Text
    logo: str = ""  # absolute path to an image, or ""


@dataclass(frozen=True)
class Signatory:
    name: Text  # a plain string; a placeholder may be {fr: "[Nom]", en: "[Name]"}
    role: Text = Text()
    organisation: Text = Text()  # {fr, en} like the role; a plain string serves every language
    signature: str = ""  # absolute path to an image, or ""


@dataclass(frozen=True)
class CertificateRules:
    attendance_threshold: float = DEFAULT_ATTENDANCE_THRESHOLD  # share of half-days
    pass_mark: float | None = None  # post-test % for a certificate of completion
    hours: float | None = None  # None: computed from the programme
    code_prefix: str = ""
    verify_url: str = ""  # template with {code}
    signatories: tuple[Signatory, ...] = ()


@dataclass(frozen=True)
class ReportInfo:
    """The evaluation report's cover line: its author ("" = the organisers) and version."""

    author: Text = Text()
    version: str = ""  # "" = "1"


@dataclass(frozen=True)
class WorkshopFiles:
    """Data files of a workshop, as absolute paths ("" when not given)."""

    participants: str = ""
    attendance: str = ""
    pre: str = ""
    post: str = ""
    satisfaction: str = ""
    registry: str = ""


@dataclass(frozen=True)
class Workshop:
    id: str
    title: Text
    languages: tuple[str, ...]
    days: tuple[Day, ...]
    programme: tuple[ProgrammeItem, ...]
    modules: tuple[Module, ...] = ()  # the modules the programme uses, resolved
    project: Text = Text()
    organisers: tuple[Organisation, ...] = ()
    partners: tuple[Organisation, ...] = ()
    funders: tuple[Organisation, ...] = ()
    venue: Text = Text()
    city: Text = Text()
    country: str = ""  # ISO 3166-1 alpha-2
    timezone: str = "UTC"
    tests: TestSpec = TestSpec()
    certificates: CertificateRules = CertificateRules()
    files: WorkshopFiles = WorkshopFiles()
    source: str = ""
    # the organisers' recommendations, printed in the report's executive summary
    recommendations: tuple[Text, ...] = ()
    report: ReportInfo = ReportInfo()

    @property
    def start(self) -> dt.date:
        return self.days[0].date

    @property
    def end(self) -> dt.date:
        return self.days[-1].date

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    @property
    def questions(self) -> dict[str, Question]:
        """Every question of the workshop's modules, by id."""
        return {q.id: q for m in self.modules for q in m.questions}


@dataclass(frozen=True)
class Participant:
    id: str
    family_name: str
    given_names: str
    sex: str = ""  # "F", "M", or "" when not given
    organisation: str = ""
    function: str = ""
    country: str = ""
    email: str = ""
    phone: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def full_name(self) -> str:
        """Given names then family name, as written on a certificate."""
        return " ".join(p for p in (self.given_names.strip(), self.family_name.strip()) if p)

    @property
    def badge_name(self) -> str:
        """Family name in capitals, as is usual in francophone West Africa."""
        return " ".join(
            p for p in (self.family_name.strip().upper(), self.given_names.strip()) if p
        )


@dataclass(frozen=True)
class KeyItem:
    """One scored question of an answer key.

    ``question`` is how the question is found in an export (XLSForm name or header text);
    ``aliases`` are other headers/labels it may appear under (labels in other languages).
    ``answers`` holds correct choice names (for number: one string of the number).
    ``choices`` maps each choice name to the labels it may appear as.
    """

    id: str
    question: str
    type: str
    answers: frozenset[str]
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    points: float = 1.0
    aliases: tuple[str, ...] = ()
    module: str = ""
    objective: str = ""
    tolerance: float = 0.0
    line: int = 0  # row of the key file (header = 1), 0 when built from a workshop


@dataclass(frozen=True)
class AnswerKey:
    items: tuple[KeyItem, ...]
    source: str = ""
    # every field of the XLSForm the key was read with: (name, labels in every language), so
    # that --id-column participant_code finds "Code participant" in a French-label export
    form_labels: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def labels_of(self, name: str) -> tuple[str, ...]:
        """The form's labels of a field name (empty when the key has no form or no such name)."""
        return next((labels for field, labels in self.form_labels if field == name), ())

    @property
    def max_points(self) -> float:
        return sum(item.points for item in self.items)

    def item(self, item_id: str) -> KeyItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


# Title and method of a fixed programme item when the workshop file gives none.
def N_(message: str) -> str:  # noqa: N802  (marks a msgid for extraction; model imports no i18n)
    return message


# English msgids of the catalogue, turned into a Text by toolkit.i18n.catalog_text.
FIXED_TITLES = {
    "opening": N_("Opening"),
    "closing": N_("Closing"),
    "pre-test": N_("Knowledge pre-test"),
    "post-test": N_("Knowledge post-test"),
    "evaluation": N_("Workshop evaluation"),
    "certificates": N_("Certificates ceremony"),
    "field-visit": N_("Field visit"),
    "plenary": N_("Plenary"),
    "other": N_("Other activity"),
}
FIXED_METHODS = {"pre-test": "test", "post-test": "test", "field-visit": "field-visit",
                 "plenary": "plenary"}
