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
    assert _imports(PACKAGE / "model.py") <= {"__future__", "datetime", "dataclasses", "typing",
                                                 "collections"}  # collections.abc only
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


# ------------------------------------------------------------------ the import graph (issue 13)
#
# Every import of the package's own modules, at module level or inside a function, is an
# edge; imports under ``if TYPE_CHECKING:`` are not (they never run).

RENDER_MAY_IMPORT = {"toolkit", "toolkit.model", "toolkit.schedule", "toolkit.i18n",
                     "toolkit.i18n.typography", "toolkit.i18n.messages",
                     "toolkit.scoring", "toolkit.scoring.result", "toolkit.errors",
                     "toolkit.fileio", "toolkit.plaintext", "toolkit.stages",
                     # pure functions of the model: hours on certificates, the satisfaction
                     # survey's questions; whether an image file can be drawn
                     "toolkit.hours", "toolkit.survey_forms", "toolkit.images"}
RENDER_MUST_NOT_REACH = ("toolkit.responses", "toolkit.curriculum", "toolkit.scoring.run",
                         "toolkit.scoring.stats", "toolkit.scoring.gain",
                         "toolkit.scoring.pooled", "toolkit.scoring.breakdown",
                         "toolkit.scoring.distributions", "toolkit.scoring.points",
                         "toolkit.scoring.likert", "toolkit.scoring.satisfaction",
                         "toolkit.app", "toolkit.certificates", "toolkit.attendance",
                         "toolkit.registry", "toolkit.yamlsafe")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _own_imports(path: Path, *, type_checking: bool) -> set[str]:
    """The package's modules that ``path`` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    current = _module_name(path)
    package = current if path.name == "__init__.py" else current.rpartition(".")[0]
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for sub in node.body for n in ast.walk(sub))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "toolkit")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "toolkit":
                continue
            for alias in node.names:  # "from . import responses" imports a module
                sub = f"{module}.{alias.name}"
                found.add(sub if sub in MODULES else module)
    return {m for m in found if m in MODULES and m != current}


def _graph(*, type_checking: bool = False) -> dict[str, set[str]]:
    return {name: _own_imports(path, type_checking=type_checking)
            for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_graph_counts_imports_inside_functions():
    graph = _graph()
    # both are imported inside functions only: the graph must see them
    assert "toolkit.app.builder" in graph["toolkit.app.session"]
    assert "toolkit.render.pdf.certificates" in graph["toolkit.certificates"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_in_the_package():
    assert _cycles(_graph()) == []


def test_render_imports_only_model_schedule_i18n_and_typed_results():
    offenders = {name: sorted(m for m in imports if not m.startswith("toolkit.render")
                              and m not in RENDER_MAY_IMPORT)
                 for name, imports in _graph(type_checking=True).items()
                 if name.startswith("toolkit.render")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_render_reaches_no_loader_reader_or_statistics_code():
    graph = _graph()
    for name in list(graph):  # importing a.b.c runs a/__init__.py and a/b/__init__.py
        parts = name.split(".")
        graph[name] |= {".".join(parts[:i]) for i in range(1, len(parts))} & set(MODULES)
    seen: set[str] = set()
    todo = [m for m in graph if m.startswith("toolkit.render")]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph[module])
    reached = sorted(m for m in seen if m.startswith(RENDER_MUST_NOT_REACH))
    assert reached == []


def test_cli_commands_call_only_the_application_layer():
    """Issue 13: the command bodies go through toolkit.app (a web front-end, a peer of the
    command line started by it, may be imported too; the interface language comes from
    toolkit.i18n, like the errors from toolkit.errors)."""
    own = sorted(m for m in _own_imports(PACKAGE / "cli.py", type_checking=True)
                 if m not in ("toolkit", "toolkit.errors", "toolkit.i18n"))
    assert own and all(m.split(".")[:2] in (["toolkit", "app"], ["toolkit", "web"])
                       for m in own), own
