"""The application layer's functions: one call per command, each on a session.

Every function here opens a :class:`~toolkit.app.session.WorkshopSession` (or works on the
certificate registry alone, for verify and revoke), so the command line and the web interface
get the same behaviour from the same code.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resolve import WorkshopRef
from .builder import BuildResult, build_session, demo_source
from .session import Progress, ScoreOptions, WorkshopSession

if TYPE_CHECKING:
    from ..responses.inspect import Inspection
    from ..scoring.result import ScoreResult


def build(workshop: WorkshopRef, *, outdir: str | os.PathLike[str] | None = None,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build agenda, materials, test forms, scores, reports and certificates for a workshop."""
    return build_session(WorkshopSession(workshop), outdir=outdir, progress=progress)


def demo(*, outdir: str | os.PathLike[str] = "reports/demo",
         progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the bundled Dakar 2019 example into ``outdir``.

    The example names no registry, so the certificate registry is kept in ``outdir``: the demo
    never writes into the installed package, and running it again reuses the codes issued.
    """
    return build(str(demo_source()), outdir=outdir, progress=progress)


def verify(code: str, *, registry: str | os.PathLike[str] | None = None,
           workshop: WorkshopRef = None, key: str | None = None) -> Any:
    """Check a certificate code against the registry: valid, revoked, unknown or mistyped
    (altered when its chain, signatures or key do not hold; ``key`` pins the key)."""
    from ..certificates import verify_code

    # a postgresql:// URL must stay a string (Path would fold its "//")
    return verify_code(code, registry=str(registry) if registry else None, workshop=workshop,
                       key=key)


def revoke(code: str, *, reason: str, registry: str | os.PathLike[str] | None = None,
           workshop: WorkshopRef = None) -> Any:
    """Withdraw a certificate: a revocation row is appended to the registry; returns it."""
    from ..certificates import revoke_code

    return revoke_code(code, reason=reason, registry=str(registry) if registry else None,
                       workshop=workshop)


def score(workshop: WorkshopRef = None, options: ScoreOptions | None = None, *,
          progress: Progress | None = None) -> ScoreResult:
    """Score a workshop's tests (or a key and exports): ``Session(...).score()``."""
    return WorkshopSession(workshop, options).score(progress)


def inspect(file: str | os.PathLike[str], *, workshop: WorkshopRef = None,
            options: ScoreOptions | None = None) -> Inspection:
    """What an import of ``file`` would see."""
    return WorkshopSession(workshop, options).inspect(file)


def write_report(*, workshop: WorkshopRef | Sequence[WorkshopRef] = None,
                 satisfaction: str | os.PathLike[str] | None = None,
                 output: str | os.PathLike[str] | None = None, lang: str | None = None,
                 portfolio: bool = False, progress: Progress | None = None,
                 **options: Any) -> Path:
    """`workshop report`: the evaluation report of one workshop, or a portfolio, written.

    ``options`` are :class:`ScoreOptions` fields (key, pre, post, participants, group_by...).
    """
    if portfolio:
        from .portfolio import write_portfolio

        kept = {k: options[k] for k in ("group_by", "match", "partial_credit") if k in options}
        return write_portfolio(workshop, output=output, lang=lang, progress=progress, **kept)
    session = WorkshopSession(workshop, ScoreOptions(**options),  # type: ignore[arg-type]
                              satisfaction=satisfaction)
    return session.report(output, lang=lang)


def validate(paths: Sequence[str | os.PathLike[str]]) -> list[Any]:
    """Every problem of the module and workshop files under ``paths`` (empty when clean)."""
    from ..curriculum import validate_paths

    return validate_paths([str(p) for p in paths])


def schema(kind: str = "both") -> dict[str, Any]:
    """The JSON Schema of module and/or workshop files (``kind``: module, workshop, both)."""
    from ..curriculum import json_schema

    return json_schema(kind)


def open_registry(registry: str | os.PathLike[str] | None = None, workshop: WorkshopRef = None,
                  *, create: bool = False, key: str | None = None) -> Any:
    """The certificate registry (a context manager): ``registry`` (an SQLite file or a
    ``postgresql://`` URL), else the workshop's; ``key`` pins its key (a fingerprint)."""
    from ..certificates import _registry_location, open_workshop_registry

    return open_workshop_registry(_registry_location(str(registry) if registry else None,
                                                     workshop), create=create, key=key)


def templates(workshop: WorkshopRef, outdir: str | os.PathLike[str]) -> Any:
    """Write the roster, attendance and satisfaction templates of a workshop."""
    from ..starter import write_templates

    return write_templates(WorkshopSession.open(workshop).ws, outdir)


def send_certificates(workshop: WorkshopRef, **kwargs: Any) -> Any:
    """E-mail each certificate holder their PDF (an outbox, or SMTP): see toolkit.mailer."""
    from ..mailer import send_for_workshop

    return send_for_workshop(WorkshopSession.open(workshop).ws, **kwargs)
