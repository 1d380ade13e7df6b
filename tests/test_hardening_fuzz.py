"""Fuzz: random bytes, CSV text and YAML never give a traceback, only a ToolkitError or a result.

Bounded (max_examples 40-80, deadline=None) so the file runs in a few seconds.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.errors import ToolkitError
from toolkit.model import AnswerKey
from toolkit.responses import read_key, read_responses, read_roster
from toolkit.responses.read import OLE2, read_table

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

CSV_ALPHABET = st.sampled_from(list('abcABC,;\t|"\'\n\r =+-@0123456789.éèà«»\x00\ufeff') +
                               ["id", "Q1", "Q2", "Q3", "sep=;", "\r\n", '""', "question",
                                "answer", "nom", "e-mail"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le",
                             "latin-1"])
KEY = None


def _key() -> AnswerKey:
    global KEY
    if KEY is None:
        KEY = read_key(BAD / "key.csv")
    return KEY


def _survive(call) -> object:
    """Run ``call``: a result or a ToolkitError with a one-paragraph message are both fine."""
    try:
        return call()
    except ToolkitError as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        return exc


def _valid_xlsx() -> bytes:
    import make_corpus  # tests/data/bad, put on sys.path by test_hardening_corpus

    return make_corpus.xlsx([["id", "Q1", "Q2", "Q3"], ["P01", "A", "B", "C"]])


@pytest.fixture(scope="module", autouse=True)
def _corpus_on_path():
    import sys

    sys.path.insert(0, str(BAD))
    yield
    sys.path.remove(str(BAD))


@FUZZ
@given(data=st.binary(max_size=2048),
       head=st.sampled_from([b"", b"PK\x03\x04", OLE2, b"\xff\xfe", b"\xef\xbb\xbf"]),
       suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".ods", ".txt"]))
def test_random_bytes(tmp_path, data, head, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(head + data)
    _survive(lambda: read_table(path))
    _survive(lambda: read_responses(path, _key()))


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1,
                      max_size=8), cut=st.one_of(st.none(), st.integers(30, 4000)))
@example(flips=[(49, 0)], cut=None)  # found: a corrupt deflate stream (zlib.error)
@example(flips=[(5837, 1)], cut=None)  # found: a member offset past the end (OSError)
def test_damaged_xlsx(tmp_path, flips, cut):
    data = bytearray(_valid_xlsx())
    for at, value in flips:
        data[at % len(data)] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[:cut] if cut else data))
    _survive(lambda: read_responses(path, _key()))


@FUZZ
@given(members=st.dictionaries(
    st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml",
                     "xl/_rels/workbook.xml.rels", "content.xml", "other.txt"]),
    st.binary(max_size=300), min_size=1))
def test_zip_of_random_parts(tmp_path, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path = tmp_path / "parts.xlsx"
    path.write_bytes(buf.getvalue())
    _survive(lambda: read_table(path))


@FUZZ
@given(parts=st.lists(CSV_ALPHABET, max_size=120), encoding=ENCODINGS,
       header=st.sampled_from(["id,Q1,Q2,Q3\n", "id;Q1;Q2;Q3\n", "sep=;\nid;Q1;Q2;Q3\n",
                               "id\tQ1\tQ2\tQ3\n", ""]))
def test_random_csv_text(tmp_path, parts, encoding, header):
    text = header + "".join(parts)
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    result = _survive(lambda: read_responses(path, _key()))
    if not isinstance(result, ToolkitError):  # nothing lost: every row is counted somewhere
        assert result.n + len(result.rejected) + len(result.duplicates) == result.rows_read


@FUZZ
@given(parts=st.lists(CSV_ALPHABET, max_size=80), encoding=ENCODINGS)
def test_random_key_and_roster(tmp_path, parts, encoding):
    path = tmp_path / "list.csv"
    path.write_bytes(("question,answer,choices\n" + "".join(parts)).encode(encoding, "replace"))
    _survive(lambda: read_key(path))
    path.write_bytes(("id,nom,prénom,sexe\n" + "".join(parts)).encode(encoding, "replace"))
    _survive(lambda: read_roster(path))


YAML_TOKENS = st.sampled_from(
    ["id: ", "title: ", "fr: ", "en: ", "- ", "  ", "    ", "\n", "\t", ": ", "{", "}", "[",
     "]", ", ", "'", '"', "&a ", "*a", "!!python/object:os.system ", "!!binary ", "? ",
     "|\n", ">\n", "#", "---\n", "...\n", "x", "ex-q1", "minutes: 60", "14:00", "no",
     "2024-02-30", "sessions:", "questions:", "objectives:", "modules_path: ../..",
     "\x00", "\ufeff", "é", "%YAML 1.1\n", "<<: *a"])


@FUZZ
@given(parts=st.lists(YAML_TOKENS, max_size=60))
def test_random_yaml(tmp_path, parts):
    from toolkit.curriculum import validate_paths
    from toolkit.yamlsafe import read_yaml

    text = "".join(parts)
    value, issues = read_yaml(text.encode("utf-8"))
    assert all(issue.line >= 1 for issue in issues)
    for name in ("module.yaml", "workshop.yaml"):
        path = tmp_path / name
        path.write_text(("id: w\nprogramme: []\n" if name == "workshop.yaml" else "") + text,
                        encoding="utf-8")
        problems = _survive(lambda: validate_paths([str(path)]))
        if not isinstance(problems, ToolkitError):
            assert all(str(p) for p in problems)


def test_zip_member_flagged_encrypted(tmp_path):
    """Found by fuzzing: one flipped flag bit makes zipfile raise RuntimeError."""
    data = bytearray(_valid_xlsx())
    at = data.find(b"PK\x01\x02")  # first central-directory entry; its flags are at +8
    data[at + 8] |= 1
    path = tmp_path / "flagged.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(ToolkitError, match="flagged.xlsx: the file is damaged"):
        read_table(path)
