"""Contact details never reach print: masked in roster fields and comments, and said so."""
from __future__ import annotations

import re

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from toolkit.curriculum import load_workshop
from toolkit.privacy import mask_contacts
from toolkit.responses import read_roster
from toolkit.scoring.likert import scrub

CONTACT = re.compile(r"@|example|gmail|\+221|70 000|77 123|\bat\b.*\bdot\b|\[at\]")


@pytest.mark.parametrize("text, masked", [
    ("ONG Jeunesse (aissatou.ndiaye@example.org)", "ONG Jeunesse ([e-mail])"),
    ("Coordinateur, tél. +221 70 000 02 06", "Coordinateur, tél. [phone]"),
    ("Écrivez à fatou.sow @ example.org", "Écrivez à [e-mail]"),
    ("awa.diallo at gmail dot com", "[e-mail]"),
    ("awa[at]example[dot]org svp", "[e-mail] svp"),
    ("WhatsApp 77 123 45 67", "WhatsApp [phone]"),
])
def test_contacts_are_masked(text, masked):
    assert mask_contacts(text) == (masked, True)


@pytest.mark.parametrize("text", [
    "Convention de 1951, art. 33", "Protocole A/P.1/5/79", "1951-1967", "A/RES/73/195",
    "Loi 2005-06 du 10 mai 2005", "le 1er juillet 2003", "10/04/2019", "Je suis arrivé at home",
])
def test_ordinary_text_is_left_alone(text):
    assert mask_contacts(text) == (text, False)


def test_comments_lose_obfuscated_addresses():
    assert scrub("Merci ! awa[at]example[dot]org ou +221 77 000 00 00") == \
        "Merci ! [e-mail] ou [phone]"


def _roster(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "nom", "prénoms", "sexe", "organisation", "fonction", "pays",
                  "e-mail", "téléphone"])
    sheet.append(["DKR-01", "NDIAYE", "Aïssatou +221 70 000 01 03", "F",
                  "ONG Jeunesse (aissatou.ndiaye@example.org)",
                  "Coordinateur, tél. +221 70 000 02 06", "Sénégal",
                  "aissatou.ndiaye@example.org", "+221 70 000 01 03"])
    sheet.append(["DKR-02", "SOW", "Fatou", "F", "ONG Espoir", "Juriste", "Sénégal",
                  "fatou@example.org", ""])
    book.save(path)
    return path


def test_roster_masks_printed_fields_and_says_so(tmp_path):
    people = read_roster(_roster(tmp_path / "roster.xlsx"))
    first = people[0]
    assert (first.given_names, first.organisation, first.function) == (
        "Aïssatou [phone]", "ONG Jeunesse ([e-mail])", "Coordinateur, tél. [phone]")
    assert first.email == "aissatou.ndiaye@example.org"  # kept for sending, never printed
    assert len(people.notes) == 3
    assert 'roster.xlsx, row 2, column "organisation"' in " ".join(people.notes)


def test_badges_and_sign_in_sheets_print_no_contact(tmp_path):
    from toolkit.render.materials import write_materials

    roster = _roster(tmp_path / "roster.xlsx")
    paths = write_materials(load_workshop("dakar-2019"), outdir=tmp_path / "m", lang="fr",
                            participants=read_roster(roster))
    printed = [p for p in paths if p.suffix == ".pdf" and
               any(k in p.name for k in ("badge", "sign", "tent", "emarg", "chevalet"))]
    assert printed
    for path in printed:
        text = "".join(page.extract_text() for page in PdfReader(path).pages)
        assert "NDIAYE" in text.upper() or "Ndiaye" in text
        assert not CONTACT.search(text), path.name
