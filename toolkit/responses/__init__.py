"""Survey exports in: read any export, normalise answers against a key, link pre/post/roster."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..i18n import _

# Each name is imported on first use (PEP 562): `workshop score` without a roster never loads
# roster.py or inspect.py, and importing table.py (the scoring contract) loads nothing else.
_WHERE = {
    "read_responses": "importer",
    "Inspection": "inspect",
    "inspect_file": "inspect",
    "key_from_form": "key",
    "key_from_workshop": "key",
    "read_key": "key",
    "map_headers": "key",
    "link_results": "match",
    "read_roster": "roster",
    "Duplicate": "table",
    "FuzzyMatch": "table",
    "ImportResult": "table",
    "Linked": "table",
}
__all__ = list(_WHERE)

if TYPE_CHECKING:
    from .importer import read_responses as read_responses
    from .inspect import Inspection as Inspection
    from .inspect import inspect_file as inspect_file
    from .key import key_from_form as key_from_form
    from .key import key_from_workshop as key_from_workshop
    from .key import map_headers as map_headers
    from .key import read_key as read_key
    from .match import link_results as link_results
    from .roster import read_roster as read_roster
    from .table import Duplicate as Duplicate
    from .table import FuzzyMatch as FuzzyMatch
    from .table import ImportResult as ImportResult
    from .table import Linked as Linked


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(_("module {name!r} has no attribute {name2!r}").format(
                                 name=__name__, name2=name))
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
