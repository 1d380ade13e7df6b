"""`workshop validate`'s question-bank check (issue 18, point 2): warnings with FILE:LINE for
key positions, keyed option longest, identical multiple-choice keys, true/false balance,
stems copied from session text, and each test's best blind strategy against chance."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT
from toolkit import curriculum_bank as bank
from toolkit.cli import main
from toolkit.curriculum import load_workshop, validate_paths
from toolkit.model import Choice, Question, Text
from toolkit.stages import stage_questions

CURRICULA = ROOT / "curricula"


def q(qid, kind, keyed, n=4, texts=None, points=1.0):
    """A question whose keyed positions are ``keyed`` (indexes) among ``n`` options."""
    if kind == "true-false":
        choices = (Choice("true", Text.of("Vrai"), keyed == "true"),
                   Choice("false", Text.of("Faux"), keyed == "false"))
    else:
        texts = texts or [f"option {i}" for i in range(n)]
        choices = tuple(Choice(chr(97 + i), Text.of({"fr": t, "en": t}), i in keyed)
                        for i, t in enumerate(texts))
    return Question(qid, "o1", kind, Text.of({"fr": "?", "en": "?"}), choices, points=points)


def test_blind_score_of_the_issue_example():
    # the issue's Dakar finding: "b" on single, "a+b+c" on multiple -> 14/20 = 70 %
    test = [q(f"s{i}", "single", {1}) for i in range(10)]
    test += [q(f"s{i}", "single", {i % 3 and 2}) for i in range(10, 14)]
    test += [q(f"m{i}", "multiple", {0, 1, 2}) for i in range(4)]
    test += [q("m4", "multiple", {0, 3}), q("m5", "multiple", {1})]
    score, strategy = bank.blind_score(test, "en")
    assert score == pytest.approx(70.0)
    assert strategy == ('"b" on every single-choice question, "a+b+c" on every '
                        "multiple-choice question")
    assert bank.chance_pct(test) == pytest.approx(100 * (14 / 4 + 6 / 15) / 20)


def test_longest_option_and_true_false_strategies():
    long = ["a short one", "short", "the much longer keyed option", "tiny"]
    test = [q(f"s{i}", "single", {i % 4}, texts=long if i < 4 else None) for i in range(8)]
    test += [q("t1", "true-false", "false"), q("t2", "true-false", "false"),
             q("t3", "true-false", "true")]
    score, strategy = bank.blind_score(test, "en")
    # longest option: s2 only (keyed at c and longest); same letter: 2 of 8; false: 2 of 3
    assert strategy.startswith('"a" on every single-choice question')
    assert score == pytest.approx(100 * (2 + 2) / 11)
    def keyed_longest(i):
        texts = ["one", "two", "six", "ten"]
        texts[i % 4] = "the keyed option is the longest here"
        return texts

    tilted = [q(f"s{i}", "single", {i % 4}, texts=keyed_longest(i) if i < 5 else None)
              for i in range(8)]
    score, strategy = bank.blind_score(tilted, "en")
    assert (score, strategy) == (pytest.approx(62.5), "the longest option on every "
                                                      "single-choice question")


def test_points_weigh_the_blind_score():
    test = [q("s1", "single", {0}, points=3), q("s2", "single", {1}), q("s3", "single", {2})]
    assert bank.blind_score(test)[0] == pytest.approx(60.0)


BAD_MODULE = """\
id: m
title: {fr: M, en: M}
objectives:
  - {id: o1, text: {fr: Objectif, en: Objective}}
sessions:
  - id: s1
    title: {fr: S, en: S}
    minutes: 30
    method: case-study
    objectives: [o1]
    facilitator_notes:
      fr: Cas de Binta qui a payé cinq cent mille francs à un agent pour partir travailler à Beyrouth sans contrat écrit.
      en: Case of Binta who paid five hundred thousand francs to an agent to leave for work in Beirut without a written contract.
