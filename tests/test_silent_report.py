"""Issue 14: the report's figures and words (points 12-16, 18) in French and English."""
from __future__ import annotations

import csv
import json
import re

import numpy as np
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.i18n import format_pct
from toolkit.app import write_report

from conftest import DATA

KOBO = DATA / "samples" / "kobo"
REP = DATA / "report"
INPUTS = {"key": KOBO / "answer-key.csv", "pre": KOBO / "pre_xml.csv",
          "post": KOBO / "post_xml.csv", "participants": REP / "roster.csv"}


def text_of(path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", raw))


@pytest.fixture(scope="module")
def dakar(tmp_path_factory):
    out = tmp_path_factory.mktemp("dakar")
    result = CliRunner().invoke(main, ["score", "dakar-2019", "--json"], catch_exceptions=False)
    return ({lang: text_of(write_report(workshop="dakar-2019", output=out / f"{lang}.pdf",
                                        lang=lang)) for lang in ("fr", "en")},
            json.loads(result.stdout))


# ---------------------------------------------------------------- 15. a fall is a loss

@pytest.mark.parametrize("lang, sentence, box, bands", [
    ("en", "is negative: a loss", "(loss)",
     "low g < 0.3, medium 0.3 ≤ g < 0.7, high g ≥ 0.7; a negative g is a loss"),
    ("fr", "est négatif : une perte", "(perte)",
     "faible si g < 0,3, moyen si 0,3 ≤ g < 0,7, élevé si g ≥ 0,7 ; un g négatif est une perte")])
def test_a_negative_normalized_gain_is_a_loss_not_low(tmp_path, lang, sentence, box, bands):
    pdf = write_report(key=INPUTS["key"], pre=INPUTS["post"], post=INPUTS["pre"],
                       output=tmp_path / "r.pdf", lang=lang)
    text = text_of(pdf)
    assert sentence in text and box in text
    assert "Hake (1998)" in text or "Hake’s (1998)" in text
    assert bands in text
    assert "(low)" not in text and "(faible)" not in text


# ---------------------------------------------------------------- 16, 18. beside "improved"

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_key_figures_show_reliable_change_and_intervals(dakar, lang):
    texts, score = dakar
    text = texts[lang]
    m, iv = score["matched"], score["intervals"]
    pct = lambda v: format_pct(v, lang).replace("\u202f", " ")  # noqa: E731

    def num(v, d=1):
        s = f"{v:.{d}f}".replace("-", "−")
        return s.replace(".", ",") if lang == "fr" else s

    sep = " ; " if lang == "fr" else " to "
    lo, hi = iv["improved_pct_ci95"]
    assert f"{pct(m['improved_pct'])} ({num(lo)}{sep}{num(hi)})" in text
    lo, hi = iv["rci_improved_pct_ci95"]
    reliable = "beyond measurement error" if lang == "en" else "au-delà de l’erreur de mesure"
    assert re.search(re.escape(reliable) + r" \((reliable change|changement fiable)\) "
                     + re.escape(f"{pct(m['rci_improved_pct'])} ({num(lo)}{sep}{num(hi)})"), text)
    lo, hi = iv["mastery_post_pct_ci95"]
    assert f"{pct(m['mastery_post_pct'])} ({num(lo)}{sep}{num(hi)})" in text
    lo, hi = iv["cohen_dz_ci95"]
    assert f"d = {num(m['cohen_dz'], 2)} ({num(lo, 2)}{sep}{num(hi, 2)})" in text
    for stage in ("pre", "post"):
        lo, hi = iv[f"alpha_{stage}_ci95"]
        assert f"{num(lo, 2)} {'à' if lang == 'fr' else 'to'} {num(hi, 2)}" in text
    # the summary sentence puts the reliable change beside "improved" too
    assert f"{pct(m['improved_pct'])} " + ("of them improved (" if lang == "en" else
                                           "d’entre eux ont progressé (") in text


def _negative_alpha_files(tmp_path):
    """4 true/false items whose scores pull against each other: alpha < 0 on the pre-test."""
    from toolkit.scoring.stats import cronbach_alpha

    rng = np.random.default_rng(3)
    while True:
        pre = rng.integers(0, 2, (12, 4))
        pre[:, 1] = 1 - pre[:, 0]  # item 2 right exactly when item 1 is wrong
        alpha = cronbach_alpha(pre)
        if alpha is not None and alpha < -0.2:
            break
    post = np.clip(pre + rng.integers(0, 2, pre.shape), 0, 1)
    (tmp_path / "key.csv").write_text("question,answer,type\n" + "".join(
        f"q{j},vrai,true-false\n" for j in range(1, 5)), encoding="utf-8")
    for name, grid in (("pre", pre), ("post", post)):
        with open(tmp_path / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            w = csv.writer(handle)
            w.writerow(["participant_code"] + [f"q{j}" for j in range(1, 5)])
            for i, row in enumerate(grid):
                w.writerow([f"P-{i:02d}"] + ["vrai" if v else "faux" for v in row])
    return alpha


@pytest.mark.parametrize("lang, why, nosem", [
    ("en", "not computed: the pre-test’s alpha is ≤ 0",
     "With an alpha ≤ 0 the standard error of measurement would exceed the SD"),
    ("fr", "non calculé : l’alpha du pré-test est ≤ 0",
     "Avec un alpha ≤ 0, l’erreur type de mesure serait plus grande que l’écart-type")])
def test_alpha_not_positive_gives_no_sem_and_says_why_no_reliable_change(tmp_path, lang, why,
                                                                         nosem):
    _negative_alpha_files(tmp_path)
    pdf = write_report(key=tmp_path / "key.csv", pre=tmp_path / "pre.csv",
                       post=tmp_path / "post.csv", output=tmp_path / "r.pdf", lang=lang)
    text = text_of(pdf)
    assert why in text and nosem in text
    pre_line = re.search(r"(Pre-test|Pré-test) : alpha.*?\.", text) or \
        re.search(r"Pre-test: Cronbach.*?points\)", text)
    assert pre_line is not None
    assert re.search(r"(Pré-test|Pre-test)\s?: (alpha de )?Cronbach.{0,80}(erreur type de mesure|"
                     r"standard error of measurement) =", text) is None


# ---------------------------------------------------------------- 13. satisfaction

@pytest.mark.parametrize("lang, label", [
    # the survey's French header is given in the report's language (the survey form's text)
    ("en", "Satisfaction with the workshop overall: 82.8% of the 29 answers to “Overall "
           "satisfaction with the workshop” are favourable (4 or 5 of 5)."),
    ("fr", "Satisfaction de l’atelier dans l’ensemble : 82,8 % des 29 réponses à "
           "« Satisfaction globale vis-à-vis de l’atelier » sont favorables (4 ou 5 sur 5).")])
def test_satisfied_is_the_overall_item_and_says_what_it_is_a_share_of(dakar, lang, label):
    text = dakar[0][lang]
    assert label in text
    # the pooled share is still given, named as what it is
    assert ("78.7% of all 169 valid answers to the 6 statements" in text if lang == "en" else
            "78,7 % de l’ensemble des 169 réponses valides aux 6 énoncés" in text)


def test_without_an_overall_item_the_pooled_share_is_named(tmp_path):
    pdf = write_report(**INPUTS, satisfaction=REP / "satisfaction.csv",
                       output=tmp_path / "r.pdf", lang="en")
    text = text_of(pdf)
    assert re.search(r"Satisfaction: [\d.]+% of the \d+ answers to the 2 statements agree or "
                     r"strongly agree \(n = \d+ responses\)", text)
    assert "Satisfied (agree or strongly agree)" not in text


# ---------------------------------------------------------------- 12. matching method

def test_method_annex_says_rows_were_matched_by_email(tmp_path):
    (tmp_path / "key.csv").write_text("question,answer,type\nq1,vrai,true-false\n"
                                      "q2,faux,true-false\n", encoding="utf-8")
    people = [f"p{i}@example.org" for i in range(8)]
    for name, right in (("pre", 0), ("post", 1)):
        with open(tmp_path / f"{name}-test.csv", "w", newline="", encoding="utf-8") as handle:
            w = csv.writer(handle)
            w.writerow(["E-mail", "q1", "q2"])
            for i, mail in enumerate(people):
                w.writerow([mail, "vrai" if (i + right) % 2 else "faux",
                            "faux" if right or i % 3 else "vrai"])
    for lang, expected in (("en", "How rows were matched to people: pre-test.csv by e-mail "
                                  "address; post-test.csv by e-mail address."),
                           ("fr", "Appariement des lignes aux personnes : pre-test.csv par "
                                  "adresse e-mail ; post-test.csv par adresse e-mail.")):
        pdf = write_report(key=tmp_path / "key.csv", pre=tmp_path / "pre-test.csv",
                           post=tmp_path / "post-test.csv", output=tmp_path / f"{lang}.pdf",
                           lang=lang)
        text = text_of(pdf)
        assert expected in text
        assert "by their code" not in text and "par leur code" not in text
        assert "@" not in text


def test_method_annex_says_rows_were_matched_by_code(dakar):
    assert ("How rows were matched to people: pre-test.xlsx by participant code; "
            "post-test.xlsx by participant code.") in dakar[0]["en"]


# ---------------------------------------------------------------- 14. flags beyond noise

def test_discrimination_flags_only_beyond_noise():
    from toolkit.render.pdf.report_kit import Fmt
    from toolkit.render.pdf.report_sections import flag_lines

    from toolkit.app.report import critical_r
    from toolkit.scoring.result import ItemRow, ItemStats

    def item(name, r, n=29):
        return ItemRow(id=name, question=name, type="single", points=1.0, module="",
                       pre=ItemStats(0, n, 1.0, facility=50.0),
                       post=ItemStats(0, n, 1.0, facility=50.0, discrimination=r),
                       mcnemar_p=None, mcnemar_p_holm=None, mcnemar_b=None, mcnemar_c=None)

    items = [item("noise", -0.05), item("flat", -5.7e-17), item("real", -0.45),
             item("small-n", -0.5, n=10)]
    lines = flag_lines(items, Fmt("en"), r_critical=critical_r(items))
    text = " ".join(lines)
    negative = next(line for line in lines if line.startswith("Negative"))
    assert "real" in negative and "noise" not in negative and "flat" not in negative
    assert "small-n" not in negative  # r_crit at n = 10 is 0.63
    assert "-0.00" not in text and "−0.00" not in text
    assert "beyond chance" in negative
