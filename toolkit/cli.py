"""The `workshop` command: a thin click skin over the library.

Only this module imports click. Heavy libraries (pandas, reportlab, scipy) are imported inside
the commands, so `workshop --help` starts fast.
"""
from __future__ import annotations

import copy
import functools
import inspect as _inspect
import json
import os
import sys
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import ToolkitError
from .i18n import _, available_languages

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


if TYPE_CHECKING:
    _HelpBase = click.Command
else:
    _HelpBase = object


class TranslatedHelp(_HelpBase):
    """Help texts are English msgids: they print in the interface language."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _inspect.cleandoc(self.help).partition("\f")[0] if self.help else ""
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_(text))

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _(_inspect.cleandoc(self.short_help)).strip()
        return super().get_short_help_str(limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Option) and param.help:
                text = param.help
                param = copy.copy(param)
                param.help = _(text)
            record = param.get_help_record(ctx)
            if record is not None:
                records.append(record)
        if records:
            with formatter.section(_("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class ToolkitCommand(TranslatedHelp, click.Command):
    """A command whose help prints in the interface language."""


def _lang_before_command(args: list[str]) -> str | None:
    """The value of the global --lang, read before click parses (its help must be in it)."""
    from .i18n import available_languages

    for i, token in enumerate(args):
        value = (args[i + 1] if token == "--lang" and i + 1 < len(args) else
                 token.partition("=")[2] if token.startswith("--lang=") else None)
        if value is not None:
            return value if value in available_languages() else None
        if not token.startswith("-"):
            return None  # the command's own --lang is a document's language
    return None


class ToolkitGroup(TranslatedHelp, click.Group):
    """Turns a ToolkitError into 'Error: ...' on stderr and exit 1 (traceback with --debug);
    speaks the interface language (--lang, WORKSHOP_LANG, the system locale, else English)."""

    command_class = ToolkitCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        import gettext

        from .i18n import LOCALE_DIR, language_from_environment, use_language

        argv = list(sys.argv[1:] if args is None else args)
        try:
            lang = _lang_before_command(argv) or language_from_environment()
        except ToolkitError as exc:  # a wrong WORKSHOP_LANG: no language to speak yet
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        # click's own words ("Usage:", "Show this message and exit.") go through the standard
        # gettext domain "messages": point it at the catalogue, in the interface language.
        gettext.bindtextdomain("messages", str(LOCALE_DIR))
        previous = os.environ.get("LANGUAGE")
        os.environ["LANGUAGE"] = lang
        try:
            with use_language(lang):
                return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        finally:
            if previous is None:
                os.environ.pop("LANGUAGE", None)
            else:
                os.environ["LANGUAGE"] = previous

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(_("Error: {message}").format(message=exc), err=True)
            ctx.exit(1)

    def list_commands(self, ctx):  # keep the order of the contract, not alphabetical
        return list(self.commands)


@click.group(cls=ToolkitGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="workshop")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.option("--lang", "interface_language", type=click.Choice(available_languages()),
              default=None,
              expose_value=False, help="Language of messages and help (default: WORKSHOP_LANG, "
              "then the system locale, else English).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Agendas, materials, tests, certificates and evaluation reports for workshops.

    Start with `workshop demo`, which builds the bundled Dakar 2019 example.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))


def _progress(label: str):
    """A progress callback (done, total) drawn on stderr; silent when stderr is not a terminal."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)
            state.pop("bar")

    return update


WORKSHOP_ARG = click.argument("workshop", metavar="WORKSHOP")
LANG_OPT = click.option("--lang", type=click.Choice(available_languages()), default=None,
                        help="Language of the document (default: the interface language when "
                        "the workshop has it, else the workshop's first language).")


# ---------------------------------------------------------------- curriculum


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (e.g. a missing translation).")
def validate(paths: tuple[str, ...], strict: bool) -> None:
    """Check module and workshop files; list every problem as FILE:LINE: message.

    Prints nothing and exits 0 when all is well. Warnings (free time in a day, a missing
    translation) are printed and exit 0, or 1 with --strict; errors exit 1.

    Example:

        workshop validate curricula/
    """
    from .app import validate

    problems = validate(list(paths) or ["curricula"])
    for problem in problems:
        click.echo(str(problem))
    if any(strict or problem.severity != "warning" for problem in problems):
        sys.exit(1)


