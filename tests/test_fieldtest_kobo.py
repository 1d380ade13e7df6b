"""Field test: every Kobo export option of the samples gives the same scores."""
from __future__ import annotations

import pytest

from toolkit.scoring.run import run_scoring

KOBO = "samples/kobo"
FORM = "xlsform_pretest.xlsx"
EXPORTS = [  # (pre, post, needs the form: labels as headers)
    ("pre_xml.csv", "post_xml.csv", False),
    ("pre_xml.csv", "post_xml_summary.csv", False),
    ("pre_xml_groups.xlsx", "post_xml_groups.csv", False),
    ("pre_labels_fr.xlsx", "post_labels_fr.csv", True),
    ("pre_labels_en.xlsx", "post_labels_en.xlsx", True),
    ("pre_labels_fr_details.csv", "post_xml_summary.csv", True),
]


def _run(data_dir, pre, post, form):
    return run_scoring(key=data_dir / KOBO / "answer-key.csv",
                       form=data_dir / KOBO / FORM if form else None,
                       pre=data_dir / KOBO / pre, post=data_dir / KOBO / post,
                       partial_credit=True).to_dict()


@pytest.mark.parametrize("pre,post,form", EXPORTS)
def test_partial_credit_is_the_same_for_every_export_option(data_dir, pre, post, form):
    # fieldtest: with a key that lists no choices, Kobo's XML "contract movement" stayed one
    # unknown option: partial credit and the distractor table differed from the labels export
    data = _run(data_dir, pre, post, form)
    reference = _run(data_dir, "pre_labels_fr.xlsx", "post_labels_fr.xlsx", True)
    assert data["pre"]["mean_pct"] == pytest.approx(reference["pre"]["mean_pct"])
    assert data["post"]["mean_pct"] == pytest.approx(reference["post"]["mean_pct"])
    shares = {(x["option"], round(x["pct"], 6)) for x in data["items"][2]["pre"]["distractors"]
              if x["pct"]}
    assert shares == {("passport", 79.166667), ("debt", 91.666667), ("contract", 25.0),
                      ("movement", 70.833333)}
