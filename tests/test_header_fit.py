"""Running headers fit the page: a long workshop title is cut, the document's name is kept
(the Dakar title grew with its "(programme illustratif)" label, issue 18)."""
from __future__ import annotations

from toolkit.render.pdf import theme


def test_a_long_header_is_cut_before_the_document_name():
    width = theme.PORTRAIT[0] - 2 * theme.MARGIN
    title = ("Migrations mixtes et protection des migrants\u00a0: atelier de formation pour les "
             "acteurs de la société civile (programme illustratif)")
    line = theme._fit_line(f"{title} \u00b7 Document du participant", theme.SANS, 7.5, width)
    assert line.endswith("\u2026 \u00b7 Document du participant")
    assert line.startswith("Migrations mixtes et protection des migrants")
    assert theme.text_width(line, theme.SANS, 7.5) <= width
    short = "Atelier \u00b7 Guide"
    assert theme._fit_line(short, theme.SANS, 7.5, width) == short
    plain = theme._fit_line(title * 2, theme.SANS, 7.5, width)
    assert plain.endswith("\u2026") and theme.text_width(plain, theme.SANS, 7.5) <= width
