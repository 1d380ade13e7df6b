"""The house rules of DESIGN.md §2, checked on the source text."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_cli_imports_click():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.name != "cli.py" and "click" in _imports(p)]
    assert offenders == []


def test_only_render_imports_reportlab():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if "render" not in p.relative_to(PACKAGE).parts and "reportlab" in _imports(p)]
    assert offenders == []


def test_model_does_no_io():
    source = (PACKAGE / "model.py").read_text(encoding="utf-8")
    assert _imports(PACKAGE / "model.py") <= {"__future__", "datetime", "dataclasses", "typing"}
    for word in ("open(", "read_text", "write_text", "print("):
        assert word not in source


def test_library_never_prints_or_exits():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                owner = getattr(getattr(func, "value", None), "id", None)
                if name == "print" and isinstance(func, ast.Name):
                    offenders.append(f"{path.name}:{node.lineno} print")
                if name == "exit" and owner == "sys":
                    offenders.append(f"{path.name}:{node.lineno} sys.exit")
    assert offenders == []


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from click.testing import CliRunner; from toolkit.cli import main;"
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output;"
            "print(sorted(m for m in ('pandas', 'reportlab', 'scipy', 'numpy', 'openpyxl')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
