"""Every user-facing message goes through the catalogue.

Two guards: an AST scan of toolkit/ for errors raised with a bare English literal (not wrapped in
``_()``/``ngettext``), and the commands a French-speaking trainer runs most, under
WORKSHOP_LANG=fr, checked for English sentences in what they print.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
WRAPPERS = {"_", "gettext", "ngettext", "pgettext"}

# (file, exception) pairs that may keep an English literal, each for a reason a user never
# meets it in the interface:
ALLOWED = {
    # the module __getattr__ protocol: Python's own wording, for programmers
    ("toolkit/__init__.py", "AttributeError"),
    ("toolkit/app/__init__.py", "AttributeError"),
    # the catalogue itself: a wrong WORKSHOP_LANG or a missing .mo leaves no language to
    # translate into; init of a catalogue is a maintainer's command
    ("toolkit/i18n/messages.py", "LanguageError"),
    ("toolkit/i18n/catalog.py", "ValueError"),
    # programming errors in library calls (wrong argument type, unknown internal code)
    ("toolkit/registry.py", "ValueError"),
    ("toolkit/render/materials.py", "TypeError"),
    ("toolkit/resolve.py", "TypeError"),
    ("toolkit/responses/normalise.py", "ValueError"),
    ("toolkit/web/strings.py", "KeyError"),
    # settings object checks and the test server's start-up watchdog (the CLI checks the
    # password file first, with a translated message)
    ("toolkit/web/security.py", "ValueError"),
    ("toolkit/web/server.py", "RuntimeError"),
}


def _is_literal(node: ast.AST) -> bool:
    """A message written out in English: a str literal, an f-string, "...".format(...) or a
    concatenation holding one of these."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left) or _is_literal(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _is_literal(node.func.value)
    return False


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def unwrapped_raises(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "toolkit").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and node.exc.args):
                continue
            name = _name(node.exc.func)
            if not (name.endswith(("Error", "Exception")) or name == "BadParameter"):
                continue
            if _is_literal(node.exc.args[0]) and (rel, name) not in ALLOWED:
                found.append(f"{rel}:{node.lineno}: {name}({ast.unparse(node.exc.args[0])[:60]}")
    return found


def test_no_error_is_raised_with_a_bare_english_message():
    assert unwrapped_raises() == []


def test_the_scan_finds_an_unwrapped_message(tmp_path):
    """The guard above can fail: a raise with an f-string is found, a wrapped one is not."""
    (tmp_path / "toolkit").mkdir()
    (tmp_path / "toolkit" / "bad.py").write_text(
        "def f(x):\n"
        "    if x:\n"
        "        raise ToolkitError(f'{x}: not a workshop file.')\n"
        "    raise ToolkitError(_('{x}: not a workshop file.').format(x=x))\n"
        "def g(x):\n"
        "    raise click.UsageError('Give --id.' + x)\n", encoding="utf-8")
    assert sorted(line.split(":")[1] for line in unwrapped_raises(tmp_path)) == ["3", "6"]


# ---------------------------------------------------------------- the commands, in French

ENGLISH = re.compile(r"(?i)(?:^|\s)(the|and|of|is|to)\s")


def english_lines(text: str) -> list[str]:
    """The lines of ``text`` that read as English (one of " the ", " and ", " of ", " is ",
    " to ")."""
    return [line for line in text.splitlines() if ENGLISH.search(line)]


def test_the_word_check_sees_english():
    assert english_lines("ligne 1 : tout va bien\nday 1 has 15 min of free time") == [
        "day 1 has 15 min of free time"]
    assert english_lines("registre : 28 entrées : chaîne et signatures intactes") == []


def _fr(*args: str):
    result = CliRunner().invoke(main, list(args), env={"WORKSHOP_LANG": "fr"})
    return result, english_lines(result.output)


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """The bundled Dakar workshop's certificates, split per participant, in a registry; one
    code revoked."""
    from toolkit.registry import open_registry

    tmp = tmp_path_factory.mktemp("issued")
    registry = tmp / "registry.sqlite"
    made = CliRunner().invoke(main, ["certificates", "dakar-2019", "-o", str(tmp / "c.pdf"),
                                     "--split", str(tmp / "certs"), "--registry", str(registry),
                                     "--date", "2019-04-13"])
    assert made.exit_code == 0, made.output
    with open_registry(registry, create=False) as reg:
        codes = [r.code for r in reg.records("dakar-2019")]
    revoked = CliRunner().invoke(main, ["revoke", codes[1], "--reason", "erreur de saisie",
                                        "--registry", str(registry)])
    assert revoked.exit_code == 0, revoked.output
    return tmp, registry, codes


@pytest.fixture(scope="module")
def new_workshop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "abidjan"
    result, english = _fr("init", str(folder), "--id", "abidjan-2027", "--start", "2027-03-01")
    assert result.exit_code == 0, result.output
    return folder, result, english


def test_init_speaks_french(new_workshop):
    _folder, result, english = new_workshop
    assert "remplissez d’abord la liste des participants" in result.output
    assert english == []


