"""Safe YAML reading that keeps line numbers and reports, rather than hides, odd input.

PyYAML's SafeLoader silently keeps the last of two duplicate keys, expands aliases (so a
"billion laughs" file eats all memory), reads ``14:00`` as the number 840 and ``no`` as False.
Here a document is composed node by node and turned into ``LDict``/``LList`` values that
remember the line of every key and item; anchors and aliases are refused before anything is
expanded; only ``true``/``false`` are booleans and times stay text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .i18n import N_, _

MAX_BYTES = 5_000_000  # a curriculum file is a few hundred kB at most
MAX_DEPTH = 50  # a module file nests about 6 levels; deeper is a mistake or an attack


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


@dataclass(frozen=True)
class YamlIssue:
    """Something wrong in the YAML text itself, at a 1-based line."""

    line: int
    message: str


class LDict(dict):
    """A mapping that remembers its own line, the line of each key and of each value."""

    line: int = 1

    def __init__(self, *args, line: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.key_lines: dict = {}
        self.value_lines: dict = {}
        self.raw: dict = {}  # key -> the scalar's text as written (for ids written as 1 or true)

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.value_lines.get(key, self.line))


class LList(list):
    """A list that remembers its own line and the line of each item."""

    def __init__(self, *args, line: int = 1):
        super().__init__(*args)
        self.line = line
        self.lines: list[int] = []
        self.raw: list = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2-like scalars: no sexagesimal numbers, booleans only true/false."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, Composer,
              yaml.constructor.SafeConstructor, _Resolver):
    """Composes nodes only; anchors and aliases are recorded as issues and never followed."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.issues: list[YamlIssue] = []
        self.depth = 0
        self._refused = False  # anchors and aliases: said once

    def _refuse(self, mark, what: str) -> None:
        if not self._refused:
            self._refused = True
            self.issues.append(YamlIssue(
                mark.line + 1,
                _("{what}: anchors and aliases (&name, *name) are not allowed in curriculum "
                  "files; write the value out in full").format(what=what)))

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.get_event()
            self._refuse(event.start_mark, f'alias "*{event.anchor}"')
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)) and event.anchor:
            self._refuse(event.start_mark, f'anchor "&{event.anchor}"')
            event.anchor = None  # never stored, so no alias can reach it
        nested = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if nested:
            self.depth += 1
            if self.depth > MAX_DEPTH:  # before Python's recursion limit is reached
                raise _TooDeep(event.start_mark.line + 1)
        try:
            return super().compose_node(parent, index)
        finally:
            if nested:
                self.depth -= 1


def _line(node) -> int:
    return node.start_mark.line + 1


def read_yaml(data: bytes) -> tuple[object, list[YamlIssue]]:
    """Parse one YAML document into LDict/LList/scalars, with every issue found on the way."""
    if len(data) > MAX_BYTES:
        return None, [YamlIssue(1, _("the file is larger than {size} MB; a curriculum file "
                                     "should be far smaller").format(
                                         size=MAX_BYTES // 1_000_000))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [YamlIssue(line, _("this line is not UTF-8 text; save the file as "
                                        "UTF-8"))]
    issues = [YamlIssue(n, _("tab character in the indentation; indent with spaces only"))
              for n, row in enumerate(text.splitlines(), 1)
              if "\t" in row[: len(row) - len(row.lstrip(" \t"))]]
    tab_lines = {i.line for i in issues}
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # control characters are refused before parsing
        issues.append(_reader_issue(text, exc))
        return None, sorted(issues, key=lambda i: i.line)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "end" in str(exc.problem) and "stream" in str(exc.problem) and exc.context_mark:
            mark = exc.context_mark  # where the unclosed quote or bracket was opened
        line = mark.line + 1 if mark else 1
        if line not in tab_lines:
            issues.append(YamlIssue(line, _explain(exc)))
        return None, sorted(issues, key=lambda i: i.line)
    except yaml.reader.ReaderError as exc:
        issues.append(_reader_issue(text, exc))
        return None, sorted(issues, key=lambda i: i.line)
    except _TooDeep as exc:
        issues.append(YamlIssue(exc.line, _("the values are nested more than {depth} levels "
                                            "deep here; a curriculum file needs far fewer. "
                                            "Check the indentation and the brackets").format(
                                                depth=MAX_DEPTH)))
        return None, sorted(issues, key=lambda i: i.line)
    except yaml.YAMLError as exc:
        issues.append(YamlIssue(1, _("not valid YAML ({reason})").format(reason=exc)))
        return None, issues
    finally:
        loader.dispose()
    issues.extend(loader.issues)
    value = _convert(node, loader, issues) if node is not None else None
    return value, sorted(issues, key=lambda i: i.line)


def _reader_issue(text: str, exc: yaml.reader.ReaderError) -> YamlIssue:
    line = text[: max(exc.position, 0)].count("\n") + 1
    return YamlIssue(line, _("this line holds a control character (#x{code:04x}) that YAML "
                             "does not allow; delete it, or save the file again as plain "
                             "UTF-8 text").format(code=exc.character))


# PyYAML's words -> what a trainer can act on
_HINTS = (
    ("mapping values are not allowed", N_("a text holds a colon (:), or this line is "
                                          "indented more than the one above; quote the text "
                                          "or fix the indentation")),
    ("expected <block end>", N_("this line is indented differently from the lines around "
                                "it")),
    ("expected ',' or ']'", N_("a [ ... ] list is not closed, or one of its items holds a "
                               "colon or a comma; put such items in quotes")),
    ("expected ',' or '}'", N_("a { ... } mapping is not closed, or a text in it holds a "
                               "colon or a comma; put such texts in quotes")),
    ("end of stream", N_("a quote or bracket opened here is never closed")),
    ("<stream end>", N_("a quote or bracket opened here is never closed")),
    ("could not find expected ':'", N_("a line has no colon after its key, or a quote is not "
                                       "closed")),
)


def _explain(exc: yaml.MarkedYAMLError) -> str:
    said = " ".join(part for part in (exc.context, exc.problem) if part) or _("cannot be read")
    hint = next((_(text) for key, text in _HINTS if key in said),
                _("check the indentation and the quotes on this line and the line above"))
    return _("not valid YAML here: {hint} (the YAML reader says: {said})").format(
        hint=hint, said=said)


def _convert(node, loader: _Loader, issues: list[YamlIssue]):
    if isinstance(node, ScalarNode):
        try:
            return loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            issues.append(YamlIssue(_line(node), _("cannot read this value ({reason})").format(
                reason=exc.problem)))
            return None
        except ValueError:  # e.g. 2024-02-30 looks like a date but is none
            return node.value
    if isinstance(node, SequenceNode):
        out = LList(line=_line(node))
        for item in node.value:
            out.append(_convert(item, loader, issues))
            out.lines.append(_line(item))
            out.raw.append(item.value if isinstance(item, ScalarNode) else None)
        return out
    if isinstance(node, MappingNode):
        mapping = LDict(line=_line(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                issues.append(YamlIssue(_line(key_node), _("a key must be a plain word")))
                continue
            key = key_node.value
            if key in mapping.key_lines:
                issues.append(YamlIssue(
                    _line(key_node),
                    _("duplicate key \"{key}\" (first given at line {line}); remove one of "
                      "them").format(key=key, line=mapping.key_lines[key])))
                continue
            mapping[key] = _convert(value_node, loader, issues)
            mapping.key_lines[key] = _line(key_node)
            mapping.value_lines[key] = _line(value_node)
            mapping.raw[key] = value_node.value if isinstance(value_node, ScalarNode) else None
        return mapping
    return None
