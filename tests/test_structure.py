"""Issue 17 (4): handout texts printed in their shape (timeline table, lists, tick boxes,
terms), with nothing dropped, and each definition once."""
from __future__ import annotations

import re

import pytest

from toolkit.app import demo_source
from toolkit.curriculum import load_workshop
from toolkit.render.pdf.structure import blocks, fold, repeats_definitions


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def source_words(text: str) -> list[str]:
    """The words of a text less its list markers "1)" "2." (the list prints its own)."""
    return words(re.sub(r"(?:(?<=\s)|^)\d{1,2}[.)](?=\s)", " ", text))


def flatten(found) -> str:
    parts = []
    for block in found:
        for item in block.items:
            parts += list(item) if isinstance(item, tuple) else [item]
    return " ".join(parts)


@pytest.mark.parametrize("text, kinds", [
    ("1951 : Convention relative au statut des réfugiés. 1967 : Protocole. 1969 : Convention "
     "de l'OUA (art. I(2)). 2018 : Pacte mondial.", ["timeline"]),
    ("Premier contact en cinq gestes : 1) se présenter ; 2) demander le consentement ; "
     "3) écouter ; 4) expliquer les options. Un enfant est toujours orienté.",
     ["prose", "numbered", "prose"]),
    ("Grille rapide : 1) l'agence a-t-elle une licence ? 2) le contrat est-il écrit ? "
     "3) me demande-t-on de payer ? Une seule mauvaise réponse suffit.",
     ["prose", "checklist", "prose"]),
    ("Before using a testimony: does the person know where? Has she agreed? Can she "
     "withdraw? When in doubt, do not publish.", ["prose", "checklist", "prose"]),
    ("The eleven ILO indicators of forced labour (2012): abuse of vulnerability; deception; "
     "isolation; debt bondage; excessive overtime. One indicator proves nothing.",
     ["prose", "checklist", "prose"]),
    ("The model looks at four levels: individual; household; community; structural. At "
     "every level, look for both.", ["prose", "list", "prose"]),
    ("Réfugié : personne qui craint d'être persécutée. Migrant : terme générique. Demandeur "
     "d'asile : personne dont la demande n'est pas tranchée.", ["terms"]),
    ("Le principe « l'employeur paie » : aucun frais à la charge des travailleurs.", ["prose"]),
])
def test_shapes_are_recognised_and_nothing_is_dropped(text, kinds):
    found = blocks(text)
    assert [b.kind for b in found] == kinds
    assert words(flatten(found)) in (words(text), source_words(text))


def test_every_handout_text_of_the_demo_keeps_all_its_words():
    ws = load_workshop(str(demo_source()))
    shaped = 0
    for lang in ws.languages:
        for module in ws.modules:
            for session in module.sessions:
                text = session.handout.get(lang, ())
                if text:
                    found = blocks(text)
                    assert words(flatten(found)) in (words(text), source_words(text)), \
                        session.id
                    shaped += any(b.kind != "prose" for b in found)
    assert shaped >= 20  # most texts have a shape worth printing


def test_a_text_that_repeats_the_module_definitions_is_recognised():
    terms = {fold(t) for t in ("Réfugié", "Demandeur d’asile", "Migrant")}
    found = blocks("Réfugié : personne hors de son pays. Demandeur d'asile : personne dont la "
                   "demande n'est pas tranchée. Migrant : terme générique.")
    assert repeats_definitions(found, terms)
    assert not repeats_definitions(blocks("Méditerranée centrale : Libye. Route atlantique : "
                                          "Canaries. Risques : désert."), terms)
