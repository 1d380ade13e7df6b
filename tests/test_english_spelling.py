"""Issue 16 point 4: one English spelling, UN editorial style (Oxford spelling).

Oxford spelling: -ize/-ization where Oxford has it (organize, organization, recognize,
normalize, summarize ...), -ise where Oxford keeps it (advise, exercise, comprise, revise,
supervise, surprise, expertise ... : ``OXFORD_ISE``), -yse (analyse), and British forms
elsewhere: programme (a computer program stays "program"), labour, centre, behaviour,
favour, travelled, fulfil, enrol(ment), defence, licence (noun), practise (verb), ageing,
acknowledgement; "judgment" and "judgement" are both accepted (the UN writes "judgment" for a
court's ruling). Documents print English quotes curly: “ ” and ’.

Checked, each by ``non_oxford``:

(a) every English message of the catalogue (the msgids of toolkit/locale/fr, which are the
    English texts; click's own messages are click's), every ``en:`` text of the bundled
    content (curricula: modules and the example workshop), and every English literal of a
    ``{"fr": ..., "en": ...}`` table in the code (e-mail body, satisfaction questions, the
    ``workshop init`` template);
(b) the text of every English document of the demo built with the interface in English (the
    ``demos`` session fixture of conftest.py, built once and shared with
    test_one_language.py): PDFs, spreadsheets, keys, notes and calendar, and the English
    columns of the XLSForms; the PDFs also have no straight quote.

Not words of ours, so left out: participant data (names, organizations, functions) read from
the demo's roster, the names that test_one_language.py allows in both languages, YAML keys
(``organisers:``, ``organisation:``: the file format) and ``{placeholders}``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from test_one_language import clean, documents, pdf_text, xlsform_columns

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "toolkit" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
CONTENT = sorted((ROOT / "toolkit" / "data" / "curricula").glob("*/*.yaml"))

# Words ending in -ise that Oxford spelling keeps (the verb is not formed with -ize) ...
OXFORD_ISE = frozenset(
    "advise exercise comprise compromise supervise revise surprise enterprise expertise premise "
    "franchise improvise advertise devise televise despise apprise chastise excise incise "
    "circumcise surmise merchandise".split())
# ... and words where "ise" is no suffix at all (raise, precise, promise, the plural "crises").
NOT_A_SUFFIX = frozenset(
    "raise praise wise otherwise likewise clockwise precise imprecise concise promise noise "
    "poise arise rise sunrise cruise bruise guise disguise paradise treatise demise valise "
    "reprise crise".split())
ISE = re.compile(r"([a-z]+)is(?:e|ed|es|ing|ation|ations|ational|er|ers|able)")

# US spellings that Oxford/UN style writes otherwise (the British form in the comment).
US = re.compile(r"(?<![\w-])(?:" + "|".join((
    r"labor(?:s|ed|ing|er|ers)?",  # labour
    r"behavior\w*", r"colors?|colored|colorful", r"favor(?:s|ed|ing|able|ably|ite|ites)?",
    r"honor(?:s|ed|ing|able|ary)?", r"neighbor\w*", r"humor", r"rumors?", r"endeavor\w*",
    r"centers?|centered",  # centre
    r"[a-z]+yz(?:e|ed|es|ing|er|ers|ation)",  # analyse, paralyse, catalyse
    r"(?:travel|label|model|cancel|counsel|signal|level|fuel|total|equal)(?:ed|ing)",
    r"counselors?", r"travelers?",  # travelled, labelled, counsellor ...
    r"fulfill|fulfills|fulfillment|enroll|enrolls|enrollment|skillful|willful|installment",
    r"defense|offense|pretense",  # defence
    # licence, the noun (after a determiner); the verb is "license": "the authority licenses"
    r"(?:a|an|the|its|their|his|her|no|valid|operating|driving|business)\s+licenses?",
    r"practic(?:ed|ing)",  # practise (the verb)
    r"aging", r"acknowledgments?", r"catalogs?", r"dialogs?", r"gray", r"percent",
    r"programs?",  # programme (a computer program is taken out before)
)) + r")(?![\w-])", re.IGNORECASE)

# Phrases where the US-looking form is right, taken out before the check:
RIGHT_AS_IS = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(?:spreadsheet|mail|e-mail|computer)\s+programs?\b",  # a computer program
    r"\bby\s+a\s+program\b",  # "written by a program, not saved by a spreadsheet program"
)]

# Official names and titles printed as published, and other words that are not our spelling.
# Each is here for a reason.
ALLOWED = [re.compile(p) for p in (
    # the roster template's English header line: its column names are the file format the
    # readers accept (toolkit/headers.py, which takes "organization" as well)
    r"id\|family name\|given names\|sex\|organisation\|function\|country\|e-mail\|phone",
    # French column names quoted as the headers to type (roster message)
    r"id, nom, prénom, sexe, organisation, fonction, pays",
)]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A participant's comment quoted in the language it was written in (the report says which)
QUOTED_OTHER = re.compile(r"“[^”]*”\s*\(in (?!English)[A-Z][a-z]+\)")
YAML_KEY = re.compile(r"(?m)^[ \t]*(?:- )?[a-z_]+:(?=\s|$)")


def non_oxford(text: str) -> list[str]:
    """The words of ``text`` that Oxford spelling (UN style) writes otherwise."""
    for pattern in (*ALLOWED, *RIGHT_AS_IS, PLACEHOLDER):
        text = pattern.sub(" ", text)
    found = [m.group(0) for m in US.finditer(text)]
    for word in re.findall(r"[^\W\d_]+", text):
        match = ISE.fullmatch(word.lower()) if word.isascii() else None
        if match and f"{match.group(1)}ise" not in OXFORD_ISE | NOT_A_SUFFIX:
            found.append(word)
    return found


def test_the_check_knows_oxford_spelling():
    assert non_oxford("Organised by the organisers; the organisation's key") == [
        "Organised", "organisers", "organisation"]
    assert non_oxford("Organized by the organizers for the International Labour Organization"
                      " and the International Organization for Migration") == []
    assert non_oxford("We recognise, normalise and summarise; they analyze") == [
        "analyze", "recognise", "normalise", "summarise"]
    # Oxford keeps -ise here, and -yse
    assert non_oxford("Advise, exercise, revise, supervise; a surprise; expertise; compromise;"
                      " the premises; analyse; promised; precise; raised; otherwise") == []
    # British forms elsewhere, and the computer program
    assert non_oxford("labor, center, behavior, color, favor, traveled, fulfill, enrollment,"
                      " defense, aging, acknowledgment, programs") == [
        "labor", "center", "behavior", "color", "favor", "traveled", "fulfill", "enrollment",
        "defense", "aging", "acknowledgment", "programs"]
    assert non_oxford("labour, centre, behaviour, favour, travelled, fulfil, enrolment, "
                      "defence, ageing, acknowledgement, the programme, judgment") == []
    assert non_oxford("written by a program, not saved by a spreadsheet program") == []
    # licence is the noun, license the verb
    assert non_oxford("a recruiter without a license") == ["a license"]
    assert non_oxford("the ministry licenses agencies; check the agency's licence") == []
    # French words and placeholders are not read
    assert non_oxford("la féminisation {organisers} française") == []


# ---------------------------------------------------------------- (a) the words we ship


def catalogue_messages() -> list[str]:
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    out = []
    for message in catalogue:
        if not message.id or all(path.startswith("click/") for path, _ in message.locations):
            continue
        out += [message.id] if isinstance(message.id, str) else list(message.id)
    return out


def english_texts(node, path: str = "") -> list[tuple[str, str]]:
    """(where, text) of every ``en:`` text in a loaded YAML document."""
    if isinstance(node, dict):
        return [pair for key, value in node.items()
                for pair in ([(f"{path}.en", value)] if key == "en" and isinstance(value, str)
                             else english_texts(value, f"{path}.{key}"))]
    if isinstance(node, list):
        return [pair for i, value in enumerate(node) for pair in english_texts(value, f"{path}.{i}")]
    return []


def code_english() -> list[tuple[str, str]]:
    """(where, text) of every English literal of a {"fr": ..., "en": ...} table in the code."""
    out = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if "en" not in keys or "fr" not in keys:
                continue
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "en":
                    # the texts, not the keys of a table ({"organiser": "Your organization"})
                    inner = {id(k) for d in ast.walk(value) if isinstance(d, ast.Dict)
                             for k in d.keys}
                    out += [(f"{path.relative_to(ROOT)}:{part.lineno}", part.value)
                            for part in ast.walk(value) if isinstance(part, ast.Constant)
                            and isinstance(part.value, str) and id(part) not in inner]
    return out


def test_catalogue_messages_use_oxford_spelling():
    messages = catalogue_messages()
    assert len(messages) > 1000  # the catalogue was read
    wrong = {text[:120]: words for text in messages if (words := non_oxford(text))}
    assert not wrong, wrong


def test_bundled_content_uses_oxford_spelling():
    assert {p.parent.name for p in CONTENT} == {"modules", "workshops"}
    texts = [(f"{path.name}{where}", text) for path in CONTENT
             for where, text in english_texts(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert len(texts) > 500
    wrong = {where: words for where, text in texts if (words := non_oxford(text))}
    assert not wrong, wrong


def test_english_literals_in_the_code_use_oxford_spelling():
    texts = code_english()
    where = {w.split(":")[0] for w, _ in texts}
    assert {"toolkit/mailer.py", "toolkit/starter.py", "toolkit/survey_forms.py"} <= where
    wrong = {w: words for w, text in texts if (words := non_oxford(YAML_KEY.sub(" ", text)))}
    assert not wrong, wrong


def test_a_wrong_spelling_is_caught_in_each_source(tmp_path):
    """The three readers find a word put back the old way (so the tests above can fail)."""
    assert non_oxford(" ".join(catalogue_messages()).replace("Organized by", "Organised by"))
    module = next(p for p in CONTENT if p.name == "gender-advocacy.yaml")
    text = module.read_text(encoding="utf-8").replace("organizations", "organisations", 1)
    assert any(non_oxford(t) for _, t in english_texts(yaml.safe_load(text)))
    assert non_oxford(YAML_KEY.sub(" ", "organisers:\n  - name: Your organisation\n"))


# ---------------------------------------------------------------- (b) the English documents


def english_documents(folder: Path) -> dict[str, str]:
    """{file name: text} of the English demo's documents, the report and the English-only
    certificates among them (not the bilingual certificates.pdf)."""
    found = documents(folder, "en")
    found["evaluation-report-en.pdf"] = pdf_text(folder / "evaluation-report-en.pdf")
    return found


def test_english_documents_use_oxford_spelling(demos):
    found = english_documents(demos["en"])
    assert {"agenda-en.pdf", "cert-en.pdf", "evaluation-report-en.pdf",
            "materials/en/handout-en.pdf", "materials/en/facilitator-guide-en.pdf"} <= set(found)
    wrong = {name: words for name, text in found.items()
             if (words := non_oxford(clean(QUOTED_OTHER.sub(" ", text))))}
    assert not wrong, wrong
    # the cover of the report and of the guide says who organized the workshop
    assert "Organized by" in found["evaluation-report-en.pdf"]


def test_english_columns_of_the_test_forms_use_oxford_spelling(demos):
    """The XLSForms (one label column per language): their English labels, hints, messages."""
    for stage in ("pre", "post"):
        english = xlsform_columns(demos["en"] / "test-forms" / f"{stage}-test-xlsform.xlsx")["en"]
        assert english.count("\n") > 20  # the questions are there
        assert not non_oxford(clean(english)), (stage, non_oxford(clean(english)))


def test_english_pdfs_have_curly_quotes(demos):
    texts = {name: text for name, text in english_documents(demos["en"]).items()
             if name.endswith(".pdf")}
    assert len(texts) >= 10
    straight = {name: [line for line in text.splitlines() if "'" in line or '"' in line]
                for name, text in texts.items()}
    assert not any(straight.values()), {k: v for k, v in straight.items() if v}


@pytest.mark.parametrize("old", ["Organised by", "organisation"])
def test_a_wrong_spelling_in_a_document_is_caught(demos, old):
    text = english_documents(demos["en"])["evaluation-report-en.pdf"]
    assert non_oxford(clean(text + "\n" + old))
