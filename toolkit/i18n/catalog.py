"""Maintain the message catalogue with Babel: extract, update, compile, check.

Run from a clone (``python -m toolkit.i18n --help``)::

    python -m toolkit.i18n update        # extract the strings, merge them into every .po
    python -m toolkit.i18n compile       # .po -> .mo (committed, shipped in the wheel)
    python -m toolkit.i18n init xx       # start the catalogue of a new language
    python -m toolkit.i18n check         # untranslated, fuzzy or stale: exit 1

The strings come from the package (``babel.cfg``: Babel's Python extractor, plus click's
docstrings and help texts in ``toolkit/cli.py``) and from click itself, whose own words
("Usage:", "Show this message and exit.") the command line prints.
"""
from __future__ import annotations

import io
from pathlib import Path

from .messages import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE

PACKAGE_DIR = LOCALE_DIR.parent
#: Mirrors babel.cfg (a test checks they agree): the first matching pattern wins.
METHOD_MAP = (("toolkit/cli.py", "toolkit.i18n.extract:extract_cli"),
              ("toolkit/**.py", "python"))
COMMENT_TAGS = ("TRANSLATORS:",)
PO_WIDTH = 100


def _files(root: Path, package: str):
    for path in sorted((root / package).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" not in rel:
            yield path, rel


def extract_template():
    """A fresh template (babel Catalog) of every string of the package and of click."""
    import importlib.util

    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
    from babel.util import pathmatch

    from .. import __version__
    from .extract import extract_cli

    # NP_/NC_(context, message) mark a message with a context in module-level tables
    KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
    template = Catalog(project="workshop-toolkit", version=__version__, charset="utf-8",
                       fuzzy=False)
    methods = {"toolkit.i18n.extract:extract_cli": extract_cli, "python": "python"}
    sources = [(PACKAGE_DIR.parent, "toolkit", METHOD_MAP),
               (Path(importlib.util.find_spec("click").origin).resolve().parent.parent, "click",
                (("click/**.py", "python"),))]
    for root, package, method_map in sources:
        for path, rel in _files(root, package):
            method = next((m for pattern, m in method_map if pathmatch(pattern, rel)), None)
            if method is None:
                continue
            for lineno, message, comments, context in extract_from_file(
                    methods[method], str(path), keywords=KEYWORDS,
                    comment_tags=COMMENT_TAGS, strip_comment_tags=True):
                template.add(message, None, [(rel, lineno)], auto_comments=comments,
                             context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalogue_languages() -> list[str]:
    """The languages that have a .po file (English, the source, has none)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(lang: str):
    from babel.messages.pofile import read_po

    with open(po_path(lang), "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=PO_WIDTH, include_lineno=False, sort_by_file=True,
             ignore_obsolete=True)
    return out.getvalue()


def _write_if_changed(path: Path, data: bytes, *, ignore_prefix: bytes | None = None) -> bool:
    """Write ``data`` unless the file already holds it (lines starting with ``ignore_prefix``,
    a date, not compared)."""
    if path.exists():
        def strip(blob: bytes) -> list[bytes]:
            return [line for line in blob.splitlines()
                    if not (ignore_prefix and line.startswith(ignore_prefix))]
        if strip(path.read_bytes()) == strip(data):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def init(lang: str) -> Path:
    """Start the catalogue of ``lang`` from a fresh extraction (every msgstr empty)."""
    from babel import Locale

    if lang == SOURCE_LANGUAGE:
        raise ValueError(f"{lang} is the source language: it needs no catalogue.")
    if po_path(lang).exists():
        raise ValueError(f"{po_path(lang)} exists already: use update.")
    template = extract_template()
    template.locale = Locale.parse(lang)
    template.fuzzy = False
    _write_if_changed(po_path(lang), _po_bytes(template))
    return po_path(lang)


def update(langs: list[str] | None = None) -> list[Path]:
    """Merge a fresh extraction into every .po (new strings empty; vanished ones dropped)."""
    template = extract_template()
    written = []
    for lang in langs or catalogue_languages():
        catalog = read(lang)
        catalog.update(template, update_header_comment=False)
        if _write_if_changed(po_path(lang), _po_bytes(catalog),
                             ignore_prefix=b'"POT-Creation-Date:'):
            written.append(po_path(lang))
    return written


def compiled(lang: str) -> bytes:
    """The .mo bytes of ``lang``'s .po (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read(lang), use_fuzzy=False)
    return out.getvalue()


def compile_all(langs: list[str] | None = None) -> list[Path]:
    """Compile every .po whose .mo is missing or out of date."""
    written = []
    for lang in langs or catalogue_languages():
        if _write_if_changed(mo_path(lang), compiled(lang)):
            written.append(mo_path(lang))
    return written


def problems(lang: str, template=None) -> list[str]:
    """What is wrong with ``lang``'s catalogue: strings of the package it lacks, empty or
    fuzzy translations, a .mo older than the .po. Empty when all is well."""
    template = template if template is not None else extract_template()
    catalog = read(lang)
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        strings = entry.string if entry is not None else None
        if entry is None:
            found.append(f"{lang}: missing: {message.id!r}")
        elif entry.fuzzy:
            found.append(f"{lang}: fuzzy: {message.id!r}")
        elif not (all(strings) if isinstance(strings, (list, tuple)) else strings):
            found.append(f"{lang}: untranslated: {message.id!r}")
    if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(lang):
        found.append(f"{lang}: {mo_path(lang)} is not compiled from the .po: run "
                     "`python -m toolkit.i18n compile`")
    return found
