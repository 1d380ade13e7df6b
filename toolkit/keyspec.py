"""A small vocabulary to declare the keys of a YAML file once, then check it and publish it.

Each Kind checks a value read by yamlsafe (adding FILE-line problems to a Sink and returning
the cleaned value, or INVALID) and describes itself as JSON Schema (draft 2020-12).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from .i18n import N_, _, pgettext
from .model import Text
from .yamlsafe import LDict, LList

# the context of the objects' names (NC_("yaml object", "session") in curriculum_keys): in
# messages they are nouns with their article in languages that need one ("la séance")
OBJECT_CONTEXT = "yaml object"
INVALID = object()  # a value that failed its check; builders fall back to defaults
ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"
LANG_PATTERN = r"^[a-z]{2,3}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


@dataclass
class Sink:
    """Collects problems (line, message, severity) and every Text met, for one file."""

    problems: list = field(default_factory=list)
    texts: list = field(default_factory=list)  # (line, what, Text, is_name)
    # a programme item names a module or session that is not loaded (or its folder is
    # missing): test ids would then all look unknown, so they are not checked one by one
    unresolved: bool = False

    def add(self, line: int, message: str, severity: str = "error") -> None:
        self.problems.append((line, message, severity))


def _shown(value, raw) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None or raw == "":
        return _("empty")
    text = raw if isinstance(raw, str) else str(value)
    # the value as typed, in the quotation marks of the interface language
    return _('"{text}"').format(text=text)


class Kind:
    """A kind of value: ``describe`` for messages, ``json`` for the schema, ``check``."""

    def describe(self) -> str:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def check(self, value, raw, *, what: str, line: int, sink: Sink, parent: str = ""):
        raise NotImplementedError

    def _wrong(self, value, raw, what, line, sink):
        sink.add(line, _("{what} must be {describe}, not {shown}").format(
                           what=what, describe=self.describe(), shown=_shown(value, raw)))
        return INVALID


def _scalar_text(value, raw) -> str | None:
    """A scalar as the text the trainer wrote (``id: 1`` and ``id: true`` are ids too)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float, dt.date)) and isinstance(raw, str):
        return raw
    return None


@dataclass(frozen=True)
class Str(Kind):
    pattern: str = ""
    hint: str = N_("text")

    def describe(self):
        return _(self.hint)

    def json(self):
        return {"type": "string", **({"pattern": self.pattern} if self.pattern else {})}

    def check(self, value, raw, *, what, line, sink, parent=""):
        text = _scalar_text(value, raw)
        if text is None or (self.pattern and not re.match(self.pattern, text)):
            return self._wrong(value, raw, what, line, sink)
        return text


IdKind = Str(ID_PATTERN, N_("an id (letters, digits, - _ . and no spaces)"))


@dataclass(frozen=True)
class TextKind(Kind):
    """A Text: a plain string or {lang: string}. ``name``: a proper name, fine untranslated."""

    name: bool = False

    def describe(self):
        return _("text (a string, or a mapping such as {fr: ..., en: ...})")

    def json(self):
        return {"$ref": "#/$defs/text"}

    def check(self, value, raw, *, what, line, sink, parent=""):
        if isinstance(value, dict) and not value:
            return self._wrong(value, raw, what, line, sink)
        if isinstance(value, dict):
            pairs = {}
            for lang, text in value.items():
                sub = _scalar_text(text, value.raw.get(lang)) if isinstance(value, LDict) else None
                at = value.line_of(lang) if isinstance(value, LDict) else line
                if not re.match(LANG_PATTERN, str(lang)) and text is None:
                    sink.add(at, _("{what} is cut at a comma (\"{lang}\" is read as a language "
                                   "code); put the text in quotes").format(what=what, lang=lang))
                elif not re.match(LANG_PATTERN, str(lang)):
                    sink.add(at, _("\"{lang}\" in {what} is not a language code; use two "
                                   "lower-case letters such as fr or en").format(
                                     lang=lang, what=what))
                elif sub is None or not sub.strip():
                    sink.add(at, _('the "{lang}" text of {what} is empty').format(
                                     lang=lang, what=what))
                else:
                    pairs[lang] = sub
            result = Text.of(pairs)
        else:
            text = _scalar_text(value, raw)
            if text is None or not text.strip():
                return self._wrong(value, raw, what, line, sink)
            result = Text.of(text)
        sink.texts.append((line, what, result, self.name))
        return result


