"""A Babel extraction method for the command line: click's help texts are plain strings.

Babel's own Python extractor finds ``_("...")``, ``gettext``, ``ngettext``, ``pgettext`` and
``N_`` calls. The command module also says things to the user through command docstrings,
``help=`` texts and the one-line summaries of ``workshop --help``; this method yields those
too (docstrings cleaned the way click cleans them), so they go into the same catalogue.
Used by babel.cfg and ``python -m toolkit.i18n``.
"""
from __future__ import annotations

import ast
import inspect


def extract_cli(fileobj, keywords, comment_tags, options):
    """Babel extraction method: the ``_()`` calls plus click's docstrings and help texts."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    import io

    yield from extract_python(io.BytesIO(source.encode("utf-8")), keywords, comment_tags,
                              options)
    for lineno, text in help_texts(source):
        yield lineno, "_", text, []


def help_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every decorated function's docstring (as click cleans it), every
    constant ``help=`` argument, and the values of the ``*_SUMMARIES`` tables."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((node.body[0].lineno, inspect.cleandoc(doc).partition("\f")[0]))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if (keyword.arg in ("help", "short_help") and isinstance(keyword.value,
                                                                         ast.Constant)
                        and isinstance(keyword.value.value, str)):
                    found.append((keyword.value.lineno, inspect.cleandoc(keyword.value.value)))
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
              and any(str(getattr(t, "id", "")).endswith("_SUMMARIES")
                      for t in node.targets)):
            found.extend((v.lineno, v.value) for v in node.value.values
                         if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return found
