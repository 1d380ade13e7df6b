"""Question-bank checks for `workshop validate`: can a test be passed without knowing anything?

Every finding is a warning (the bank still loads and scores). For a module file:

* single-choice keys: one position (a, b, ...) holds more than 35 % of the keys;
* the keyed option is the longest option (in some language) in more than a third of the
  single-choice questions;
* multiple-choice keys: one key set (by position) is the key of more than a third of the
  questions, a position is never correct, or every key has the same size;
* true/false: one answer is the key of more than two thirds of the questions;
* a question's text shares a run of ``COPY_WORDS`` words with a session's steps, key messages,
  notes or handout (the test would measure memory of the exercise, not transfer).

For each test of a workshop (pre and post, in the order the forms show the choices, i.e.
after ``tests: shuffle:``), the score of the best blind strategy: the same letter on every
single-choice question or the longest option, the same set on every multiple-choice question,
always true or always false. It is compared with chance (1/k per single choice, 1/2 per
true/false, 1/(2^k - 1) per multiple choice); more than ``BLIND_MARGIN`` points above chance
is a warning. Tests with fewer than ``MIN_TEST_ITEMS`` choice questions are not judged: on
one single-choice question some letter is always right, so a short test always "fails".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations

from .i18n import _
from .keyspec import Sink
from .model import ANY_LANGUAGE, Choice, Question, Text
from .yamlsafe import LDict

KEY_SHARE = 0.35  # most frequent single-choice key position, at most
LONGEST_SHARE = 1 / 3  # keyed option the longest, at most
SET_SHARE = 1 / 3  # most frequent multiple-choice key set, at most
TF_SHARE = 2 / 3  # most frequent true/false key, at most
BLIND_MARGIN = 15.0  # percentage points above chance
MIN_TEST_ITEMS = 8  # choice questions a test needs before its blind score means something
COPY_WORDS = 10  # a shared run of this many words is a copy
_WORD = re.compile(r"\w+", re.UNICODE)


def questions_of(data: dict) -> list[Question]:
    """The questions of a checked module file (keys that failed their check are absent)."""
    out = []
    for q in data.get("questions", []):
        if not {"id", "type"} <= set(q):
            continue
        choices = tuple(Choice(str(c["id"]), c.get("text", Text()), bool(c.get("correct")))
                        for c in q.get("choices", []) if "id" in c)
        out.append(Question(id=q["id"], objective=q.get("objective", ""), type=q["type"],
                            text=q.get("text", Text()), choices=choices,
                            points=q.get("points", 1.0), line=q.line))
    return out


def position(index: int) -> str:
    """0 -> "a", 1 -> "b" ... (the letter a position has on a form)."""
    return chr(ord("a") + index) if index < 26 else f"#{index + 1}"


def _keyed(question: Question) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(question.choices) if c.correct)


def _is_tf(question: Question) -> bool:
    return question.type == "true-false" and {c.id for c in question.choices} == {"true", "false"}


def _languages(questions: list[Question]) -> tuple[str, ...]:
    found = {lang for q in questions for c in q.choices for lang in c.text.languages}
    return tuple(sorted(found - {ANY_LANGUAGE})) or (ANY_LANGUAGE,)


def _longest(question: Question, lang: str) -> int | None:
    """Position of the strictly longest option in ``lang`` (None on a tie)."""
    lengths = [len(c.text.get(lang)) for c in question.choices]
    if not lengths:
        return None
    top = max(lengths)
    return lengths.index(top) if lengths.count(top) == 1 else None


# ---------------------------------------------------------------- one module's bank


def check_bank(data: LDict, sink: Sink) -> None:
    """Add warnings for a module's key positions, option lengths and copied cases."""
    questions = questions_of(data)
    line = data.line_of("questions") if "questions" in data else data.line
    single = [q for q in questions if q.type == "single" and len(_keyed(q)) == 1]
    multiple = [q for q in questions if q.type == "multiple" and _keyed(q)]
    tf = [q for q in questions if _is_tf(q) and len(_keyed(q)) == 1]
    _check_positions(single, line, sink)
    _check_longest(single, line, sink)
    _check_multiple(multiple, line, sink)
    _check_true_false(tf, line, sink)
    check_copies(data, questions, sink)