@main.command()
@click.option("--kind", type=click.Choice(["module", "workshop", "both"]), default="both",
              help="Which file kind's schema to print.")
def schema(kind: str) -> None:
    """Print the JSON Schema of module and workshop files (for editors).

    Example:

        workshop schema --kind module > module.schema.json
    """
    from .app import schema as json_schema

    _echo_json(json_schema(kind))


# ---------------------------------------------------------------- before the workshop


@main.command()
@WORKSHOP_ARG
@click.option("-o", "--output", type=click.Path(), default=None, help="PDF to write.")
@LANG_OPT
@click.option("--ics", type=click.Path(), default=None, help="Also write an iCalendar file.")
@click.option("--xlsx", type=click.Path(), default=None, help="Also write the timetable as XLSX.")
def agenda(workshop: str, output: str | None, lang: str | None, ics: str | None,
           xlsx: str | None) -> None:
    """Write the workshop agenda as a PDF (and optionally ICS and XLSX).

    Example:

        workshop agenda dakar-2019 --lang fr -o agenda-fr.pdf --ics agenda.ics
    """
    from .app import Session

    session = Session.open(workshop)
    for path in session.agenda(output, lang=lang, ics=ics, xlsx=xlsx):
        click.echo(str(path))
    for warning in session.agenda_warnings():
        click.echo(_("Warning: {message}").format(message=warning), err=True)


@main.command()
@WORKSHOP_ARG
@click.option("-o", "--output", "outdir", type=click.Path(), default=None,
              help="Folder to write into (default: reports/<workshop id>/materials).")
@LANG_OPT
@click.option("--participants", type=click.Path(), default=None,
              help="Participant roster (default: the workshop's).")
def materials(workshop: str, outdir: str | None, lang: str | None,
              participants: str | None) -> None:
    """Write facilitator guide, handout, sign-in sheets, badges and table tents.

    Example:

        workshop materials dakar-2019 -o reports/dakar/materials --lang fr
    """
    from .app import ScoreOptions, Session

    session = Session.open(workshop, ScoreOptions(participants=participants))
    skipped: list[tuple[str, str]] = []
    for path in session.materials(outdir, lang=lang, skipped=skipped):
        click.echo(str(path))
    for what, why in skipped:
        click.echo(_("Skipped {what}: {why}").format(what=what, why=why), err=True)


@main.command("test-form")
@WORKSHOP_ARG
@click.option("--stage", type=click.Choice(["pre", "post"]), required=True)
@click.option("--xlsform", type=click.Path(), default=None, help="XLSForm to write (Kobo/ODK).")
@click.option("--pdf", type=click.Path(), default=None, help="Printable paper test to write.")
@click.option("--key", type=click.Path(), default=None, help="Answer key (CSV/XLSX) to write.")
@click.option("--shuffle", "shuffle", type=click.IntRange(min=0), default=None, metavar="SEED",
              help="Order each question's choices with this seed (default: the workshop's "
                   "tests: shuffle:). The form, paper test and keys agree.")
@LANG_OPT
def test_form(workshop: str, stage: str, xlsform: str | None, pdf: str | None, key: str | None,
              shuffle: int | None, lang: str | None) -> None:
    """Write the pre- or post-test as an XLSForm, a paper test and an answer key.

    Example:

        workshop test-form dakar-2019 --stage pre --xlsform pre.xlsx --pdf pre.pdf --key key.csv
        workshop test-form dakar-2019 --stage post --shuffle 7 --pdf post.pdf --key post-key.csv
    """
    from .app import Session

    if not (xlsform or pdf or key):
        raise click.UsageError(_("Give at least one of --xlsform, --pdf, --key."))
    session = Session.open(workshop)
    for path in session.test_form(stage, xlsform=xlsform, pdf=pdf, key=key, lang=lang,
                                  shuffle=shuffle):
        click.echo(str(path))


# ---------------------------------------------------------------- after the tests


