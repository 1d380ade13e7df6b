"""The message catalogue (French first), the interface language, and typography by language."""
from __future__ import annotations

import configparser
import gettext as stdlib_gettext
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.i18n import (LanguageError, available_languages, catalog, document_language,
                          format_date, format_date_range, format_pct, format_time, gettext,
                          language_from_environment, ngettext, quote, use_language)
from toolkit.i18n.typography import typeset

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
OTHER = DATA / "samples" / "other"
NNBSP, NBSP = "\u202f", "\u00a0"


# ---------------------------------------------------------------- the catalogue


@pytest.fixture(scope="module")
def template():
    return catalog.extract_template()


def test_every_string_of_the_package_is_in_the_french_catalogue(template):
    """Extract with Babel now; every msgid needs a non-empty, non-fuzzy French msgstr, and the
    committed .mo must be what the .po compiles to."""
    assert len(template) > 500  # the package's strings and click's, not an empty extraction
    assert catalog.problems("fr", template) == []


def test_a_string_missing_from_the_catalogue_is_reported(template, tmp_path, monkeypatch):
    from babel.messages.pofile import write_po

    po = catalog.read("fr")
    po.delete("Evaluation report")
    po["Workshop agenda"].string = ""
    po["Page"].flags.add("fuzzy")
    locale = tmp_path / "fr" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    with open(locale / "messages.po", "wb") as handle:
        write_po(handle, po)
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    found = catalog.problems("fr", template)
    assert "fr: missing: 'Evaluation report'" in found
    assert "fr: untranslated: 'Workshop agenda'" in found
    assert "fr: fuzzy: 'Page'" in found
    assert any("is not compiled from the .po" in p for p in found)


def test_babel_cfg_is_the_extraction_the_tool_uses():
    parser = configparser.RawConfigParser()
    parser.read(ROOT / "babel.cfg", encoding="utf-8")
    sections = [tuple(s.split(": ")[::-1]) for s in parser.sections()]
    assert sections == [tuple(pair) for pair in catalog.METHOD_MAP]


def test_the_extraction_sees_click_help_texts_and_error_messages(template):
    ids = {m.id for m in template if m.id}
    assert "Show this message and exit." in ids  # click's own words
    assert "Evaluation report PDF for donors." in ids  # a one-line summary of `workshop --help`
    assert any(isinstance(i, str) and i.startswith("Score pre/post tests: gains, item") for i in ids)
    assert "{name}: file not found. Check the path and the file name." in ids


def test_the_compiled_catalogue_ships_with_the_package():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["toolkit"]
    assert "locale/*/LC_MESSAGES/*" in patterns
    assert (ROOT / "toolkit" / "locale" / "fr" / "LC_MESSAGES" / "messages.mo").is_file()
    assert set(available_languages()) >= {"en", "fr"}


def test_lookups_translate_and_fail_loudly_on_a_language_without_catalogue():
    assert gettext("Evaluation report", "fr") == "Rapport d’évaluation"
    assert gettext("Evaluation report", "en") == "Evaluation report"
    assert ngettext("{n} workshop", "{n} workshops", 1, "fr").format(n=1) == "1 atelier"
    assert ngettext("{n} workshop", "{n} workshops", 3, "fr").format(n=3) == "3 ateliers"
    with pytest.raises(LanguageError, match="'de'"):
        gettext("Evaluation report", "de")
    from toolkit.render.labels import label
    from toolkit.render.pdf.report_text import tr

    with pytest.raises(LanguageError):
        tr("doc_title", "pt")  # it used to print English without a word
    with pytest.raises(LanguageError):
        label("agenda", "pt")
    assert tr("doc_title", "fr") == "Rapport d’évaluation"
    assert label("session", "fr") == "Séance"


