"""`workshop score`: read the key and the exports, link participants, compute every figure."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import InputFileError, KeyFileError, ToolkitError
from ..i18n import _
from ..model import DEFAULT_PASS_MARK, AnswerKey, Participant
from .breakdown import check_group_columns, group_column, group_rows, module_scores
from .gain import holm, matched_stats, mcnemar_p
from .intervals import score_intervals
from .points import column_points, factorize_answers, full_credit
from .result import ItemRow, ScoreResult, StageScores, _as_dict
from .stats import describe_items, describe_test, distractor_table

if TYPE_CHECKING:
    from ..responses.table import ImportResult, Linked



def run_scoring(*, workshop: Any = None, key: str | Path | AnswerKey | None = None,
                form: str | Path | None = None, pre: str | Path | None = None,
                post: str | Path | None = None,
                participants: str | Path | Sequence[Participant] | None = None,
                id_column: str | None = None, match: str = "auto",
                group_by: Sequence[str] = ("sex",), partial_credit: bool = False,
                pass_mark: float | None = None,
                progress: Callable[[int, int], None] | None = None,
                header_map: Sequence[str] = ()) -> ScoreResult:
    """Score a pre- and/or post-test export against an answer key (or a workshop's bank).

    ``workshop``: a path, an id or a loaded Workshop; ``key``: a key file or an AnswerKey;
    ``participants``: a roster file or Participants; ``header_map``: "HEADER=QID" texts, an
    export header to take as a question's column. Raises ToolkitError with what to pass.
    The application layer (:class:`toolkit.app.WorkshopSession`) does the same with the
    inputs it has already read.
    """
    from ..resolve import resolve_workshop

    ws = resolve_workshop(workshop)
    if ws is not None:
        pre = pre or ws.files.pre or None
        post = post or ws.files.post or None
        participants = participants or ws.files.participants or None
    check_exports(pre, post)
    roster = None
    if participants:
        roster = (lambda: tuple(participants)) if isinstance(participants, (tuple, list)) \
            else (lambda: _read_roster(participants))
    return score_exports(map_keys(test_keys(ws, key, form), header_map), pre=pre, post=post,
                         roster=roster,
                         id_column=id_column, match=match, group_by=group_by,
                         partial_credit=partial_credit, pass_mark=pass_mark_of(ws, pass_mark),
                         progress=progress)


def _read_roster(path: Any) -> Sequence[Participant]:
    from .. import responses as rsp

    return rsp.read_roster(path)


def pass_mark_of(ws: Any, given: float | None = None) -> float:
    """The mark a test counts as passed at: ``given``, else the workshop's, else the default."""
    if given is not None:
        return given
    return ws.tests.pass_mark if ws is not None else DEFAULT_PASS_MARK


def check_exports(pre: Any, post: Any) -> None:
    """Refuse a run without any export, or with one export given as both tests."""
    if not pre and not post:
        raise ToolkitError(
            _("Nothing to score: give the test export(s) with --pre FILE and/or --post FILE (or "
              "a WORKSHOP whose files list pre and post)."))
    _check_distinct(pre, post)


def map_keys(keys: dict[str, AnswerKey], header_map: Sequence[str]) -> dict[str, AnswerKey]:
    """The keys with "HEADER=QID" mappings applied (an export header taken as a question)."""
    if not header_map:
        return keys
    from .. import responses as rsp

    return {stage: rsp.map_headers(k, header_map) for stage, k in keys.items()}


def score_exports(keys: dict[str, AnswerKey], *, pre: str | Path | None = None,
                  post: str | Path | None = None,
                  roster: Callable[[], Sequence[Participant] | None] | None = None,
                  id_column: str | None = None, match: str = "auto",
                  group_by: Sequence[str] = ("sex",), partial_credit: bool = False,
                  pass_mark: float = DEFAULT_PASS_MARK,
                  progress: Callable[[int, int], None] | None = None) -> ScoreResult:
    """Read the exports with their keys, link them to the roster and score them.

    ``roster`` is called (once) after the exports are read, so a bad export is reported
    before a bad roster, as the files are named on the command line.
    """
    from .. import responses as rsp  # the importer, read lazily (pandas is heavy)

    steps = [s for s, path in (("pre", pre), ("post", post)) if path] + ["link"]
    imported: dict[str, ImportResult | None] = {"pre": None, "post": None}
    # one test alone, without a roster, links nobody: a row without identity still counts
    alone = bool(pre) != bool(post) and roster is None
    for done, (stage, path) in enumerate((s, p) for s, p in (("pre", pre), ("post", post)) if p):
        imported[stage] = rsp.read_responses(path, keys[stage], id_column=id_column, match=match,
                                             anonymous=alone)
        if progress:
            progress(done + 1, len(steps))
    people = roster() if roster is not None else None
    people = tuple(people) if people is not None else None
    linked = rsp.link_results(imported["pre"], imported["post"], roster=people, match=match)
    if progress:
        progress(len(steps), len(steps))
    return score_linked(linked, group_by=group_by, partial_credit=partial_credit,
                        pass_mark=pass_mark)


def _check_distinct(pre: Any, post: Any) -> None:
    """Refuse one export given as both tests: it would report a gain of exactly 0."""
    if not (isinstance(pre, (str, Path)) and isinstance(post, (str, Path)) and pre and post):
        return
    a, b = Path(pre), Path(post)
    try:
        same = a.resolve() == b.resolve() or (
            a.is_file() and b.is_file() and a.stat().st_size == b.stat().st_size
            and a.read_bytes() == b.read_bytes())
    except OSError:
        return  # the importer reports unreadable files with its own message
    if same:
        what = (_("{post}: this file was given as both --pre and --post").format(post=post)
                if a.resolve() == b.resolve() else
                _("{post} (--post) has exactly the same content as {pre} (--pre)").format(
                    post=post, pre=pre))
        raise InputFileError(_("{what}, so every gain would be 0. Give the pre-test export with "
                               "--pre and the post-test export with --post.").format(what=what))


def test_keys(ws: Any, key: Any, form: str | os.PathLike[str] | None
              ) -> dict[str, AnswerKey]:
    """The answer key of each stage: the key file (or AnswerKey), else the workshop's bank."""
    from .. import responses as rsp

    if key:
        answer_key = key if isinstance(key, AnswerKey) else rsp.read_key(key)
        if form:
            answer_key = rsp.key_from_form(str(form), answer_key)
        return {"pre": answer_key, "post": answer_key}
    if ws is not None:
        out = {stage: rsp.key_from_workshop(ws, stage) for stage in ("pre", "post")}
        if form:
            out = {stage: rsp.key_from_form(str(form), k) for stage, k in out.items()}
        return out
    raise KeyFileError(
        _("No answer key: give one with --key KEY.csv (columns question, answer), or a WORKSHOP "
        "whose question bank holds the correct answers.") +
        (_(" An XLSForm (--form) alone has no correct answers.") if form else ""))


def score_linked(linked: Linked, *, group_by: Sequence[str] = ("sex",),
                 partial_credit: bool = False,
                 pass_mark: float = DEFAULT_PASS_MARK) -> ScoreResult:
    """Every figure of the score contract from already imported and linked tests."""
    notes: list[str] = []
    stages = {stage: _score_stage(stage, imp, partial_credit=partial_credit)
              for stage, imp in (("pre", linked.pre), ("post", linked.post)) if imp is not None}
    pre, post = stages.get("pre"), stages.get("post")
    for name, imported in (("pre", linked.pre), ("post", linked.post)):
        if imported is not None:  # how the file was read: formulas without values, shifted rows
            notes.extend(f"{name}-test: {note}" for note in imported.notes)
    notes.extend(linked.notes)  # how people were linked, who took no test
    for stage in stages.values():
        notes.extend(f"{stage.stage}-test: {note}" for note in stage.summary.notes)
        notes.extend(_unchosen_answers(stage))
    matched = None
    matched_pre = matched_post = None  # the matched participants' percent scores
    ids = _matched_ids(linked)
    if pre is not None and post is not None:
        # Jacobson-Truax needs a positive reliability; a negative alpha gives no usable SEM
        sem = pre.summary.sem_pct if (pre.summary.alpha or 0) > 0 else None
        matched_pre, matched_post = pre.pct.loc[ids].to_numpy(), post.pct.loc[ids].to_numpy()
        matched = matched_stats(matched_pre, matched_post, pass_mark=pass_mark,
                                sem_pre_pct=sem)
        notes.extend(f"matched: {note}" for note in matched.notes)
        if matched.n >= 5 and (matched.mean_gain_pct or 0) < 0 and \
                (matched.declined_pct or 0) > 50:
            notes.append(_("Most participants scored lower on the post-test than on the "
                         "pre-test: check that --pre and --post are not swapped."))
    items = _item_rows(pre, post, ids)
    group_by = list(dict.fromkeys(group_column(c) for c in group_by))  # "sexe" -> "sex"
    groups = {}
    if linked.participants:
        check_group_columns(group_by, linked.participants)
        groups = {column: tuple(group_rows(
            column, linked.participants,
            _as_dict(pre.pct) if pre else None, _as_dict(post.pct) if post else None))
            for column in group_by}
    elif group_by:
        groups = {column: () for column in group_by}  # keys stay present for readers
        notes.append(_("No roster (--participants): results are not disaggregated by "
                       "{groups}.").format(groups=", ".join(group_by)))
    keys = [pre.imported.key if pre else None, post.imported.key if post else None]
    frames = [pre.points if pre else None, post.points if post else None]
    modules = module_scores(keys, frames, ids)
    objectives = module_scores(keys, frames, ids, by="objective")
    intervals = score_intervals(
        matched_pre, matched_post, pass_mark=pass_mark,
        sem_pre_pct=sem if matched else None,
        cohen_dz=matched.cohen_dz if matched else None,
        alphas={s.stage: (s.summary.alpha, s.summary.n, s.summary.k) for s in stages.values()})
    return ScoreResult(pre, post, linked, matched, tuple(items), groups, tuple(modules),
                       _public_ids(linked), tuple(notes), objectives=tuple(objectives),
                       intervals=intervals)


def _unchosen_answers(stage: StageScores) -> list[str]:
    """A correct answer nobody chose, in a key without choices: most often a typo in the key."""
    out = []
    for item, stats in zip(stage.imported.key.items, stage.items):
        if item.choices or item.type == "number" or not stage.summary.n:
            continue
        where = f"{stage.imported.key.source or 'the key'}" + (
            f", row {item.line}" if item.line else "")
        for row in stats.distractors:
            if row.correct and row.pct == 0:
                out.append(_("{stage}-test: nobody chose \"{option}\", a correct answer of "
                             "\"{id}\": check its spelling ({where}) against the answers in "
                             "column \"{column}\".").format(
                               stage=stage.stage, option=row.option, id=item.id, where=where,
                               column=stage.imported.columns.get(item.id, item.id)))
    return out


def _factorized(imported: ImportResult, key: AnswerKey) -> list[tuple[Any, Any]]:
    """(codes, distinct values) per key item: the importer's when still valid, else pandas'."""
    known = imported.factorized
    if known is None or known[0] is not imported.answers:
        return factorize_answers(imported.answers, key)
    columns = known[1]
    # the importer's distinct list ends with the None that code -1 picks: drop it
    return [(columns[item.id][0], columns[item.id][1][:-1]) if item.id in columns
            else pd.factorize(imported.answers[item.id].to_numpy(dtype=object),
                              use_na_sentinel=True) for item in key.items]


def _score_stage(stage: str, imported: ImportResult, *, partial_credit: bool) -> StageScores:
    key = imported.key
    if key.max_points <= 0:
        raise KeyFileError(_("{value}: the answer key has no points to earn. Give each question "
                             "points > 0 (default 1).").format(
                               value=key.source or imported.file))
    columns = _factorized(imported, key)
    matrix = np.zeros((len(imported.answers), len(key.items)))
    for j, (item, (codes, uniques)) in enumerate(zip(key.items, columns)):
        matrix[:, j] = column_points(codes, uniques, item, partial_credit=partial_credit)
    points = pd.DataFrame(matrix, index=imported.answers.index,
                          columns=[item.id for item in key.items])
    maxima = [item.points for item in key.items]
    pct = points.sum(axis=1) / key.max_points * 100
    total = matrix.sum(axis=1)
    order = np.argsort(total, kind="stable")  # for the score thirds of every distractor table
    items = []
    for item, stats, j in zip(key.items, describe_items(matrix, maxima), range(len(maxima))):
        table = distractor_table((), item, total, total - matrix[:, j], order=order,
                                 factorized=columns[j])
        items.append(dataclasses.replace(stats, distractors=table))
    return StageScores(stage, imported, points, pct, describe_test(matrix, maxima), tuple(items))


def _item_rows(pre: StageScores | None, post: StageScores | None,
               ids: list[str]) -> list[ItemRow]:
    order: dict[str, Any] = {}
    for stage in (pre, post):
        for item in stage.imported.key.items if stage else ():
            order.setdefault(item.id, item)
    stats = {name: {it.id: s for it, s in zip(st.imported.key.items, st.items)} if st else {}
             for name, st in (("pre", pre), ("post", post))}
    right = {}
    if pre is not None and post is not None and ids:
        # full-credit matrices of matched participants, rows in the order of ``ids``
        for name, stage in (("pre", pre), ("post", post)):
            rows = stage.points.index.get_indexer(ids)
            frame = full_credit(stage.points, stage.imported.key)
            right[name] = (frame.to_numpy()[rows], {c: j for j, c in enumerate(frame.columns)})
    rows_out = []
    for item_id, item in order.items():
        b = c = p = None
        if right and item_id in right["pre"][1] and item_id in right["post"][1]:
            before = right["pre"][0][:, right["pre"][1][item_id]]
            after = right["post"][0][:, right["post"][1][item_id]]
            b, c = int((before & ~after).sum()), int((~before & after).sum())
            p = mcnemar_p(b, c)
        rows_out.append((item, p, b, c))
    adjusted = holm([r[1] for r in rows_out])
    return [ItemRow(item.id, item.question, item.type, float(item.points), item.module,
                    stats["pre"].get(item.id), stats["post"].get(item.id), p, adj, b, c)
            for (item, p, b, c), adj in zip(rows_out, adjusted)]


def _matched_ids(linked: Linked) -> list[str]:
    """Linked.matched_ids, vectorised (the property walks the index one id at a time)."""
    if linked.pre is None or linked.post is None:
        return []
    index = linked.pre.answers.index
    return index[index.isin(linked.post.answers.index)].tolist()


def _public_ids(linked: Linked) -> dict[str, str]:
    """Participant key -> identifier safe to print (no e-mail or name)."""
    out: dict[str, str] = {}
    for imported in (linked.pre, linked.post):
        if imported is None:
            continue
        for pid in imported.answers.index.tolist():
            if pid in out:
                continue
            if pid in linked.participants or imported.match_by == "id":
                out[pid] = pid
            else:
                row = imported.rows.get(pid)
                out[pid] = f"{Path(imported.file).name} row {row}" if row else "?"
    return out
