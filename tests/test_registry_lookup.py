"""The checked lookup under load (issue 19): what it keeps between calls never hides a change.

`Registry.lookup(check=True)` reads the code's entries, their neighbours and the last entries
in one statement, counts the entries again only after the database changed (SQLite's
data_version, PostgreSQL's snapshot), does not check again a signature it already checked for
the same (hash, signature), and remembers the last entry it saw. Each test here looks codes up
first (so all of that is kept), then changes the database behind the open registry the way a
forger with direct access would, and checks the next lookup says "altered", on SQLite and on
a real, throwaway PostgreSQL server.
"""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from pg_server import postgres_server, postgres_url  # noqa: F401 (fixtures)
from toolkit.certificates import verify_code
from toolkit.registry import RegistryAltered, Request, entry_hash, open_registry
from toolkit.signing import head_file

NOW = dt.datetime(2024, 3, 5, 16, 0, tzinfo=dt.timezone.utc)
PEOPLE = [("P01", "Awa Ndiaye"), ("P02", "Moussa Sow"), ("P03", "Fatou Ba")]


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "registry.sqlite")
    return request.getfixturevalue("postgres_url")


def _issue(reg, people=PEOPLE, workshop="example-2024"):
    return [o.code for o in reg.issue(workshop, [Request(pid, name, "participation")
                                                 for pid, name in people],
                                      prefix="EX24", dates="2024-03-04/2024-03-05",
                                      title="Atelier", now=NOW)]


def _forge(location: str, *statements: tuple[str, dict]) -> None:
    """Run statements on the database directly, its append-only triggers dropped first."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as db:
            for table in ("registry_entries", "registry_meta"):
                db.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            for sql, params in statements:
                db.execute(_pg(sql), params)
        return
    db = sqlite3.connect(location)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        db.execute(f"DROP TRIGGER {name}")
    for sql, params in statements:
        db.execute(sql, params)
    db.commit()
    db.close()


def _pg(sql: str) -> str:
    """`:name` placeholders (sqlite3) as psycopg's `%(name)s`."""
    import re

    return re.sub(r":([a-z_]+)", r"%(\1)s", sql)


def _row(location: str, seq: int) -> dict:
    columns = ("seq", "kind", "code", "participant_id", "name", "workshop", "workshop_title",
               "dates", "type", "at", "reason", "ref", "prev_hash", "hash", "signature")
    sql = f"SELECT {', '.join(columns)} FROM registry_entries WHERE seq = {seq}"
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as db:
            return dict(zip(columns, db.execute(sql).fetchone()))
    with sqlite3.connect(location) as db:
        return dict(zip(columns, db.execute(sql).fetchone()))


def test_a_row_changed_after_its_signature_was_checked_is_caught(location):
    with open_registry(location) as reg:
        codes = _issue(reg)
        for _ in range(2):  # the second time, the signature and the count are remembered
            assert reg.lookup(codes[1]).name == "Moussa Sow"
        _forge(location, ("UPDATE registry_entries SET name = 'Someone Else' WHERE seq = 2",
                          {}))
        with pytest.raises(RegistryAltered, match=r"entry 2\b.*content was changed"):
            reg.lookup(codes[1])
        assert verify_code(codes[1], registry=reg, suggest=False).status == "altered"


def test_a_row_rewritten_with_its_hash_recomputed_is_caught(location):
    """The forger recomputes the hash (it is public) but cannot sign it: the remembered
    signature belongs to the old hash, so the new one is checked, and fails."""
    with open_registry(location) as reg:
        codes = _issue(reg)
        assert reg.lookup(codes[1]).status == "valid"
        row = _row(location, 2)
        row["name"] = "Someone Else"
        digest = entry_hash(row, row["prev_hash"])
        _forge(location, ("UPDATE registry_entries SET name = :name, hash = :hash "
                          "WHERE seq = 2", {"name": "Someone Else", "hash": digest}))
        with pytest.raises(RegistryAltered, match=r"entry 2\b.*signature is not"):
            reg.lookup(codes[1])


def test_a_signature_replaced_on_a_checked_row_is_caught(location):
    with open_registry(location) as reg:
        codes = _issue(reg)
        assert reg.lookup(codes[2]).status == "valid"  # entry 3, also the last
        _forge(location, ("UPDATE registry_entries SET signature = :sig WHERE seq = 3",
                          {"sig": "ab" * 64}))
        with pytest.raises(RegistryAltered, match=r"entry 3\b.*signature is not"):
            reg.lookup(codes[0])  # entry 1's answer rests on the last entry too


