"""The web interface's words: message keys of the pages, each an English message of the
catalogue (with the context "web", so that a page's short words can be translated apart from
the same words in documents). French comes from toolkit/locale like every other message;
adding a language is its .po file. ``{name}`` fields are filled by :func:`text`.
"""
from __future__ import annotations

from ..i18n import NP_, available_languages, pgettext

LANGS = tuple(dict.fromkeys(("fr", "en", *available_languages())))

CATALOGUE: dict[str, tuple[str, str]] = {
    "app.name": NP_("web", "Workshop toolkit"),
    "app.tagline": NP_("web", "Agendas, tests, certificates and evaluation reports for workshops"),
    "nav.home": NP_("web", "Home"),
    "nav.trainer": NP_("web", "Trainer"),
    "nav.facilitator": NP_("web", "Facilitator"),
    "nav.manager": NP_("web", "Programme manager"),
    "nav.verify": NP_("web", "Verify a certificate"),
    "nav.logout": NP_("web", "Log out"),
    "nav.switch": NP_("web", "Français"),
    "nav.menu": NP_("web", "Menu"),
    "home.trainer": NP_("web", "Before the workshop: pick or upload the workshop, check its "
                               "files, download the agenda, materials and test forms."),
    "home.facilitator": NP_("web", "After each test: upload the pre- and post-test exports and "
                                   "the roster, see what is read, then the scores."),
    "home.manager": NP_("web", "For the donor: the evaluation report, the certificates and the "
                               "registry."),
    "home.start": NP_("web", "Start"),
    "choose.title": NP_("web", "Choose a workshop"),
    "choose.none": NP_("web", "No workshop yet: upload its files below."),
    "choose.uploaded": NP_("web", "uploaded"),
    "choose.bundled": NP_("web", "bundled example"),
    "upload.yaml.title": NP_("web", "Upload a workshop (YAML files)"),
    "upload.yaml.help": NP_("web", "The workshop file and its module files, together."),
    "upload.yaml.template": NP_("web", "Start from a template: download the Dakar example’s "
                                       "files (ZIP)"),
    "upload.button": NP_("web", "Upload"),
    "upload.limit": NP_("web", "Largest upload: {mb} MB."),
    "new.title": NP_("web", "New workshop"),
    "new.start.link": NP_("web", "Start a new workshop"),
    "new.start.help": NP_("web", "Fill in a form: the toolkit writes the workshop file, its "
                                 "modules and the templates to fill in (roster, attendance, "
                                 "satisfaction)."),
    "new.lead": NP_("web", "Like “workshop init”: a workshop that is valid from the start, to "
                           "complete later."),
    "new.id": NP_("web", "Workshop id"),
    "new.id.help": NP_("web", "2 to 60 lower-case letters, digits and - . _ (e.g. "
                              "abidjan-2027); it names the files and the certificate codes."),
    "new.wtitle": NP_("web", "Title"),
    "new.lang": NP_("web", "Workshop language"),
    "new.start": NP_("web", "First day"),
    "new.end": NP_("web", "Last day"),
    "new.end.help": NP_("web", "Leave the last day empty: the toolkit takes the fewest days "
                               "that hold the chosen modules."),
    "new.city": NP_("web", "City"),
    "new.country": NP_("web", "Country"),
    "new.organisers": NP_("web", "Organizers"),
    "new.organisers.help": NP_("web", "One per line."),
    "new.modules": NP_("web", "Modules"),
    "new.button": NP_("web", "Create the workshop"),
    "new.file.workshop.yaml": NP_("web", "Workshop file (YAML)"),
    "new.file.participants.xlsx": NP_("web", "Roster template (Excel)"),
    "new.file.attendance.xlsx": NP_("web", "Attendance sheet template (Excel)"),
    "new.file.satisfaction-xlsform.xlsx": NP_("web", "Satisfaction survey for KoboToolbox / ODK "
                                                     "(XLSForm)"),
    "new.file.satisfaction-paper.pdf": NP_("web", "Paper satisfaction survey (PDF)"),
    "new.file.workshop-files.zip": NP_("web", "The whole folder: workshop, modules and "
                                              "templates (ZIP)"),
    "created.title": NP_("web", "Workshop created: {title}"),
    "created.validate": NP_("web", "Check of the files"),
    "created.clean": NP_("web", "The files are valid: the workshop is ready."),
    "created.warnings": NP_("web", "{n} warning(s): they stop nothing; read them before the "
                                   "workshop"),
    "created.files": NP_("web", "The workshop’s files"),
    "created.files.help": NP_("web", "Edit the workshop file in a text editor; fill in the "
                                     "templates, then upload them on the facilitator page."),
    "created.continue": NP_("web", "Continue: agenda, materials and tests"),
    "trainer.title": NP_("web", "Trainer: {title}"),
    "trainer.problems": NP_("web", "Problems in the files"),
    "trainer.noproblem": NP_("web", "The files are valid: no problems."),
    "trainer.valid": NP_("web", "The files are valid."),
    "trainer.cannotload": NP_("web", "The workshop cannot be read until these problems are "
                                     "fixed. Fix the files and upload them again."),
    "trainer.line": NP_("web", "line {line}"),
    "trainer.warning": NP_("web", "warning"),
    "trainer.agenda": NP_("web", "Agenda"),
    "trainer.day": NP_("web", "Day {n}"),
    "trainer.downloads": NP_("web", "Downloads"),
    "trainer.in": NP_("web", "In {language}"),
    "dl.agenda.pdf": NP_("web", "Agenda (PDF)"),
    "dl.agenda.ics": NP_("web", "Agenda for calendars (ICS)"),
    "dl.agenda.xlsx": NP_("web", "Agenda (Excel)"),
    "dl.materials.zip": NP_("web", "Guide, handout, sign-in sheets, badges (ZIP)"),
    "dl.pre-xlsform.xlsx": NP_("web", "Pre-test for KoboToolbox / ODK (XLSForm)"),
    "dl.post-xlsform.xlsx": NP_("web", "Post-test for KoboToolbox / ODK (XLSForm)"),
    "dl.pre-paper.pdf": NP_("web", "Paper pre-test (PDF)"),
    "dl.post-paper.pdf": NP_("web", "Paper post-test (PDF)"),
    "dl.pre-key.csv": NP_("web", "Pre-test answer key (CSV)"),
    "dl.post-key.csv": NP_("web", "Post-test answer key (CSV)"),
    "preview.title": NP_("web", "Print preview, in {language}"),
    "preview.help": NP_("web", "The first pages of each document as they will print; click a "
                               "page to open the whole PDF."),
    "preview.page": NP_("web", "{document}, page {n}"),
    "preview.pages": NP_("web", "{n} pages"),
    "preview.agenda": NP_("web", "Agenda"),
    "preview.pre-paper": NP_("web", "Paper pre-test"),
    "preview.post-paper": NP_("web", "Paper post-test"),
    "preview.guide": NP_("web", "Facilitator guide"),
    "preview.handout": NP_("web", "Participant handout"),
    "preview.sign-in": NP_("web", "Sign-in sheets"),
    "preview.report": NP_("web", "Report in {language}"),
    "preview.making": NP_("web", "The first time, each document is made first: the images can "
                                 "take a few seconds to appear."),
    "tests.title": NP_("web", "{stage}: questions and choices ({n} questions)"),
    "tests.question": NP_("web", "Question"),
    "tests.choices": NP_("web", "Choices"),
    "tests.correct": NP_("web", "correct answer"),
    "tests.answer": NP_("web", "Expected answer: {answer}"),
    "lang.fr": NP_("web", "French"),
    "lang.en": NP_("web", "English"),
    "fac.title": NP_("web", "Facilitator: {title}"),
    "fac.upload": NP_("web", "Upload the files"),
    "fac.help": NP_("web", "Exports from KoboToolbox, ODK, Google Forms, Microsoft Forms, or an "
                           "Excel, ODS or CSV sheet typed by hand."),
    "kind.pre": NP_("web", "Pre-test"),
    "kind.post": NP_("web", "Post-test"),
    "kind.participants": NP_("web", "Roster"),
    "kind.attendance": NP_("web", "Attendance sheet"),
    "kind.satisfaction": NP_("web", "Satisfaction survey"),
    "kind.key": NP_("web", "Answer key (without a workshop)"),
    "fac.current": NP_("web", "Uploaded files"),
    "fac.nofile": NP_("web", "No file uploaded."),
    "fac.delete": NP_("web", "Delete this workshop’s uploaded data"),
    "fac.delete.help": NP_("web", "Deletes the uploaded files and what was made from them; the "
                                  "certificate registry is kept."),
    "fac.deleted": NP_("web", "The uploaded data was deleted."),
    "fac.inspect": NP_("web", "What the import sees"),
    "fac.format": NP_("web", "Format"),
    "fac.sheet": NP_("web", "Sheet"),
    "fac.rows": NP_("web", "Rows read"),
    "fac.matchby": NP_("web", "Participants matched by"),
    "fac.questions": NP_("web", "Questions found: {n}"),
    "fac.missing": NP_("web", "Questions not found"),
    "fac.closest": NP_("web", "closest column: {h}"),
    "fac.odd": NP_("web", "Unexpected answers"),
    "fac.rejected": NP_("web", "Rejected rows"),
    "fac.duplicates": NP_("web", "Duplicates"),
    "fac.row": NP_("web", "row {row}"),
    "fac.kept": NP_("web", "row {row} kept"),
    "fac.none": NP_("web", "none"),
    "fac.roster": NP_("web", "{n} participants in the roster"),
    "fac.toscores": NP_("web", "See the scores"),
    "fac.counted": NP_("web", "Rows counted"),
    "scores.title": NP_("web", "Scores: {title}"),
    "scores.download": NP_("web", "Download scores.xlsx"),
    "scores.summary": NP_("web", "Summary"),
    "scores.test": NP_("web", "Test"),
    "scores.n": NP_("web", "n"),
    "scores.mean": NP_("web", "Mean"),
    "scores.sd": NP_("web", "SD"),
    "scores.alpha": NP_("web", "Cronbach’s alpha"),
    "scores.matched": NP_("web", "Matched (pre and post)"),
    "scores.gain": NP_("web", "Mean gain"),
    "scores.ci": NP_("web", "95% CI"),
    "scores.hake": NP_("web", "Normalized gain (Hake)"),
    "scores.improved": NP_("web", "Improved"),
    "scores.pvalue": NP_("web", "p (paired t)"),
    "scores.dz": NP_("web", "Cohen’s d (d_z)"),
    "scores.accounted": NP_("web", "Every row accounted for"),
    "scores.pre_only": NP_("web", "Pre-test only"),
    "scores.post_only": NP_("web", "Post-test only"),
    "scores.not_in_roster": NP_("web", "Not in the roster"),
    "scores.fuzzy": NP_("web", "Fuzzy matches"),
    "scores.participants": NP_("web", "Scores by participant"),
    "scores.id": NP_("web", "Id"),
    "scores.pre": NP_("web", "Pre"),
    "scores.post": NP_("web", "Post"),
    "scores.delta": NP_("web", "Gain"),
    "scores.groups": NP_("web", "By sex"),
    "scores.notes": NP_("web", "Notes"),
    "scores.back": NP_("web", "Back to the files"),
    "scores.suppressed": NP_("web", "fewer than 5: counts only"),
    "mgr.title": NP_("web", "Programme manager: {title}"),
    "mgr.report": NP_("web", "Evaluation report"),
    "mgr.report.pdf": NP_("web", "Report in {language} (PDF)"),
    "mgr.report.missing": NP_("web", "Upload the pre- and post-test first (facilitator page)."),
    "mgr.participants": NP_("web", "Participants"),
    "sex.F": NP_("web", "Women"),
    "sex.M": NP_("web", "Men"),
    "mgr.both": NP_("web", "Took both tests"),
    "mgr.beforeafter": NP_("web", "Mean score before → after"),
    "mgr.points": NP_("web", "{n} points"),
    "mgr.satisfied": NP_("web", "Satisfied"),
    "mgr.responses": NP_("web", "responses"),
    "mgr.certs": NP_("web", "Certificates"),
    "mgr.eligible": NP_("web", "Who earns what"),
    "mgr.name": NP_("web", "Name"),
    "mgr.presence": NP_("web", "Attendance"),
    "mgr.type": NP_("web", "Certificate"),
    "mgr.reason": NP_("web", "Reason"),
    "mgr.code": NP_("web", "Code"),
    "mgr.issue": NP_("web", "Issue the certificates"),
    "mgr.issue.lang": NP_("web", "Language"),
    "mgr.issue.both": NP_("web", "both"),
    "mgr.issue.date": NP_("web", "Date printed"),
    "mgr.issue.date.help": NP_("web", "Certificates are dated the workshop’s last day; before "
                                      "that day, choose the date to print (for someone who "
                                      "leaves early)."),
    "mgr.merged": NP_("web", "All certificates (PDF)"),
    "mgr.zip": NP_("web", "One certificate per person (ZIP)"),
    "mgr.certs.missing": NP_("web", "Upload the roster and the attendance sheet first "
                                    "(facilitator page)."),
    "type.participation": NP_("web", "participation"),
    "type.completion": NP_("web", "completion"),
    "type.none": NP_("web", "none"),
    "reg.title": NP_("web", "Certificate registry"),
    "reg.search": NP_("web", "Search (code, id or name)"),
    "reg.button": NP_("web", "Search"),
    "reg.export": NP_("web", "Export the registry (Excel)"),
    "reg.results": NP_("web", "{n} result(s)"),
    "reg.status": NP_("web", "Status"),
    "reg.issued": NP_("web", "Issued"),
    "reg.revoke": NP_("web", "Revoke"),
    "reg.reason": NP_("web", "Reason for revoking"),
    "reg.revoked": NP_("web", "Certificate {code} is revoked."),
    "status.valid": NP_("web", "valid"),
    "status.revoked": NP_("web", "revoked"),
    "status.superseded": NP_("web", "superseded"),
    "status.unknown": NP_("web", "unknown"),
    "job.title": NP_("web", "Work in progress"),
    "job.progress": NP_("web", "{done} of {total}"),
    "job.queued": NP_("web", "Waiting…"),
    "job.done": NP_("web", "Done: {n} certificate(s), {new} new."),
    "job.failed": NP_("web", "Failed"),
    "job.back": NP_("web", "Back"),
    "verify.title": NP_("web", "Verify a certificate"),
    "verify.code": NP_("web", "Verification code"),
    "verify.button": NP_("web", "Verify"),
    "verify.help": NP_("web", "The code is printed at the foot of the certificate, for example "
                              "DKR19-7F3K-Q9XM."),
    "verify.valid": NP_("web", "Valid certificate"),
    "verify.revoked": NP_("web", "Revoked certificate"),
    "verify.superseded": NP_("web", "Superseded certificate"),
    "verify.unknown": NP_("web", "Unknown code"),
    "verify.unknown.help": NP_("web", "No certificate in this registry has this code. Check the "
                                      "code printed on the certificate, character by character."),
    "verify.revoked.help": NP_("web", "This certificate was withdrawn on {date}; it is no "
                                      "longer valid."),
    "verify.unavailable": NP_("web", "The certificate registry cannot be reached just now; try "
                                     "again later."),
    "verify.altered": NP_("web", "Registry altered"),
    "verify.altered.help": NP_("web", "The certificate registry was changed outside the toolkit "
                                      "(entry {entry}): this certificate cannot be confirmed "
                                      "for now. Contact the organizer."),
    "verify.altered.key": NP_("web", "The certificate registry is not signed with the key "
                                     "this server trusts: this certificate cannot be confirmed "
                                     "for now. Contact the organizer."),
    "verify.superseded.date": NP_("web", "A newer certificate replaced it on {date}."),
    "verify.superseded.help": NP_("web", "A newer certificate replaced this one."),
    "verify.holder": NP_("web", "Holder"),
    "verify.workshop": NP_("web", "Workshop"),
    "verify.kind": NP_("web", "Type"),
    "verify.dates": NP_("web", "Dates"),
    "verify.issued": NP_("web", "Issued on"),
    "verify.kind.participation": NP_("web", "Certificate of participation"),
    "verify.kind.completion": NP_("web", "Certificate of completion"),
    "login.title": NP_("web", "Log in"),
    "login.password": NP_("web", "Password"),
    "login.button": NP_("web button", "Log in"),
    "login.wrong": NP_("web", "Wrong password."),
    "error.title": NP_("web", "Error"),
    "error.csrf": NP_("web", "The form has expired. Reload the page and try again."),
    "error.notfound": NP_("web", "Page not found."),
    "error.toolarge": NP_("web", "File too large: {mb} MB at most."),
    "error.nofile": NP_("web", "Choose at least one file."),
    "error.reason": NP_("web", "Give the reason for revoking."),
    "footer.offline": NP_("web", "Works offline. Participants’ contact details never leave this "
                                 "computer."),
    "common.back": NP_("web", "Back"),
    "common.workshop": NP_("web", "Workshop"),
    "common.error": NP_("web", "Error: {message}"),
}


def text(key: str, lang: str, **fields) -> str:
    """The text of ``key`` in ``lang``, its {fields} filled."""
    if key not in CATALOGUE:
        raise KeyError(f"no web string {key!r}")
    context, message = CATALOGUE[key]
    value = pgettext(context, message, lang)
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
