"""One way to turn what a caller gives as a workshop into a Workshop.

Every entry point (the application layer, scoring, certificates, inspect) accepts a workshop
as a loaded :class:`~toolkit.model.Workshop`, the path of its YAML file, or its id (looked up
in ``curricula/workshops/``, then in the bundled examples), or None for "no workshop". They
all resolve it here, so a workshop given three ways behaves the same everywhere.
"""
from __future__ import annotations

import os
from typing import Union

from .model import Workshop

WorkshopRef = Union[Workshop, str, "os.PathLike[str]", None]


def resolve_workshop(workshop: WorkshopRef) -> Workshop | None:
    """The Workshop for a model object, a YAML path or an id; None stays None."""
    if workshop is None or isinstance(workshop, Workshop):
        return workshop
    from .curriculum import load_workshop  # the YAML loader, imported only when needed

    return load_workshop(workshop)


def require_workshop(workshop: WorkshopRef) -> Workshop:
    """:func:`resolve_workshop` for callers that need a workshop (None is a programming error)."""
    ws = resolve_workshop(workshop)
    if ws is None:
        raise TypeError("a workshop is required here (a Workshop, a YAML path or an id)")
    return ws
