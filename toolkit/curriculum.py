"""Module and workshop YAML files -> model objects, and `workshop validate` with FILE:LINE.

How a file's kind is decided (validate_paths): a mapping with any of the keys ``programme``,
``dates``, ``days`` or ``frame`` is a workshop; one with ``objectives``, ``sessions`` or
``questions`` is a module; otherwise a file under a folder named ``workshops`` is a workshop
and any other file a module. Folders are searched recursively for *.yaml and *.yml files.

Languages: every Text of a workshop file must exist in each of the workshop's ``languages``.
Every Text of a module file must exist in each language used anywhere in that file, and in
each language of every workshop being validated (or loaded) that uses the module. Proper names
(organisation names, venue, city) may be a plain string; elsewhere a plain string in a
multilingual file is reported as untranslated. Missing translations are warnings: rendering
falls back along ``languages``, so they do not stop ``load_workshop``; nor does a session
longer than every stretch between breaks. Every other problem is an error.

Problems print as ``FILE:LINE: message`` (``FILE:LINE: warning: message``); LINE is 0 for a
path that is missing or a folder without YAML files. Anchors and aliases are refused (see
yamlsafe), so a "billion laughs" file costs nothing.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import curriculum_bank as bank
from . import curriculum_checks as checks
from .curriculum_build import build_days, build_module, workshop_from_data
from .curriculum_keys import KINDS, schema
from .errors import CurriculumError
from .i18n import _, catalog_text
from .keyspec import Sink
from .model import (
    ANY_LANGUAGE,
    FIXED_METHODS,
    FIXED_TITLES,
    Day,
    Module,
    ProgrammeItem,
    TestSpec,
    Workshop,
)
from .yamlsafe import LDict, read_yaml

PACKAGE_WORKSHOPS = Path(__file__).resolve().parent / "data" / "curricula" / "workshops"
DEFAULT_LANGUAGES = ("fr", "en")
WORKSHOP_KEYS = {"programme", "dates", "days", "frame"}
MODULE_KEYS = {"objectives", "sessions", "questions"}


@dataclass(frozen=True, order=True)
class CurriculumProblem:
    """One problem in a curriculum file; ``str()`` is ``FILE:LINE: message``."""

    file: str
    line: int
    message: str
    severity: str = "error"  # "error" stops load_workshop; "warning" does not

    def __str__(self) -> str:
        prefix = _("warning: ") if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass
class _File:
    path: Path
    shown: str
    kind: str
    data: LDict | None
    sink: Sink

    def problems(self, sink: Sink | None = None) -> list[CurriculumProblem]:
        return [CurriculumProblem(self.shown, line, message, severity)
                for line, message, severity in (sink or self.sink).problems]

    def content(self) -> LDict:
        """The checked data of a file that was read; its reading problems otherwise."""
        if self.data is None:
            listing = "\n".join(str(p) for p in self.problems()) or _("it holds no data")
            raise CurriculumError(_("{shown} cannot be read as a {kind} file:\n{listing}").format(
                                      shown=self.shown, kind=self.kind, listing=listing))
        return self.data


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


class _Reader:
    """Reads and checks each file once; validation and loading share the results."""

    def __init__(self) -> None:
        self.files: dict[Path, _File] = {}
        self.folders: dict[Path, tuple[dict[str, _File], list[_File]]] = {}

    def read(self, path: Path, kind: str | None = None) -> _File:
        path = path.resolve()
        if path in self.files:
            return self.files[path]
        sink = Sink()
        data = None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            sink.add(1, _("cannot read the file ({value})").format(value=exc.strerror or exc))
            raw = None
        if raw is not None:
            value, issues = read_yaml(raw)
            for issue in issues:
                sink.add(issue.line, issue.message)
            if isinstance(value, LDict):
                data = value
            elif value is not None or not issues:
                sink.add(1, _("the file must hold keys such as id: and title:, one per line (see "
                              "tests/data for examples)"))
        kind = kind or _classify(data, path)
        if data is not None:
            data = KINDS[kind].check(data, None, what=kind, line=data.line, sink=sink)
            if isinstance(data, LDict):
                (checks.check_module if kind == "module" else checks.check_workshop)(data, sink)
                if kind == "module":
                    bank.check_bank(data, sink)
            else:
                data = None
        self.files[path] = _File(path, _shown(path), kind, data, sink)
        return self.files[path]

    def modules_in(self, folder: Path) -> tuple[dict[str, _File], list[_File]]:
        """Module files of a folder by id, and the files that could not be read."""
        folder = folder.resolve()
        if folder not in self.folders:
            by_id: dict[str, _File] = {}
            broken: list[_File] = []
            for path in _yaml_files(folder) if folder.is_dir() else []:
                module = self.read(path, "module")
                if module.data is not None and "id" in module.data:
                    by_id.setdefault(module.data["id"], module)
                else:
                    broken.append(module)
            self.folders[folder] = (by_id, broken)
        return self.folders[folder]


def _classify(data, path: Path) -> str:
    keys = set(data) if isinstance(data, dict) else set()
    if keys & WORKSHOP_KEYS:
        return "workshop"
    if keys & MODULE_KEYS:
        return "module"
    return "workshop" if "workshops" in path.parent.parts[-1:] else "module"


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.suffix in (".yaml", ".yml") and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


# ---------------------------------------------------------------- workshops and their modules


@dataclass
class _Resolved:
    modules: list[_File]  # used modules, in programme order
    days: tuple[Day, ...]
    programme: tuple[ProgrammeItem, ...]
    tests: TestSpec
    problems: list[CurriculumProblem]


def _resolve(reader: _Reader, wf: _File) -> _Resolved:
    """Connect a workshop to its modules: references, default tests, whether it fits."""
    data, sink = wf.content(), Sink()
    used, programme, timed, taught = _programme(reader, wf, sink)
    for key in ("organisers", "partners", "funders"):
        for org in data.get(key, []):
            _check_image(wf.path.parent, org, "logo", sink)
    for signatory in data.get("certificates", {}).get("signatories", []):
        _check_image(wf.path.parent, signatory, "signature", sink)
    days = build_days(data)
    checks.check_fit(days, timed, data.line_of("programme"), sink)
    tests = _tests(data.get("tests", LDict()), used, taught, sink)
    _check_blind(wf, used, tests, sink)
    return _Resolved(used, days, programme, tests, wf.problems(sink))


def _check_blind(wf: _File, used: list[_File], tests: TestSpec, sink: Sink) -> None:
    """Warn when a test, as its forms show it, can be passed without reading it."""
    from .stages import shuffle_test

    questions = {q.id: q for m in used for q in bank.questions_of(m.content())}
    data = wf.content()
    line = data.line_of("tests") if "tests" in data else data.line_of("programme")
    done: dict[tuple, None] = {}
    for stage in ("pre", "post"):
        ids = tests.pre if stage == "pre" else (tests.post or tests.pre)
        test = [questions[i] for i in ids if i in questions]
        if tests.shuffle is not None:
            test = list(shuffle_test(test, tests.shuffle, stage))
        signature = tuple((q.id, tuple(c.id for c in q.choices)) for q in test)
        if signature in done:
            continue  # the post-test shows the pre-test as it is: one warning is enough
        done[signature] = None
        bank.check_test(test, stage, _languages(wf.data), line, sink)


def _programme(reader: _Reader, wf: _File, sink: Sink):
    """Programme items with their modules found: (modules used, items, timed pieces, objectives).

    Timed pieces are (line, label, minutes, day pin, time pin) for check_fit.
    """
    data = wf.content()
    folder = wf.path.parent / data.get("modules_path", "../modules")
    by_id, broken = reader.modules_in(folder)
    missing = not folder.is_dir()
    if missing:  # one message, not one "unknown module" per programme line
        sink.unresolved = True
        sink.add(data.line_of("modules_path") if "modules_path" in data else 1,
                 _("the modules folder \"{shown}\" does not exist; modules_path (default "
                   "\"../modules\") is relative to the workshop file: check it").format(
                     shown=_shown(folder.resolve())))
    session_of = {s["id"]: (m, s) for m in by_id.values()
                  for s in m.content().get("sessions", []) if "id" in s}
    used: dict[str, _File] = {}
    taught: dict[str, None] = {}  # objectives, in order
    programme, timed = [], []
    for item in data.get("programme", []):
        day, time = item.get("day"), item.get("time")
        if "fixed" in item:
            kind = item["fixed"]
            minutes = item.get("minutes", 0)
            # only a field visit runs through breaks
            timed.append((item.line, _('fixed item "{kind}"').format(kind=kind), minutes, day,
                          time, kind == "field-visit"))
            programme.append(ProgrammeItem(
                kind=kind, title=item.get("title", catalog_text(FIXED_TITLES[kind])),
                minutes=minutes, day=day, time=time, facilitator=item.get("facilitator", ""),
                method=item.get("method", FIXED_METHODS.get(kind, "")), line=item.line))
            continue
        key = "module" if "module" in item else "session" if "session" in item else None
        if key is None:
            continue  # neither module, session nor a valid fixed kind: already reported
        ref = item[key]
        found = by_id.get(ref) if key == "module" else session_of.get(ref, (None, None))[0]
        if found is None and missing:
            continue
        if found is None:
            hint = checks.suggest(ref, by_id if key == "module" else session_of)
            if broken:
                hint += (_("; {count} file(s) there cannot be read: ").format(count=len(broken))
                         + ", ".join(b.shown for b in broken))
            sink.unresolved = True
            sink.add(item.line_of(key), _("unknown {key} \"{ref}\": no {key} with this id in "
                                          "{shown}{hint}").format(
                                            key=key, ref=ref, shown=_shown(folder.resolve()),
                                            hint=hint))
            continue
        module = found.content()
        used.setdefault(module["id"], found)
        sessions = module.get("sessions", []) if key == "module" else [session_of[ref][1]]
        for index, session in enumerate(sessions):
            pins = (day, time) if index == 0 else (None, None)  # a pin applies to the start
            timed.append((item.line, _("session \"{session}\" of module \"{module}\"").format(
                                         session=session.get("id"), module=module["id"]),
                          session.get("minutes", 0), *pins, False))
            taught.update(dict.fromkeys(
                session.get("objectives", []) if key == "session" else
                [o["id"] for o in module.get("objectives", []) if "id" in o]))
        programme.append(ProgrammeItem(kind=key, ref=ref, day=day, time=time,
                                       facilitator=item.get("facilitator", ""), line=item.line))
    return list(used.values()), tuple(programme), timed, taught


def _tests(tests: LDict, used: list[_File], taught: dict, sink: Sink) -> TestSpec:
    """The pre/post question ids: as listed (each checked), else one per objective taught."""
    questions = {q["id"]: q for m in used for q in m.content().get("questions", [])
                 if "id" in q}
    default = tuple(_first_questions(used, taught))
    # with an unknown module every listed id would look unknown too: say it once
    unresolved = sink.unresolved
    chosen: dict[str, tuple[str, ...]] = {}
    for stage in ("pre", "post"):
        ids = tests.get(stage)
        if ids is None or unresolved:
            chosen[stage] = chosen.get("pre", default) if stage == "post" else default
            continue
        seen: set[str] = set()
        for index, qid in enumerate(ids):
            where = ids.line_of(index)
            if qid not in questions:
                sink.add(where, _("tests.{stage} lists \"{qid}\", which is not a question of the "
                                  "programme's modules{suggest}").format(
                                    stage=stage, qid=qid, suggest=checks.suggest(qid, questions)))
            elif qid in seen:
                sink.add(where, _('tests.{stage} lists "{qid}" twice').format(
                                    stage=stage, qid=qid))
            seen.add(qid)
        chosen[stage] = tuple(ids)
    return TestSpec(pre=chosen["pre"], post=chosen["post"],
                    pass_mark=tests.get("pass_mark", TestSpec.pass_mark),
                    shuffle=tests.get("shuffle"))


def _check_image(base: Path, owner: LDict, key: str, sink: Sink) -> None:
    path = owner.get(key, "")
    if path and not (base / path).is_file():
        sink.add(owner.line_of(key), _("the {key} image \"{path}\" is not found (paths are "
                                       "relative to the workshop file); it will be left "
                                       "out").format(
                                         key=key, path=path),
                 "warning")
    elif path:
        from .images import image_problem

        problem = image_problem(base / path)
        if problem:
            sink.add(owner.line_of(key), _("the {key} image \"{path}\" {problem}").format(
                                             key=key, path=path, problem=problem))


def _first_questions(modules: list[_File], objectives: dict) -> Iterator[str]:
    """The first question of each objective taught, in module and objective order."""
    for module in modules:
        data = module.content()
        for objective in data.get("objectives", []):
            if objective.get("id") not in objectives:
                continue
            for question in data.get("questions", []):
                if question.get("objective") == objective["id"] and "id" in question:
                    yield question["id"]
                    break


# ---------------------------------------------------------------- checks over many files


def _duplicate_ids(modules: list[_File]) -> list[CurriculumProblem]:
    problems: list[CurriculumProblem] = []
    seen_modules: dict[str, tuple[str, int]] = {}  # id -> (file, line)
    seen_items: dict[str, tuple[str, int, str]] = {}  # id -> (file, line, kind)
    for module in sorted(modules, key=lambda m: m.shown):
        data = module.content()
        if "id" in data:
            where = (module.shown, data.line_of("id"))
            first = seen_modules.setdefault(data["id"], where)
            if first != where:
                problems.append(CurriculumProblem(
                    module.shown, where[1], _("duplicate module id \"{id}\": already the "
                                              "id of the module in {file}:{line}").format(
                                                id=data["id"], file=first[0], line=first[1])))
        for kind in ("objectives", "sessions", "questions"):
            for item in data.get(kind, []):
                if "id" not in item:
                    continue
                spot = (module.shown, item.line, kind[:-1])
                earlier = seen_items.setdefault(item["id"], spot)
                if earlier != spot:
                    problems.append(CurriculumProblem(
                        module.shown, item.line,
                        _("duplicate id \"{id}\": already the id of the {kind} at "
                          "{file}:{line}; ids must be unique across all modules").format(
                            id=item["id"], kind=earlier[2], file=earlier[0], line=earlier[1])))
    return problems


def _languages(data: dict | None) -> tuple[str, ...]:
    return tuple(data.get("languages") or DEFAULT_LANGUAGES) if data else DEFAULT_LANGUAGES


def _collect(reader: _Reader, files: list[_File]) -> tuple[list[CurriculumProblem], dict]:
    """Every problem of these files and of the modules their workshops use."""
    problems: list[CurriculumProblem] = []
    modules = {f.path: f for f in files if f.kind == "module"}
    wanted: dict[Path, dict[str, None]] = {}  # module -> languages its workshops need
    resolved = {}
    workshop_ids: dict[str, str] = {}
    for wf in files:
        if wf.kind != "workshop" or wf.data is None:
            continue
        resolved[wf.path] = result = _resolve(reader, wf)
        problems += result.problems
        for mf in result.modules:
            modules.setdefault(mf.path, mf)
            wanted.setdefault(mf.path, {}).update(dict.fromkeys(_languages(wf.data)))
        wid = wf.data.get("id")
        if wid in workshop_ids:
            problems.append(CurriculumProblem(wf.shown, wf.data.line_of("id"),
                                              _("duplicate workshop id \"{wid}\": already the "
                                                "id of {file}").format(
                                                  wid=wid, file=workshop_ids[wid])))
        elif wid:
            workshop_ids[wid] = wf.shown
    problems += _duplicate_ids([m for m in modules.values() if m.data is not None])
    for f in {**{f.path: f for f in files}, **modules}.values():
        problems += f.problems()
        sink = Sink()
        if f.kind == "workshop" and f.data is not None:
            checks.check_languages(f.sink.texts, _languages(f.data), "this workshop's "
                                   "languages: " + ", ".join(_languages(f.data)), sink)
        elif f.data is not None:
            own = dict.fromkeys(sorted({lang for _, _, text, _ in f.sink.texts
                                        for lang in text.languages} - {ANY_LANGUAGE}))
            need = {**wanted.get(f.path, {}), **own}
            why = (_("the languages of its workshops and of this file") if f.path in wanted
                   else _("the other texts of this file have it"))
            checks.check_languages(f.sink.texts, tuple(need), why, sink)
        problems += f.problems(sink)
    return sorted(set(problems)), resolved


# ---------------------------------------------------------------- public API


def validate_paths(paths: list[str]) -> list[CurriculumProblem]:
    """Check module and workshop files (or folders of them); every problem, sorted."""
    reader = _Reader()
    files: list[_File] = []
    problems: list[CurriculumProblem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            in_folder = _yaml_files(path)
            if not in_folder:
                problems.append(CurriculumProblem(given, 0, _("no .yaml files in this folder")))
            files += [reader.read(p) for p in in_folder]
        elif path.exists():
            files.append(reader.read(path))
        else:
            problems.append(CurriculumProblem(given, 0,
                                              _("no such file or folder; check the path")))
    unique = list({f.path: f for f in files}.values())
    found, resolved = _collect(reader, unique)
    return sorted(set(problems + found + _schedule_problems(unique, found, resolved)))


def _schedule_problems(files: list[_File], found: list[CurriculumProblem],
                       resolved: dict) -> list[CurriculumProblem]:
    """What the scheduler reports on each workshop that loads: items that cannot be placed
    (errors: the agenda would leave them out), pins it cannot keep and free time (warnings)."""
    from .schedule import build_schedule

    out: list[CurriculumProblem] = []
    broken = {p.file for p in found if p.severity == "error"}
    for wf in files:
        if wf.kind != "workshop" or wf.data is None or wf.path not in resolved:
            continue
        done = resolved[wf.path]
        if wf.shown in broken or any(m.shown in broken for m in done.modules) or not done.days:
            continue  # fix those first: the timetable would be guesswork
        try:
            ws = workshop_from_data(wf.data, wf.path, languages=_languages(wf.data), days=done.days,
                                programme=done.programme, tests=done.tests,
                                modules=tuple(build_module(m.content(), m.path)
                                              for m in done.modules))
        except (CurriculumError, ValueError, TypeError, KeyError):
            continue
        schedule = build_schedule(ws)
        for problem in schedule.problems:
            severity = "error" if problem.code in ("does-not-fit", "no-minutes") else "warning"
            if problem.code in ("unknown-module", "unknown-session"):
                continue  # the resolver reports those already
            out.append(CurriculumProblem(wf.shown, problem.line, problem.message, severity))
        out += [CurriculumProblem(wf.shown, g.line, g.message, "warning") for g in schedule.gaps]
        out += _roster_code_problems(wf, ws)
    return out


def _roster_code_problems(wf: _File, ws: Workshop) -> list[CurriculumProblem]:
    """Roster codes that the test form's participant-code pattern would reject."""
    from .errors import ToolkitError
    from .participant_codes import mismatched, workshop_code_rule

    try:
        rule, codes, roster = workshop_code_rule(ws)
    except ToolkitError as exc:  # an unreadable roster: say so, do not stop validating
        return [CurriculumProblem(wf.shown, _files_line(wf),
                                  _("the roster cannot be read: {reason}").format(reason=exc),
                                  "warning")]
    bad = mismatched(codes, rule.pattern)
    if not bad:
        return []
    return [CurriculumProblem(
        wf.shown, _files_line(wf), _("{count} participant code(s) of {name} do not match the "
                                     "test form's pattern {pattern}: {codes}; those "
                                     "participants could not submit the form. Write the codes "
                                     "alike (e.g. {example})").format(
                                       count=len(bad), name=Path(roster).name,
                                       pattern=rule.pattern, codes=", ".join(bad[:10]),
                                       example=rule.example))]


