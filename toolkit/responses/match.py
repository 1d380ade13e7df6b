"""Put a pre-test, a post-test and a roster on common participant ids."""
from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from ..errors import MatchError, Problem
from ..headers import MATCH_NAMES
from ..i18n import N_, _, ngettext
from ..model import Participant
from .identity import identity_key, normalise_email, normalise_id
from .table import Duplicate, FuzzyMatch, ImportResult, Linked
from .text import name_key

KINDS = ("id", "email", "name")
KIND_NAMES = MATCH_NAMES
FUZZY_MIN = 0.9
FUZZY_MARGIN = 0.05


def _kinds(result: ImportResult) -> list[str]:
    if result.identity_columns:
        return [k for k in KINDS if k in result.identity_columns]
    return [result.match_by]


def _common_kind(results: list[ImportResult], match: str, roster_kinds: list[str] | None) -> str:
    if match != "auto":
        lacking = [r.file for r in results if match not in _kinds(r)]
        if roster_kinds is not None and match not in roster_kinds:
            lacking.append(_("the participant list"))
        if lacking:
            raise MatchError(ngettext("cannot match by {match}: {files} has no {match} "
                                      "column. ", "cannot match by {match}: {files} have no "
                                      "{match} column. ", len(lacking)).format(
                                 match=match, files=_(" and ").join(lacking))
                             + _advice(results))
        return match
    chosen = {r.match_by for r in results}
    if len(chosen) == 1 and (roster_kinds is None or next(iter(chosen)) in roster_kinds):
        # the importer already fell back from an empty id column to e-mail or name: keep it,
        # or every row would be rejected for "no id"
        return chosen.pop()
    for kind in KINDS:
        if all(kind in _kinds(r) for r in results) and \
                (roster_kinds is None or kind in roster_kinds):
            return kind
    shared = [k for k in KINDS if all(k in _kinds(r) for r in results)]
    if shared and roster_kinds is not None:
        raise MatchError(_("the files can only be matched by {value}, which the participant "
                           "list lacks: add a {value} column to the list, or add the "
                           "participant code to the test files. ").format(value=shared[0])
                         + _advice(results))
    raise MatchError(_("the files have no common way to identify participants. ")
                     + _advice(results))


def _advice(results: list[ImportResult]) -> str:
    parts = []
    for r in results:
        cols = ", ".join(_('{kind} in "{header}"').format(kind=k, header=h)
                         for k, h in r.identity_columns.items()) or \
            _("no id, e-mail or name column")
        parts.append(_("{file} has {columns}").format(file=r.file, columns=cols))
    return (_("; ").join(parts) + _(". Name the participant-code column of each file with "
            "--id-column, choose what to match on with --match id|email|name, or give the "
            "participant list with --participants."))


def _rekey(result: ImportResult, kind: str) -> tuple[ImportResult, dict[str, str]]:
    """Re-index a result on another identity kind; rows left without a key are rejected."""
    if result.match_by == kind:
        ids = result.answers.index.tolist()
        return result, dict(zip(ids, ids))
    mapping: dict[str, str] = {}
    rejected = list(result.rejected)
    owner: dict[str, str] = {}
    duplicates = list(result.duplicates)
    for old in result.answers.index:
        new = identity_key(result.identities[old], kind)
        if not new:
            rejected.append(Problem(result.file, result.rows[old], None, "missing-identity",
                                    _("no {kind}: the row cannot be linked to the other "
                                      "file.").format(kind=_(KIND_NAMES.get(kind, kind)))))
            continue
        if new in owner:
            prev = owner[new]
            keep, drop = (old, prev) if result.rows[old] > result.rows[prev] else (prev, old)
            duplicates.append(Duplicate(result.file, result.rows[drop], new, result.rows[keep]))
            mapping.pop(drop, None)
            owner[new] = keep
            mapping[keep] = new
            continue
        owner[new] = old
        mapping[old] = new
    changed = _reindex(result, mapping)
    return dataclasses.replace(changed, match_by=kind, rejected=tuple(rejected),
                               duplicates=tuple(duplicates),
                               id_column=result.identity_columns.get(kind)), \
        {new: new for new in mapping.values()}


