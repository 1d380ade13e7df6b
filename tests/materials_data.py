"""Workshop and roster objects for the schedule, agenda and materials tests.

Built directly from toolkit.model so these tests do not depend on the YAML loader.
"""
from __future__ import annotations

import datetime as dt

from toolkit.model import (
    Break, Choice, Day, Definition, Frame, Module, Objective, Organisation, Participant,
    ProgrammeItem, Question, Reference, Session, Text, Workshop,
)

T = Text.of


def frame(start="08:30", end="17:00", breaks=(("10:00", 30), ("12:30", 60), ("15:30", 15))):
    return Frame(start=dt.time.fromisoformat(start), end=dt.time.fromisoformat(end),
                 breaks=tuple(Break(dt.time.fromisoformat(t), m,
                                    T({"fr": "Pause café" if m < 60 else "Déjeuner",
                                       "en": "Coffee break" if m < 60 else "Lunch"}))
                              for t, m in breaks))


def days(n=4, first=dt.date(2019, 4, 10), **kwargs):
    return tuple(Day(first + dt.timedelta(days=i), frame(**kwargs)) for i in range(n))


def session(sid, minutes, method="presentation", module="m1", **kwargs):
    return Session(id=sid, title=T({"fr": f"Séance {sid}", "en": f"Session {sid}"}),
                   minutes=minutes, method=method, module=module, **kwargs)


def module(mid, *sessions_, **kwargs):
    return Module(id=mid, title=T({"fr": f"Module {mid}", "en": f"Module {mid}"}),
                  sessions=tuple(sessions_), **kwargs)


def workshop(programme, modules=(), days_=None, **kwargs):
    return Workshop(id="test-ws", title=T({"fr": "Atelier test", "en": "Test workshop"}),
                    languages=("fr", "en"), days=days_ or days(), programme=tuple(programme),
                    modules=tuple(modules), **kwargs)


def fixed(kind, minutes, **kwargs):
    return ProgrammeItem(kind=kind, minutes=minutes, **kwargs)


def use(mid, **kwargs):
    return ProgrammeItem(kind="module", ref=mid, **kwargs)


PROTECTION = Module(
    id="protection",
    title=T({"fr": "Protection des migrants", "en": "Migrant protection"}),
    summary=T({"fr": "Les bases de la protection des migrants en situation de vulnérabilité.",
               "en": "The basics of protecting migrants in vulnerable situations."}),
    audience=T({"fr": "Acteurs de la société civile.", "en": "Civil-society actors."}),
    objectives=(
        Objective("o1", T({"fr": "Distinguer la traite du trafic illicite de migrants.",
                           "en": "Tell trafficking apart from smuggling."})),
        Objective("o2", T({"fr": "Expliquer le principe de non-refoulement.",
                           "en": "Explain non-refoulement."})),
    ),
    sessions=(
        Session("s1", T({"fr": "Traite ou trafic ?", "en": "Trafficking or smuggling?"}), 90,
                "case-study", objectives=("o1",),
                steps=(T({"fr": "10 min : présenter les trois éléments de la traite.",
                          "en": "10 min: present the three elements of trafficking."}),
                       T({"fr": "50 min : en groupes, analyser trois cas.",
                          "en": "50 min: in groups, analyse three cases."})),
                key_messages=(T({"fr": "Le trafic est un crime contre l'État ; la traite, "
                                       "contre la personne.",
                                 "en": "Smuggling is a crime against the State; trafficking "
                                       "against the person."}),),
                facilitator_notes=T({"fr": "Insistez sur le consentement « sans effet ».",
                                     "en": "Stress that consent is irrelevant."}),
                materials=(T({"fr": "Trois fiches de cas", "en": "Three case sheets"}),),
                handout=T({"fr": "La traite suppose un acte, un moyen et un but "
                                 "(Protocole de Palerme, 2000, art. 3).",
                           "en": "Trafficking requires an act, a means and a purpose "
                                 "(Palermo Protocol, 2000, art. 3)."}),
                module="protection"),
        Session("s2", T({"fr": "Le non-refoulement", "en": "Non-refoulement"}), 60,
                "presentation", objectives=("o2",), module="protection"),
        Session("s3", T({"fr": "Jeu de rôle : l'entretien", "en": "Role play: the interview"}),
                90, "role-play", objectives=("o2",), module="protection"),
        Session("s4", T({"fr": "Réveil", "en": "Wake up"}), 15, "energizer",
                module="protection"),
    ),
    questions=(
        Question("q1", "o1", "single", T({"fr": "Quel élément distingue la traite du trafic ?",
                                          "en": "What distinguishes trafficking?"}),
                 choices=(Choice("a", T({"fr": "La frontière", "en": "The border"})),
                          Choice("b", T({"fr": "Le but d'exploitation",
                                         "en": "The purpose of exploitation"}), True)),
                 explanation=T({"fr": "Le but d'exploitation est propre à la traite.",
                                "en": "Exploitation is the mark of trafficking."}),
                 module="protection"),
        Question("q2", "o2", "true-false", T({"fr": "Le non-refoulement admet des exceptions "
                                                    "pour la torture.",
                                              "en": "Non-refoulement allows exceptions for "
                                                    "torture."}),
                 choices=(Choice("true", T({"fr": "Vrai", "en": "True"})),
                          Choice("false", T({"fr": "Faux", "en": "False"}), True)),
                 module="protection"),
    ),
    definitions=(Definition(T({"fr": "Non-refoulement", "en": "Non-refoulement"}),
                            T({"fr": "Interdiction de renvoyer une personne vers un risque de "
                                     "persécution.",
                               "en": "The prohibition on returning a person to persecution."}),
                            "Convention de 1951, art. 33"),),
    references=(Reference(T({"fr": "Convention relative au statut des réfugiés",
                             "en": "Convention relating to the Status of Refugees"}),
                          1951, "art. 33"),),
)