def _files_line(wf: _File) -> int:
    data = wf.content()
    files = data.get("files")
    return files.line_of("participants") if isinstance(files, LDict) else data.line


def json_schema(kind: str = "both") -> dict:
    """The JSON Schema (draft 2020-12) of module and/or workshop files."""
    return schema(kind)


def _raise_if_fatal(shown: str, problems: list[CurriculumProblem]) -> None:
    fatal = [p for p in problems if p.severity == "error"]
    if fatal:
        listing = "\n".join(str(p) for p in fatal)
        raise CurriculumError(
            _("{shown} cannot be used until these {count} problem(s) are fixed (check again with "
              "`workshop validate {shown}`):\n{listing}").format(
                shown=shown, count=len(fatal), listing=listing))


def _refuse_other_kind(reader: _Reader, path: Path, kind: str) -> None:
    found = reader.read(path)
    if found.data is not None and found.kind != kind:
        raise CurriculumError(_("{shown} is a {kind} file, not a {kind2} file; give the path (or "
                                "id) of a {kind2} file.").format(
                                  shown=found.shown, kind=found.kind, kind2=kind))
    reader.files.pop(found.path)


def load_module(path: str | os.PathLike) -> Module:
    """Read one module file into a Module; CurriculumError lists every fatal problem."""
    reader = _Reader()
    target = Path(path)
    if not target.is_file():
        raise CurriculumError(_("{path}: no such module file; check the path.").format(
                                  path=path))
    _refuse_other_kind(reader, target, "module")
    module = reader.read(target, "module")
    _raise_if_fatal(module.shown, _collect(reader, [module])[0])
    return build_module(module.content(), module.path)


