"""Structural checks on the mixed-migration and international-recruitment modules.

These read the YAML directly (not through the loader) so the content keeps its shape
whatever happens to toolkit/curriculum.py: bilingual everywhere, a full teaching day,
enough questions per objective, exactly one right answer where one is expected.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "curricula" / "modules"
CASES = [("mixed-migration", "mm-"), ("international-recruitment", "ir-")]
METHODS = {"presentation", "plenary", "group-work", "case-study", "role-play", "energizer",
           "field-visit", "test"}
TYPES = {"single", "multiple", "true-false", "number"}
TEXT_KEYS = {"title", "summary", "audience", "prerequisites", "text", "facilitator_notes",
             "handout", "explanation", "term"}
LIST_TEXT_KEYS = {"steps", "key_messages", "materials"}


def _load(module_id: str) -> dict[str, Any]:
    with open(MODULES / f"{module_id}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _texts(node: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for every value that must be a bilingual Text."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in TEXT_KEYS:
                yield here, value
            elif key in LIST_TEXT_KEYS:
                for i, item in enumerate(value):
                    yield f"{here}[{i}]", item
            else:
                yield from _texts(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, f"{path}[{i}]")


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], str]:
    module_id, prefix = request.param
    module = _load(module_id)
    assert module["id"] == module_id
    return module, prefix


def test_every_text_has_french_and_english(case):
    module, _ = case
    texts = list(_texts(module))
    assert len(texts) > 100  # the walk really reached the content
    for path, value in texts:
        assert isinstance(value, dict), f"{path} is not a {{fr, en}} mapping"
        assert set(value) == {"fr", "en"}, f"{path} has languages {sorted(value)}"
        for lang in ("fr", "en"):
            assert isinstance(value[lang], str) and value[lang].strip(), f"{path}.{lang} empty"


def test_french_typography(case):
    module, _ = case
    for path, value in _texts(module):
        fr, en = value["fr"], value["en"]
        assert not re.search(r" [;:?!»]|« ", fr), f"{path}.fr needs a no-break space: {fr[:60]}"
        assert "«" not in en and "\u00a0" not in en, f"{path}.en has French typography"


def test_ids_unique_and_prefixed(case):
    module, prefix = case
    ids = ([o["id"] for o in module["objectives"]] + [s["id"] for s in module["sessions"]]
           + [q["id"] for q in module["questions"]])
    assert len(ids) == len(set(ids))
    assert all(i.startswith(prefix) for i in ids), [i for i in ids if not i.startswith(prefix)]


def test_objectives_count_and_wording(case):
    module, _ = case
    assert 4 <= len(module["objectives"]) <= 5
    for objective in module["objectives"]:
        assert objective["text"]["fr"].startswith("D'ici la fin, les participants sont capables")
        assert objective["text"]["en"].startswith("By the end, participants can")


def test_sessions_fill_one_teaching_day(case):
    module, _ = case
    sessions = module["sessions"]
    total = sum(s["minutes"] for s in sessions)
    assert 330 <= total <= 390, total
    assert len({s["method"] for s in sessions}) >= 4
    objective_ids = {o["id"] for o in module["objectives"]}
    served: set[str] = set()
    for session in sessions:
        assert session["method"] in METHODS
        assert session["objectives"] and set(session["objectives"]) <= objective_ids
        served |= set(session["objectives"])
        assert 2 <= len(session["key_messages"]) <= 4, session["id"]
        assert session["materials"] and session["facilitator_notes"]
        step_minutes = [int(re.match(r"(\d+) min", step["en"]).group(1))
                        for step in session["steps"]]
        assert sum(step_minutes) == session["minutes"], session["id"]
        for step in session["steps"]:
            assert re.match(r"\d+ min\u00a0: ", step["fr"]), step["fr"]
    assert served == objective_ids


def test_question_bank(case):
    module, _ = case
    questions = module["questions"]
    assert len(questions) >= 12
    per_objective = {o["id"]: 0 for o in module["objectives"]}
    for q in questions:
        assert q["type"] in TYPES, q["id"]
        assert q["objective"] in per_objective, q["id"]
        per_objective[q["objective"]] += 1
        assert q["explanation"]["fr"] and q["explanation"]["en"]
        if q["type"] == "number":
            assert isinstance(q["answer"], (int, float)) and "choices" not in q
            continue
        choice_ids = [c["id"] for c in q["choices"]]
        assert len(choice_ids) == len(set(choice_ids)) >= 2, q["id"]
        assert all(re.fullmatch(r"[a-z]+", c) for c in choice_ids), q["id"]
        n_correct = sum(1 for c in q["choices"] if c.get("correct") is True)
        if q["type"] == "true-false":
            assert choice_ids == ["true", "false"], q["id"]
        if q["type"] in ("single", "true-false"):
            assert n_correct == 1, q["id"]
        else:
            assert 1 <= n_correct < len(choice_ids), q["id"]
    assert all(n >= 2 for n in per_objective.values()), per_objective
    assert len({q["type"] for q in questions}) >= 3


def test_definitions_and_references(case):
    module, _ = case
    assert 5 <= len(module["definitions"]) <= 8
    # sources and publishers in each language (issue 16), or one proper name for all
    assert all(d["source"]["fr"].strip() and d["source"]["en"].strip()
               if isinstance(d["source"], dict) else d["source"].strip()
               for d in module["definitions"])
    assert len(module["references"]) >= 5
    for ref in module["references"]:
        assert isinstance(ref["year"], int) and 1900 < ref["year"] < 2030
        publisher = ref["publisher"]
        assert (publisher["fr"].strip() and publisher["en"].strip()
                if isinstance(publisher, dict) else publisher.strip())