questions:
"""


def _single(i, key, long_key=False):
    options = [f"option {j}" for j in range(4)]
    options[key] = "the keyed option which is much longer than the rest" if long_key else "keyed"
    choices = "\n".join(f"      - {{id: {chr(97 + j)}, text: {{fr: {t}, en: {t}}}"
                        + (", correct: true}" if j == key else "}") for j, t in enumerate(options))
    return (f"  - id: q{i}\n    objective: o1\n    type: single\n"
            f"    text: {{fr: Question {i}, en: Question {i}}}\n    choices:\n{choices}\n")


def _multiple(i, keys):
    choices = "\n".join(f"      - {{id: {chr(97 + j)}, text: {{fr: o{j}, en: o{j}}}"
                        + (", correct: true}" if j in keys else "}") for j in range(4))
    return (f"  - id: m{i}\n    objective: o1\n    type: multiple\n"
            f"    text: {{fr: Multiple {i}, en: Multiple {i}}}\n    choices:\n{choices}\n")


def _tf(i, answer):
    return (f"  - id: t{i}\n    objective: o1\n    type: true-false\n"
            f"    text: {{fr: Vrai ou faux {i}, en: True or false {i}}}\n    choices:\n"
            f"      - {{id: \"true\", text: {{fr: Vrai, en: \"True\"}}"
            + (", correct: true}" if answer else "}") + "\n"
            f"      - {{id: \"false\", text: {{fr: Faux, en: \"False\"}}"
            + ("}" if answer else ", correct: true}") + "\n")


def test_module_bank_warnings_at_their_lines(tmp_path):
    text = BAD_MODULE + "".join(_single(i, 1, long_key=i < 4) for i in range(6))
    text += "".join(_multiple(i, {0, 1, 2}) for i in range(4))
    text += "".join(_tf(i, False) for i in range(4))
    text += ("  - id: copy\n    objective: o1\n    type: single\n    text:\n"
             "      fr: Binta a payé cinq cent mille francs à un agent pour partir travailler à "
             "Beyrouth. Que faire ?\n"
             "      en: Binta paid five hundred thousand francs to an agent to leave for work "
             "in Beirut. What now?\n    choices:\n"
             "      - {id: a, text: {fr: x, en: x}}\n"
             "      - {id: b, text: {fr: y, en: y}, correct: true}\n")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_paths([str(path)])
    assert [p for p in problems if p.severity != "warning"] == []
    shown = [str(p) for p in problems]
    questions_line = text.splitlines().index("questions:") + 1
    copy_line = text.splitlines().index("  - id: copy") + 1

    def has(line, *parts):
        return any(f"m.yaml:{line}: warning: " in s and all(p in s for p in parts)
                   for s in shown)

    assert has(questions_line, '"b" is the key of 7 of the 7 single-choice questions')
    assert has(questions_line, "(en)", "longest one in 4 of the 7", "q0, q1, q2, q3")
    assert has(questions_line, '"a+b+c" is the key of 4 of the 4 multiple-choice')
    assert has(questions_line, "option d is never correct")
    assert has(questions_line, "exactly 3 correct option(s)")
    assert has(questions_line, '"false" is the answer to 4 of the 4 true/false')
    assert has(copy_line, 'question "copy" repeats session "s1"', "word for word")
    # a clean bank: no warning
    clean = BAD_MODULE.replace("Cas de Binta", "Un autre cas").replace(
        "Case of Binta", "Another case")
    clean += "".join(_single(i, i % 4, long_key=i == 0) for i in range(8))
    clean += "".join(_multiple(i, keys) for i, keys in
                     enumerate([{0}, {1, 3}, {0, 2, 3}, {1, 2}, {0, 1, 2, 3}]))
    clean += "".join(_tf(i, i % 2 == 0) for i in range(4))
    path.write_text(clean, encoding="utf-8")
    assert validate_paths([str(path)]) == []


def test_workshop_test_warning_and_shuffle_setting(tmp_path):
    modules = tmp_path / "modules"
    modules.mkdir()
    text = BAD_MODULE.replace("Cas de Binta", "Un autre cas").replace("Case of Binta", "x")
    objectives = "".join(f"  - {{id: o{i}, text: {{fr: Objectif {i}, en: Objective {i}}}}}\n"
                         for i in range(2, 11))
    text = text.replace("sessions:\n", objectives + "sessions:\n")
    text = text.replace("objectives: [o1]", "objectives: [" + ", ".join(
        f"o{i}" for i in range(1, 11)) + "]")
    for i in range(1, 11):
        text += _single(i, 1).replace("objective: o1", f"objective: o{i}")
    (modules / "m.yaml").write_text(text, encoding="utf-8")
    workshop = tmp_path / "workshops"
    workshop.mkdir()
    body = ("id: w\ntitle: {fr: W, en: W}\ndates: {start: 2024-03-04, end: 2024-03-04}\n"
            'frame: {start: "08:00", end: "18:00"}\nprogramme:\n  - module: m\n'
            "tests:\n  pass_mark: 60\n")
    (workshop / "w.yaml").write_text(body, encoding="utf-8")
    problems = [str(p) for p in validate_paths([str(workshop / "w.yaml")])]
    blind = [p for p in problems if "passed blind" in p]
    assert len(blind) == 1  # post = pre: said once
    assert Path(blind[0].split(":")[0]).name == "w.yaml"
    assert ":7: warning: the pre-test can be passed blind" in blind[0]
    assert '"b" on every single-choice question scores 100 % against 25 % by chance' in blind[0]
    # with a shuffle seed the forms no longer put every key at b
    (workshop / "w.yaml").write_text(body + "  shuffle: 3\n", encoding="utf-8")
    problems = [str(p) for p in validate_paths([str(workshop / "w.yaml")])]
    assert not [p for p in problems if "passed blind" in p]
    assert load_workshop(workshop / "w.yaml").tests.shuffle == 3


def test_validate_prints_warnings_with_file_and_line(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(BAD_MODULE + "".join(_single(i, 1) for i in range(6)), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert ": warning: question bank:" in result.output
    assert result.exit_code == 0  # warnings alone exit 0 (issue 20 point 5) ...
    strict = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1 and strict.output == result.output  # ... 1 with --strict


# ---------------------------------------------------------------- the bundled curricula


def test_bundled_curricula_validate_clean():
    """No error, and no question-bank warning; the timetable's free time is announced."""
    problems = validate_paths([str(CURRICULA)])
    assert [str(p) for p in problems if p.severity != "warning"] == []
    assert [str(p) for p in problems if "free time" not in p.message] == []


