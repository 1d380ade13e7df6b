"""workshop-toolkit: agendas, materials, certificates, test scoring and evaluation reports.

The public API is listed in ``__all__`` (and ``dir(toolkit)``). Names are imported on first
use, so ``import toolkit`` (and ``workshop --help``) stays fast; type checkers and editors see
every name through the ``TYPE_CHECKING`` imports below. A notebook session::

    import toolkit

    session = toolkit.WorkshopSession.open("dakar-2019")   # a YAML path, an id or a Workshop
    result = session.score()                                # read and scored once
    tables = result.tables()                                # pandas DataFrames
    session.report(lang="fr")                               # the evaluation report PDF
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it (relative to this package)
_API = {
    # the domain model
    "Text": "model", "Module": "model", "Objective": "model", "Session": "model",
    "Question": "model", "Choice": "model", "Workshop": "model", "Day": "model",
    "Frame": "model", "Break": "model", "ProgrammeItem": "model", "Participant": "model",
    "AnswerKey": "model", "KeyItem": "model",
    "DEFAULT_PASS_MARK": "model", "DEFAULT_ATTENDANCE_THRESHOLD": "model", "MIN_GROUP": "model",
    # errors: one that stops the work, and one bad row in usable data
    "ToolkitError": "errors", "InputFileError": "errors", "CurriculumError": "errors",
    "RegistryError": "errors", "Problem": "errors",
    # the application layer: one session per workshop, and the commands as functions
    "WorkshopSession": "app", "ScoreOptions": "app", "resolve_workshop": "app",
    "build": "app", "demo": "app", "score": "app", "inspect": "app", "verify": "app",
    "revoke": "app", "write_report": "app", "write_portfolio": "app", "BuildResult": "app",
    # curriculum and timetable
    "load_module": "curriculum", "load_workshop": "curriculum", "validate_paths": "curriculum",
    "build_schedule": "schedule", "Schedule": "schedule", "Slot": "schedule",
    "stage_questions": "stages",
    # survey exports in
    "read_responses": "responses", "read_key": "responses", "read_roster": "responses",
    "inspect_file": "responses", "link_results": "responses",
    # scoring
    "run_scoring": "scoring.run", "score_linked": "scoring.run", "ScoreResult": "scoring.result",
    "item_points": "scoring.points", "read_satisfaction": "scoring.satisfaction",
    # certificates and their registry
    "issue_certificates": "certificates", "verify_code": "certificates",
    "revoke_code": "certificates", "open_registry": "registry",
    "send_certificates": "mailer",
    # documents
    "write_agenda": "render.agenda", "write_materials": "render.materials",
    "write_test_form": "render.testform", "write_scores_xlsx": "render.xlsx",
    # a new workshop
    "init_workshop": "starter", "write_templates": "starter", "NewWorkshop": "starter",
}

__all__ = ["__version__", *_API]

if TYPE_CHECKING:
    from .app import BuildResult as BuildResult
    from .app import ScoreOptions as ScoreOptions
    from .app import WorkshopSession as WorkshopSession
    from .app import build as build
    from .app import demo as demo
    from .app import inspect as inspect
    from .app import resolve_workshop as resolve_workshop
    from .app import revoke as revoke
    from .app import score as score
    from .app import verify as verify
    from .app import write_portfolio as write_portfolio
    from .app import write_report as write_report
    from .certificates import issue_certificates as issue_certificates
    from .certificates import revoke_code as revoke_code
    from .certificates import verify_code as verify_code
    from .curriculum import load_module as load_module
    from .curriculum import load_workshop as load_workshop
    from .curriculum import validate_paths as validate_paths
    from .errors import CurriculumError as CurriculumError
    from .errors import InputFileError as InputFileError
    from .errors import Problem as Problem
    from .errors import RegistryError as RegistryError
    from .errors import ToolkitError as ToolkitError
    from .mailer import send_certificates as send_certificates
    from .model import DEFAULT_ATTENDANCE_THRESHOLD as DEFAULT_ATTENDANCE_THRESHOLD
    from .model import DEFAULT_PASS_MARK as DEFAULT_PASS_MARK
    from .model import MIN_GROUP as MIN_GROUP
    from .model import AnswerKey as AnswerKey
    from .model import Break as Break
    from .model import Choice as Choice
    from .model import Day as Day
    from .model import Frame as Frame
    from .model import KeyItem as KeyItem
    from .model import Module as Module
    from .model import Objective as Objective
    from .model import Participant as Participant
    from .model import ProgrammeItem as ProgrammeItem
    from .model import Question as Question
    from .model import Session as Session
    from .model import Text as Text
    from .model import Workshop as Workshop
    from .registry import open_registry as open_registry
    from .render.agenda import write_agenda as write_agenda
    from .render.materials import write_materials as write_materials
    from .render.testform import write_test_form as write_test_form
    from .render.xlsx import write_scores_xlsx as write_scores_xlsx
    from .responses import inspect_file as inspect_file
    from .responses import link_results as link_results
    from .responses import read_key as read_key
    from .responses import read_responses as read_responses
    from .responses import read_roster as read_roster
    from .schedule import Schedule as Schedule
    from .schedule import Slot as Slot
    from .schedule import build_schedule as build_schedule
    from .scoring.points import item_points as item_points
    from .scoring.result import ScoreResult as ScoreResult
    from .scoring.run import run_scoring as run_scoring
    from .scoring.run import score_linked as score_linked
    from .scoring.satisfaction import read_satisfaction as read_satisfaction
    from .stages import stage_questions as stage_questions
    from .starter import NewWorkshop as NewWorkshop
    from .starter import init_workshop as init_workshop
    from .starter import write_templates as write_templates


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