@main.command()
@click.argument("file", type=click.Path())
@click.option("--key", type=click.Path(), default=None, help="Answer key (CSV/XLSX).")
@click.option("--form", type=click.Path(), default=None, help="XLSForm behind the export.")
@click.option("--workshop", "workshop", default=None, help="Workshop whose question bank to use.")
@click.option("--id-column", default=None, help="Column holding the participant id.")
@click.option("--json", "as_json", is_flag=True, help="Print the inspection as JSON.")
@click.option("--map", "header_map", multiple=True, metavar="HEADER=QID",
              help="Take the column HEADER as question QID (repeatable).")
def inspect(file: str, key: str | None, form: str | None, workshop: str | None,
            id_column: str | None, as_json: bool, header_map: tuple[str, ...]) -> None:
    """Show what an import would see: format, columns, questions, odd answers, rejected rows.

    Example:

        workshop inspect post.xlsx --key answer-key.csv
    """
    from .app import ScoreOptions
    from .app import inspect as inspect_file

    report = inspect_file(file, workshop=workshop,
                          options=ScoreOptions(key=key, form=form, id_column=id_column,
                                               header_map=tuple(header_map)))
    if as_json:
        _echo_json(report.to_dict())
    else:
        click.echo(report.to_text())


def score_inputs(func, *, many: bool = False):
    """The input options shared by `score` and `report` (`report` takes several WORKSHOPs)."""
    options = [
        click.argument("workshop", nargs=-1, metavar="[WORKSHOP]...") if many else
        click.argument("workshop", required=False, metavar="[WORKSHOP]"),
        click.option("--key", type=click.Path(), default=None, help="Answer key (CSV/XLSX)."),
        click.option("--form", type=click.Path(), default=None, help="XLSForm behind the export."),
        click.option("--pre", type=click.Path(), default=None, help="Pre-test export."),
        click.option("--post", type=click.Path(), default=None, help="Post-test export."),
        click.option("--participants", type=click.Path(), default=None, help="Roster."),
        click.option("--id-column", default=None, help="Column holding the participant id."),
        click.option("--match", type=click.Choice(["auto", "id", "email", "name"]),
                     default="auto", help="How to match pre, post and roster rows."),
        click.option("--group-by", default="sex", show_default=True,
                     help="Roster columns to disaggregate by, comma-separated."),
        click.option("--partial-credit", is_flag=True,
                     help="Give partial credit on multiple-answer questions."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@score_inputs
@click.option("-o", "--output", type=click.Path(), default=None, help="Scores workbook (XLSX).")
@click.option("--json", "as_json", is_flag=True, help="Print the score contract as JSON.")
@click.option("--map", "header_map", multiple=True, metavar="HEADER=QID",
              help="Take the column HEADER as question QID (repeatable).")
def score(workshop, key, form, pre, post, participants, id_column, match, group_by,
          partial_credit, output, as_json, header_map) -> None:
    """Score pre/post tests: gains, item analysis, groups; rejected rows listed.

    Example:

        workshop score --key key.csv --pre pre.xlsx --post post.xlsx --json
    """
    from .app import ScoreOptions, Session

    session = Session(workshop, ScoreOptions(
        key=key, form=form, pre=pre, post=post, participants=participants,
        id_column=id_column, match=match, group_by=group_by, partial_credit=partial_credit,
        header_map=tuple(header_map)))
    result = session.score(progress=_progress(_("Scoring")))
    if output:
        click.echo(str(session.write_scores(output)), err=as_json)
    if as_json:
        _echo_json(result.to_dict())
    else:
        click.echo(result.to_text())


@main.command()
@functools.partial(score_inputs, many=True)
@click.option("--satisfaction", type=click.Path(), default=None, help="Satisfaction survey.")
@click.option("-o", "--output", type=click.Path(), default=None, help="Report PDF to write.")
@LANG_OPT
@click.option("--portfolio", is_flag=True,
              help="WORKSHOP... are several workshops (or a folder): one pooled report.")
def report(workshop, key, form, pre, post, participants, id_column, match, group_by,
           partial_credit, satisfaction, output, lang, portfolio) -> None:
    """Write the evaluation report PDF for programme managers and donors.

    Example:

        workshop report dakar-2019 --lang en -o report-en.pdf

        workshop report curricula/workshops/ --portfolio -o portfolio.pdf
    """
    from .app import parse_group_by, write_report

    if portfolio:
        given = [name for name, value in (("--key", key), ("--form", form), ("--pre", pre),
                                          ("--post", post), ("--participants", participants),
                                          ("--satisfaction", satisfaction)) if value]
        if given or not workshop:
            raise click.UsageError(
                _("--portfolio reads each workshop's own files: give WORKSHOP files (or a "
                  "folder), without {options}.").format(options=", ".join(given)) if given else
                _("--portfolio reads each workshop's own files: give WORKSHOP files (or a "
                  "folder)."))
    elif len(workshop) > 1:
        raise click.UsageError(_("Several WORKSHOPs make one report only with --portfolio."))
    path = write_report(workshop=list(workshop) if portfolio else (workshop[0] if workshop
                                                                   else None),
                        key=key, form=form, pre=pre, post=post,
                        participants=participants, id_column=id_column, match=match,
                        group_by=parse_group_by(group_by),
                        partial_credit=partial_credit, satisfaction=satisfaction,
                        output=output, lang=lang, portfolio=portfolio)
    click.echo(str(path))


# ---------------------------------------------------------------- certificates


@main.command()
@WORKSHOP_ARG
@click.option("--participants", type=click.Path(), default=None, help="Roster.")
@click.option("--attendance", type=click.Path(), default=None, help="Half-day attendance sheet.")
@click.option("--post", type=click.Path(), default=None, help="Post-test export.")
@click.option("-o", "--output", type=click.Path(), default=None, help="Merged PDF to write.")
@click.option("--split", type=click.Path(), default=None,
              help="Also write one PDF per participant (named by id) and a ZIP here.")
@click.option("--registry", type=click.Path(), default=None,
              help="Issue registry: an SQLite file or a postgresql:// URL.")
@click.option("--lang", type=click.Choice(["fr", "en", "both"]), default=None,
              help="Language of the certificate (default: both of the workshop's).")
@click.option("--json", "as_json", is_flag=True, help="Print the eligibility list as JSON.")
@click.option("--date", "date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date printed on the certificates (default: the workshop's last day; "
                   "needed to issue before the workshop ends).")
def certificates(workshop, participants, attendance, post, output, split, registry, lang,
                 as_json, date) -> None:
    """Issue certificates: eligibility, verification codes, QR, registry, PDFs.

    Example:

        workshop certificates dakar-2019 -o certificates.pdf --split certs/
    """
    from .app import ScoreOptions, Session

    session = Session.open(workshop, ScoreOptions(participants=participants, post=post),
                           attendance=attendance)
    result = session.certificates(output, split=split, registry=registry, lang=lang,
                                  progress=_progress(_("Certificates")),
                                  date=date.date() if date else None)
    click.echo(result.to_text(), err=True)
    if as_json:
        _echo_json(result.to_dict())


@main.command()
@click.argument("code")
@click.option("--registry", type=click.Path(), default=None,
              help="Issue registry: an SQLite file or a postgresql:// URL.")
@click.option("--workshop", default=None, help="Workshop whose registry to use.")
@click.option("--key", default=None, help="The registry key's fingerprint, as the organization "
              "gives it (or set WORKSHOP_REGISTRY_KEY): another key answers altered.")
def verify(code: str, registry: str | None, workshop: str | None, key: str | None) -> None:
    """Check a certificate's verification code: valid, revoked, unknown or mistyped.

    Example:

        workshop verify DKR19-7F3K-Q9XM --registry reports/dakar-2019/registry.csv
    """
    from .app import verify as verify_code

    answer = verify_code(code, registry=registry, workshop=workshop, key=key)
    click.echo(answer.to_text())
    if answer.status != "valid":
        sys.exit(1)


@main.command()
@click.argument("code")
@click.option("--reason", required=True,
              help="Why the certificate is withdrawn (kept in the registry).")
@click.option("--registry", type=click.Path(), default=None,
              help="Issue registry: an SQLite file or a postgresql:// URL.")
@click.option("--workshop", default=None, help="Workshop whose registry to use.")
def revoke(code: str, reason: str, registry: str | None, workshop: str | None) -> None:
    """Withdraw a certificate: a revocation row is appended; nothing is deleted.

    Example:

        workshop revoke DKR19-7F3K-Q9XM --reason "issued in error" --registry registry.csv
    """
    from .app import console_text
    from .app import revoke as revoke_code

    entry = revoke_code(code, reason=reason, registry=registry, workshop=workshop)
    click.echo(console_text(_("{code}: revoked ({reason}); `workshop verify {code}` now "
                              "answers revoked.").format(code=entry.code, reason=entry.reason)))


# ---------------------------------------------------------------- everything


@main.command()
@WORKSHOP_ARG
@click.option("-o", "--output", "outdir", type=click.Path(), default=None,
              help="Folder to write into (default: reports/<workshop id>).")
@click.option("--json", "as_json", is_flag=True, help="List the files written as JSON.")
def build(workshop: str, outdir: str | None, as_json: bool) -> None:
    """Build every output the workshop's files allow, and say what was skipped and why.

    Example:

        workshop build curricula/workshops/dakar-2019.yaml -o reports/dakar-2019
    """
    from .app import build as build_workshop

    result = build_workshop(workshop, outdir=outdir, progress=lambda msg: click.echo(msg, err=True))
    if as_json:
        _echo_json(result.to_dict())
    else:
        click.echo(result.to_text())


@main.command()
@click.option("-o", "--output", "outdir", type=click.Path(), default="reports/demo",
              show_default=True, help="Folder to write into.")
def demo(outdir: str) -> None:
    """Build the bundled Dakar 2019 example: agenda, materials, scores, report, certificates.

    Example:

        workshop demo -o reports/demo
    """
    from .app import demo as build_demo

    result = build_demo(outdir=outdir, progress=lambda msg: click.echo(msg, err=True))
    click.echo(result.to_text())


# ---------------------------------------------------------------- a new workshop


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.option("--id", "workshop_id", default=None, help="Workshop id, e.g. abidjan-2027.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the workshop file and templates (default: fr).")
@click.option("--modules", default=None,
              help="Bundled modules, comma-separated (default: mixed-migration, "
                   "international-recruitment, migrant-protection).")
@click.option("--title", default=None, help="Workshop title.")
@click.option("--city", default=None, help="City where it takes place.")
@click.option("--country", default=None, help="Two-letter country code, e.g. CI (default: SN).")
@click.option("--start", default=None, help="First day, YYYY-MM-DD (default: a Monday in "
                                            "four weeks).")
@click.option("--end", default=None, help="Last day, YYYY-MM-DD (default: the fewest days that "
                                          "hold the modules).")
def init(folder, workshop_id, lang, modules, title, city, country, start, end) -> None:
    """Create a new workshop folder that validates at once: workshop file, modules, templates.

    Options left out are asked for when a terminal is attached.

    Example:

        workshop init abidjan-2027 --id abidjan-2027 --lang fr --country CI --city Abidjan
    """
    import datetime as dt

    from .app import DEFAULT_MODULES, NewWorkshop, bundled_modules, init_workshop

    ask = sys.stdin.isatty()
    if workshop_id is None:
        if not ask:
            raise click.UsageError(_("Give the workshop id with --id (e.g. --id "
                                     "abidjan-2027)."))
        workshop_id = click.prompt(_("Workshop id (e.g. abidjan-2027)"))
    if ask:
        lang = lang or click.prompt(_("Language"), type=click.Choice(["fr", "en"]),
                                    default="fr")
        modules = modules or click.prompt(
            _("Modules ({modules})").format(modules=", ".join(bundled_modules())),
            default=",".join(DEFAULT_MODULES))
        title = title if title is not None else click.prompt(_("Title"), default="")
        city = city if city is not None else click.prompt(_("City"), default="")
        country = country or click.prompt(_("Country code"), default="SN")
        start = start or click.prompt(_("First day (YYYY-MM-DD)"), default="")
    days = {}
    for hint, given in (("--start", start), ("--end", end)):
        try:
            days[hint] = dt.date.fromisoformat(given) if given else None
        except ValueError:
            raise click.BadParameter(_('"{start}" is not a date written YYYY-MM-DD, or the day '
                                       "does not exist.").format(start=given),
                                     param_hint=hint) from None
    first_day = days["--start"]
    spec = NewWorkshop(
        id=workshop_id, lang=lang or "fr",
        modules=tuple(m.strip() for m in (modules or ",".join(DEFAULT_MODULES)).split(",")
                      if m.strip()),
        title=title or "", city=city or "", country=country or "SN", start=first_day,
        end=days["--end"])
    written = init_workshop(folder or workshop_id, spec)
    for path in written.paths:
        click.echo(str(path))
    for note in written.notes:
        click.echo(note, err=True)


@main.command()
@WORKSHOP_ARG
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False), required=True,
              help="Folder to write the templates into.")