def test_dates_times_numbers_and_quotes_by_language():
    import datetime as dt

    assert format_date(dt.date(2019, 4, 10), "fr") == "10 avril 2019"
    assert format_date(dt.date(2019, 4, 1), "fr") == "1ᵉʳ avril 2019"
    assert format_date_range(dt.date(2019, 4, 10), dt.date(2019, 4, 13), "fr") == \
        "du 10 au 13 avril 2019"
    assert format_date_range(dt.date(2019, 4, 1), dt.date(2019, 4, 3), "fr") == \
        "du 1ᵉʳ au 3 avril 2019"
    assert format_date_range(dt.date(2019, 4, 10), dt.date(2019, 4, 13), "en") == \
        "10\u201313 April 2019"
    assert format_time(dt.time(8, 30), "fr") == "08h30"
    assert format_time(dt.time(8, 30), "en") == "08:30"
    assert format_pct(72.5, "fr") == f"72,5{NNBSP}%"
    assert format_pct(-5.0, "en") == "\u22125.0%"
    assert quote("oui", "fr") == f"«{NNBSP}oui{NNBSP}»"
    assert quote("yes", "en") == "\u201cyes\u201d"


# ---------------------------------------------------------------- the interface language


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_SN.UTF-8"}, "fr"),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # no German catalogue: English, the source
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "WORKSHOP_LANG": "fr"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "WORKSHOP_LANG": "en"}, "en"),
])
def test_language_from_environment(environ, expected):
    assert language_from_environment(environ) == expected


def test_an_unknown_workshop_lang_is_an_error_not_english():
    with pytest.raises(LanguageError, match="WORKSHOP_LANG=de"):
        language_from_environment({"WORKSHOP_LANG": "de"})
    result = CliRunner().invoke(main, ["--help"], env={"WORKSHOP_LANG": "de"})
    assert result.exit_code == 1 and "WORKSHOP_LANG=de" in result.output


def test_documents_default_to_the_interface_language_when_the_workshop_has_it():
    assert document_language(("fr", "en"), None) == "fr"  # library use: the first language
    with use_language("en"):
        assert document_language(("fr", "en"), None) == "en"
        assert document_language(("fr",), None) == "fr"
        assert document_language(("fr", "en"), "fr") == "fr"
    with use_language("fr"):
        assert document_language(("en", "fr"), None) == "fr"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "WORKSHOP_LANG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environ, check=False)


def test_help_is_french_under_a_french_locale_click_words_included():
    out = _run("--help", env={"LANG": "fr_FR.UTF-8"})
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for words in ("Utilisation", f"Options{NBSP}:", f"Commandes{NBSP}:",
                  "Afficher cette aide et quitter.", "Afficher la version et quitter.",
                  "Rapport d’évaluation PDF pour les bailleurs.",
                  "Programmes, supports, tests, attestations"):
        assert words in text, words
    for english in ("Usage:", "Show this message", "Evaluation report PDF for donors"):
        assert english not in text
    english = _run("--help", env={"LANG": "C.UTF-8"})
    assert "Usage:" in english.stdout and "Show this message and exit." in english.stdout
    assert "Utilisation" in _run("--lang", "fr", "--help").stdout


def test_a_command_help_and_a_usage_error_in_french():
    runner = CliRunner()
    help_ = runner.invoke(main, ["score", "--help"], env={"LANG": "fr_FR.UTF-8"})
    assert "Note les pré-tests et post-tests" in help_.output
    assert "Export du pré-test." in help_.output
    missing = runner.invoke(main, ["agenda"], env={"LANG": "fr_FR.UTF-8"})
    assert missing.exit_code == 2
    assert "Argument manquant" in missing.output and "Missing argument" not in missing.output
    # the interface language does not leak out of the command
    assert "LANGUAGE" not in os.environ or os.environ["LANGUAGE"] != "fr"
    assert stdlib_gettext.gettext("Usage:") == "Usage:" or os.environ.get("LANGUAGE")


def test_score_with_a_missing_file_says_so_in_french(tmp_path):
    result = CliRunner().invoke(main, ["--lang", "fr", "score", "--key",
                                       str(DATA / "keys" / "forms-quiz-key.csv"),
                                       "--pre", str(tmp_path / "absent.xlsx")])
    assert result.exit_code == 1
    assert f"Erreur{NBSP}: " in result.output
    assert f"absent.xlsx{NBSP}: fichier introuvable. Vérifiez le chemin" in result.output