def _check_positions(single: list[Question], line: int, sink: Sink) -> None:
    if len(single) < 4:
        return
    counts: dict[int, int] = {}
    for q in single:
        counts[_keyed(q)[0]] = counts.get(_keyed(q)[0], 0) + 1
    widths = sorted(len(q.choices) for q in single)
    fair = math.ceil(len(single) / widths[len(widths) // 2])
    top = max(counts, key=lambda p: (counts[p], -p))
    if counts[top] > max(KEY_SHARE * len(single), fair):
        spread = ", ".join(f"{position(p)} {counts[p]}" for p in sorted(counts))
        sink.add(line, _("question bank: \"{position}\" is the key of {value} of the {count} "
                         "single-choice questions ({pct}; keys by position: {spread}); "
                         "someone who always answers \"{position}\" scores without knowing. "
                         "Move the correct option so no position holds more than "
                         "{KEY_SHARE:.0%} of the keys").format(
                           position=position(top), value=counts[top], count=len(single),
                           pct=_pct(counts[top], len(single)), spread=spread,
                           KEY_SHARE=KEY_SHARE), "warning")


def _check_longest(single: list[Question], line: int, sink: Sink) -> None:
    if len(single) < 3:
        return
    for lang in _languages(single):
        hits = [q.id for q in single if _longest(q, lang) == _keyed(q)[0]]
        if len(hits) > LONGEST_SHARE * len(single):
            where = "" if lang == ANY_LANGUAGE else f" ({lang})"
            sink.add(line, _("question bank{where}: the correct option is the longest one in "
                             "{count} of the {count2} single-choice questions ({join}); "
                             "test-wise participants pick the longest option. Shorten keys or "
                             "lengthen distractors so this holds for at most a third").format(
                               where=where, count=len(hits), count2=len(single),
                               join=', '.join(hits)), "warning")


def _check_multiple(multiple: list[Question], line: int, sink: Sink) -> None:
    if len(multiple) < 3:
        return
    sets: dict[tuple[int, ...], list[str]] = {}
    for q in multiple:
        sets.setdefault(_keyed(q), []).append(q.id)
    common = max(sets, key=lambda s: (len(sets[s]), s))
    if len(sets[common]) > SET_SHARE * len(multiple):
        shown = "+".join(position(p) for p in common)
        sink.add(line, _("question bank: \"{shown}\" is the key of {count} of the {count2} "
                         "multiple-choice questions ({join}); vary which options and how many "
                         "are correct").format(
                           shown=shown, count=len(sets[common]), count2=len(multiple),
                           join=', '.join(sets[common])), "warning")
    if len(multiple) >= 4:
        width = min(len(q.choices) for q in multiple)
        used = {p for q in multiple for p in _keyed(q)}
        never = [position(p) for p in range(width) if p not in used]
        if never:
            sink.add(line, _("question bank: option {join} is never correct in the {count} "
                             "multiple-choice questions, so leaving it out is always safe; "
                             "make it correct in some").format(
                               join=', '.join(never), count=len(multiple)), "warning")
        sizes = {len(_keyed(q)) for q in multiple}
        if len(sizes) == 1:
            sink.add(line, _("question bank: every multiple-choice question has exactly {pop} "
                             "correct option(s); vary the number (one, two, three, all but "
                             "one)").format(pop=sizes.pop()), "warning")


def _check_true_false(tf: list[Question], line: int, sink: Sink) -> None:
    if len(tf) < 3:
        return
    trues = sum(1 for q in tf if q.choices[_keyed(q)[0]].id == "true")
    side, count = ("true", trues) if trues >= len(tf) - trues else ("false", len(tf) - trues)
    if count > TF_SHARE * len(tf):
        sink.add(line, _("question bank: \"{side}\" is the answer to {count} of the {count2} "
                         "true/false questions; always answering \"{side}\" scores {pct}. "
                         "Balance true and false statements").format(
                           side=side, count=count, count2=len(tf),
                           pct=_pct(count, len(tf))), "warning")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def check_copies(data: dict, questions: list[Question], sink: Sink,
                 n: int = COPY_WORDS) -> None:
    """Warn when a question's text repeats a run of ``n`` words of a session's text."""
    sources: list[tuple[str, int, Text]] = []
    for session in data.get("sessions", []):
        sid = session.get("id", "?")
        texts = [session.get(k) for k in ("facilitator_notes", "handout")]
        texts += [*session.get("steps", []), *session.get("key_messages", [])]
        sources += [(sid, session.line, t) for t in texts if isinstance(t, Text)]
    if not sources:
        return
    for q in questions:
        for lang in q.text.languages:
            stem = _runs(_words(q.text.get(lang)), n)
            if not stem:
                continue
            hit = next(((sid, sline, run) for sid, sline, text in sources
                        for run in [stem & _runs(_words(text.get(lang)), n)] if run), None)
            if hit:
                sid, sline, run = hit
                sample = " ".join(sorted(run)[0])
                sink.add(q.line, _("question \"{id}\" repeats session \"{sid}\" (line "
                                   "{sline}) word for word (\"{sample}…\"): a test item "
                                   "copied from a classroom example measures memory, not "
                                   "learning; write a parallel case with other facts").format(
                                     id=q.id, sid=sid, sline=sline, sample=sample), "warning")
                break


# ---------------------------------------------------------------- a test of a workshop


@dataclass(frozen=True)
class Blind:
    """The best blind strategy on a test: its score, chance, and what it answers."""

    score_pct: float
    chance_pct: float
    strategy: str
    language: str


def chance_pct(questions: list[Question]) -> float:
    """Expected score (in %) of someone who picks uniformly at random."""
    total = sum(q.points for q in questions)
    if not total:
        return 0.0
    expected = 0.0
    for q in questions:
        k = len(q.choices)
        if q.type == "multiple" and k:
            expected += q.points / (2 ** k - 1)
        elif q.type in ("single", "true-false") and k:
            expected += q.points / k
    return 100 * expected / total


def blind_score(questions: list[Question], lang: str = ANY_LANGUAGE) -> tuple[float, str]:
    """Best score (in %) without reading the questions, and the strategy that gets it."""
    # a choice question without a key is reported elsewhere (and cannot be scored)
    questions = [q for q in questions if q.type == "number" or _keyed(q)]
    total = sum(q.points for q in questions)
    if not total:
        return 0.0, ""
    single = [q for q in questions if q.type == "single" or
              (q.type == "true-false" and not _is_tf(q))]
    multiple = [q for q in questions if q.type == "multiple"]
    tf = [q for q in questions if _is_tf(q) and len(_keyed(q)) == 1]
    parts, points = [], 0.0
    if single:
        width = max(len(q.choices) for q in single)
        best = max(((sum(q.points for q in single if _keyed(q) == (p,)),
                     _('"{text}"').format(text=position(p)))
                    for p in range(width)), key=lambda x: x[0])
        longest = sum(q.points for q in single
                      if _longest(q, lang) is not None and _keyed(q) == (_longest(q, lang),))
        if longest > best[0]:
            best = (longest, _("the longest option"))
        points += best[0]
        parts.append(_("{choice} on every single-choice question").format(choice=best[1]))
    if multiple:
        width = max(len(q.choices) for q in multiple)
        found: tuple[float, tuple[int, ...]] = (0.0, ())
        for size in range(1, width + 1):
            for combo in combinations(range(width), size):
                got = sum(q.points for q in multiple
                          if _keyed(q) == tuple(p for p in combo if p < len(q.choices)))
                if got > found[0]:
                    found = (got, combo)
        if found[1]:
            points += found[0]
            shown = "+".join(position(p) for p in found[1])
            parts.append(_('"{choices}" on every multiple-choice question').format(
                choices=shown))
    if tf:
        trues = sum(q.points for q in tf if q.choices[_keyed(q)[0]].id == "true")
        falses = sum(q.points for q in tf) - trues
        points += max(trues, falses)
        parts.append(_('"{choice}" on every true/false question').format(
            choice="true" if trues >= falses else "false"))
    return 100 * points / total, ", ".join(parts)


def best_blind(questions: list[Question], languages: tuple[str, ...]) -> Blind:
    """The best blind strategy over the languages the test is shown in."""
    chance = chance_pct(questions)
    found = max((blind_score(questions, lang) + (lang,) for lang in (languages or
                                                                     (ANY_LANGUAGE,))),
                key=lambda x: x[0])
    return Blind(found[0], chance, found[1], found[2])


def check_test(questions: list[Question], stage: str, languages: tuple[str, ...], line: int,
               sink: Sink) -> Blind:
    """Warn when the test's best blind strategy beats chance by more than BLIND_MARGIN."""
    blind = best_blind(questions, languages)
    judged = sum(1 for q in questions if q.choices) >= MIN_TEST_ITEMS
    if judged and blind.score_pct > blind.chance_pct + BLIND_MARGIN:
        where = "" if blind.language == ANY_LANGUAGE else f" in {blind.language}"
        sink.add(line, _("the {stage}-test can be passed blind{where}: answering {strategy} "
                         "scores {score_pct:.0f} % against {chance_pct:.0f} % by chance (more "
                         "than {BLIND_MARGIN:.0f} points above). Spread the keys over the "
                         "positions, even out option lengths, vary the multiple-choice keys "
                         "and balance true/false, or shuffle the choices (tests: shuffle: "
                         "SEED)").format(
                           stage=stage, where=where, strategy=blind.strategy,
                           score_pct=blind.score_pct, chance_pct=blind.chance_pct,
                           BLIND_MARGIN=BLIND_MARGIN), "warning")
    return blind


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %"