@dataclass(frozen=True)
class Int(Kind):
    minimum: int = 1
    hint: str = ""

    def describe(self):
        return _(self.hint) if self.hint else _("a whole number of at least {minimum}").format(
            minimum=self.minimum)

    def json(self):
        return {"type": "integer", "minimum": self.minimum}

    def check(self, value, raw, *, what, line, sink, parent=""):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            return self._wrong(value, raw, what, line, sink)
        return value


@dataclass(frozen=True)
class Num(Kind):
    minimum: float | None = None
    maximum: float | None = None
    hint: str = N_("a number")

    def describe(self):
        return _(self.hint)

    def json(self):
        out: dict = {"type": "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def check(self, value, raw, *, what, line, sink, parent=""):
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or (self.minimum is not None and value < self.minimum)
                or (self.maximum is not None and value > self.maximum)):
            return self._wrong(value, raw, what, line, sink)
        return float(value)


@dataclass(frozen=True)
class Bool(Kind):
    def describe(self):
        # the YAML words themselves, in every language: "true ou false"
        return _("{true} or {false}").format(true="true", false="false")

    def json(self):
        return {"type": "boolean"}

    def check(self, value, raw, *, what, line, sink, parent=""):
        return value if isinstance(value, bool) else self._wrong(value, raw, what, line, sink)


@dataclass(frozen=True)
class Date(Kind):
    def describe(self):
        return _("a date written YYYY-MM-DD (e.g. 2019-04-10)")

    def json(self):
        return {"type": "string", "format": "date"}

    def check(self, value, raw, *, what, line, sink, parent=""):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
            found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
            if found:  # written right, but no such day: say so, not "must be YYYY-MM-DD"
                sink.add(line, _("{what} is {value}, a date that does not exist ({why}); "
                                 "check the day and the month").format(
                                     what=what, value=value.strip(),
                                     why=_no_such_day(*map(int, found.groups()))))
                return INVALID
        return self._wrong(value, raw, what, line, sink)


def _no_such_day(year: int, month: int, day: int) -> str:
    """Why YEAR-MONTH-DAY is not a date: 'there is no month 13', 'February 2027 has 28 days'."""
    import calendar

    from .i18n import format_date, get_language

    if not 1 <= month <= 12:
        return _("there is no month {month}").format(month=month)
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not day:
        return _("there is no day 0")
    # the month's name in the interface language, from CLDR ("février 2027")
    named = format_date(dt.date(max(year, 1), month, 1), get_language()).split(" ", 1)[1]
    return _("{month} has {days} days").format(month=named, days=days)


@dataclass(frozen=True)
class Time(Kind):
    def describe(self):
        return _('a time written HH:MM in quotes (e.g. "09:00")')

    def json(self):
        return {"type": "string", "pattern": TIME_PATTERN}

    def check(self, value, raw, *, what, line, sink, parent=""):
        if isinstance(value, str) and re.match(TIME_PATTERN, value.strip()):
            hours, minutes = value.strip().split(":")
            return dt.time(int(hours), int(minutes))
        return self._wrong(value, raw, what, line, sink)


@dataclass(frozen=True)
class Enum(Kind):
    choices: tuple[str, ...] = ()

    def describe(self):
        return _("one of {choices}").format(choices=", ".join(self.choices))

    def json(self):
        return {"enum": list(self.choices)}

    def check(self, value, raw, *, what, line, sink, parent=""):
        text = _scalar_text(value, raw)
        if text in self.choices:
            return text
        close = difflib.get_close_matches(str(text), self.choices, n=1)
        if close and text is not None:
            sink.add(line, _('{what} must be {describe}, not "{text}" (did you mean '
                             '"{value}"?)').format(
                               what=what, describe=self.describe(), text=text, value=close[0]))
            return INVALID
        return self._wrong(value, raw, what, line, sink)


