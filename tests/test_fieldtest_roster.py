"""Field test: a French roster (one person missing) with the Kobo samples, grouped by column."""
from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from toolkit.cli import main

KOBO = "samples/kobo"
ROSTER = "rosters/liste-participants-fr.csv"  # Code, Prénom, Nom, Sexe, Pays, ...; no DKR-07


def _score(data_dir, *args):
    key, pre, post = (str(data_dir / KOBO / name)
                      for name in ("answer-key.csv", "pre_xml.csv", "post_xml.csv"))
    return CliRunner().invoke(main, ["score", "--key", key, "--pre", pre, "--post", post,
                                     "--participants", str(data_dir / ROSTER), *args],
                              catch_exceptions=False)


def test_group_by_accepts_the_roster_header_words(data_dir):
    # fieldtest: --group-by pays was refused although the roster's header is "Pays"
    english = json.loads(_score(data_dir, "--group-by", "sex,country", "--json").stdout)
    french = json.loads(_score(data_dir, "--group-by", "Sexe,pays", "--json").stdout)
    assert french["groups"] == english["groups"]  # keys of the contract: sex, country
    assert [(g["value"], g["n"], g["suppressed"]) for g in english["groups"]["sex"]] == [
        # the 7 men are hidden too: with the total they would reveal the 1 (issue 14.17)
        ("F", 14, False), ("M", 7, True), (None, 1, True)]


def test_person_missing_from_roster_is_listed_with_id(data_dir):
    result = _score(data_dir, "--group-by", "organisation")
    assert result.exit_code == 0
    assert "Not in the participant list (scored under their own id): 2\n" in result.stdout
    # named by what the row holds, with the fix (issue 14 point 3)
    said = ': the code "DKR-07" is not in the participant list; scored under their code DKR-07.'
    assert f"pre_xml.csv, row 8{said} Add them to the participant list" in result.stdout
    assert f"post_xml.csv, row 7{said}" in result.stdout
    assert "@example.org" not in result.stdout and "+221" not in result.stdout


def test_unknown_group_column_names_the_choices(data_dir):
    result = CliRunner().invoke(main, [
        "score", "--key", str(data_dir / KOBO / "answer-key.csv"),
        "--pre", str(data_dir / KOBO / "pre_xml.csv"),
        "--participants", str(data_dir / ROSTER), "--group-by", "region"])
    assert result.exit_code == 1
    assert "Use one of: country, function, organisation, sex" in result.output


def test_roster_without_codes_says_how_to_fix_it(tmp_path):
    from toolkit.errors import ColumnError
    from toolkit.responses import read_roster

    # fieldtest: a Google Forms facilitator's list has names and e-mails but no codes
    roster = tmp_path / "liste.csv"
    roster.write_text("N°;Nom et prénom;Sexe;Adresse e-mail\n1;Aminata Diallo;F;a@example.org\n",
                      encoding="utf-8")
    with pytest.raises(ColumnError, match=r"add a column Code with a unique code per "
                                          r"participant \(e\.g\. DKR-01\)"):
        read_roster(roster)