def templates(workshop: str, outdir: str) -> None:
    """Write the input templates: roster, attendance sheet, satisfaction form (XLSForm, paper).

    A filled roster or attendance sheet is never written over.

    Example:

        workshop templates abidjan-2027/workshops/abidjan-2027.yaml -o abidjan-2027/data
    """
    from .app import templates as write_templates

    written = write_templates(workshop, outdir)
    for path in written.paths:
        click.echo(str(path))
    for note in written.notes:
        click.echo(note, err=True)


# ---------------------------------------------------------------- registry


REGISTRY_OPT = click.option("--registry", default=None,
                            help="The registry: an SQLite file or a postgresql:// URL.")
REGISTRY_WORKSHOP_OPT = click.option("--workshop", default=None,
                                     help="Workshop whose registry to use.")


REGISTRY_KEY_OPT = click.option("--key", default=None, help="The registry key's fingerprint, "
                                "as the organization gives it (or set WORKSHOP_REGISTRY_KEY).")


def _registry_at(registry, workshop, *, create: bool, key: str | None = None):
    from .app import open_registry

    return open_registry(registry, workshop, create=create, key=key)


@main.group(cls=ToolkitGroup)
def registry() -> None:
    """The certificate registry: its key, a full check, spreadsheet export and import.

    The registry is an SQLite file (or a PostgreSQL database shared by several offices).
    Every entry is chained to the previous one and signed with the organization's key.

    Example:

        workshop registry export registry.xlsx --workshop dakar-2019
    """


