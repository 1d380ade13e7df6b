"""Training hours as printed on certificates: learning time only.

The programme's opening and closing ceremonies, the pre- and post-tests, the workshop
evaluation and the certificates ceremony are not training; breaks are not in the programme.
What counts: every session of the modules the programme uses, sessions placed one by one,
and fixed items that teach (plenary, field visit, other).
"""
from __future__ import annotations

from .model import Workshop

NOT_TRAINING = frozenset({"opening", "closing", "pre-test", "post-test", "evaluation",
                          "certificates"})


def learning_minutes(workshop: Workshop) -> int:
    """Minutes of learning in the programme (ceremonies, tests and evaluation excluded)."""
    minutes = 0
    sessions = {s.id: s for m in workshop.modules for s in m.sessions}
    for item in workshop.programme:
        if item.kind == "module":
            try:
                minutes += workshop.module(item.ref).minutes
            except KeyError:
                continue
        elif item.kind == "session":
            minutes += sessions[item.ref].minutes if item.ref in sessions else 0
        elif item.kind not in NOT_TRAINING:
            minutes += item.minutes
    return minutes


def learning_hours(workshop: Workshop) -> int:
    """The certificate rules' ``hours`` when given, else the learning minutes in whole hours
    (half an hour rounds up)."""
    if workshop.certificates.hours is not None:
        return int(round(workshop.certificates.hours))
    return int((learning_minutes(workshop) + 30) // 60)