def test_init_gives_its_start_date_in_words(new_workshop):
    _folder, result, _english = new_workshop
    assert "à partir du 1ᵉʳ mars 2027 :" in result.output  # not 01/03/2027


def test_validate_errors_of_a_broken_workshop_speak_french(new_workshop, tmp_path):
    """The checks of the YAML keys (objects' names, allowed values, hints) were English inside
    French sentences: 'de session "mm-s1" doit être one of ...', 'true or false'."""
    import shutil

    folder = tmp_path / "abidjan"
    shutil.copytree(new_workshop[0], folder)
    ws = folder / "workshops" / "abidjan-2027.yaml"
    text = ws.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^country: \w+", "country: Côte", text)
    text = re.sub(r"(?m)^(\s+)code_prefix: \w+", r"\1code_prefix: ABJ-27", text)
    text = re.sub(r"(?m)^frame:", "framee:", text)
    ws.write_text(text, encoding="utf-8")
    module = folder / "modules" / "mixed-migration.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("method: energizer", "method: talk", 1)
    text = text.replace("correct: true}", "correct: oui}", 1)
    text = re.sub(r"(?m)^(\s+)year: 1951", r"\1year: mil", text, count=1)
    module.write_text(text, encoding="utf-8")
    result, english = _fr("validate", str(folder))
    assert result.exit_code != 0
    out = result.output
    n = "\u202f"
    for expected in (
            f"«{n}method{n}» dans la séance «{n}mm-s1{n}» doit être l’une des valeurs "
            "presentation, ",
            f"dans le choix «{n}c{n}» dans la question «{n}mm-q1{n}» doit être true ou false, "
            f"pas «{n}oui{n}»",
            f"«{n}year{n}» dans la référence doit être une année comme 1951, pas «{n}mil{n}»",
            f"«{n}country{n}» dans l’atelier «{n}abidjan-2027{n}» doit être un code pays ISO "
            "3166 à deux lettres comme SN",
            f"«{n}code_prefix{n}» dans les attestations doit être des lettres et des chiffres "
            "uniquement",
            f"clé inconnue «{n}framee{n}» dans l’atelier «{n}abidjan-2027{n}» (vouliez-vous "
            f"dire «{n}frame{n}»{n}?)",
            f"la question «{n}mm-q1{n}» (type single) doit avoir exactement une bonne réponse"):
        assert expected in out, out
    assert english == []
    for word in ("one of", "such as", "true or false", "did you mean", "allowed keys"):
        assert word not in out
    messages = [line.split(": ", 1)[1] for line in out.splitlines() if ".yaml:" in line]
    assert messages and not [m for m in messages if '"' in m]  # « » only


def test_schema_speaks_french():
    import json

    def descriptions(lang: str) -> list[str]:
        result = CliRunner().invoke(main, ["--lang", lang, "schema"])
        assert result.exit_code == 0, result.output
        found: list[str] = []

        def walk(node):
            if isinstance(node, dict):
                found.extend(v for k, v in node.items() if k in ("description", "title")
                             and isinstance(v, str))
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(json.loads(result.output))
        return found

    french, english = descriptions("fr"), descriptions("en")
    assert len(french) == len(english) > 40
    assert not set(french) & set(english)
    assert "Fuseau horaire IANA (par défaut\u00a0: UTC)." in french
    assert english_lines("\n".join(french)) == []


def test_validate_free_time_warnings_speak_french(new_workshop):
    folder, _result, _english = new_workshop
    result, english = _fr("validate", str(folder))
    assert result.exit_code == 0, result.output
    assert "min de temps libre" in result.output and "avant la pause «\u202fPause café\u202f»" in \
        result.output
    assert english == []


def test_templates_speak_french(new_workshop, tmp_path):
    folder, _result, _english = new_workshop
    result, english = _fr("templates", str(folder / "workshops" / "abidjan-2027.yaml"),
                          "-o", str(tmp_path / "templates"))
    assert result.exit_code == 0, result.output
    assert "remplissez d’abord la liste des participants" in result.output
    assert english == []


def test_registry_check_speaks_french(issued):
    _tmp, registry, codes = issued
    result, english = _fr("registry", "check", "--registry", str(registry))
    assert result.exit_code == 0, result.output
    assert f"{len(codes) + 1} entrées\u00a0: chaîne et signatures intactes (clé " in \
        result.output
    assert english == []


@pytest.mark.parametrize("which", ["valid", "revoked", "unknown", "mistyped"])
def test_verify_speaks_french(issued, which):
    from toolkit.codes import new_code, split_code

    _tmp, registry, codes = issued
    code = {"valid": codes[0], "revoked": codes[1],
            "unknown": new_code(split_code(codes[0])[0], taken=codes),
            "mistyped": codes[0][:-1] + ("A" if codes[0][-1] != "A" else "B")}[which]
    result, english = _fr("verify", code, "--registry", str(registry))
    assert result.exit_code == (0 if which == "valid" else 1), result.output
    assert english == [], result.output