@registry.command("key")
@REGISTRY_OPT
@REGISTRY_WORKSHOP_OPT
def registry_key(registry: str | None, workshop: str | None) -> None:
    """Print the registry's public key (publish it so anyone can check the signatures).

    Example:

        workshop registry key --registry certificate-registry.sqlite
    """
    from .app import fingerprint, key_path

    with _registry_at(registry, workshop, create=False) as reg:
        click.echo(reg.public_key)
        click.echo(_("fingerprint {fingerprint}; private key expected at {path} (keep a "
                     "backup of it)").format(fingerprint=fingerprint(reg.public_key),
                                             path=key_path()), err=True)
        for note in [*reg.notes, reg.key_refusal]:
            if note:
                click.echo(note, err=True)


@registry.command("check")
@REGISTRY_OPT
@REGISTRY_WORKSHOP_OPT
@REGISTRY_KEY_OPT
def registry_check(registry: str | None, workshop: str | None, key: str | None) -> None:
    """Check every entry: chain, content and signatures (exit 1 when altered).

    Example:

        workshop registry check --registry certificate-registry.sqlite
    """
    with _registry_at(registry, workshop, create=False, key=key) as reg:
        for note in reg.notes:
            click.echo(note, err=True)
        click.echo(_("{registry}: {summary}").format(registry=reg.location,
                                                     summary=reg.verify_chain().to_text()))


