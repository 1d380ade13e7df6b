"""The score contract stays byte-identical: `workshop score --json` against saved golden files.

The files in tests/data/golden/ were written by the CLI before the application layer was
introduced (issue 13); any refactoring must print exactly the same bytes. They were written
again once, on purpose, when the contract grew and the demo changed: two new keys
(``intervals``, ``matching``), the Wilcoxon p of the Kobo sample corrected from 1.653e-04 to
scipy's 1.616e-04 (ties no longer split by float noise, issue 14 point 8), and the demo's
regenerated data (new question banks, issue 18); every other key and value was unchanged.
Written again in December 2026 when the 95 % intervals stopped importing scipy: only
``intervals`` moved, the d_z ends by at most 2e-7 relative (the toolkit's noncentral t puts the
observed t at 2.5 % / 97.5 % to 1e-13, where scipy's inverse stopped at 8e-8) and the alpha
ends by 1e-14.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import DATA, ROOT
from toolkit.cli import main

GOLDEN = DATA / "golden"
KOBO = "tests/data/samples/kobo"
CASES = {
    "score-dakar-2019.json": ["dakar-2019"],
    "score-kobo-key-pre-post.json": ["--key", f"{KOBO}/answer-key.csv",
                                     "--pre", f"{KOBO}/pre_xml.csv",
                                     "--post", f"{KOBO}/post_xml.csv"],
    "score-kobo-key-roster.json": ["--key", f"{KOBO}/answer-key.csv",
                                   "--pre", f"{KOBO}/pre_xml.csv",
                                   "--post", f"{KOBO}/post_xml.csv",
                                   "--participants", "tests/data/report/roster.csv",
                                   "--group-by", "sex,country"],
    "score-forms-key-post-only.json": ["--key", "tests/data/keys/forms-quiz-key.csv",
                                       "--post", "tests/data/samples/other/"
                                                 "google_forms_quiz_en.csv"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_score_json_is_byte_identical_to_the_golden_file(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # the contract prints the paths as given
    result = CliRunner().invoke(main, ["score", *CASES[name], "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / name).read_bytes().replace(b"{ROOT}", str(ROOT).encode())
    assert result.stdout_bytes == expected
