"""The application layer: one workshop session from files to every output.

The command line (``toolkit/cli.py``) and the web interface call only this package. A session
resolves the workshop once, reads each of its files once (roster, attendance sheet, test
exports, satisfaction survey), scores once, and owns the default output paths
(``reports/<workshop id>/...``)::

    from toolkit.app import ScoreOptions, Session

    session = Session.open("dakar-2019")              # a Workshop, a YAML path or an id
    result = session.score()                          # ScoreResult (cached on the session)
    tables = result.tables()                          # pandas DataFrames for analysts
    session.write_scores("scores.xlsx")
    session.report(lang="fr")                         # reports/dakar-2019/evaluation-report-fr.pdf
    pdf = session.report_pdf("en")                    # the same report as bytes (web)
    session.certificates(split="certificates/")       # codes, registry, PDFs
    session.build("reports/dakar-2019")               # everything the files allow

    # without a workshop file: a key and the exports
    Session(options=ScoreOptions(key="key.csv", pre="pre.xlsx", post="post.xlsx")).score()

API
---
:class:`WorkshopSession` (also exported as ``Session``):
    ``Session(workshop=None, options=ScoreOptions(...), satisfaction=None, attendance=None,
    outdir=None)``; ``Session.open(workshop, options=None, **kwargs)``.
    Inputs read once: ``roster()``, ``attendance()``, ``satisfaction()``, ``keys()``,
    ``schedule()``; ``score(progress=None) -> ScoreResult``; ``write_scores(path=None)``;
    ``report_data(lang)``, ``report(output=None, lang=None) -> Path``,
    ``report_pdf(lang=None) -> bytes``; ``agenda(output=None, lang=, ics=, xlsx=)``,
    ``agenda_warnings()``; ``materials(outdir=None, lang=)``;
    ``test_form(stage, xlsform=, pdf=, key=, lang=)``; ``inspect(file)``;
    ``certificates(output=None, split=, registry=, lang=, progress=) -> IssueResult``;
    ``build(outdir=None, progress=None) -> BuildResult``.
:class:`ScoreOptions`:
    key, form, pre, post, participants, id_column, match, group_by, partial_credit,
    pass_mark: the one list of scoring inputs (files given here win over the workshop's).
Functions:
    ``resolve_workshop(path | id | Workshop | None)``; ``validate(paths)``; ``schema(kind)``;
    ``score(workshop, options)``;
    ``inspect(file, workshop=, options=)``; ``verify(code, registry=, workshop=)``;
    ``revoke(code, reason=, registry=, workshop=)``; ``build(workshop, outdir=, progress=)``;
    ``demo(outdir=, progress=)``; ``write_report(workshop=, satisfaction=, output=, lang=,
    portfolio=False, **score_options)``; ``portfolio_data(workshops, ...)``,
    ``write_portfolio(workshops, output=, lang=, ...)``; ``parse_group_by("sex,country")``.

Progress callbacks: scoring and certificates call ``progress(done, total)``; build and demo
call ``progress(message)`` once per step.

Names are imported on first use, so ``import toolkit.app`` loads neither pandas nor
reportlab.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "WorkshopSession": "session", "Session": "session", "ScoreOptions": "session",
    "parse_group_by": "session", "score": "api", "inspect": "api",
    "verify": "api", "revoke": "api", "write_report": "api",
    "validate": "api", "schema": "api",
    "resolve_workshop": "..resolve", "WorkshopRef": "..resolve",
    "BuildResult": "builder", "build": "api", "demo": "api", "demo_source": "builder",
    "portfolio_data": "portfolio", "write_portfolio": "portfolio",
    "workshop_paths": "portfolio",
    "report_data": "report", "workshop_info": "report", "demographics": "report",
    "open_registry": "api", "templates": "api", "send_certificates": "api",
    # a new workshop, e-mail settings, the signing key, terminal-safe text
    "init_workshop": "..starter", "NewWorkshop": "..starter", "DEFAULT_MODULES": "..starter",
    "bundled_modules": "..starter", "SmtpSettings": "..mailer", "parse_smtp": "..mailer",
    "read_password": "..mailer", "fingerprint": "..signing", "key_path": "..signing",
    "keys_file": "..signing",
    "console_text": "..console",
}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from ..console import console_text as console_text
    from ..mailer import SmtpSettings as SmtpSettings
    from ..mailer import parse_smtp as parse_smtp
    from ..mailer import read_password as read_password
    from ..resolve import WorkshopRef as WorkshopRef
    from ..resolve import resolve_workshop as resolve_workshop
    from ..signing import fingerprint as fingerprint
    from ..signing import key_path as key_path
    from ..signing import keys_file as keys_file
    from ..starter import DEFAULT_MODULES as DEFAULT_MODULES
    from ..starter import NewWorkshop as NewWorkshop
    from ..starter import bundled_modules as bundled_modules
    from ..starter import init_workshop as init_workshop
    from .api import build as build
    from .api import demo as demo
    from .api import inspect as inspect
    from .api import open_registry as open_registry
    from .api import revoke as revoke
    from .api import schema as schema
    from .api import score as score
    from .api import send_certificates as send_certificates
    from .api import templates as templates
    from .api import validate as validate
    from .api import verify as verify
    from .api import write_report as write_report
    from .builder import BuildResult as BuildResult
    from .builder import demo_source as demo_source
    from .portfolio import portfolio_data as portfolio_data
    from .portfolio import workshop_paths as workshop_paths
    from .portfolio import write_portfolio as write_portfolio
    from .report import demographics as demographics
    from .report import report_data as report_data
    from .report import workshop_info as workshop_info
    from .session import ScoreOptions as ScoreOptions
    from .session import Session as Session
    from .session import WorkshopSession as WorkshopSession
    from .session import parse_group_by as parse_group_by


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    where = f"toolkit.{module[2:]}" if module.startswith("..") else f"{__name__}.{module}"
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