@registry.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@REGISTRY_OPT
@REGISTRY_WORKSHOP_OPT
def registry_export(file: str, registry: str | None, workshop: str | None) -> None:
    """Write every certificate and its status to a CSV or XLSX file (for Excel).

    Example:

        workshop registry export registry.xlsx --registry certificate-registry.sqlite
    """
    with _registry_at(registry, workshop, create=False) as reg:
        click.echo(str(reg.export(file)))


@registry.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@REGISTRY_OPT
@REGISTRY_WORKSHOP_OPT
def registry_import(file: str, registry: str | None, workshop: str | None) -> None:
    """Bring a CSV/XLSX registry (an earlier version's, or an export) into the registry.

    Codes, issue dates, revocations and replacements are kept.

    Example:

        workshop registry import certificate-registry.csv --registry certificate-registry.sqlite
    """
    with _registry_at(registry, workshop, create=True) as reg:
        added, present = reg.import_(file)
        for note in reg.notes:
            click.echo(note, err=True)
        if present:
            click.echo(_("{registry}: {added} certificate(s) imported from {file}, {present} "
                         "already present.").format(registry=reg.location, added=added,
                                                    file=file, present=present))
        else:
            click.echo(_("{registry}: {added} certificate(s) imported from {file}.").format(
                registry=reg.location, added=added, file=file))