def test_send_certificates_to_the_outbox_speaks_french(issued):
    tmp, registry, _codes = issued
    result, english = _fr("send-certificates", "dakar-2019", "--from", "formation@example.org",
                          "--from-dir", str(tmp / "certs"), "--registry", str(registry),
                          "--outbox", str(tmp / "outbox"))
    assert result.exit_code == 0, result.output
    assert "messages écrits dans la boîte d’envoi" in result.output
    assert english == [], result.output


def test_send_certificates_errors_speak_french(issued, tmp_path):
    _tmp, registry, _codes = issued
    result, english = _fr("send-certificates", "dakar-2019", "--from", "formation@example.org",
                          "--from-dir", str(tmp_path / "nowhere"), "--registry", str(registry),
                          "--outbox", str(tmp_path / "outbox"))
    assert result.exit_code == 1
    assert "ce dossier d’attestations n’existe pas" in result.output
    assert english == [], result.output


def test_registry_key_export_and_import_speak_french(issued, tmp_path):
    _tmp, registry, codes = issued
    key, english_key = _fr("registry", "key", "--registry", str(registry))
    assert key.exit_code == 0 and "clé privée attendue dans" in key.output
    exported, english_export = _fr("registry", "export", str(tmp_path / "registry.xlsx"),
                                   "--registry", str(registry))
    assert exported.exit_code == 0, exported.output
    copy = str(tmp_path / "copy.sqlite")
    first, english_first = _fr("registry", "import", str(tmp_path / "registry.xlsx"),
                               "--registry", copy)
    again, english_again = _fr("registry", "import", str(tmp_path / "registry.xlsx"),
                               "--registry", copy)
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert f"{len(codes)} attestation(s) importée(s)" in first.output
    assert "déjà présente(s)" in again.output
    assert english_key == english_export == english_first == english_again == []


def test_an_unknown_module_is_said_once_in_french_too(tmp_path, monkeypatch):
    """With an unknown module every test question would look unknown too: in French as in
    English, the module is named once and the test ids are not listed one by one (this used
    to depend on the English start of the message)."""
    import shutil

    data = Path(__file__).resolve().parent / "data"
    shutil.copytree(data / "modules", tmp_path / "modules")
    shutil.copytree(data / "workshops", tmp_path / "workshops")
    workshop = tmp_path / "workshops" / "example.yaml"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(text.replace("module: example-protection", "module: example-protektion"),
                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = {}
    for lang in ("en", "fr"):
        result = CliRunner().invoke(main, ["--lang", lang, "validate", "workshops/example.yaml"])
        assert result.exit_code == 1, result.output
        outputs[lang] = result.output
    assert "example-protektion" in outputs["fr"] and "ex-q1" not in outputs["fr"]
    assert len(outputs["fr"].splitlines()) == len(outputs["en"].splitlines())
    assert english_lines(outputs["fr"]) == []


def _own_nodes(function: ast.AST):
    """The nodes of a function's own scope (not of nested functions, lambdas or
    comprehensions, which have scopes of their own)."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp, ast.ClassDef)
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, nested):
            stack.extend(ast.iter_child_nodes(node))


def shadowed_gettext(root: Path = ROOT) -> list[str]:
    """Functions that call _() and also bind _ as a variable ("for a, _ in ..."): Python
    then treats _ as local in the whole function, and _() fails."""
    found = []
    for path in sorted((root / "toolkit").rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            own = list(_own_nodes(function))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                        for n in own)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                        and n.func.id == "_" for n in ast.walk(function))
            if binds and calls:
                found.append(f"{path.relative_to(root).as_posix()}:{function.lineno}: "
                             f"{function.name}")
    return found


def test_no_function_shadows_the_gettext_alias(tmp_path):
    assert shadowed_gettext() == []
    (tmp_path / "toolkit").mkdir()
    (tmp_path / "toolkit" / "bad.py").write_text(
        "def f(pairs):\n"
        "    for a, _ in pairs:\n"
        "        pass\n"
        "    return _('done')\n"
        "def g(pairs):\n"
        "    return [a for a, _ in pairs] + [_('fine')]\n", encoding="utf-8")
    assert shadowed_gettext(tmp_path) == ["toolkit/bad.py:1: f"]


@pytest.mark.parametrize("group", [[], ["registry"]])
def test_command_lists_speak_french(group):
    """`workshop registry --help` listed its subcommands in English (their summaries were not
    in the catalogue)."""
    result, _english = _fr(*group, "--help")
    assert result.exit_code == 0, result.output
    listing = result.output.split("Commandes\u00a0:")[1]
    lines = [line.strip() for line in listing.splitlines() if line.strip()]
    assert len(lines) >= 5
    assert english_lines("\n".join(lines)) == []
    english = CliRunner().invoke(main, [*group, "--help"], env={"WORKSHOP_LANG": "en"}).output
    english_listing = english.split("Commands:")[1]
    assert not {line.strip() for line in english_listing.splitlines() if line.strip()} & \
        set(lines)
