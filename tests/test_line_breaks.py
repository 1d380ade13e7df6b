"""French no-break spaces hold in PDF paragraphs: no line begins with », ;, :, %, ? or !."""
from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from toolkit.i18n.typography import typeset
from toolkit.render.pdf import theme

TEXT = typeset('Le module « Protection des migrants en situation de vulnérabilité » a répondu '
               'à mes attentes ; 82,5 % des réponses : favorables ! Pourquoi ? « Oui » ; '
               '« non » : 12 % ; « peut-être » !', "fr")


def _lines(width: float) -> list[str]:
    para = Paragraph(TEXT, theme.styles().body)
    para.wrap(width, 1000)
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(
        frag.text for frag in line.words) for line in para.blPara.lines]


@pytest.mark.parametrize("width", [70, 90, 120, 160, 200])
def test_no_french_line_starts_with_a_mark_its_space_binds(width):
    lines = _lines(width)
    assert len(lines) > 2
    starts = [line.strip()[:1] for line in lines]
    assert not set(starts) & set("»;:%?!"), lines
    ends = [line.strip()[-1:] for line in lines]
    assert "«" not in ends, lines


def test_the_text_is_all_there():
    assert "".join("".join(_lines(70)).split()) == "".join(TEXT.split())