# ---------------------------------------------------------------- e-mail


@main.command("send-certificates")
@WORKSHOP_ARG
@click.option("--from", "sender", required=True, help="Sender address participants reply to.")
@click.option("--outbox", type=click.Path(file_okay=False), default=None,
              help="Write the messages as .eml files here (default: reports/<id>/outbox).")
@click.option("--smtp", default=None, help="Send through this server, HOST:PORT.")
@click.option("--starttls", is_flag=True, help="Encrypt the SMTP connection with STARTTLS.")
@click.option("--user", default="", help="SMTP login.")
@click.option("--password-file", type=click.Path(dir_okay=False), default=None,
              help="File whose first line is the SMTP password (or WORKSHOP_SMTP_PASSWORD).")
@click.option("--from-dir", "certificates_dir", type=click.Path(file_okay=False), default=None,
              help="Folder of one-per-person certificates (default: reports/<id>/certificates).")
@click.option("--participants", type=click.Path(), default=None, help="Roster with e-mails.")
@click.option("--registry", default=None, help="The registry: an SQLite file or a URL.")
@LANG_OPT
@click.option("--json", "as_json", is_flag=True, help="Print what was sent as JSON.")
def send_certificates(workshop, sender, outbox, smtp, starttls, user, password_file,
                      certificates_dir, participants, registry, lang, as_json) -> None:
    """E-mail each certificate holder their PDF: an outbox of .eml files, or SMTP.

    Every SMTP send is recorded in the registry, so a run that stops halfway resumes without
    sending anything twice.

    Example:

        workshop send-certificates dakar-2019 --from formation@example.org --outbox outbox/

        workshop send-certificates dakar-2019 --from formation@example.org \\
            --smtp smtp.example.org:587 --starttls --user formation@example.org \\
            --password-file ~/.smtp-password
    """
    import os

    from .app import SmtpSettings, parse_smtp, read_password
    from .app import send_certificates as send_for_workshop

    if smtp and outbox:
        raise click.UsageError(_("Give --outbox or --smtp, not both."))
    settings = None
    if smtp:
        host, port = parse_smtp(smtp)
        settings = SmtpSettings(host, port, starttls=starttls, user=user,
                                password=read_password(password_file, os.environ),
                                sender=sender)
    report = send_for_workshop(workshop, registry=registry, participants=participants,
                               certificates_dir=certificates_dir, outbox=outbox, smtp=settings,
                               sender=sender, lang=lang, progress=_progress("Sending"))
    click.echo(report.to_text(), err=True)
    if as_json:
        _echo_json(report.to_dict())
# ---------------------------------------------------------------- web interface


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than 127.0.0.1 needs a password.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--data", "data", type=click.Path(file_okay=False), default="workshop-data",
              show_default=True, help="Folder for uploads, outputs and the certificate registry.")
@click.option("--open", "open_browser", is_flag=True, help="Open the browser on the start page.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Interface language (default: the browser's).")
@click.option("--password-file", type=click.Path(dir_okay=False), default=None,
              help="File whose first line is the password (or set WORKSHOP_PASSWORD).")
@click.option("--registry", default=None, help="Certificate registry: an SQLite file or a "
              "postgresql:// URL (or set WORKSHOP_REGISTRY; default DATA/"
              "certificate-registry.sqlite).")
@click.option("--public-url", default=None, help="The address people use, e.g. https://"
              "workshops.example.org/ (https: cookies are sent over HTTPS only).")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, help="Address of a reverse "
              "proxy whose X-Forwarded-Proto header is believed (repeatable).")
@click.option("--registry-key", default=None, help="The registry key's fingerprint, as the "
              "organization gives it (or set WORKSHOP_REGISTRY_KEY): /verify answers altered "
              "for a registry with another key.")
