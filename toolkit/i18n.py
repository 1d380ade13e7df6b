"""Dates and numbers written the local way (through Babel's CLDR data, not hand-made tables).

French: « mercredi 10 avril 2019 », « du 10 au 13 avril 2019 », « 72,5 % ».
English (British usage, as in IOM West Africa documents): "Wednesday 10 April 2019",
"10–13 April 2019", "72.5%".
"""
from __future__ import annotations

import datetime as dt
import math

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale_for(lang: str) -> str:
    """The Babel locale used for a language code ("fr" -> "fr_FR")."""
    return _LOCALES.get(lang, lang)


def format_date(day: dt.date, lang: str, *, weekday: bool = False) -> str:
    """'10 avril 2019' / '10 April 2019'; with weekday 'mercredi 10 avril 2019'."""
    from babel.dates import format_date as _fd

    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return _fd(day, pattern, locale=locale_for(lang))


def format_time(moment: dt.time, lang: str) -> str:
    """'08:30' in English, '08h30' in French (usual in West African programmes)."""
    if lang == "fr":
        return f"{moment.hour:02d}h{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


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
    if lang == "fr":
        first = "1er" + first[1:] if first.startswith("1") and not first[1:2].isdigit() else first
        return f"du {first} au {last}"
    return f"{first}\u2013{last}"


def format_number(value: float | None, lang: str, *, decimals: int = 1, empty: str = "–") -> str:
    """72.5 -> '72,5' (fr) / '72.5' (en); None or NaN -> '–'."""
    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, pattern, locale=locale_for(lang))


def format_pct(value: float | None, lang: str, *, decimals: int = 1, empty: str = "–") -> str:
    """A percentage given on the 0–100 scale: 72.5 -> '72,5 %' (fr, narrow no-break space) /
    '72.5%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    number = format_number(value, lang, decimals=decimals)
    return f"{number}\u202f%" if lang == "fr" else f"{number}%"


def format_p(value: float | None, lang: str, empty: str = "–") -> str:
    """A p-value: 'p < 0,001' style below 0.001, else three decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    if value < 0.001:
        return "< " + format_number(0.001, lang, decimals=3)
    return format_number(value, lang, decimals=3)


def quote(text: str, lang: str) -> str:
    """« texte » in French (with no-break spaces), “text” in English."""
    if lang == "fr":
        return f"«\u00a0{text}\u00a0»"
    return f"\u201c{text}\u201d"


def country_name(code: str, lang: str) -> str:
    """'SN' -> 'Sénégal' / 'Senegal' from CLDR; anything that is not a known two-letter code
    (a name already written out, say) is returned as given."""
    code = (code or "").strip()
    if len(code) != 2:
        return code
    from babel import Locale

    try:
        return Locale.parse(locale_for(lang)).territories.get(code.upper(), code)
    except (ValueError, LookupError):
        return code
