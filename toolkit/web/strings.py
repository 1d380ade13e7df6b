"""The web interface's words, in French and English, in one catalogue.

French strings are written with plain spaces; :func:`french` turns the space before « : ; ! ? »
and inside « » into the narrow no-break space (U+202F) French typography asks for, so the
catalogue stays readable and the pages come out right. ``{name}`` fields are filled by
:func:`text`.
"""
from __future__ import annotations

import re

LANGS = ("fr", "en")
NNBSP = "\u202f"

CATALOGUE: dict[str, tuple[str, str]] = {
    # key: (French, English)
    "app.name": ("Boîte à outils des ateliers", "Workshop toolkit"),
    "app.tagline": ("Programmes, tests, attestations et rapports d’évaluation des ateliers",
                    "Agendas, tests, certificates and evaluation reports for workshops"),
    "nav.home": ("Accueil", "Home"),
    "nav.trainer": ("Formateur", "Trainer"),
    "nav.facilitator": ("Facilitateur", "Facilitator"),
    "nav.manager": ("Gestionnaire de programme", "Programme manager"),
    "nav.verify": ("Vérifier une attestation", "Verify a certificate"),
    "nav.logout": ("Se déconnecter", "Log out"),
    "nav.switch": ("English", "Français"),
    "nav.menu": ("Menu", "Menu"),
    "home.trainer": ("Avant l’atelier : choisir ou charger l’atelier, vérifier ses fichiers, "
                     "télécharger le programme, les supports et les tests.",
                     "Before the workshop: pick or upload the workshop, check its files, "
                     "download the agenda, materials and test forms."),
    "home.facilitator": ("Après chaque test : charger les exports du pré-test et du post-test "
                         "et la liste des participants, voir ce qui est lu, puis les scores.",
                         "After each test: upload the pre- and post-test exports and the "
                         "roster, see what is read, then the scores."),
    "home.manager": ("Pour le bailleur : le rapport d’évaluation, les attestations et le "
                     "registre.",
                     "For the donor: the evaluation report, the certificates and the "
                     "registry."),
    "home.start": ("Commencer", "Start"),
    "choose.title": ("Choisir un atelier", "Choose a workshop"),
    "choose.none": ("Aucun atelier pour l’instant : chargez ses fichiers ci-dessous.",
                    "No workshop yet: upload its files below."),
    "choose.uploaded": ("chargé", "uploaded"),
    "choose.bundled": ("exemple fourni", "bundled example"),
    "upload.yaml.title": ("Charger un atelier (fichiers YAML)", "Upload a workshop (YAML files)"),
    "upload.yaml.help": ("Le fichier de l’atelier et ceux de ses modules, ensemble.",
                         "The workshop file and its module files, together."),
    "upload.yaml.template": ("Partir d’un modèle : télécharger les fichiers de l’exemple de "
                             "Dakar (ZIP)",
                             "Start from a template: download the Dakar example’s files (ZIP)"),
    "upload.button": ("Charger", "Upload"),
    "upload.limit": ("Taille maximale : {mb} Mo par envoi.", "Largest upload: {mb} MB."),
    "new.title": ("Nouvel atelier", "New workshop"),
    "new.start.link": ("Créer un nouvel atelier", "Start a new workshop"),
    "new.start.help": ("Remplissez un formulaire : l’outil écrit le fichier de l’atelier, ses "
                       "modules et les modèles à remplir (liste des participants, présence, "
                       "satisfaction).",
                       "Fill in a form: the toolkit writes the workshop file, its modules and "
                       "the templates to fill in (roster, attendance, satisfaction)."),
    "new.lead": ("Comme « workshop init » : un atelier valide dès sa création, que vous "
                 "pourrez compléter ensuite.",
                 "Like “workshop init”: a workshop that is valid from the start, to complete "
                 "later."),
    "new.id": ("Identifiant de l’atelier", "Workshop id"),
    "new.id.help": ("De 2 à 60 lettres minuscules, chiffres et - . _ (par exemple "
                    "abidjan-2027) ; il nomme les fichiers et les codes des attestations.",
                    "2 to 60 lower-case letters, digits and - . _ (e.g. abidjan-2027); it names "
                    "the files and the certificate codes."),
    "new.wtitle": ("Titre", "Title"),
    "new.lang": ("Langue de l’atelier", "Workshop language"),
    "new.start": ("Premier jour", "First day"),
    "new.end": ("Dernier jour", "Last day"),
    "new.end.help": ("Laissez le dernier jour vide : l’outil prend le nombre de jours le plus "
                     "petit qui contient les modules choisis.",
                     "Leave the last day empty: the toolkit takes the fewest days that hold "
                     "the chosen modules."),
    "new.city": ("Ville", "City"),
    "new.country": ("Pays", "Country"),
    "new.organisers": ("Organisateurs", "Organisers"),
    "new.organisers.help": ("Un par ligne.", "One per line."),
    "new.modules": ("Modules", "Modules"),
    "new.button": ("Créer l’atelier", "Create the workshop"),
    "new.file.workshop.yaml": ("Fichier de l’atelier (YAML)", "Workshop file (YAML)"),
    "new.file.participants.xlsx": ("Modèle de liste des participants (Excel)",
                                   "Roster template (Excel)"),
    "new.file.attendance.xlsx": ("Modèle de feuille de présence (Excel)",
                                 "Attendance sheet template (Excel)"),
    "new.file.satisfaction-xlsform.xlsx": ("Questionnaire de satisfaction pour KoboToolbox / "
                                           "ODK (XLSForm)",
                                           "Satisfaction survey for KoboToolbox / ODK "
                                           "(XLSForm)"),
    "new.file.satisfaction-paper.pdf": ("Questionnaire de satisfaction sur papier (PDF)",
                                        "Paper satisfaction survey (PDF)"),
    "new.file.workshop-files.zip": ("Tout le dossier : atelier, modules et modèles (ZIP)",
                                    "The whole folder: workshop, modules and templates (ZIP)"),
    "created.title": ("Atelier créé : {title}", "Workshop created: {title}"),
    "created.validate": ("Vérification des fichiers", "Check of the files"),
    "created.clean": ("Les fichiers sont valides : l’atelier est prêt.",
                      "The files are valid: the workshop is ready."),
    "created.warnings": ("{n} avertissement(s) : ils n’empêchent rien, lisez-les avant "
                         "l’atelier",
                         "{n} warning(s): they stop nothing; read them before the workshop"),
    "created.files": ("Fichiers de l’atelier", "The workshop’s files"),
    "created.files.help": ("Le fichier de l’atelier se modifie dans un éditeur de texte ; "
                           "les modèles se remplissent puis se chargent sur la page du "
                           "facilitateur.",
                           "Edit the workshop file in a text editor; fill in the templates, "
                           "then upload them on the facilitator page."),
    "created.continue": ("Continuer : programme, supports et tests",
                         "Continue: agenda, materials and tests"),
    "trainer.title": ("Formateur : {title}", "Trainer: {title}"),
    "trainer.problems": ("Problèmes trouvés dans les fichiers", "Problems in the files"),
    "trainer.noproblem": ("Les fichiers sont valides : aucun problème.",
                          "The files are valid: no problems."),
    "trainer.valid": ("Les fichiers sont valides.", "The files are valid."),
    "trainer.cannotload": ("L’atelier ne peut pas être lu tant que ces problèmes ne sont pas "
                           "corrigés. Corrigez les fichiers et chargez-les de nouveau.",
                           "The workshop cannot be read until these problems are fixed. Fix "
                           "the files and upload them again."),
    "trainer.line": ("ligne {line}", "line {line}"),
    "trainer.warning": ("avertissement", "warning"),
    "trainer.agenda": ("Programme", "Agenda"),
    "trainer.day": ("Jour {n}", "Day {n}"),
    "trainer.downloads": ("Télécharger", "Downloads"),
    "trainer.in": ("En {language}", "In {language}"),
    "dl.agenda.pdf": ("Programme (PDF)", "Agenda (PDF)"),
    "dl.agenda.ics": ("Programme pour agenda (ICS)", "Agenda for calendars (ICS)"),
    "dl.agenda.xlsx": ("Programme (Excel)", "Agenda (Excel)"),
    "dl.materials.zip": ("Guide, livret, feuilles d’émargement, badges (ZIP)",
                         "Guide, handout, sign-in sheets, badges (ZIP)"),
    "dl.pre-xlsform.xlsx": ("Pré-test pour KoboToolbox / ODK (XLSForm)",
                            "Pre-test for KoboToolbox / ODK (XLSForm)"),
    "dl.post-xlsform.xlsx": ("Post-test pour KoboToolbox / ODK (XLSForm)",
                             "Post-test for KoboToolbox / ODK (XLSForm)"),
    "dl.pre-paper.pdf": ("Pré-test sur papier (PDF)", "Paper pre-test (PDF)"),
    "dl.post-paper.pdf": ("Post-test sur papier (PDF)", "Paper post-test (PDF)"),
    "dl.pre-key.csv": ("Corrigé du pré-test (CSV)", "Pre-test answer key (CSV)"),
    "dl.post-key.csv": ("Corrigé du post-test (CSV)", "Post-test answer key (CSV)"),
    "preview.title": ("Aperçu avant impression, en {language}",
                      "Print preview, in {language}"),
    "preview.help": ("Les premières pages de chaque document, telles qu’elles seront "
                     "imprimées ; cliquez sur une page pour ouvrir le PDF entier.",
                     "The first pages of each document as they will print; click a page to "
                     "open the whole PDF."),
    "preview.page": ("{document}, page {n}", "{document}, page {n}"),
    "preview.pages": ("{n} pages", "{n} pages"),
    "preview.agenda": ("Programme", "Agenda"),
    "preview.pre-paper": ("Pré-test sur papier", "Paper pre-test"),
    "preview.post-paper": ("Post-test sur papier", "Paper post-test"),
    "preview.guide": ("Guide du facilitateur", "Facilitator guide"),
    "preview.handout": ("Livret du participant", "Participant handout"),
    "preview.sign-in": ("Feuilles d’émargement", "Sign-in sheets"),
    "preview.report": ("Rapport en {language}", "Report in {language}"),
    "preview.making": ("La première fois, chaque document est d’abord fabriqué : les images "
                       "peuvent mettre quelques secondes à paraître.",
                       "The first time, each document is made first: the images can take a "
                       "few seconds to appear."),
    "tests.title": ("{stage} : questions et choix ({n} questions)",
                    "{stage}: questions and choices ({n} questions)"),
    "tests.question": ("Question", "Question"),
    "tests.choices": ("Choix", "Choices"),
    "tests.correct": ("bonne réponse", "correct answer"),
    "tests.answer": ("Réponse attendue : {answer}", "Expected answer: {answer}"),
    "lang.fr": ("français", "French"),
    "lang.en": ("anglais", "English"),
    "fac.title": ("Facilitateur : {title}", "Facilitator: {title}"),
    "fac.upload": ("Charger les fichiers", "Upload the files"),
    "fac.help": ("Exports de KoboToolbox, ODK, Google Forms, Microsoft Forms, ou tableau "
                 "Excel, ODS ou CSV saisi à la main.",
                 "Exports from KoboToolbox, ODK, Google Forms, Microsoft Forms, or an Excel, "
                 "ODS or CSV sheet typed by hand."),
    "kind.pre": ("Pré-test", "Pre-test"),
    "kind.post": ("Post-test", "Post-test"),
    "kind.participants": ("Liste des participants", "Roster"),
    "kind.attendance": ("Feuille de présence", "Attendance sheet"),
    "kind.satisfaction": ("Questionnaire de satisfaction", "Satisfaction survey"),
    "kind.key": ("Corrigé (sans atelier)", "Answer key (without a workshop)"),
    "fac.current": ("Fichiers chargés", "Uploaded files"),
    "fac.nofile": ("Aucun fichier chargé.", "No file uploaded."),
    "fac.delete": ("Supprimer les données chargées de cet atelier",
                   "Delete this workshop’s uploaded data"),
    "fac.delete.help": ("Efface les fichiers chargés et les documents produits ; le registre "
                        "des attestations est conservé.",
                        "Deletes the uploaded files and what was made from them; the "
                        "certificate registry is kept."),
    "fac.deleted": ("Les données chargées ont été supprimées.", "The uploaded data was deleted."),
    "fac.inspect": ("Ce que l’import voit", "What the import sees"),
    "fac.format": ("Format", "Format"),
    "fac.sheet": ("Feuille", "Sheet"),
    "fac.rows": ("Lignes lues", "Rows read"),
    "fac.matchby": ("Participants reconnus par", "Participants matched by"),
    "fac.questions": ("Questions trouvées : {n}", "Questions found: {n}"),
    "fac.missing": ("Questions introuvables", "Questions not found"),
    "fac.closest": ("colonne la plus proche : {h}", "closest column: {h}"),
    "fac.odd": ("Réponses inattendues", "Unexpected answers"),
    "fac.rejected": ("Lignes rejetées", "Rejected rows"),
    "fac.duplicates": ("Doublons", "Duplicates"),
    "fac.row": ("ligne {row}", "row {row}"),
    "fac.kept": ("ligne {row} gardée", "row {row} kept"),
    "fac.none": ("aucune", "none"),
    "fac.roster": ("{n} participants dans la liste", "{n} participants in the roster"),
    "fac.toscores": ("Voir les scores", "See the scores"),
    "fac.counted": ("Lignes comptées", "Rows counted"),
    "scores.title": ("Scores : {title}", "Scores: {title}"),
    "scores.download": ("Télécharger scores.xlsx", "Download scores.xlsx"),
    "scores.summary": ("Résumé", "Summary"),
    "scores.test": ("Test", "Test"),
    "scores.n": ("Effectif", "n"),
    "scores.mean": ("Moyenne", "Mean"),
    "scores.sd": ("Écart type", "SD"),
    "scores.alpha": ("Alpha de Cronbach", "Cronbach’s alpha"),
    "scores.matched": ("Appariés (pré et post)", "Matched (pre and post)"),
    "scores.gain": ("Gain moyen", "Mean gain"),
    "scores.ci": ("IC à 95 %", "95% CI"),
    "scores.hake": ("Gain normalisé (Hake)", "Normalized gain (Hake)"),
    "scores.improved": ("Ont progressé", "Improved"),
    "scores.pvalue": ("p (t apparié)", "p (paired t)"),
    "scores.dz": ("d de Cohen (d_z)", "Cohen’s d (d_z)"),
    "scores.accounted": ("Chaque ligne, comptée", "Every row accounted for"),
    "scores.pre_only": ("Pré-test seulement", "Pre-test only"),
    "scores.post_only": ("Post-test seulement", "Post-test only"),
    "scores.not_in_roster": ("Absents de la liste", "Not in the roster"),
    "scores.fuzzy": ("Rapprochements approximatifs", "Fuzzy matches"),
    "scores.participants": ("Scores par participant", "Scores by participant"),
    "scores.id": ("Identifiant", "Id"),
    "scores.pre": ("Pré", "Pre"),
    "scores.post": ("Post", "Post"),
    "scores.delta": ("Gain", "Gain"),
    "scores.groups": ("Par sexe", "By sex"),
    "scores.notes": ("Remarques", "Notes"),
    "scores.back": ("Retour aux fichiers", "Back to the files"),
    "scores.suppressed": ("moins de 5 : effectifs seulement", "fewer than 5: counts only"),
    "mgr.title": ("Gestionnaire de programme : {title}", "Programme manager: {title}"),
    "mgr.report": ("Rapport d’évaluation", "Evaluation report"),
    "mgr.report.pdf": ("Rapport en {language} (PDF)", "Report in {language} (PDF)"),
    "mgr.report.missing": ("Chargez d’abord le pré-test et le post-test (page du facilitateur).",
                           "Upload the pre- and post-test first (facilitator page)."),
    "mgr.participants": ("Participants", "Participants"),
    "sex.F": ("Femmes", "Women"),
    "sex.M": ("Hommes", "Men"),
    "mgr.both": ("Ont passé les deux tests", "Took both tests"),
    "mgr.beforeafter": ("Score moyen avant → après", "Mean score before → after"),
    "mgr.points": ("{n} points", "{n} points"),
    "mgr.satisfied": ("Satisfaits", "Satisfied"),
    "mgr.responses": ("réponses", "responses"),
    "mgr.certs": ("Attestations", "Certificates"),
    "mgr.eligible": ("Qui obtient quoi", "Who earns what"),
    "mgr.name": ("Nom", "Name"),
    "mgr.presence": ("Présence", "Attendance"),
    "mgr.type": ("Attestation", "Certificate"),
    "mgr.reason": ("Motif", "Reason"),
    "mgr.code": ("Code", "Code"),
    "mgr.issue": ("Délivrer les attestations", "Issue the certificates"),
    "mgr.issue.lang": ("Langue", "Language"),
    "mgr.issue.both": ("les deux", "both"),
    "mgr.issue.date": ("Date imprimée", "Date printed"),
    "mgr.issue.date.help": ("Les attestations portent le dernier jour de l’atelier ; avant ce "
                            "jour, choisissez la date à imprimer (pour une personne qui part "
                            "plus tôt).",
                            "Certificates are dated the workshop’s last day; before that day, "
                            "choose the date to print (for someone who leaves early)."),
    "mgr.merged": ("Toutes les attestations (PDF)", "All certificates (PDF)"),
    "mgr.zip": ("Une attestation par personne (ZIP)", "One certificate per person (ZIP)"),
    "mgr.certs.missing": ("Chargez d’abord la liste des participants et la feuille de présence "
                          "(page du facilitateur).",
                          "Upload the roster and the attendance sheet first (facilitator "
                          "page)."),
    "type.participation": ("participation", "participation"),
    "type.completion": ("fin de formation", "completion"),
    "type.none": ("aucune", "none"),
    "reg.title": ("Registre des attestations", "Certificate registry"),
    "reg.search": ("Chercher (code, identifiant ou nom)", "Search (code, id or name)"),
    "reg.button": ("Chercher", "Search"),
    "reg.export": ("Exporter le registre (Excel)", "Export the registry (Excel)"),
    "reg.results": ("{n} résultat(s)", "{n} result(s)"),
    "reg.status": ("État", "Status"),
    "reg.issued": ("Délivrée le", "Issued"),
    "reg.revoke": ("Révoquer", "Revoke"),
    "reg.reason": ("Motif de la révocation", "Reason for revoking"),
    "reg.revoked": ("L’attestation {code} est révoquée.", "Certificate {code} is revoked."),
    "status.valid": ("valide", "valid"),
    "status.revoked": ("révoquée", "revoked"),
    "status.superseded": ("remplacée", "superseded"),
    "status.unknown": ("inconnue", "unknown"),
    "job.title": ("Travail en cours", "Work in progress"),
    "job.progress": ("{done} sur {total}", "{done} of {total}"),
    "job.queued": ("En attente…", "Waiting…"),
    "job.done": ("Terminé : {n} attestation(s), dont {new} nouvelle(s).",
                 "Done: {n} certificate(s), {new} new."),
    "job.failed": ("Échec", "Failed"),
    "job.back": ("Retour", "Back"),
    "verify.title": ("Vérifier une attestation", "Verify a certificate"),
    "verify.code": ("Code de vérification", "Verification code"),
    "verify.button": ("Vérifier", "Verify"),
    "verify.help": ("Le code est imprimé en bas de l’attestation, par exemple DKR19-7F3K-Q9XM.",
                    "The code is printed at the foot of the certificate, for example "
                    "DKR19-7F3K-Q9XM."),
    "verify.valid": ("Attestation valide", "Valid certificate"),
    "verify.revoked": ("Attestation révoquée", "Revoked certificate"),
    "verify.superseded": ("Attestation remplacée", "Superseded certificate"),
    "verify.unknown": ("Code inconnu", "Unknown code"),
    "verify.unknown.help": ("Aucune attestation de ce registre ne porte ce code. Vérifiez le code "
                            "imprimé sur l’attestation, caractère par caractère.",
                            "No certificate in this registry has this code. Check the code "
                            "printed on the certificate, character by character."),
    "verify.revoked.help": ("Cette attestation a été retirée le {date} ; elle n’est plus valable.",
                            "This certificate was withdrawn on {date}; it is no longer valid."),
    "verify.unavailable": ("Le registre des attestations ne répond pas pour le moment ; "
                           "réessayez plus tard.", "The certificate registry cannot be reached "
                           "just now; try again later."),
    "verify.altered": ("Registre modifié", "Registry altered"),
    "verify.altered.help": ("Le registre des attestations a été modifié en dehors de l’outil "
                            "(entrée {entry}) : cette attestation ne peut pas être confirmée "
                            "pour le moment. Contactez l’organisateur.",
                            "The certificate registry was changed outside the toolkit (entry "
                            "{entry}): this certificate cannot be confirmed for now. Contact "
                            "the organiser."),
    "verify.superseded.date": ("Une attestation plus récente l’a remplacée le {date}.",
                               "A newer certificate replaced it on {date}."),
    "verify.superseded.help": ("Une attestation plus récente a remplacé celle-ci.",
                               "A newer certificate replaced this one."),
    "verify.holder": ("Titulaire", "Holder"),
    "verify.workshop": ("Atelier", "Workshop"),
    "verify.kind": ("Type", "Type"),
    "verify.dates": ("Dates", "Dates"),
    "verify.issued": ("Délivrée le", "Issued on"),
    "verify.kind.participation": ("Attestation de participation", "Certificate of participation"),
    "verify.kind.completion": ("Attestation de fin de formation", "Certificate of completion"),
    "login.title": ("Connexion", "Log in"),
    "login.password": ("Mot de passe", "Password"),
    "login.button": ("Entrer", "Log in"),
    "login.wrong": ("Mot de passe incorrect.", "Wrong password."),
    "error.title": ("Erreur", "Error"),
    "error.csrf": ("Le formulaire a expiré. Rechargez la page et recommencez.",
                   "The form has expired. Reload the page and try again."),
    "error.notfound": ("Page introuvable.", "Page not found."),
    "error.toolarge": ("Fichier trop volumineux : {mb} Mo au plus.",
                       "File too large: {mb} MB at most."),
    "error.nofile": ("Choisissez au moins un fichier.", "Choose at least one file."),
    "error.reason": ("Donnez le motif de la révocation.", "Give the reason for revoking."),
    "footer.offline": ("Fonctionne hors ligne. Les coordonnées des participants ne quittent "
                       "jamais cet ordinateur.",
                       "Works offline. Participants’ contact details never leave this "
                       "computer."),
    "common.back": ("Retour", "Back"),
    "common.workshop": ("Atelier", "Workshop"),
    "common.error": ("Erreur : {message}", "Error: {message}"),
}

_FRENCH_SPACE = re.compile(r" ([:;!?»%])")


def french(text: str) -> str:
    """French typography: a narrow no-break space before : ; ! ? » % and after «."""
    text = _FRENCH_SPACE.sub(NNBSP + r"\1", text)
    return text.replace("« ", "«" + NNBSP)


_TABLE = {"fr": {k: french(v[0]) for k, v in CATALOGUE.items()},
          "en": {k: v[1] for k, v in CATALOGUE.items()}}


def text(key: str, lang: str, **fields) -> str:
    """The text of ``key`` in ``lang`` (English when unknown), its {fields} filled."""
    value = _TABLE.get(lang, _TABLE["en"]).get(key)
    if value is None:
        raise KeyError(f"no web string {key!r}")
    return value.format(**fields) if fields else value


def pick_language(accept: str | None) -> str | None:
    """The first of fr/en in an Accept-Language header, by its q weights; None if neither."""
    best, best_q = None, -1.0
    for part in (accept or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower()[:2]
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if lang in LANGS and q > best_q and q > 0:
            best, best_q = lang, q
    return best
