"""workshop-toolkit: agendas, materials, certificates, test scoring and evaluation reports.

The public API is listed in ``__all__``; names are imported on first use so that
``import toolkit`` (and ``workshop --help``) stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "Text": "model", "Module": "model", "Objective": "model", "Session": "model",
    "Question": "model", "Choice": "model", "Workshop": "model", "Day": "model",
    "Frame": "model", "Break": "model", "ProgrammeItem": "model", "Participant": "model",
    "AnswerKey": "model", "KeyItem": "model",
    "ToolkitError": "errors", "Problem": "errors",
    "load_module": "curriculum", "load_workshop": "curriculum", "validate_paths": "curriculum",
    "stage_questions": "stages", "write_test_form": "render.testform",
    "build_schedule": "schedule", "Schedule": "schedule", "Slot": "schedule",
    "write_agenda": "render.agenda", "write_materials": "render.materials",
    "write_report": "app",
    "run_scoring": "scoring.run", "score_linked": "scoring.run", "ScoreResult": "scoring.result",
    "item_points": "scoring.points", "read_satisfaction": "scoring.satisfaction",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