@pytest.fixture(scope="module")
def dakar():
    return load_workshop(CURRICULA / "workshops" / "dakar-2019.yaml")


def test_every_default_test_of_the_bundled_workshop_is_blind_proof(dakar):
    """Done when: the best blind strategy scores at most 40 % on every default test."""
    for stage in ("pre", "post"):
        for seed in (None, dakar.tests.shuffle):
            test = list(stage_questions(dakar, stage, seed))
            for lang in dakar.languages:
                score, strategy = bank.blind_score(test, lang)
                assert score <= 40, (stage, seed, lang, score, strategy)


def _bank():
    return [question for path in sorted((CURRICULA / "modules").glob("*.yaml"))
            for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


def test_bank_keys_are_spread():
    questions = _bank()
    single = [x for x in questions if x["type"] == "single"]
    keys = [next(i for i, c in enumerate(x["choices"]) if c.get("correct")) for x in single]
    assert max(keys.count(p) for p in set(keys)) <= 0.35 * len(single)
    for lang in ("fr", "en"):
        longest = 0
        for x in single:
            lengths = [len(c["text"][lang]) for c in x["choices"]]
            key = next(i for i, c in enumerate(x["choices"]) if c.get("correct"))
            longest += lengths.count(max(lengths)) == 1 and lengths[key] == max(lengths)
        assert longest <= len(single) / 3, (lang, longest, len(single))
    multiple = [x for x in questions if x["type"] == "multiple"]
    sizes = {sum(bool(c.get("correct")) for c in x["choices"]) for x in multiple}
    assert 1 in sizes and 4 in sizes and len(sizes) >= 3
    assert any(x["choices"][3].get("correct") for x in multiple)  # option d is sometimes right
    sets = [tuple(i for i, c in enumerate(x["choices"]) if c.get("correct")) for x in multiple]
    assert max(sets.count(s) for s in set(sets)) <= len(multiple) / 3
    tf = [x for x in questions if x["type"] == "true-false"]
    trues = sum(1 for x in tf if x["choices"][0].get("correct"))
    assert abs(trues - (len(tf) - trues)) <= 2, (trues, len(tf))


def test_every_objective_default_item_is_a_case_of_that_objective(dakar):
    """The first question of each objective is the default test item: never a recall count."""
    for question in stage_questions(dakar, "pre", None):
        assert question.type != "number", question.id
