"""Property: the answers table does not depend on row/column order, CSV dialect or headers."""
from __future__ import annotations

import csv
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from toolkit.responses import key_from_form, read_key, read_responses
from toolkit.responses.read import read_table

KOBO = DATA / "samples" / "kobo"
KEY = key_from_form(KOBO / "xlsform_posttest.xlsx", read_key(KOBO / "answer-key.csv"))
SOURCES = ["post_labels_fr.csv", "post_labels_en.xlsx", "post_xml.csv", "post_xml_groups.csv",
           "post_xml_summary.csv"]
TABLES = {name: read_table(KOBO / name) for name in SOURCES}
REFERENCE = read_responses(KOBO / "post_xml_groups.xlsx", KEY).answers.sort_index()
N_ROWS = TABLES["post_xml.csv"].n_rows
_counter = itertools.count()


@settings(max_examples=30, deadline=None)
@given(source=st.sampled_from(SOURCES),
       row_order=st.permutations(range(N_ROWS)),
       column_seed=st.randoms(use_true_random=False),
       dialect=st.sampled_from([(";", "cp1252"), (",", "utf-8"), ("\t", "utf-8-sig"),
                                (";", "utf-8")]))
def test_same_answers_whatever_the_shape(tmp_path_factory, source, row_order, column_seed,
                                         dialect):
    table = TABLES[source]
    columns = list(range(len(table.headers)))
    column_seed.shuffle(columns)
    rows = table.rows
    delimiter, encoding = dialect
    path = tmp_path_factory.mktemp("shape") / f"export{next(_counter)}.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow([table.headers[j] for j in columns])
        writer.writerows([[rows[i][j] for j in columns] for i in row_order])
    result = read_responses(path, KEY)
    assert result.answers.sort_index().equals(REFERENCE)
    assert (result.n, len(result.duplicates), result.duplicates[0].id) == (22, 1, "DKR-12")
