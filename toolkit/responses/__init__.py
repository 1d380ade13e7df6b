"""Survey exports in: read any export, normalise answers against a key, link pre/post/roster."""
from __future__ import annotations

from .importer import read_responses as read_responses
from .inspect import Inspection as Inspection
from .inspect import inspect_file as inspect_file
from .key import key_from_form as key_from_form
from .key import key_from_workshop as key_from_workshop
from .key import read_key as read_key
from .match import link_results as link_results
from .roster import read_roster as read_roster
from .table import Duplicate as Duplicate
from .table import FuzzyMatch as FuzzyMatch
from .table import ImportResult as ImportResult
from .table import Linked as Linked