RECRUITMENT = Module(
    id="recruitment",
    title=T({"fr": "Recrutement international", "en": "International recruitment"}),
    objectives=(Objective("r1", T({"fr": "Reconnaître un recrutement abusif.",
                                   "en": "Recognise abusive recruitment."})),),
    sessions=(
        Session("r-s1", T({"fr": "Le recrutement équitable", "en": "Fair recruitment"}), 90,
                "group-work", objectives=("r1",), module="recruitment"),
        Session("r-s2", T({"fr": "Étude de cas : Koffi Mensah & Fils <ONG Espoir>",
                           "en": "Case study: Koffi Mensah & Fils <ONG Espoir>"}), 120,
                "case-study", objectives=("r1",), module="recruitment"),
    ),
)


def dakar_workshop(**kwargs) -> Workshop:
    """A 4-day workshop, 10–13 April 2019, like the Dakar 2019 one."""
    programme = (
        fixed("opening", 30, day=1, time=dt.time(8, 30),
              title=T({"fr": "Ouverture officielle", "en": "Official opening"})),
        fixed("pre-test", 30),
        use("protection", facilitator="Awa Ndiaye"),
        use("recruitment", facilitator="Ƴero Ɓaldé Ŋom"),
        fixed("field-visit", 165, day=3, time=dt.time(14, 0), facilitator="OIM Sénégal",
              title=T({"fr": "Visite du centre d'accueil", "en": "Visit to the reception centre"})),
        fixed("post-test", 30, day=4),
        fixed("evaluation", 20),
        fixed("closing", 30, title=T({"fr": "Clôture et remise des attestations",
                                      "en": "Closing and certificates"})),
    )
    values = dict(
        project=T({"fr": "Projet MIGRAFRIQUE", "en": "MIGRAFRIQUE project"}),
        organisers=(Organisation(T({"fr": "Organisation internationale pour les migrations "
                                          "(OIM)",
                                    "en": "International Organization for Migration (IOM)"})),),
        partners=(Organisation(T("ICMC")), Organisation(T("DIADEM"))),
        funders=(Organisation(T({"fr": "Union européenne", "en": "European Union"})),
                 Organisation(T({"fr": "Suède", "en": "Sweden"}))),
        venue=T("Hôtel Ngor Diarama"), city=T("Dakar"), country="SN",
        timezone="Africa/Dakar",
    )
    values.update(kwargs)
    return Workshop(id="dakar-2019",
                    title=T({"fr": "Migrations mixtes et protection des migrants",
                             "en": "Mixed migration and migrant protection"}),
                    languages=("fr", "en"), days=days(), programme=programme,
                    modules=(PROTECTION, RECRUITMENT), **values)


LONG_NAME = "Marie-Françoise Akouavi Adjoa Kpodar-Tchédré Épouse Abalo-Kossivi Dosu"
assert len(LONG_NAME) == 70


def roster() -> tuple[Participant, ...]:
    return (
        Participant("P001", "Mensah", "Koffi", "M", "Koffi Mensah & Fils <ONG Espoir>",
                    "Directeur", "TG", email="koffi@example.org", phone="+228 90 00 00 00"),
        Participant("P002", "Ŋom", "Ƴero Ɓaldé", "F", "Association Ɗaaka", "Juriste", "SN",
                    email="yero@example.org"),
        Participant("P003", "Kpodar-Tchédré Épouse Abalo-Kossivi Dosu",
                    "Marie-Françoise Akouavi Adjoa", "F",
                    "Réseau des organisations de la société civile pour la protection des "
                    "migrants en Afrique de l'Ouest", "Chargée de programme", "TG"),
        Participant("P004", "Diallo", "Mamadou", "M", "AMDH", "Coordinateur", "GN",
                    phone="+224 600 00 00 00"),
        Participant("P005", "Traoré", "Aminata", "F", "Caritas Mali", "Assistante sociale",
                    "ML"),
        Participant("P006", "Ba", "Oumar", "M", "", "", "MR"),
    )
