"""Arabic-script text for reportlab: joined letter forms, right-to-left order.

reportlab draws code points one after the other, left to right, without joining, so an
Arabic name (Mauritania) would print as separate letters in reverse order. ``visual`` turns
the logical text into the string to draw: letters replaced by their contextual presentation
forms (arabic-reshaper), then reordered for display (python-bidi). Text without a
right-to-left character is returned as it is, so Latin-only documents keep their bytes.
"""
from __future__ import annotations

import re
from functools import lru_cache

_RTL = re.compile("[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")

# The bundled DejaVu Sans has the Arabic presentation forms but, of the ligatures, only
# lam-alef (which Arabic requires); any other ligature would print as a missing glyph.
_LIGATURES = ("ARABIC LIGATURE LAM WITH ALEF",
              "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
              "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
              "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE")


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a Hebrew or Arabic-script character."""
    return bool(_RTL.search(text))


@lru_cache(maxsize=1)
def _reshaper():
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    config = {name: name in _LIGATURES for name, _ in LIGATURES}
    config["support_ligatures"] = True
    return ArabicReshaper(configuration=config)


@lru_cache(maxsize=4096)
def _shape(text: str) -> str:
    # python-bidi's pure-Python algorithm, not its newer Rust get_display: that one does not
    # mirror brackets (rule L4; python-bidi issue #25), so "(×2)" after Arabic came out ")2×(".
    # The base direction comes from the first strong letter: an Arabic name reads right to
    # left, "Mohamed Lemine — محمد الأمين" keeps its Latin part first.
    from bidi.algorithm import get_display

    return get_display(_reshaper().reshape(text))


def visual(text: str) -> str:
    """The string to draw for ``text``: unchanged without RTL letters, else shaped and
    reordered (presentation forms in display order, left to right)."""
    if not text or not has_rtl(text):
        return text
    return _shape(text)