def test_a_revocation_deleted_after_the_count_was_kept_is_caught(location):
    """Entry 4 revokes the first code; entries 5 to 7 come after it. Deleting entry 4 would
    make the revoked code answer VALID, and no entry read for codes 1 or 6 is next to it:
    the count, asked again because the database changed, is one short of the last number."""
    with open_registry(location) as reg:
        codes = _issue(reg)
        reg.revoke(codes[0], "fraud")
        codes += _issue(reg, [("P04", "Ibrahima Fall"), ("P05", "Aïcha Diallo"),
                              ("P06", "Jean Mbaye")])
        for _ in range(2):
            assert reg.lookup(codes[0]).status == "revoked"
            assert reg.lookup(codes[4]).status == "valid"  # entry 6
        _forge(location, ("DELETE FROM registry_entries WHERE seq = 4", {}))
        for code in (codes[0], codes[4]):
            with pytest.raises(RegistryAltered, match=r"entry 4\b.*missing \(deleted\)"):
                reg.lookup(code)


def test_a_deleted_row_replaced_by_a_forged_last_one_is_caught(location):
    """Same count as before (one row out, one in): the numbers no longer run 1, 2, 3..."""
    with open_registry(location) as reg:
        codes = _issue(reg)
        assert reg.lookup(codes[0]).status == "valid"
        last = _row(location, 3)
        forged = dict(last, seq=4, code="EX24-7F3K-Q9XM", participant_id="X", name="Forger",
                      prev_hash=last["hash"], signature="00" * 64)
        forged["hash"] = entry_hash(forged, forged["prev_hash"])
        columns = ", ".join(forged)
        _forge(location, ("DELETE FROM registry_entries WHERE seq = 2", {}),
               (f"INSERT INTO registry_entries ({columns}) VALUES "
                f"({', '.join(':' + name for name in forged)})", forged))
        with pytest.raises(RegistryAltered, match=r"entry 2\b.*missing \(deleted\)"):
            reg.lookup(codes[0])


def test_the_last_entry_deleted_is_caught_by_what_this_process_saw(location):
    """The verification server did not write the registry and this computer's head file is
    gone: the last entry its lookups checked is remembered in memory."""
    with open_registry(location) as office:
        codes = _issue(office)
        registry_id = office.registry_id
    head_file(registry_id).unlink()
    with open_registry(location, create=False) as server:
        assert server.lookup(codes[0]).status == "valid"  # checks and remembers entry 3
        head_file(registry_id).unlink(missing_ok=True)
        _forge(location, ("DELETE FROM registry_entries WHERE seq = 3", {}))
        with pytest.raises(RegistryAltered, match=r"entry 3\b.*saw 3 entries.*ends at entry "
                                                  r"2: entries were deleted"):
            server.lookup(codes[0])


def test_writes_through_the_registry_and_by_another_office_raise_no_false_alarm(location):
    """What is kept is dropped when the database changes: the registry's own writes (on a
    connection whose count it kept) and another office's appends answer normally."""
    with open_registry(location) as reg, open_registry(location) as other:
        codes = _issue(reg, PEOPLE[:1])
        for k in range(2, 8):
            assert reg.lookup(codes[0]).status == "valid"
            if k % 2:
                codes += _issue(reg, [(f"P{k:02d}", f"Person {k}")])
            else:
                codes += _issue(other, [(f"P{k:02d}", f"Person {k}")])
            assert reg.lookup(codes[-1]).name == f"Person {k}"
        reg.revoke(codes[1], "issued in error")
        assert reg.lookup(codes[1]).status == "revoked"
        assert other.lookup(codes[1]).status == "revoked"
        assert reg.verify_chain().entries == len(codes) + 1


def test_an_empty_registry_and_an_unknown_code(location):
    with open_registry(location) as reg:
        assert reg.lookup("EX24-7F3K-Q9XM") is None
        codes = _issue(reg, PEOPLE[:1])
        assert reg.lookup("EX24-7F3K-Q9XM") is None
        assert reg.lookup(codes[0]).status == "valid"


def test_the_count_is_asked_again_only_after_the_database_changed(tmp_path, monkeypatch):
    """On SQLite the change token is exact: lookups in a row count once; any write (the
    registry's own or another connection's) makes the next lookup count again."""
    import contextlib

    location = str(tmp_path / "registry.sqlite")
    with open_registry(location) as reg:
        codes = _issue(reg)
        counted: list[bool] = []
        real = reg._cursor

        @contextlib.contextmanager
        def spying():
            with real() as (cursor, info):
                class Spy:
                    def execute(self, sql, params=()):
                        counted.append("count(*)" in sql)
                        return cursor.execute(sql, params)

                    def __getattr__(self, name):
                        return getattr(cursor, name)

                yield Spy(), info

        monkeypatch.setattr(reg, "_cursor", spying)

        def counts(*looked_up: str) -> int:
            counted.clear()
            for code in looked_up:
                assert reg.lookup(code).status == "valid"
            return counted.count(True)

        assert counts(*codes) == 1  # the first lookup on the connection
        assert counts(*codes, *codes) == 0
        codes += _issue(reg, [("P04", "Ibrahima Fall")])  # the registry's own write
        assert counts(*codes) == 1
        with open_registry(location) as office:  # another connection's write
            codes += _issue(office, [("P05", "Aïcha Diallo")])
        assert counts(*codes) == 1
        assert counts(*codes) == 0
