"""Put a pre-test, a post-test and a roster on common participant ids."""
from __future__ import annotations

import dataclasses
import difflib

from ..errors import MatchError, Problem
from ..model import Participant
from .identity import identity_key, normalise_email, normalise_id
from .table import Duplicate, FuzzyMatch, ImportResult, Linked
from .text import name_key

KINDS = ("id", "email", "name")
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
            lacking.append("the participant list")
        if lacking:
            raise MatchError(f"cannot match by {match}: {' and '.join(lacking)} "
                             f"{'has' if len(lacking) == 1 else 'have'} no {match} column. "
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
        raise MatchError(f"the files can only be matched by {shared[0]}, which the participant "
                         f"list lacks: add a {shared[0]} column to the list, or add the "
                         "participant code to the test files. " + _advice(results))
    raise MatchError("the files have no common way to identify participants. "
                     + _advice(results))


def _advice(results: list[ImportResult]) -> str:
    parts = []
    for r in results:
        cols = ", ".join(f'{k} in "{h}"' for k, h in r.identity_columns.items()) or \
            "no id, e-mail or name column"
        parts.append(f"{r.file} has {cols}")
    return ("; ".join(parts) + ". Name the participant-code column of each file with "
            "--id-column, choose what to match on with --match id|email|name, or give the "
            "participant list with --participants.")


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
                                    f"no {kind}: the row cannot be linked to the other file."))
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
    index: dict[str, str] = {}
    for p in roster:
        if kind == "id":
            key = normalise_id(p.id)
        elif kind == "email":
            key = normalise_email(p.email)
        else:
            key = name_key(p.full_name)
        if key:
            index.setdefault(key, p.id)
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
    """Match pre, post (and roster) rows on participant ids; e-mails never become ids."""
    results = [r for r in (pre, post) if r is not None]
    participants = {p.id: p for p in roster} if roster else {}
    if not results:
        return Linked(None, None, participants=participants)
    roster_kinds = None
    if roster is not None:
        roster_kinds = ["id", "name"] + (["email"] if any(p.email for p in roster) else [])
    kind = _common_kind(results, match, roster_kinds)
    rekeyed = [_rekey(r, kind)[0] for r in results]
    if match == "auto" and pre is not None and post is not None:
        kind, rekeyed = _kind_that_links(results, kind, rekeyed, roster_kinds)
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
                    not_in_roster.append(Problem(
                        r.file, r.rows[key], r.id_column, "not-in-roster",
                        "this participant is not in the participant list; scored under "
                        f"a {'code' if kind == 'id' else 'pseudonymous id'} of their own. Add "
                        "them to the list or correct the row."))
                    pid = key if kind == "id" else pseudonym(key)
            else:
                pid = key if kind == "id" else pseudonym(key)
            mapping[key] = pid
        linked.append(_dedupe_mapped(r, mapping))
    new_pre = linked[0] if pre is not None else None
    new_post = linked[-1] if post is not None else None
    pre_ids = new_pre.answers.index.tolist() if new_pre is not None else []
    post_ids = new_post.answers.index.tolist() if new_post is not None else []
    pre_set, post_set = set(pre_ids), set(post_ids)
    pre_only = tuple(p for p in pre_ids if p not in post_set) if new_post else ()
    post_only = tuple(p for p in post_ids if p not in pre_set) if new_pre else ()
    return Linked(new_pre, new_post, participants=participants, pre_only=pre_only,
                  post_only=post_only, fuzzy_matches=tuple(fuzzy),
                  not_in_roster=tuple(not_in_roster))


def _kind_that_links(results: list[ImportResult], kind: str, rekeyed: list[ImportResult],
                     roster_kinds: list[str] | None) -> tuple[str, list[ImportResult]]:
    """With --match auto, a shared kind that links someone (e.g. names when the e-mails differ)."""
    if set(rekeyed[0].answers.index.tolist()) & set(rekeyed[1].answers.index.tolist()):
        return kind, rekeyed
    for other in KINDS[KINDS.index(kind) + 1:]:
        if not all(other in _kinds(r) for r in results) or \
                (roster_kinds is not None and other not in roster_kinds):
            continue
        tried = [_rekey(r, other)[0] for r in results]
        if set(tried[0].answers.index) & set(tried[1].answers.index):
            return other, tried
    return kind, rekeyed


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