def test_validate_a_broken_file_in_french(tmp_path):
    broken = tmp_path / "module.yaml"
    broken.write_text("id: m1\ntitle: {fr: Titre}\nsessions: []\nbogus: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(broken)], env={"WORKSHOP_LANG": "fr"})
    assert result.exit_code == 1
    assert f"le module n’a aucune séance" in result.output
    assert f"clé inconnue «{NNBSP}bogus{NNBSP}»" in result.output
    assert "the module has no sessions" not in result.output


def test_inspect_and_score_summaries_in_french(tmp_path):
    key = str(DATA / "keys" / "forms-quiz-key.csv")
    pre, post = str(OTHER / "google_forms_quiz_en.csv"), str(OTHER / "google_forms_quiz_fr.csv")
    runner = CliRunner()
    inspected = runner.invoke(main, ["--lang", "fr", "inspect", pre, "--key", key])
    assert inspected.exit_code == 0, inspected.output
    assert f"Fichier{NBSP}: " in inspected.output and f"Lignes lues{NBSP}: " in inspected.output
    assert "Rows read" not in inspected.output
    scored = runner.invoke(main, ["--lang", "fr", "score", "--key", key, "--pre", pre,
                                  "--post", post, "-o", str(tmp_path / "scores.xlsx")])
    assert scored.exit_code == 0, scored.output
    assert f"Appariés{NBSP}: n = " in scored.output
    assert f"Lignes rejetées{NBSP}: " in scored.output
    assert "Matched:" not in scored.output and "Rejected rows" not in scored.output
    assert "," in scored.output.split("moyenne", 1)[1].split("%", 1)[0]  # decimal comma

    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "scores.xlsx")
    assert book.sheetnames == ["Résumé", "Participants", "Questions", "Groupes", "Rejetées",
                               "Doublons", "Non appariés"]
    assert [c.value for c in book["Participants"][1]] == [
        "Identifiant du participant", "Avant %", "Après %", "Gain (points)"]
    english = runner.invoke(main, ["--lang", "en", "score", "--key", key, "--pre", pre,
                                   "--post", post, "-o", str(tmp_path / "en.xlsx")])
    assert english.exit_code == 0
    assert load_workbook(tmp_path / "en.xlsx").sheetnames[0] == "Summary"


# ---------------------------------------------------------------- typography


@pytest.mark.parametrize("text, lang, expected", [
    ("L'atelier \"Migration\" : d'accord ? Oui ! Non ; peut-être",
     "fr", f"L’atelier «{NNBSP}Migration{NNBSP}»{NBSP}: d’accord{NNBSP}? Oui{NNBSP}! "
           f"Non{NNBSP}; peut-être"),
    ("It's the \"best\" one", "en", "It’s the \u201cbest\u201d one"),
    ("« oui »", "fr", f"«{NNBSP}oui{NNBSP}»"),
    ("Le 1er avril, un score de -5,0", "fr", "Le 1ᵉʳ avril, un score de \u22125,0"),
    ("Voir https://example.org/a?b=1&c=d ou x.y@iom.int : fin", "fr",
     f"Voir https://example.org/a?b=1&c=d ou x.y@iom.int{NBSP}: fin"),
    ("Codes DKR-01, 2019-2020 et `a:b` à 08:30", "fr", "Codes DKR-01, 2019-2020 et `a:b` à 08:30"),
    ("{where} : la question", "fr", f"{{where}}{NBSP}: la question"),
    ("<b>Participants :</b> 12", "fr", f"<b>Participants{NBSP}:</b> 12"),
])
def test_typeset(text, lang, expected):
    assert typeset(text, lang) == expected
    assert typeset(expected, lang) == expected  # applying it twice changes nothing


def test_typeset_markup_sets_1er_as_superscript():
    assert typeset("le 1er jour", "fr", markup=True) == 'le 1<super size="-1">er</super> jour'


def test_french_catalogue_follows_french_typography():
    """Every French message is already in French typography (’, « », no-break spaces before
    : ; ? ! and %), apart from YAML keys written as typed ("answer:", "tests: pre:") and a
    literal straight quote character."""
    import re

    po = catalog.read("fr")
    bad = []
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            text = re.sub(r"(?:\b[A-Za-z_]+|\{\w+\})(?::[A-Za-z_]+)*:(?= |$)|\(\"\)", "", text)
            if typeset(text, "fr") != text:
                bad.append(text)
    assert bad == []


