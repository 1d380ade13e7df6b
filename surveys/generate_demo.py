"""Generate the Dakar 2019 demo data (invented people, no real person's data).

    python surveys/generate_demo.py            # writes surveys/dakar-2019/

Deterministic: the same workshop files give byte-identical outputs (fixed random seed, fixed
timestamps, XLSX zip entries re-packed with a fixed date). The files carry the messes real
exports have: a pre-test row with no participant code, a late joiner (post only), a dropout
(pre only), a duplicate post-test submission, a code typed in lower case with spaces.

Pre-test: KoboToolbox export with French labels (the UI default, select-multiple "both").
Post-test: KoboToolbox export with XML names (question ids) and select-multiple "both".
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from toolkit.curriculum import load_workshop  # noqa: E402
from toolkit.fileio import save_workbook  # noqa: E402

OUT = HERE / "dakar-2019"
SEED = 2019

# id, family name, given names, sex, organisation, function, country
PEOPLE = [
    ("DKR-01", "Ndiaye", "Aïssatou", "F", "ONG Jeunesse et Développement", "Chargée de programme", "SN"),
    ("DKR-02", "Sow", "Mamadou Lamine", "M", "Caritas Dakar", "Coordinateur", "SN"),
    ("DKR-03", "Faye", "Ndèye Coumba", "F", "Association des femmes de la Médina", "Présidente", "SN"),
    ("DKR-04", "Sarr", "Ousmane", "M", "Réseau migration et développement", "Juriste", "SN"),
    ("DKR-05", "Agossou", "Sènami Florence", "F", "ONG Espoir Bénin", "Assistante sociale", "BJ"),
    ("DKR-06", "Dossou-Yovo", "Rodrigue", "M", "Plateforme des acteurs de la société civile", "Chargé de plaidoyer", "BJ"),
    ("DKR-07", "Houénou", "Gildas", "M", "Caritas Bénin", "Travailleur social", "BJ"),
    ("DKR-08", "Traoré", "Fatoumata Binta", "F", "Association malienne des expulsés", "Chargée d'accueil", "ML"),
    ("DKR-09", "Keïta", "Boubacar", "M", "Conseil des Maliens de l'extérieur", "Secrétaire général", "ML"),
    ("DKR-10", "Coulibaly", "Mariam", "F", "ONG Aide aux migrants de Kayes", "Animatrice", "ML"),
    ("DKR-11", "Diarra", "Seydou", "M", "Caritas Mali", "Chef de projet", "ML"),
    ("DKR-12", "Ouédraogo", "Aminata", "F", "Association burkinabè pour la migration", "Coordinatrice", "BF"),
    ("DKR-13", "Sawadogo", "Issouf", "M", "Réseau des journalistes sur la migration", "Journaliste", "BF"),
    ("DKR-14", "Kaboré", "Rasmata", "F", "ONG Tié", "Psychologue", "BF"),
    ("DKR-15", "Zongo", "Théophile", "M", "Caritas Burkina", "Chargé de suivi-évaluation", "BF"),
    ("DKR-16", "Mensah", "Kodjo Ayité", "M", "Koffi Mensah & Fils <ONG Espoir>", "Directeur exécutif", "TG"),
    ("DKR-17", "Amegbor", "Akossiwa", "F", "Association des femmes migrantes du Togo", "Chargée de communication", "TG"),
    ("DKR-18", "Kpatcha", "Essozimna", "M", "Plateforme togolaise migration", "Juriste", "TG"),
    ("DKR-19", "Bah", "Mamadou Aliou", "M", "Organisation guinéenne de lutte contre la migration irrégulière", "Président", "GN"),
    ("DKR-20", "Camara", "Fatoumata", "F", "Caritas Guinée", "Assistante de projet", "GN"),
    ("DKR-21", "Ɓaldé Ŋom", "Ƴero", "M", "Association des jeunes du Fouta", "Animateur", "GN"),
    ("DKR-22", "Ould Sidi Mohamed Ould Cheikh Abdallahi Ould Ahmed Salem", "Mohamed Lemine", "M",
     "Association mauritanienne des droits de l'homme", "Chargé de programme", "MR"),
    ("DKR-23", "Mint Ahmed", "Khadijetou", "F", "Caritas Mauritanie", "Travailleuse sociale", "MR"),
    ("DKR-24", "Sy", "Aminata", "F", "Réseau des femmes de Nouadhibou", "Coordinatrice", "MR"),
    ("DKR-25", "Kouassi", "Adjoua Marie-Laure", "F", "ONG Akwaba Solidarité", "Chargée de protection", "CI"),
    ("DKR-26", "Koné", "Drissa", "M", "Caritas Côte d'Ivoire", "Chef de projet", "CI"),
    ("DKR-27", "Yao", "Kouadio Serge", "M", "Plateforme ivoirienne de la société civile", "Secrétaire exécutif", "CI"),
    ("DKR-28", "N'Guessan", "Affoué", "F", "Association des femmes juristes", "Juriste", "CI"),
    ("DKR-29", "Diop", "Cheikh Tidiane", "M", "ONG Jeunesse et Développement", "Animateur", "SN"),  # late joiner
    ("DKR-30", "Hounsou", "Bernadette", "F", "ONG Espoir Bénin", "Chargée de suivi", "BJ"),  # drops out
]
COUNTRY_NAMES = {"SN": "Sénégal", "BJ": "Bénin", "ML": "Mali", "BF": "Burkina Faso", "TG": "Togo",
                 "GN": "Guinée", "MR": "Mauritanie", "CI": "Côte d'Ivoire"}
LATE_JOINER, DROPOUT = "DKR-29", "DKR-30"
DUPLICATE_POST, LOWER_CASE_POST = "DKR-05", "DKR-12"
# Half-days absent: (id -> indices 0..7 of the 8 half-days)
ABSENCES = {
    "DKR-29": {0, 1},  # late joiner: 6/8 = 75 %, just at the threshold
    "DKR-30": {5, 6, 7},  # dropout: 5/8 = 62.5 %: no certificate
    "DKR-09": {3},
    "DKR-14": {0, 2, 4, 6},  # 4/8 = 50 %: no certificate
    "DKR-24": {7},
    "DKR-27": {1, 5},
}


def ascii_fold(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum() or ch == " ").strip()


def email(given: str, family: str) -> str:
    first = ascii_fold(given).split()[0]
    last = ascii_fold(family).replace(" ", "")[:12]
    return f"{first}.{last}@example.org"


def save_xlsx(workbook, path: Path) -> None:
    """Save with pinned dates so reruns are byte-identical (see toolkit.fileio.save_workbook)."""
    workbook.properties.creator = "workshop-toolkit demo generator"
    save_workbook(workbook, path)


def sheet(title: str, headers: list[str], rows: list[list]):
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = title[:31]
    ws.append(headers)
    for row in rows:
        ws.append(row)
    return workbook


def write_roster(path: Path) -> None:
    headers = ["id", "nom", "prénoms", "sexe", "organisation", "fonction", "pays", "e-mail",
               "téléphone"]
    rows = []
    for i, (pid, family, given, sex, org, function, country) in enumerate(PEOPLE, start=1):
        phone = f"+221 70 000 {i:02d} {i * 3 % 100:02d}"
        rows.append([pid, family, given, sex, org, function, COUNTRY_NAMES[country],
                     email(given, family), phone])
    save_xlsx(sheet("Participants", headers, rows), path)


def half_days(workshop) -> list[str]:
    return [f"{day.date.isoformat()} {half}" for day in workshop.days for half in ("AM", "PM")]


def write_attendance(workshop, path: Path) -> None:
    columns = half_days(workshop)
    marks = ["x", "X", "P", "1", "présent", "✓", "oui", "x"]
    rows = []
    for i, (pid, family, given, *_rest) in enumerate(PEOPLE):
        absent = ABSENCES.get(pid, set())
        cells = ["" if k in absent else marks[(i + k) % len(marks)] for k in range(len(columns))]
        if pid == "DKR-14":
            cells[0] = "A"  # an explicit absence, as some facilitators write it
        rows.append([pid, f"{given} {family.upper()}", *cells])
    save_xlsx(sheet("Présences", ["id", "nom", *columns], rows), path)


def ability(rng: random.Random, stage: str, index: int) -> float:
    base = 0.42 + 0.1 * ((index * 7) % 5 - 2) / 2
    if stage == "post":
        base += 0.3 + 0.08 * ((index * 3) % 4 - 1.5) / 1.5
    return min(max(base + rng.uniform(-0.05, 0.05), 0.05), 0.97)


def answer(rng: random.Random, question, p: float):
    """An answer to a question by someone who knows it with probability p."""
    correct = sorted(question.correct_ids)
    others = [c.id for c in question.choices if c.id not in question.correct_ids]
    if question.type == "number":
        if rng.random() < p:
            return question.answer
        return question.answer + rng.choice([-10, -5, 5, 10, 30])
    if question.type == "multiple":
        if rng.random() < p:
            return set(correct)
        chosen = set(rng.sample(correct, max(1, len(correct) - 1)))
        if others and rng.random() < 0.6:
            chosen.add(rng.choice(others))
        return chosen
    if rng.random() < p or not others:
        return correct[0]
    return rng.choice(others)


def kobo_headers(questions, lang: str | None) -> list[str]:
    def label(q):
        return q.text.get(lang) if lang else q.id

    headers = ["start", "end", "today", "deviceid",
               "Code participant (ex. DKR-07)" if lang else "participant_code"]
    for q in questions:
        headers.append(label(q))
        if q.type == "multiple":
            headers += [f"{label(q)}/{c.text.get(lang) if lang else c.id}" for c in q.choices]
    return headers + ["_id", "_uuid", "_submission_time", "_validation_status", "_notes",
                      "_status", "_submitted_by", "__version__", "_tags", "meta/rootUuid",
                      "_index"]


def kobo_row(rng, questions, lang, code, given, start: dt.datetime, index: int, submission: int):
    def choice_label(q, cid):
        if not lang:
            return cid
        return next(c.text.get(lang) for c in q.choices if c.id == cid)

    end = start + dt.timedelta(minutes=rng.randint(9, 21), seconds=rng.randint(0, 59))
    row = [start.isoformat(timespec="milliseconds") + "+00:00",
           end.isoformat(timespec="milliseconds") + "+00:00", start.date().isoformat(),
           f"collect:{rng.getrandbits(48):012x}", code]
    for q, value in given:
        if q.type == "multiple":
            order = [c.id for c in q.choices]
            row.append(" ".join(choice_label(q, cid) for cid in order if cid in value))
            row += [1 if c.id in value else 0 for c in q.choices]
        elif q.type == "number":
            row.append(value)
        else:
            row.append(choice_label(q, value))
    sub_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    row += [412305000 + submission, sub_id,
            (end + dt.timedelta(seconds=rng.randint(5, 90))).isoformat(timespec="seconds"),
            "", "", "submitted_via_web", "facilitateur_dkr", "vDkr2019DemoForm", "",
            f"uuid:{sub_id}", index]
    return row


def write_test(workshop, stage: str, path: Path, lang: str | None) -> None:
    rng = random.Random(f"{SEED}-{stage}")
    ids = workshop.tests.pre if stage == "pre" else workshop.tests.post
    bank = workshop.questions
    questions = [bank[qid] for qid in ids]
    day = workshop.days[0].date if stage == "pre" else workshop.days[-1].date
    base = dt.datetime.combine(day, dt.time(9, 0) if stage == "pre" else dt.time(14, 30))
    rows = []
    people = [p for p in PEOPLE if p[0] != (LATE_JOINER if stage == "pre" else DROPOUT)]
    for index, (pid, *_rest) in enumerate(people):
        p = ability(rng, stage, PEOPLE.index(next(x for x in PEOPLE if x[0] == pid)))
        given = [(q, answer(rng, q, p)) for q in questions]
        code = pid
        if stage == "post" and pid == LOWER_CASE_POST:
            code = " " + pid.lower() + " "
        start = base + dt.timedelta(minutes=rng.randint(0, 25), seconds=rng.randint(0, 59))
        rows.append(kobo_row(rng, questions, lang, code, given, start, len(rows) + 1,
                             len(rows) + 1))
        if stage == "post" and pid == DUPLICATE_POST:
            # Submitted again ten minutes later after a connection problem: the later one counts.
            again = [(q, answer(rng, q, p)) for q in questions]
            rows.append(kobo_row(rng, questions, lang, code, again,
                                 start + dt.timedelta(minutes=10), len(rows) + 1, len(rows) + 1))
    if stage == "pre":
        # A facilitator's trial submission with no participant code: must be rejected.
        trial = [(q, answer(rng, q, 0.9)) for q in questions]
        rows.append(kobo_row(rng, questions, lang, "", trial, base - dt.timedelta(minutes=30),
                             len(rows) + 1, len(rows) + 1))
    title = workshop.title.get("fr")
    name = ("Pré-test " if stage == "pre" else "Post-test ") + title
    save_xlsx(sheet(name, kobo_headers(questions, lang), rows), path)


LIKERT_FR = ["Pas du tout d'accord", "Pas d'accord", "Ni d'accord ni pas d'accord", "D'accord",
             "Tout à fait d'accord"]
SATISFACTION_FR = ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"]
COMMENTS = [
    "Les études de cas sur la traite étaient très concrètes, merci.",
    "Prévoir plus de temps pour le travail de groupe sur le plaidoyer.",
    "Very useful session on fair recruitment; please share the slides.",
    "La salle était trop froide à cause de la climatisation.",
    "I would like a follow-up workshop on referral mechanisms.",
    "Traduire tous les documents en anglais pour les participants anglophones.",
    "",
    "Excellente animation, les échanges entre pays étaient riches.",
]


def write_satisfaction(workshop, path: Path) -> None:
    rng = random.Random(f"{SEED}-satisfaction")
    modules = [m for m in workshop.modules]
    items = [f"Le module « {m.title.get('fr')} » a répondu à mes attentes" for m in modules]
    headers = ["start", "end", "Code participant (facultatif)",
               "Satisfaction globale vis-à-vis de l'atelier", *items,
               "Les méthodes utilisées (études de cas, jeux de rôle) m'ont aidé à apprendre",
               "Recommanderiez-vous cet atelier à un(e) collègue ? (0 à 10)",
               "Commentaires / suggestions",
               "_id", "_uuid", "_submission_time", "_index"]
    rows = []
    respondents = [p for p in PEOPLE if p[0] != DROPOUT]
    for index, (pid, *_rest) in enumerate(respondents, start=1):
        start = dt.datetime.combine(workshop.days[-1].date, dt.time(15, 30)) + dt.timedelta(
            minutes=rng.randint(0, 30))
        mood = rng.choice([3, 4, 4, 4, 5, 5, 5])
        likert = []
        for _ in range(len(items) + 1):
            value = min(5, max(1, mood + rng.choice([-1, 0, 0, 0, 1])))
            likert.append("Sans objet" if rng.random() < 0.04 else LIKERT_FR[value - 1])
        nps = min(10, max(0, mood * 2 + rng.choice([-2, -1, 0, 0, 1])))
        code = pid if rng.random() < 0.7 else ""  # optional code: some leave it blank
        sub_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        rows.append([start.isoformat(timespec="seconds"),
                     (start + dt.timedelta(minutes=6)).isoformat(timespec="seconds"), code,
                     SATISFACTION_FR[mood - 1], *likert, nps, COMMENTS[index % len(COMMENTS)],
                     512400000 + index, sub_id, start.isoformat(timespec="seconds"), index])
    save_xlsx(sheet("Évaluation atelier Dakar 2019", headers, rows), path)


def generate(out: Path = OUT) -> list[Path]:
    """Write the five demo files into ``out`` and return their paths."""
    workshop = load_workshop(str(ROOT / "curricula" / "workshops" / "dakar-2019.yaml"))
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in ("participants.xlsx", "attendance.xlsx", "pre-test.xlsx",
                                     "post-test.xlsx", "satisfaction.xlsx")]
    write_roster(paths[0])
    write_attendance(workshop, paths[1])
    write_test(workshop, "pre", paths[2], lang="fr")
    write_test(workshop, "post", paths[3], lang=None)
    write_satisfaction(workshop, paths[4])
    return paths


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into")
    for path in generate(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
