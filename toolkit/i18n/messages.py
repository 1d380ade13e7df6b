"""The message catalogue: gettext lookups in the interface language or a document's language.

English is the source language (the msgids); every other language is one compiled catalogue,
``toolkit/locale/<lang>/LC_MESSAGES/messages.mo``, made from its ``messages.po`` with
``python -m toolkit.i18n compile``. Asking for a language the catalogue does not have
raises ``LanguageError``: nothing falls back to English without saying so.

The interface language (CLI messages, errors, summaries) is, in this order: what
``set_language`` was given (``workshop --lang``), ``WORKSHOP_LANG``, the system locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``fr_FR.UTF-8`` gives French), else English.
"""
from __future__ import annotations

import contextlib
import functools
import gettext as _gettext
import os
from contextvars import ContextVar
from pathlib import Path

from ..errors import ToolkitError

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_interface: str | None = None
# use_language's language: one per thread / asyncio task (a web server answers a French and an
# English page at the same time), and copied into the threads Starlette runs handlers on
_scoped: ContextVar[str | None] = ContextVar("interface_language", default=None)


class LanguageError(ToolkitError, LookupError):
    """A language the message catalogue does not have."""


@functools.lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """English (the source) and every language with a compiled catalogue, sorted."""
    found = {SOURCE_LANGUAGE}
    if LOCALE_DIR.is_dir():
        found.update(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found))


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang``; English is the source and translates to itself.

    Raises ``LanguageError`` for a language without a catalogue.
    """
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    if lang not in available_languages():
        raise LanguageError(
            f"There is no {lang!r} message catalogue (languages: "
            f"{', '.join(available_languages())}). Choose one of these, or add "
            f"toolkit/locale/{lang}/LC_MESSAGES/messages.po and compile it with "
            "`python -m toolkit.i18n compile`.")
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        return _gettext.GNUTranslations(handle)


def language_from_environment(environ=None) -> str:
    """WORKSHOP_LANG, then the system locale (LC_ALL, LC_MESSAGES, LANG), else English.

    An unknown WORKSHOP_LANG is an error; a system locale without a catalogue gives English.
    """
    environ = os.environ if environ is None else environ
    chosen = (environ.get("WORKSHOP_LANG") or "").strip()
    if chosen:
        lang = chosen.split("_")[0].split(".")[0].lower()
        if lang not in available_languages():
            raise LanguageError(
                f"WORKSHOP_LANG={chosen}: there is no such interface language (languages: "
                f"{', '.join(available_languages())}). Set WORKSHOP_LANG to one of these or "
                "unset it.")
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").strip()
        if value:
            lang = value.split("_")[0].split(".")[0].split("@")[0].lower()
            return lang if lang in available_languages() else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(lang: str | None) -> None:
    """Fix the interface language (``None``: back to the environment's)."""
    global _interface
    if lang is not None:
        translations(lang)  # fails loudly on a language without a catalogue
    _interface = lang


@contextlib.contextmanager
def use_language(lang: str | None):
    """Within the block, the interface language is ``lang`` (then back to what it was).

    The choice holds for the running thread or asyncio task only (a context variable), so
    two requests of a web server in two languages do not see each other's; ``None`` means
    set_language's or the environment's language.
    """
    if lang is not None:
        translations(lang)  # fails loudly on a language without a catalogue
    token = _scoped.set(lang)
    try:
        yield
    finally:
        _scoped.reset(token)


def get_language() -> str:
    """The interface language: use_language's, else set_language's, else the environment's."""
    return _scoped.get() or _interface or language_from_environment()


def document_language(languages, lang: str | None = None, default: str = "fr") -> str:
    """A document's language: ``lang`` when given; else the interface language when it was
    chosen (``set_language`` or ``use_language``: the command line always does) and the
    workshop has it; else the workshop's first language (``default`` when it lists none)."""
    if lang:
        return lang
    languages = tuple(languages or ())
    chosen = _scoped.get() or _interface
    if chosen and (chosen in languages or not languages):
        return chosen
    return languages[0] if languages else default


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` (an English msgid) in ``lang``, or in the interface language."""
    return translations(lang or get_language()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural form for ``n``, in ``lang`` or the interface language."""
    return translations(lang or get_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` where the same English words translate differently by context."""
    return translations(lang or get_language()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802  (the gettext convention)
    """Mark ``message`` for the catalogue without translating it now (module-level tables)."""
    return message


def NC_(context: str, message: str) -> str:  # noqa: N802
    """Mark ``message`` with its context for the catalogue and return it unchanged, for a
    table that keeps plain strings; translate it later with ``pgettext(context, message)``
    (extracted like pgettext: keyword ``NC_:1c,2``)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802
    """Mark ``message`` with its context for the catalogue without translating it now; give
    the pair to :func:`pgettext` later (extracted like pgettext: keyword ``NP_:1c,2``)."""
    return context, message
