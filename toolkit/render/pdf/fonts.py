"""TrueType fonts with fallbacks: a character the main face lacks is set in the first fallback
face that has it, everywhere reportlab draws or measures text.

reportlab has no font fallback for TrueType fonts. ``FallbackTTFont`` adds one at the font
level, so Paragraphs, canvas strings and width measurements all use it without knowing: its
``splitString`` cuts text into runs per face (each run is a subset of that face's own PDF
font), and its ``stringWidth`` adds each character's width from the face that draws it. Text
the main face covers entirely takes reportlab's own (accelerated) paths, byte for byte.

The theme uses it for Noto Sans / Noto Serif with Noto Naskh Arabic (shaped Arabic letters)
and DejaVu Sans (✓ ○ □ → ≤ ≥ ★, which Noto Sans lacks) behind them.
"""
from __future__ import annotations

import re
import threading

from reportlab.pdfbase.ttfonts import TTFont

# A fallback face's subsets are numbered (face index + 1) * _STRIDE + subset, so they never
# collide with the main face's subset numbers (a subset holds 256 characters: even every
# code point of Unicode makes fewer than _STRIDE).
_STRIDE = 1 << 16


_LOADING = threading.Lock()
ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


class LazyFace:
    """A fallback TrueType face read from its file only when a character that it may hold
    (``hint``) is first asked for: a document without Arabic never loads the Arabic face."""

    def __init__(self, name: str, path: str, hint=None):
        self.name, self.path, self.hint = name, path, hint
        self._font: TTFont | None = None
        self._covered: frozenset[str] = frozenset()

    @property
    def font(self) -> TTFont:
        if self._font is None:
            with _LOADING:  # two threads must not load two fonts of one name (each document
                if self._font is None:  # would then hold both: "redefining named object")
                    font = TTFont(self.name, self.path)
                    self._covered = frozenset(map(chr, font.face.charToGlyph))
                    self._font = font
        return self._font

    def covers(self, char: str) -> bool:
        if self.hint is not None and not self.hint(char):
            return False
        return char in (self.font and self._covered)


class FallbackTTFont(TTFont):
    """A TrueType font that draws the characters it lacks with fallback TrueType fonts."""

    def __init__(self, name: str, filename: str, fallbacks: tuple[LazyFace, ...] = ()):
        super().__init__(name, filename)
        self.fallbacks = tuple(fallbacks)
        self.covered = frozenset(map(chr, self.face.charToGlyph))

    def face_index(self, char: str) -> int:
        """-1 for the main face, else the index of the first fallback that has ``char``
        (the main face, drawing its .notdef, when none has it)."""
        if char in self.covered or char in " \u00a0":
            return -1
        for index, face in enumerate(self.fallbacks):
            if face.covers(char):
                return index
        return -1

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut into (face index, run) pieces, in order."""
        runs: list[tuple[int, str]] = []
        for char in text:
            index = self.face_index(char)
            if runs and runs[-1][0] >= 0 and char.isspace() \
                    and self.fallbacks[runs[-1][0]].covers(char):
                index = runs[-1][0]  # an Arabic phrase stays one run: one word order
            if runs and runs[-1][0] == index:
                runs[-1] = (index, runs[-1][1] + char)
            else:
                runs.append((index, char))
        return runs

    def _simple(self, text) -> bool:
        return not self.fallbacks or not isinstance(text, str) or self.covered.issuperset(text)

    def stringWidth(self, text, size, encoding="utf8"):
        if self._simple(text):
            return super().stringWidth(text, size, encoding)
        total = 0.0
        for index, run in self.runs(text):
            font = super() if index < 0 else self.fallbacks[index].font
            total += font.stringWidth(run, size, encoding)
        return total

    def splitString(self, text, doc, encoding="utf-8"):
        if self._simple(text):
            return super().splitString(text, doc, encoding)
        pieces = []
        for index, run in self.runs(text):
            if index < 0:
                pieces += super().splitString(run, doc, encoding)
            else:
                pieces += [((index + 1) * _STRIDE + subset, chunk) for subset, chunk
                           in self.fallbacks[index].font.splitString(run, doc, encoding)]
        return pieces

    def getSubsetInternalName(self, subset, doc):
        if subset < _STRIDE:
            return super().getSubsetInternalName(subset, doc)
        index, subset = divmod(subset, _STRIDE)
        return self.fallbacks[index - 1].font.getSubsetInternalName(subset, doc)