def test_no_language_branch_is_left_in_the_code():
    """Adding a language is one .po file plus the content's translations: no code compares a
    language code with "fr" or "en" to choose words or punctuation."""
    import re

    pattern = re.compile(r"""[!=]=\s*["'](fr|en)["']|["'](fr|en)["']\s*[!=]=""")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "toolkit").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


def test_the_bilingual_certificate_says_every_line_in_both_languages(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from certificates_fixtures import ROSTER, make_workshop
    from pypdf import PdfReader

    from toolkit.model import Signatory, Text
    from toolkit.render.pdf.certificates import render_certificates

    import dataclasses

    from toolkit.model import Organisation

    ws = make_workshop(signatories=(Signatory(
        "Bakary Doumbia", Text.of({"fr": "Chef de mission", "en": "Chief of Mission"}),
        Text.of({"fr": "OIM Sénégal", "en": "IOM Senegal"})),))
    # a funder other than the EU (the EU gets its own emblem and statement instead)
    ws = dataclasses.replace(ws, funders=(Organisation(Text.of(
        {"fr": "Coopération suisse", "en": "Swiss Cooperation"})),), organisers=(
        Organisation(Text.of({"fr": "Organisation internationale pour les migrations",
                              "en": "International Organization for Migration"})),
        Organisation(Text.of("DIADEM"))))
    out = tmp_path / "c.pdf"
    render_certificates(ws, [(ROSTER[0], "participation", "EX24-7F3K-Q9X5")], output=out,
                        lang="both")
    page = " ".join(PdfReader(out).pages[0].extract_text().split()).replace(NNBSP, " ")
    page = page.replace(NBSP, " ")
    for words in ("Fait à Dakar, le 5 mars 2024", "Dakar, 5 March 2024",
                  "Avec le soutien financier de : / With financial support from:",
                  "Code de vérification", "Verification code",
                  "Vérifier / Verify : https://verify.example.org/EX24-7F3K-Q9X5",
                  "Chef de mission, OIM Sénégal", "Chief of Mission, IOM Senegal",
                  # organisers and funders named in both languages, a proper name once
                  "Organisation internationale pour les migrations / International "
                  "Organization for Migration", "Coopération suisse / Swiss Cooperation"):
        assert words in page, words
    assert page.count("DIADEM") == 1
    # the EU's funding statement in both languages beside its emblem
    eu = dataclasses.replace(ws, funders=(Organisation(Text.of(
        {"fr": "Union européenne", "en": "European Union"})),))
    render_certificates(eu, [(ROSTER[0], "participation", "EX24-7F3K-Q9X5")], output=out,
                        lang="both")
    page = " ".join(PdfReader(out).pages[0].extract_text().split()).replace(NNBSP, " ")
    page = page.replace(NBSP, " ")
    assert "Financé par l’Union européenne" in page and "Funded by the European Union" in page
    english = tmp_path / "en.pdf"
    render_certificates(ws, [(ROSTER[0], "participation", "EX24-7F3K-Q9X5")], output=english,
                        lang="en")
    text = " ".join(PdfReader(english).pages[0].extract_text().split())
    assert "Chief of Mission, IOM Senegal" in text
    assert "OIM" not in text and "Fait à" not in text and "Vérifier" not in text


def test_country_names_come_from_cldr_in_the_document_language():
    from toolkit.i18n import country_name

    assert country_name("SN", "en") == "Senegal"
    assert country_name("Sénégal", "en") == "Senegal"  # a roster that writes names out
    assert country_name("Côte d'Ivoire", "fr") == "Côte d’Ivoire"
    assert country_name("Guinea", "fr") == "Guinée"
    assert country_name("Atlantis", "fr") == "Atlantis"


def test_problem_codes_print_as_words():
    from toolkit.render.pdf.report_text import code_word

    assert code_word("missing-identity", "fr") == "identité manquante"
    assert code_word("missing-identity", "en") == "identity missing"
    assert code_word("something-new", "fr") == "something-new"
