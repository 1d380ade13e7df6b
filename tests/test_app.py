"""The application layer (toolkit.app): one session reads each file once and scores once."""
from __future__ import annotations

import collections
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DATA, ROOT
from toolkit.cli import main

KOBO = DATA / "samples" / "kobo"


def _count(monkeypatch, counts, module, name):
    original = getattr(module, name)

    def counted(*args, **kwargs):
        first = args[0] if args else None
        counts[name, Path(str(first)).name if isinstance(first, (str, Path)) else ""] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_build_reads_each_input_file_once_and_scores_once(tmp_path, monkeypatch):
    """Issue 13: `workshop build dakar-2019` ran the scoring 4 times and read the roster 7
    times (18 spreadsheet reads in all); one session reads each file once."""
    import toolkit.attendance as attendance
    import toolkit.responses as responses
    import toolkit.responses.read as read
    import toolkit.scoring.run as run
    import toolkit.scoring.satisfaction as satisfaction

    counts: collections.Counter = collections.Counter()
    for module, name in ((responses, "read_responses"), (responses, "read_roster"),
                         (attendance, "read_attendance"), (satisfaction, "read_satisfaction"),
                         (run, "score_linked"), (run, "run_scoring")):
        _count(monkeypatch, counts, module, name)
    # the low-level reader, wherever a module holds it under its own name
    for modname in ("importer", "roster", "key", "inspect"):
        importlib.import_module(f"toolkit.responses.{modname}")
    reader = read.read_table
    for module in [m for n, m in sys.modules.items() if n.startswith("toolkit")]:
        if getattr(module, "read_table", None) is reader:
            _count(monkeypatch, counts, module, "read_table")

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "dakar-2019", "-o", str(tmp_path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stdout
    assert counts["score_linked", ""] == 1  # the scoring, once
    assert counts["run_scoring", ""] == 0  # the session does not go round through it
    inputs = {"participants.xlsx": "read_roster", "attendance.xlsx": "read_attendance",
              "pre-test.xlsx": "read_responses", "post-test.xlsx": "read_responses",
              "satisfaction.xlsx": "read_satisfaction"}
    for file, reader_name in inputs.items():
        assert counts[reader_name, file] == 1, (file, counts)
        assert counts["read_table", file] <= 1, (file, counts)
    assert sum(n for (name, _), n in counts.items() if name == "read_table") <= len(inputs)


# ------------------------------------------------------------------ the session API


@pytest.fixture(scope="module")
def session():
    from toolkit.app import Session

    return Session.open("dakar-2019")


def test_a_session_scores_once_and_gives_the_contract_of_run_scoring(session):
    from toolkit.scoring.run import run_scoring

    first = session.score()
    assert session.score() is first
    again = run_scoring(workshop="dakar-2019")
    assert json.dumps(first.to_dict()) == json.dumps(again.to_dict())
    assert session.roster() is session.roster()  # read once, kept


def test_report_pdf_bytes_are_the_report_written(session, tmp_path):
    pdf = session.report_pdf("en")
    assert pdf.startswith(b"%PDF")
    path = session.report(tmp_path / "r.pdf", lang="en")
    assert path.read_bytes() == pdf


def test_default_output_paths_are_under_reports_and_the_workshop_id(tmp_path, monkeypatch):
    from toolkit.app import ScoreOptions, Session

    monkeypatch.chdir(tmp_path)
    with_ws = Session.open(ROOT / "curricula" / "workshops" / "dakar-2019.yaml")
    assert with_ws.outdir == Path("reports") / "dakar-2019"
    assert Session(options=ScoreOptions()).outdir == Path("reports") / "report"
    assert Session("dakar-2019", outdir=tmp_path / "x").outdir == tmp_path / "x"


def test_resolve_workshop_takes_an_object_a_path_an_id_or_none(monkeypatch):
    from toolkit.app import resolve_workshop

    monkeypatch.chdir(ROOT)
    by_id = resolve_workshop("dakar-2019")
    assert by_id is not None and by_id.id == "dakar-2019"
    assert resolve_workshop(by_id) is by_id
    assert resolve_workshop(ROOT / "curricula" / "workshops" / "dakar-2019.yaml").id == by_id.id
    assert resolve_workshop(None) is None


def test_score_options_are_the_one_parameter_list():
    from dataclasses import fields

    from toolkit.app import ScoreOptions

    assert [f.name for f in fields(ScoreOptions)] == [
        "key", "form", "pre", "post", "participants", "id_column", "match", "group_by",
        "partial_credit", "pass_mark", "header_map"]
    assert ScoreOptions(group_by="sex, country ,").group_by == ("sex", "country")
    assert ScoreOptions(group_by=["pays"]).group_by == ("pays",)


def test_options_win_over_the_workshops_files(tmp_path):
    from toolkit.app import ScoreOptions, Session

    s = Session("dakar-2019", ScoreOptions(post=str(KOBO / "post_xml.csv")))
    assert s.post == str(KOBO / "post_xml.csv")
    assert Path(s.pre).name == "pre-test.xlsx"  # the workshop's own


def test_a_session_without_a_workshop_scores_a_key_and_exports():
    from toolkit.app import ScoreOptions, Session, score
    from toolkit.scoring.run import run_scoring

    options = ScoreOptions(key=str(KOBO / "answer-key.csv"), pre=str(KOBO / "pre_xml.csv"),
                           post=str(KOBO / "post_xml.csv"))
    result = Session(options=options).score()
    assert result.matched is not None and result.matched.n == 22
    assert score(options=options).to_dict() == run_scoring(
        key=options.key, pre=options.pre, post=options.post).to_dict()


def test_verify_and_revoke_are_functions_of_the_layer(tmp_path):
    from toolkit.app import revoke, verify
    from toolkit.registry import Request, open_registry

    registry = tmp_path / "registry.sqlite"
    with open_registry(registry) as reg:
        (issued,) = reg.issue("example-2024", [Request("P01", "Awa Diallo", "participation")],
                              prefix="EX24", dates="2024-03-04/2024-03-07")
    code = issued.code
    assert verify(code, registry=registry).status == "valid"
    assert revoke(code, reason="issued in error", registry=registry).code == code
    assert verify(code, registry=registry).status == "revoked"


def test_importing_the_layer_loads_no_heavy_library():
    code = ("import sys, toolkit.app as app; dir(app); app.Session; app.ScoreOptions;"
            "print(sorted(m for m in ('pandas', 'reportlab', 'numpy', 'openpyxl', 'scipy')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_layer_lists_its_api():
    import toolkit.app as app

    for name in ("Session", "WorkshopSession", "ScoreOptions", "resolve_workshop", "score",
                 "inspect", "verify", "revoke", "build", "demo", "write_report",
                 "portfolio_data", "write_portfolio"):
        assert name in dir(app) and name in app.__all__
        assert getattr(app, name) is not None
    assert app.Session is app.WorkshopSession
    assert callable(app.build) and app.build.__module__ == "toolkit.app.api"