def _reindex(result: ImportResult, mapping: dict[str, str]) -> ImportResult:
    """Keep the rows whose old key is in ``mapping`` and index them on the new keys."""
    old_keys = [k for k in result.answers.index if k in mapping]
    if len(old_keys) == len(result.answers) and all(mapping[k] == k for k in old_keys):
        return result  # already on these ids (the usual case: matched by code, no roster)
    answers = result.answers.loc[old_keys].copy()
    answers.index = [mapping[k] for k in old_keys]
    answers.index.name = "participant"
    return dataclasses.replace(
        result, answers=answers, factorized=None,  # codes were for the old rows: let go
        rows={mapping[k]: result.rows[k] for k in old_keys},
        identities={mapping[k]: result.identities[k] for k in old_keys})


def _roster_index(roster: tuple[Participant, ...], kind: str) -> dict[str, str]:
    """Key of one kind -> roster id; a key two people share (a common name) links nobody."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for p in roster:
        if kind == "id":
            key = normalise_id(p.id)
        elif kind == "email":
            key = normalise_email(p.email)
        else:
            key = name_key(p.full_name)
        if key in index and index[key] != p.id:
            shared.add(key)
        elif key:
            index[key] = p.id
    for key in shared:
        del index[key]
    return index


def _fuzzy(key: str, names: dict[str, str]) -> tuple[str, float] | None:
    scores = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), pid)
                     for k, pid in names.items()), reverse=True)
    if not scores or scores[0][0] < FUZZY_MIN:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < FUZZY_MARGIN:
        return None
    return scores[0][1], scores[0][0]


def link_results(pre: ImportResult | None, post: ImportResult | None, *,
                 roster: tuple[Participant, ...] | None = None, match: str = "auto") -> Linked:
    """Match pre, post (and roster) rows on participant ids; e-mails never become ids.

    With ``match="auto"`` each person is linked on their own: by id, else e-mail, else name
    (approximately only when unique and very close, always reported), to any key of a roster
    person, and to the same person in the other test. ``match="id"|"email"|"name"`` links
    every row on that one kind.
    """
    results = [r for r in (pre, post) if r is not None]
    participants = {p.id: p for p in roster} if roster else {}
    if not results:
        return Linked(None, None, participants=participants)
    roster_kinds = None
    if roster is not None:
        roster_kinds = ["id", "name"] + (["email"] if any(p.email for p in roster) else [])
    if match == "auto":
        _check_linkable(results, roster_kinds)
        if roster is None and all(r.match_by == "id" and not r.keyed_by_other
                                  for r in results) and \
                len({frozenset(r.answers.index) for r in results}) == 1:
            # the usual export pair: the same codes on both sides, nothing to map
            return _linked(pre, post, list(results), participants, [], [], [], roster)
        return _link_each_person(pre, post, results, roster, participants)
    kind = _common_kind(results, match, roster_kinds)
    rekeyed = [_rekey(r, kind)[0] for r in results]
    fuzzy: list[FuzzyMatch] = []
    not_in_roster: list[Problem] = []
    pseudonyms: dict[str, str] = {}

    def pseudonym(key: str) -> str:
        if key not in pseudonyms:
            pseudonyms[key] = f"P{len(pseudonyms) + 1:03d}"
        return pseudonyms[key]

    index = _roster_index(roster, kind) if roster else {}
    names = _roster_index(roster, "name") if roster and kind == "name" else {}
    linked: list[ImportResult] = []
    for r in rekeyed:
        if not roster and kind == "id":
            linked.append(r)  # every key is its own id: nothing to map, merge or re-index
            continue
        mapping: dict[str, str] = {}
        for key in r.answers.index:
            if roster:
                pid = index.get(key)
                if pid is None and kind == "name":
                    hit = _fuzzy(key, names)
                    if hit is not None:
                        pid = hit[0]
                        fuzzy.append(FuzzyMatch(r.file, r.rows[key], r.identities[key]["name"],
                                                pid, round(hit[1], 3)))
                if pid is None:
                    own = key if kind == "id" else pseudonym(key)
                    not_in_roster.append(_not_in_roster(r, key, own))
                    pid = own
            else:
                pid = key if kind == "id" else pseudonym(key)
            mapping[key] = pid
        linked.append(_dedupe_mapped(r, mapping))
    return _linked(pre, post, linked, participants, fuzzy, not_in_roster, [], roster)


def _check_linkable(results: list[ImportResult], roster_kinds: list[str] | None) -> None:
    """Refuse files that share no kind of identity with the roster (or with each other)."""
    if roster_kinds is not None:
        for r in results:
            kinds = _kinds(r)
            if not set(kinds) & set(roster_kinds):
                raise MatchError(
                    _("the files can only be matched by {value}, which the participant list "
                      "lacks: add a {value} column to the list, or add the participant code "
                      "to the test files. ").format(value=kinds[0]) + _advice(results))
    elif len(results) == 2 and not set(_kinds(results[0])) & set(_kinds(results[1])):
        raise MatchError(_("the files have no common way to identify participants. ")
                         + _advice(results))


_WHAT = {"id": N_("code"), "email": N_("e-mail"), "name": N_("name")}


def _link_each_person(pre: ImportResult | None, post: ImportResult | None,
                      results: list[ImportResult], roster: tuple[Participant, ...] | None,
                      participants: dict[str, Participant]) -> Linked:
    """Link every row on its own: to the roster by id, e-mail, then name; else to the same
    person in the other test by any key they share; else under their code or a pseudonym."""
    index = {kind: _roster_index(roster, kind) for kind in KINDS} if roster else {}
    taken = set(participants) | {normalise_id(k) for r in results for k in r.answers.index
                                 if r.match_by == "id"}
    count = 0

    def pseudonym() -> str:
        nonlocal count
        while True:
            count += 1
            candidate = f"P{count:03d}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    seen: dict[tuple[str, str], tuple[str, int]] = {}  # (kind, key) -> (pid, file position)
    fuzzy: list[FuzzyMatch] = []
    not_in_roster: list[Problem] = []
    notes: list[str] = []
    linked: list[ImportResult] = []
    for position, r in enumerate(results):
        mapping: dict[str, str] = {}
        claimed: set[str] = set()  # ids given to rows of this file from the other file
        by: dict[str, int] = {}
        for key in r.answers.index:
            ident = r.identities[key]
            keys = {kind: identity_key(ident, kind) for kind in KINDS}
            pid = how = None
            for kind in KINDS if roster else ():
                if keys[kind] and keys[kind] in index[kind]:
                    pid, how = index[kind][keys[kind]], kind
                    break
            if pid is None and roster and keys["name"]:
                hit = _fuzzy(keys["name"], index["name"])
                if hit is not None:
                    pid, how = hit[0], "name"
                    fuzzy.append(FuzzyMatch(r.file, r.rows[key], ident["name"], pid,
                                            round(hit[1], 3)))
            if pid is None:  # not in the roster: the same person in the other test?
                for kind in KINDS:
                    other = seen.get((kind, keys[kind])) if keys[kind] else None
                    if other and other[1] != position and other[0] not in claimed:
                        pid, how = other[0], kind
                        claimed.add(pid)
                        break
                if pid is None:  # linked to nobody (yet): under their code, or a pseudonym
                    pid = keys["id"] if keys["id"] and keys["id"] not in participants \
                        else pseudonym()
                if roster and pid not in participants:
                    not_in_roster.append(_not_in_roster(r, key, pid))
            for kind in KINDS:
                if keys[kind]:
                    seen.setdefault((kind, keys[kind]), (pid, position))
            if how is not None and keys["id"] and how != "id" and keys["id"] != pid:
                notes.append(_("{file}, row {row}: the code \"{code}\" is not {where}; the "
                               "row was linked to {pid} by its {what}. Correct the code if that "
                               "is wrong.").format(
                                 file=r.file, row=r.rows[key], code=ident["id"],
                                 where=_("in the participant list") if roster
                                 else _("in the other test"), pid=pid, what=_(_WHAT[how])))
            if how is not None:
                by[how] = by.get(how, 0) + 1
            mapping[key] = pid
        linked.append(_dedupe_mapped(r, mapping))
        linked[-1] = dataclasses.replace(linked[-1], linked_by=by)
    return _linked(pre, post, linked, participants, fuzzy, not_in_roster, notes, roster)


def _not_in_roster(r: ImportResult, key: str, pid: str) -> Problem:
    """A test row the roster lacks, named by what it holds (never its e-mail)."""
    ident = r.identities.get(key, {})
    name, code = ident.get("name", "").strip(), ident.get("id", "").strip()
    # written into notes.txt and scores.xlsx: in the interface language
    if name and code:
        who = _('"{name}" (code "{code}")').format(name=name, code=code)
        fix = _("the name or the code")
    elif name:
        who, fix = f'"{name}"', _("the name")
    elif code:
        who, fix = _('the code "{code}"').format(code=code), _("the code")
    else:
        who, fix = _("the e-mail address of this row (not shown here)"), _("the e-mail address")
    row = r.rows.get(key)
    own = _("their code {pid}").format(pid=pid) if code and pid == normalise_id(code) else \
        _("no code (shown as {file} row {row})").format(file=Path(r.file).name, row=row)
    return Problem(r.file, row, r.id_column, "not-in-roster",
                   _("{who} is not in the participant list; scored under {own}. Add them to "
                     "the participant list, or correct {fix} in this row (or in the list) if "
                     "they are on it.").format(who=who, own=own, fix=fix))


def _linked(pre: ImportResult | None, post: ImportResult | None, linked: list[ImportResult],
            participants: dict[str, Participant], fuzzy: list[FuzzyMatch],
            not_in_roster: list[Problem], notes: list[str],
            roster: tuple[Participant, ...] | None) -> Linked:
    new_pre = linked[0] if pre is not None else None
    new_post = linked[-1] if post is not None else None
    pre_ids = new_pre.answers.index.tolist() if new_pre is not None else []
    post_ids = new_post.answers.index.tolist() if new_post is not None else []
    pre_set, post_set = set(pre_ids), set(post_ids)
    pre_only = tuple(p for p in pre_ids if p not in post_set) if new_post else ()
    post_only = tuple(p for p in post_ids if p not in pre_set) if new_pre else ()
    neither: tuple[str, ...] = ()
    if roster:
        neither = tuple(p.id for p in roster if p.id not in pre_set and p.id not in post_set)
        if neither:
            tests = _("neither test") if new_pre is not None and new_post is not None else \
                _("the pre-test") if new_pre is not None else _("the post-test")
            notes.append(_("{count} of the {total} people of the participant list took "
                           "{tests}: {ids}. If some did, check their code, e-mail and name "
                           "in the test files and in the list.").format(
                             count=len(neither), total=len(roster), tests=tests,
                             ids=", ".join(neither)))
    return Linked(new_pre, new_post, participants=participants, pre_only=pre_only,
                  post_only=post_only, fuzzy_matches=tuple(fuzzy),
                  not_in_roster=tuple(not_in_roster), neither=neither, notes=tuple(notes))


def _dedupe_mapped(result: ImportResult, mapping: dict[str, str]) -> ImportResult:
    """Apply a key -> id mapping; two keys landing on one id keep the later row."""
    owner: dict[str, str] = {}
    duplicates = list(result.duplicates)
    for key, pid in mapping.items():
        if pid in owner:
            prev = owner[pid]
            keep, drop = (key, prev) if result.rows[key] > result.rows[prev] else (prev, key)
            duplicates.append(Duplicate(result.file, result.rows[drop], pid, result.rows[keep]))
            owner[pid] = keep
        else:
            owner[pid] = key
    kept = {key: pid for pid, key in owner.items()}
    out = _reindex(result, kept)
    return dataclasses.replace(out, duplicates=tuple(duplicates)) \
        if len(duplicates) != len(result.duplicates) else out
