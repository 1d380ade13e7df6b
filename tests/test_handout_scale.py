"""Handout rendering time grows linearly with the text (issue 15 point 10, second half).

reportlab wraps the whole rest of a paragraph again at each page it splits: one session text
of n characters cost n² (1.1 MB took 162 s). theme.paras cuts a long text into pieces after
sentences; these tests measure the ratio of CPU times within one run (not an absolute time,
which depends on the machine's load) and check that nothing of the text is lost.
"""
from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

import pypdf


from toolkit.curriculum import load_workshop
from toolkit.i18n.typography import typeset
from toolkit.render.pdf import theme
from toolkit.render.pdf.handout import handout_pdf

DATA = Path(__file__).resolve().parent / "data"
OLD = ("\"La traite suppose un acte, un moyen et un but d'exploitation (Protocole de Palerme, "
       "2000, art. 3).\"")
WORDS = ("la traite suppose un acte un moyen et un but d'exploitation selon le protocole de "
         "Palerme migrants frontière protection consentement").split()


def _prose(chars: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    sentences, size = [], 0
    while size < chars:
        sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 25)))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        size += len(sentences[-1]) + 1
    return " ".join(sentences)


def _workshop(root: Path, body: str):
    shutil.copytree(DATA / "modules", root / "modules")
    shutil.copytree(DATA / "workshops", root / "workshops")
    path = root / "modules" / "example-protection.yaml"
    module = path.read_text(encoding="utf-8")
    assert OLD in module
    path.write_text(module.replace(OLD, f'"{body}"'), encoding="utf-8")
    return load_workshop(root / "workshops" / "example.yaml")


def _cpu_seconds(ws) -> float:
    start = time.process_time()
    handout_pdf(ws, "fr")
    return time.process_time() - start


def test_twice_the_handout_text_takes_less_than_three_times_as_long(tmp_path):
    small = _workshop(tmp_path / "a", _prose(200_000))
    large = _workshop(tmp_path / "b", _prose(400_000))
    handout_pdf(small, "fr")  # fonts and imports loaded before anything is timed
    ratio = _cpu_seconds(large) / _cpu_seconds(small)
    assert ratio < 3, f"400 KB took {ratio:.1f} times as long as 200 KB: not linear"


def test_a_long_text_prints_whole_and_in_order(tmp_path):
    body = _prose(12_000, seed=2)
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(handout_pdf(_workshop(tmp_path / "w", body), "fr"))
    printed = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    # the running header and footer of each page interrupt the text
    # (the running header's module name may be shortened with "…" to fit beside the title)
    printed = re.sub(r"Dakar,du4au5mars2024Page\d+/\d+|Documentduparticipant|Module:[^·]{0,80}?"
                     r"·Jour1\(lundi4mars2024\)", "", printed)
    # printed as typeset for French (’ for ', no-break spaces): compare with that
    assert re.sub(r"\s+", "", typeset(body, "fr")) in printed


def test_pieces_are_cut_after_sentences_and_lose_nothing():
    body = _prose(20_000, seed=3) + "\nUne ligne à part.\n" + "x" * 7_000
    pieces = theme._pieces(body, 3000)
    assert len(pieces) > 6 and all(len(p) <= 3000 for p in pieces)
    assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", body)
    assert all(p.endswith(".") for p in pieces[:5])  # after a sentence, not inside one
    article = theme._pieces("Voir le Protocole, art. 3 et la Convention de 1951. " * 200, 3000)
    assert all(p.rstrip().endswith("1951.") for p in article)  # "art. 3" ends no sentence
    assert theme._pieces("court", 3000) == ["court"]
    parts = theme.paras(body, theme.styles().body)
    assert len(parts) == len(pieces)
    assert parts[0].style.spaceAfter == 0 and parts[-1].style.spaceBefore == 0