def serve(host: str, port: int, data: str, open_browser: bool, lang: str | None,
          password_file: str | None, registry: str | None, public_url: str | None,
          trusted_proxies: tuple[str, ...], registry_key: str | None) -> None:
    """Start the web interface: the three workflows, /verify and a JSON API, in a browser.

    Example:

        workshop serve --open

        workshop serve --host 0.0.0.0 --password-file secret.txt --data /srv/workshops

        workshop serve --registry postgresql://workshop@db.example.org/registry
    """
    from .web.server import serve as run_server

    run_server(host=host, port=port, data=data, lang=lang, password_file=password_file,
               open_browser=open_browser, announce=lambda msg: click.echo(msg, err=True),
               registry=registry, public_url=public_url, trusted_proxies=trusted_proxies,
               registry_key=registry_key)


# ---------------------------------------------------------------- trusting a registry's key


@registry.command("trust")
@REGISTRY_OPT
@REGISTRY_WORKSHOP_OPT
@REGISTRY_KEY_OPT
@click.option("--yes", is_flag=True, help="Trust the key without asking (compare its "
              "fingerprint with the organization's first).")
def registry_trust(registry: str | None, workshop: str | None, key: str | None,
                   yes: bool) -> None:
    """Trust the key a registry holds now, after the organization really replaced its key.

    This computer records the key of each registry it opens and refuses a registry that later
    shows another one (someone who can write the database could have put in their own key).
    Compare the fingerprint printed here with the one the organization gives you (by phone, on
    paper, on its web site), never with one read from the registry itself.

    Example:

        workshop registry trust --registry certificate-registry.sqlite

        workshop registry trust --registry registry.sqlite --key "1a2b 3c4d 5e6f 7a8b"
    """
    from .app import fingerprint, keys_file
    from .errors import RegistryError

    with _registry_at(registry, workshop, create=False, key=key) as reg:
        found = fingerprint(reg.public_key)
        if reg.key_refusal and (key is not None or not reg.expected_key):
            raise RegistryError(reg.key_refusal)  # another key than the one given, or no key
        if not reg.key_refusal:
            click.echo(_("{registry}: its key {fingerprint} is the one this computer trusts "
                         "({file}).").format(registry=reg.location, fingerprint=found,
                                             file=keys_file()))
            return
        click.echo(_("{registry}: this computer trusted the key {expected}; the registry now "
                     "holds the key {found}. Trust it only if the organization gives you this "
                     "same fingerprint.").format(registry=reg.location,
                                                 expected=reg.expected_key, found=found))
        if not yes and not click.confirm(_("Trust the key {found} for this registry?").format(
                found=found), default=False):
            click.echo(_("Nothing changed: the registry is still refused."), err=True)
            sys.exit(1)
        written = reg.trust()
        click.echo(_("{registry}: the key {found} is now trusted on this computer (recorded in "
                     "{file}).").format(registry=reg.location, found=found, file=written))


# One-line summaries for `workshop --help` (click would cut the docstrings mid-sentence).
_SUMMARIES = {
    "validate": "Check module and workshop files.",
    "schema": "Print the JSON Schema of the YAML files.",
    "agenda": "Agenda as PDF, ICS and XLSX.",
    "materials": "Guide, handout, sign-in sheets, badges, tents.",
    "test-form": "Test as XLSForm, paper test and answer key.",
    "inspect": "What an import of a survey export would see.",
    "score": "Score pre/post tests: gains, items, groups.",
    "report": "Evaluation report PDF for donors.",
    "certificates": "Certificates with codes, QR and registry.",
    "verify": "Check a certificate's verification code.",
    "revoke": "Withdraw a certificate (appended to the registry).",
    "build": "Every output a workshop's files allow.",
    "demo": "Build the bundled Dakar 2019 example.",
    "init": "Create a new workshop folder that validates at once.",
    "send-certificates": "E-mail each certificate to its holder.",
    "templates": "Roster, attendance and satisfaction templates.",
    "registry": "Certificate registry: key, check, export, import, trust.",
    "serve": "The web interface (workflows, /verify, JSON API).",
}
_REGISTRY_SUMMARIES = {
    "key": "Print the registry's public key and fingerprint.",
    "check": "Check every entry: chain, content, signatures.",
    "export": "Write the certificates to CSV or XLSX.",
    "import": "Bring in a CSV/XLSX registry, history kept.",
    "trust": "Trust a registry's new key, after checking it.",
}
for _group, _table in ((main, _SUMMARIES), (registry, _REGISTRY_SUMMARIES)):
    for _name, _summary in _table.items():
        _group.commands[_name].short_help = _summary
