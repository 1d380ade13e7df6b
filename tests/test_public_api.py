"""The public API: what `import toolkit` offers, pinned, typed and loaded lazily."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import toolkit

PUBLIC = [
    "__version__",
    "Text", "Module", "Objective", "Session", "Question", "Choice", "Workshop", "Day", "Frame",
    "Break", "ProgrammeItem", "Participant", "AnswerKey", "KeyItem",
    "DEFAULT_PASS_MARK", "DEFAULT_ATTENDANCE_THRESHOLD", "MIN_GROUP",
    "ToolkitError", "InputFileError", "CurriculumError", "RegistryError", "Problem",
    "WorkshopSession", "ScoreOptions", "resolve_workshop", "build", "demo", "score", "inspect",
    "verify", "revoke", "write_report", "write_portfolio", "BuildResult",
    "load_module", "load_workshop", "validate_paths", "build_schedule", "Schedule", "Slot",
    "stage_questions",
    "read_responses", "read_key", "read_roster", "inspect_file", "link_results",
    "run_scoring", "score_linked", "ScoreResult", "item_points", "read_satisfaction",
    "issue_certificates", "verify_code", "revoke_code", "open_registry", "send_certificates",
    "write_agenda", "write_materials", "write_test_form", "write_scores_xlsx",
    "init_workshop", "write_templates", "NewWorkshop",
]


def test_all_is_pinned():
    assert toolkit.__all__ == PUBLIC


def test_every_public_name_resolves_and_is_listed_by_dir():
    listed = dir(toolkit)
    for name in PUBLIC:
        assert name in listed
        assert getattr(toolkit, name) is not None


def test_every_public_name_is_visible_to_type_checkers():
    """Each name of __all__ has an explicit `from .x import y as y` under TYPE_CHECKING."""
    source = Path(toolkit.__file__).read_text(encoding="utf-8")
    block = source.split("if TYPE_CHECKING:", 1)[1].split("\ndef ", 1)[0]
    for name in PUBLIC[1:]:
        assert f" import {name} as {name}\n" in block, name
    assert (Path(toolkit.__file__).parent / "py.typed").is_file()


def test_import_toolkit_loads_no_heavy_library():
    code = ("import sys, toolkit; dir(toolkit); "
            "print(sorted(m for m in ('pandas', 'numpy', 'reportlab', 'openpyxl', 'scipy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_a_notebook_session_in_three_lines(tmp_path):
    session = toolkit.WorkshopSession.open("dakar-2019")
    tables = session.score().tables()
    assert len(tables.participants) == session.score().to_dict()["matched"]["n"] + \
        len(session.score().to_dict()["participants"]["pre_only"]) + \
        len(session.score().to_dict()["participants"]["post_only"])
    assert session.report(tmp_path / "report.pdf", lang="fr").is_file()