@dataclass(frozen=True)
class List(Kind):
    item: Kind = IdKind
    hint: str = ""

    def describe(self):
        return _(self.hint) if self.hint else _("a list of {items}").format(
            items=self.item.describe())

    def json(self):
        return {"type": "array", "items": self.item.json()}

    def check(self, value, raw, *, what, line, sink, parent=""):
        if value is None:
            return LList(line=line)
        if not isinstance(value, list):
            return self._wrong(value, raw, what, line, sink)
        out = LList(line=line)
        for index, item in enumerate(value):
            at = value.line_of(index) if isinstance(value, LList) else line
            item_raw = value.raw[index] if isinstance(value, LList) else None
            checked = self.item.check(item, item_raw, what=_("item {number} of {what}").format(
                                                               number=index + 1, what=what),
                                      line=at, sink=sink, parent=parent)
            if checked is not INVALID:
                out.append(checked)
                out.lines.append(at)
        return out


@dataclass(frozen=True)
class F:
    """A key of an object: its kind, whether it is required, and what it means."""

    kind: Kind
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Obj(Kind):
    """A mapping with declared keys. ``label`` keys name it in messages ('session "s1"')."""

    name: str = "object"
    fields: dict = field(default_factory=dict)
    label: tuple[str, ...] = ("id",)
    within: bool = False  # messages say 'choice "a" of question "q1"'
    exactly_one: tuple[str, ...] = ()
    doc: str = ""

    def describe(self):
        return _("a {name} (a mapping of keys)").format(name=self.shown_name)

    @property
    def shown_name(self) -> str:
        """The object's name in messages, in the interface language."""
        return pgettext(OBJECT_CONTEXT, self.name)

    def json(self):
        out = {"type": "object", "additionalProperties": False,
               "properties": {k: {**f.kind.json(), **({"description": _(f.doc)} if f.doc
                                                      else {})}
                              for k, f in self.fields.items()}}
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.exactly_one:
            out["oneOf"] = [{"required": [k]} for k in self.exactly_one]
        if self.doc:
            out["description"] = _(self.doc)
        return out

    def label_of(self, value, parent: str = "") -> str:
        for key in self.label:
            text = _scalar_text(value.get(key), value.raw.get(key) if isinstance(value, LDict)
                                else None) if isinstance(value, dict) else None
            if text:
                base = _('{name} "{text}"').format(name=self.shown_name, text=text)
                break
        else:
            base = self.shown_name
        if self.within and parent:
            return _("{base} of {parent}").format(base=base, parent=parent)
        return base

    def check(self, value, raw, *, what, line, sink, parent=""):
        if not isinstance(value, LDict):
            return self._wrong(value, raw, what, line, sink)
        label = self.label_of(value, parent)
        out = LDict(line=value.line)
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(str(key), list(self.fields), n=1, cutoff=0.6)
                hint = (_(' (did you mean "{key}"?)').format(key=close[0]) if close
                        else _(" (allowed keys: {keys})").format(keys=", ".join(self.fields)))
                sink.add(value.key_lines.get(key, value.line),
                         _('unknown key "{key}" in {label}{hint}').format(
                             key=key, label=label, hint=hint))
                continue
            spec = self.fields[key]
            if value[key] is None and not isinstance(spec.kind, List):
                if spec.required:  # an optional "logo:" left empty simply means none
                    sink.add(value.line_of(key), _('"{key}" of {label} is empty; give a '
                                                   'value').format(
                                                     key=key, label=label))
                continue
            checked = spec.kind.check(value[key], value.raw.get(key),
                                      what=_("\"{key}\" of {label}").format(key=key,
                                                                            label=label),
                                      line=value.line_of(key), sink=sink, parent=label)
            if checked is None or checked is INVALID:
                continue
            out[key] = checked
            out.key_lines[key] = value.key_lines.get(key, value.line)
            out.value_lines[key] = value.line_of(key)
        for key, spec in self.fields.items():
            if spec.required and key not in value:
                sink.add(value.line, _('missing required key "{key}" in {label}').format(
                                         key=key, label=label))
        if self.exactly_one:
            given = [k for k in self.exactly_one if k in value]
            names = ", ".join(_('"{text}"').format(text=k) for k in self.exactly_one)
            if not given:
                sink.add(value.line, _("{label} needs one of {names}").format(
                                         label=label, names=names))
            elif len(given) > 1:
                both = _("{first} and {second}").format(
                    first=", ".join(_('"{text}"').format(text=k) for k in given[:-1]),
                    second=_('"{text}"').format(text=given[-1]))
                sink.add(value.line, _("{label} has both {both}; give only one of {names}").format(
                                         label=label, both=both, names=names))
        return out