def find_workshop(path_or_id: str | os.PathLike) -> Path:
    """The file of a workshop given by path, or by id (curricula/workshops/, then bundled)."""
    text = str(path_or_id)
    path = Path(text)
    if path.is_file():
        return path
    if path.suffix in (".yaml", ".yml") or "/" in text or os.sep in text:
        raise CurriculumError(_("{text}: no such workshop file; check the path.").format(
                                  text=text))
    for folder in (Path("curricula") / "workshops", PACKAGE_WORKSHOPS):
        for suffix in (".yaml", ".yml"):
            if (folder / f"{text}{suffix}").is_file():
                return folder / f"{text}{suffix}"
    known = sorted({p.stem for folder in (Path("curricula") / "workshops", PACKAGE_WORKSHOPS)
                    if folder.is_dir() for p in _yaml_files(folder)})
    raise CurriculumError(
        _("no workshop \"{text}\": looked for curricula/workshops/{text}.yaml and in the bundled "
          "examples. Known workshops: {value}. Give the path to the workshop file instead.").format(
            text=text, value=', '.join(known) or 'none'))


def load_workshop(path_or_id: str | os.PathLike) -> Workshop:
    """Read a workshop (path or id) with its modules; CurriculumError lists fatal problems."""
    reader = _Reader()
    path = find_workshop(path_or_id)
    _refuse_other_kind(reader, path, "workshop")
    wf = reader.read(path, "workshop")
    problems, resolved = _collect(reader, [wf])
    _raise_if_fatal(wf.shown, problems)
    done = resolved[wf.path]
    return workshop_from_data(wf.content(), wf.path, languages=_languages(wf.data),
                              days=done.days, programme=done.programme, tests=done.tests,
                              modules=tuple(build_module(m.content(), m.path)
                                            for m in done.modules))
