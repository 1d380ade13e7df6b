"""Dates and numbers written the local way (through Babel's CLDR data, not hand-made tables).

French: « mercredi 10 avril 2019 », « du 10 au 13 avril 2019 », « 72,5 % ».
English (British usage, as in IOM West Africa documents): "Wednesday 10 April 2019",
"10–13 April 2019", "72.5%".
"""
from __future__ import annotations

import datetime as dt
import functools
import math

from .messages import available_languages, gettext
from .typography import typeset

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale_for(lang: str) -> str:
    """The Babel locale used for a language code ("fr" -> "fr_FR")."""
    return _LOCALES.get(lang, lang)


def format_date(day: dt.date, lang: str, *, weekday: bool = False) -> str:
    """'10 avril 2019' / '10 April 2019'; with weekday 'mercredi 10 avril 2019'."""
    from babel.dates import format_date as _fd

    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return typeset(_fd(day, pattern, locale=locale_for(lang)), lang)


def format_time(moment: dt.time, lang: str) -> str:
    """'08:30' in English, '08h30' in French (usual in West African programmes): the pattern
    is in the message catalogue."""
    # TRANSLATORS: a time of day; French programmes write 08h30.
    return gettext("{hour:02d}:{minute:02d}", lang).format(hour=moment.hour,
                                                           minute=moment.minute)


def format_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """« du 10 au 13 avril 2019 » / '10–13 April 2019' (months and years shown once when shared)."""
    from babel.dates import format_date as _fd

    loc = locale_for(lang)
    if start == end:
        return format_date(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        first = _fd(start, "d", locale=loc)
    elif start.year == end.year:
        first = _fd(start, "d MMMM", locale=loc)
    else:
        first = _fd(start, "d MMMM y", locale=loc)
    last = _fd(end, "d MMMM y", locale=loc)
    # TRANSLATORS: dates of a workshop, "10–13 April 2019"; French: "du 10 au 13 avril 2019".
    return typeset(gettext("{first}\u2013{last}", lang).format(first=first, last=last), lang)


def format_number(value: float | None, lang: str, *, decimals: int = 1, empty: str = "–") -> str:
    """72.5 -> '72,5' (fr) / '72.5' (en); None or NaN -> '–'."""
    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    # The minus sign (U+2212), not a hyphen, in every language.
    return format_decimal(value, pattern, locale=locale_for(lang)).replace("-", "\u2212")


def format_pct(value: float | None, lang: str, *, decimals: int = 1, empty: str = "–") -> str:
    """A percentage given on the 0–100 scale: 72.5 -> '72,5 %' (fr, narrow no-break space) /
    '72.5%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    from babel import Locale

    # CLDR's percent pattern of the language: "#,##0\u202f%" in French, "#,##0%" in English.
    cldr = Locale.parse(locale_for(lang)).percent_formats[None].pattern
    return typeset(cldr.replace("#,##0", format_number(value, lang, decimals=decimals), 1), lang)


def format_p(value: float | None, lang: str, empty: str = "–") -> str:
    """A p-value: 'p < 0,001' style below 0.001, else three decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    if value < 0.001:
        return "< " + format_number(0.001, lang, decimals=3)
    return format_number(value, lang, decimals=3)


def quote(text: str, lang: str) -> str:
    """« texte » in French (with narrow no-break spaces), “text” in English: the quotation
    marks come from the catalogue, the spacing from the language's typography."""
    # TRANSLATORS: quotation marks around a quoted text; French: « {text} ».
    return typeset(gettext("\u201c{text}\u201d", lang), lang).replace("{text}", text)


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@functools.lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """Country names in every catalogue language (CLDR), folded, to their ISO codes."""
    from babel import Locale

    found: dict[str, str] = {}
    for lang in available_languages():
        for code, name in Locale.parse(locale_for(lang)).territories.items():
            if len(code) == 2 and code.isalpha():
                found.setdefault(_fold(name), code)
    return found


def country_name(code: str, lang: str) -> str:
    """'SN' -> 'Sénégal' / 'Senegal' from CLDR. A country written out in any language of the
    catalogue ("Sénégal", "Côte d’Ivoire", "Senegal") is given in ``lang`` too; anything
    else is returned as given."""
    code = (code or "").strip()
    if len(code) != 2:
        code = _codes_by_name().get(_fold(code), code)
    if len(code) != 2:
        return code
    from babel import Locale

    try:
        return Locale.parse(locale_for(lang)).territories.get(code.upper(), code)
    except (ValueError, LookupError):
        return code


from .messages import (  # noqa: E402  (the message catalogue, re-exported)
    DOMAIN,
    LOCALE_DIR,
    N_,
    NC_,
    NP_,
    SOURCE_LANGUAGE,
    LanguageError,
    _,
    document_language,
    get_language,
    language_from_environment,
    ngettext,
    pgettext,
    set_language,
    translations,
    use_language,
)


def catalog_text(message: str):
    """A model ``Text`` holding ``message`` in every language of the catalogue (for fixed
    texts that sit beside the workshop's own translated fields)."""
    from ..model import Text

    return Text.of({lang: gettext(message, lang) for lang in available_languages()})

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "LanguageError",
    "NC_",
    "NP_",
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "available_languages",
    "catalog_text",
    "country_name",
    "document_language",
    "format_date",
    "format_date_range",
    "format_number",
    "format_p",
    "format_pct",
    "format_time",
    "get_language",
    "gettext",
    "language_from_environment",
    "locale_for",
    "ngettext",
    "pgettext",
    "quote",
    "set_language",
    "translations",
    "typeset",
    "use_language",
]
