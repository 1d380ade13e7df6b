"""The certificate registry: a database of entries, only ever added to, chained and signed.

Where it lives: an SQLite file by default (``certificate-registry.sqlite``; one file, WAL
journal), or a PostgreSQL database named by a URL (``postgresql://user:password@host/db``)
when several offices or the web verification page share it. The same schema and code serve
both, through SQLAlchemy Core (psycopg 3 for PostgreSQL).

What it holds: one entry per event, numbered 1, 2, 3... An ``issue`` entry gives a code to a
person for a workshop; a ``revoke`` entry withdraws it (date and reason); a ``supersede``
entry says it was replaced by a newer code (a person holds at most one valid certificate per
workshop). Rows are never changed or deleted: the database refuses UPDATE and DELETE by
triggers, and codes are unique by constraint. Every write (an issue run, a revocation) is one
transaction that also takes the registry's write lock, so codes are drawn and rows written
together: parallel runs lose nothing and give nobody two codes.

Tamper evidence: each entry carries the SHA-256 hash of its content and of the previous
entry's hash, and an Ed25519 signature of that hash by the organisation's key
(``toolkit.signing``: the private key stays outside the registry, the public key is stored
in it). An edited, inserted or deleted row breaks the chain or a signature: ``lookup`` checks
the entries of the code it answers for (and the chain's length and last entry, in one
indexed statement; what it keeps between calls is listed in its docstring);
``verify_chain`` checks every entry. Both raise ``RegistryAltered`` naming the entry.

Interface (used by the CLI, the web verification page and the e-mail sender)::

    reg = open_registry("reports/dakar-2019/certificate-registry.sqlite")  # or a URL
    outcomes = reg.issue("dakar-2019", [Request("P01", "Awa Ndiaye", "completion")],
                         prefix="DKR19", dates="2019-04-10/2019-04-13", title="...")
    reg.revoke(code, "issued in error")        # -> Entry
    reg.supersede(old_code, "reason", by=new)  # -> Entry
    reg.lookup(code)                           # -> Record | None (state of one code)
    reg.entries()                              # -> iterator of Entry, in order
    reg.verify_chain()                         # -> ChainReport, or raises RegistryAltered
    reg.export("registry.xlsx"); reg.import_("old-registry.csv")
    reg.record_send(code, address=..., status="sent"); reg.sent_codes()
    reg.public_key; reg.notes; reg.close()

``record_send`` keeps a salted hash of the address, never the address itself.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .codes import new_code, normalise_code
from .errors import InputFileError, RegistryError
from .i18n import _, ngettext

TYPES = ("participation", "completion")
KINDS = ("issue", "revoke", "supersede")
STATUSES = ("valid", "revoked", "superseded")
SCHEMA_VERSION = "1"
DEFAULT_NAME = "certificate-registry.sqlite"
LEGACY_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")
_HASHED = ("seq", "kind", "code", "participant_id", "name", "workshop", "workshop_title",
           "dates", "type", "at", "reason", "ref")
EXPORT_COLUMNS = ("code", "participant_id", "name", "workshop", "dates", "type", "issued_at",
                  "status", "changed_at", "reason", "replaced_by", "workshop_title", "entry")
_ALIASES = {"revoked_at": "changed_at"}  # the column name of the registry files of 0.1


class RegistryAltered(RegistryError):
    """The registry was changed outside the toolkit: an entry edited, inserted or deleted."""

    def __init__(self, location: str, entry: int, detail: str):
        self.entry = entry
        super().__init__(
            _("{location}: registry altered at entry {entry}: {detail}. Do not trust its "
              "answers: restore it from a backup, and find out who changed it.").format(
                location=location, entry=entry, detail=detail))


class RegistryKeyNotTrusted(RegistryAltered):
    """The registry's public key is not the one this computer trusts for it (pinned, recorded
    on first use, or its own signing key): its entries may have been re-signed by someone
    else. Every read and write is refused; the message says what to do."""

    def __init__(self, message: str):
        self.entry = 0
        RegistryError.__init__(self, message)


@dataclass(frozen=True)
class Entry:
    """One row of the registry."""

    seq: int
    kind: str  # issue | revoke | supersede
    code: str
    participant_id: str = ""
    name: str = ""
    workshop: str = ""
    workshop_title: str = ""
    dates: str = ""  # "2019-04-10/2019-04-13"
    type: str = ""  # participation | completion
    at: str = ""  # ISO date-time, UTC
    reason: str = ""
    ref: str = ""  # supersede: the code that replaces this one
    prev_hash: str = ""
    hash: str = ""
    signature: str = ""

    def hashed(self) -> dict:
        return {name: getattr(self, name) for name in _HASHED}


@dataclass(frozen=True)
class Record:
    """The state of one code: its issue entry and, when no longer valid, why."""

    code: str
    participant_id: str
    name: str
    workshop: str
    workshop_title: str
    dates: str
    type: str
    issued_at: str
    status: str = "valid"  # valid | revoked | superseded
    changed_at: str = ""
    reason: str = ""
    replaced_by: str = ""
    entry: int = 0  # number of the issue entry

    @property
    def revoked_at(self) -> str:
        return self.changed_at


@dataclass(frozen=True)
class Request:
    """A certificate to give: who, and which type."""

    participant_id: str
    name: str
    type: str


@dataclass(frozen=True)
class IssueOutcome:
    participant_id: str
    code: str
    new: bool
    superseded: tuple[Record, ...] = ()


@dataclass(frozen=True)
class ChainReport:
    entries: int
    public_key: str

    def to_text(self) -> str:
        from .signing import fingerprint

        return ngettext("{count} entry: chain and signatures intact (key {key}).",
                        "{count} entries: chain and signatures intact (key {key}).",
                        self.entries).format(count=self.entries,
                                             key=fingerprint(self.public_key))


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()


def entry_hash(values: dict, prev_hash: str) -> str:
    payload = json.dumps([values[name] for name in _HASHED] + [prev_hash], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def genesis_hash(registry_id: str) -> str:
    return hashlib.sha256(f"workshop-toolkit registry {registry_id}".encode()).hexdigest()


# ---------------------------------------------------------------- where


def is_url(location: str | Path) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", str(location), re.IGNORECASE))


def legacy_refusal(location: str | Path) -> str | None:
    """Why ``location`` cannot be a registry (a CSV/XLSX file), with the command to use."""
    path = Path(str(location))
    if is_url(location) or path.suffix.lower() not in LEGACY_SUFFIXES:
        return None
    target = path.with_suffix(".sqlite")
    if path.exists():
        return (_("{path} is a certificate registry in the CSV/Excel form of earlier "
                  "versions; the registry is now a database (codes cannot be lost or "
                  "duplicated by parallel runs, and changes are detected). Convert it once "
                  "with:\n  workshop registry import {file} --registry {target}\nthen use "
                  "--registry {target} (or set registry: {name} in the workshop file). The "
                  "CSV file is left as it is.").format(
                    path=path, file=_quote(path), target=_quote(target), name=target.name))
    return (_("{path}: a registry is a database file (for example {name}) or a postgresql:// "
              "URL, not a CSV or Excel file. For a spreadsheet of the registry, use `workshop "
              "registry export {file} --registry {target}`.").format(
                path=path, name=target.name, file=_quote(path), target=_quote(target)))


def _quote(path: Path | str) -> str:
    text = str(path)
    return f'"{text}"' if re.search(r"[\s'\"$`&|;<>()]", text) else text


# ---------------------------------------------------------------- schema


def _tables():
    from sqlalchemy import (
        CheckConstraint,
        Column,
        Index,
        Integer,
        MetaData,
        String,
        Table,
        Text,
        UniqueConstraint,
    )

    md = MetaData()
    meta = Table("registry_meta", md, Column("key", String(64), primary_key=True),
                 Column("value", Text, nullable=False))
    text_columns = [Column(name, Text, nullable=False, default="") for name in (
        "participant_id", "name", "workshop", "workshop_title", "dates", "type", "at",
        "reason", "ref")]
    entries = Table(
        "registry_entries", md,
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("kind", String(16), nullable=False),
        Column("code", String(64), nullable=False),
        *text_columns,
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        Column("signature", String(128), nullable=False),
        CheckConstraint("kind IN ('issue', 'revoke', 'supersede')", name="registry_kind"),
        CheckConstraint("seq > 0", name="registry_seq"),
        UniqueConstraint("code", "kind", name="registry_code_once"),
    )
    Index("registry_holder", entries.c.workshop, entries.c.participant_id)
    # the narrowest index: SQLite counts the entries from it (verify compares the count with
    # the last entry's number) in 0.02 ms for 100,000 entries instead of 2-3 ms
    Index("registry_kind", entries.c.kind)
    sends = Table(
        "registry_sends", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("code", String(64), nullable=False),
        Column("sent_at", Text, nullable=False),
        Column("address_hash", String(64), nullable=False),
        Column("status", String(32), nullable=False),
        Column("detail", Text, nullable=False, default=""),
    )
    Index("registry_sends_code", sends.c.code)
    return md, meta, entries, sends


MD, META, ENTRIES, SENDS = _tables()
_ROW_QUERY = None
_LOOKUP: dict[str, tuple[str, str]] = {}
_COUNTED = "registry_counted"  # key of the count cache in a database connection's info


def _lookup_sql(dialect: str) -> tuple[str, str]:
    """The statement of a checked lookup, in the driver's own SQL (built once), without and
    with the count of the entries.

    It reads, in one statement (so from one snapshot of the database): the first and last
    entry numbers (the two ends of the primary key's b-tree), the database's change token,
    the code's entries with the entries just before and after each, the last two entries,
    and the entry this process or computer last saw. The count (a deleted entry anywhere
    leaves a gap: fewer entries than the last number) is asked for only when the change
    token differs from the one of the last count on that connection, that is when something
    was written to the database since.

    The change token is SQLite's ``data_version`` (it changes whenever another connection
    commits; a connection's own writes clear the count kept on it) or PostgreSQL's snapshot
    (``txid_current_snapshot()``: two statements with the same snapshot see the same rows).
    """
    if dialect not in _LOOKUP:
        columns = ", ".join(f"e.{name}" for name in Entry.__dataclass_fields__)
        if dialect == "sqlite":
            token, code, seen = ("(SELECT data_version FROM pragma_data_version)", ":code",
                                 ":seen")
        else:
            token, code, seen = "txid_current_snapshot()::text", "%(code)s", "%(seen)s"
        ends = ("(SELECT min(seq) FROM registry_entries) AS first, "
                "(SELECT max(seq) FROM registry_entries) AS last, "
                f"{token} AS token")
        # one scalar subquery each: SQLite answers min and max from the b-tree's ends and
        # the count from the narrowest index, while one query asking for all three scans a
        # wide index
        counted = "(SELECT count(*) FROM registry_entries)"

        def statement(count: str) -> str:
            return (f"WITH hit AS (SELECT seq FROM registry_entries WHERE code = {code}), "
                    f"ends AS (SELECT {ends}, {count} AS count) "
                    f"SELECT ends.first, ends.last, ends.token, ends.count, {columns} "
                    "FROM ends LEFT JOIN registry_entries e ON e.seq IN ("
                    "SELECT seq FROM hit UNION SELECT seq - 1 FROM hit "
                    "UNION SELECT seq + 1 FROM hit UNION SELECT last FROM ends "
                    f"UNION SELECT last - 1 FROM ends UNION SELECT {seen}) ORDER BY e.seq")

        read, count = statement("NULL"), statement(counted)
        _LOOKUP[dialect] = (read, count)
    return _LOOKUP[dialect]


@functools.lru_cache(maxsize=16384)
def _signed(public_key: str, signature: str, digest: str) -> bool:
    """Whether ``signature`` is the key's signature of ``digest`` (remembered: an Ed25519
    check costs about 0.1 ms; a changed entry has another hash or signature, so it is never
    answered from here)."""
    from .signing import verify_signature

    return verify_signature(public_key, signature, bytes.fromhex(digest))


_APPEND_ONLY = ("registry_meta", "registry_entries", "registry_sends")


def _append_only_ddl(dialect: str) -> list[str]:
    """Triggers that make the database itself refuse to change or delete a row."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'the certificate registry is append-only: "
                f"{op} refused'); END"
                for table in _APPEND_ONLY for op in ("UPDATE", "DELETE")]
    statements = [
        "CREATE OR REPLACE FUNCTION registry_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'the certificate registry is append-only: %% on %% "
        "refused', TG_OP, TG_TABLE_NAME; END $$"]  # %% : psycopg's placeholder escape
    for table in _APPEND_ONLY:
        statements += [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION registry_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION registry_append_only()"]
    return statements


# ---------------------------------------------------------------- opening


def open_registry(location: str | Path, *, create: bool = True,
                  key: str | None = None) -> Registry:
    """Open the registry at a path (SQLite) or a ``postgresql://`` URL.

    A missing SQLite file is created when ``create`` (with the signing key, on first use);
    otherwise it is a ``RegistryError``. A CSV or XLSX path is refused with the command that
    converts it.

    The public key the registry holds is checked once, here, against the key this computer
    trusts for it (``toolkit.signing.check_registry_key``): ``key`` (a fingerprint or the
    whole key; else the WORKSHOP_REGISTRY_KEY variable), else the key recorded for this
    registry's id and location, else this computer's signing key, else the key is recorded
    on first use. When it is not trusted, the registry opens (``key_refusal`` says why, for
    ``workshop registry key`` and ``trust``) but every read and write raises
    ``RegistryKeyNotTrusted``, which ``verify`` answers as "altered". The key and id read
    here are the ones every later check uses: a key or id changed in the database while the
    registry is open makes the entries' signatures or links fail.
    """
    refusal = legacy_refusal(location)
    if refusal:
        raise RegistryError(refusal)
    if is_url(location):
        engine, shown = _pg_engine(str(location))
        where = _pg_location(str(location))
    else:
        engine, shown = _sqlite_engine(Path(location), create)
        where = str(Path(location).resolve())
    registry = Registry(engine, shown, where)
    try:
        registry._load(create, key)
    except BaseException:
        engine.dispose()
        raise
    return registry


def _sqlite_engine(path: Path, create: bool):
    from sqlalchemy import create_engine, event

    from .fileio import write_target

    shown = str(path)
    real = write_target(path)  # a symbolic link is followed: the shared file is written
    if real.exists():
        try:
            with open(real, "rb") as handle:
                magic = handle.read(16)
        except OSError as exc:
            raise RegistryError(_("{shown}: cannot be read ({reason}).").format(
                shown=shown, reason=exc.strerror)) from exc
        if magic and magic != b"SQLite format 3\x00":
            raise RegistryError(_("{shown}: not a certificate registry (an SQLite database is "
                                  "expected). Give the file written by `workshop "
                                  "certificates`.").format(shown=shown))
    elif not create:
        raise RegistryError(_("{shown}: registry not found. Give the registry written by "
                              "`workshop certificates` with --registry FILE (or a "
                              "postgresql:// URL).").format(shown=shown))
    else:
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RegistryError(_("Cannot create the folder {parent} for the registry "
                                  "({strerror}). Choose another --registry.").format(
                                    parent=real.parent, strerror=exc.strerror)) from exc
    engine = create_engine(f"sqlite+pysqlite:///{real}", pool_size=2, max_overflow=8,
                           connect_args={"timeout": 300})

    @event.listens_for(engine, "connect")
    def _connect(dbapi, _record):  # pragma: no cover - exercised through every test
        dbapi.isolation_level = None  # transactions are begun below, IMMEDIATE for writes
        cursor = dbapi.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout = 300000")
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover
        write = conn.get_execution_options().get("registry_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine, shown


def _pg_engine(location: str):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(location)
    except ArgumentError as exc:
        raise RegistryError(_("{location}: not a database URL ({exc}).").format(
                                location=location, exc=exc)) from exc
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise RegistryError(_("{location}: only SQLite files and postgresql:// URLs "
                              "can hold the registry.").format(
                                location=url.render_as_string(hide_password=True)))
    shown = url.render_as_string(hide_password=True)
    url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_size=2, max_overflow=8, pool_pre_ping=True,
                         connect_args={"connect_timeout": 10}), shown


def _pg_location(location: str) -> str:
    """A PostgreSQL registry's location as this computer records its key: the URL without
    the password."""
    from sqlalchemy.engine import make_url

    url = make_url(location)
    return url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)


class Registry:
    """An open registry; see the module docstring for the interface."""

    def __init__(self, engine, location: str, where: str = ""):
        self.engine = engine
        self.location = location
        self.where = where or location  # how this computer records the registry's key
        self.dialect = engine.dialect.name
        self.registry_id = ""
        self.public_key = ""
        self.key_refusal = ""  # why the key is not trusted ("" when it is)
        self.expected_key = ""  # the fingerprint this computer expected, when refused
        self.notes: list[str] = []
        self._key = None
        self._seen: tuple[int, str] | None = None  # the last entry this process checked

    # ------------------------------------------------------------ plumbing
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def trust(self) -> Path:
        """Trust the key the registry holds now (after the organisation deliberately replaced
        its key and its new fingerprint was compared): recorded for this registry's id and
        location; returns the file written."""
        from .signing import trust_registry_key

        written = trust_registry_key(self.registry_id, self.where, self.public_key)
        self.key_refusal = self.expected_key = ""
        return written

    def _trusted(self) -> None:
        if self.key_refusal:
            raise RegistryKeyNotTrusted(self.key_refusal)

    @contextlib.contextmanager
    def _read(self):
        self._trusted()
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _write(self):
        self._trusted()
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(registry_write=True)
            # SQLite's change token does not move for this connection's own writes: forget
            # the count kept on it, so the next checked lookup on it counts again
            conn.connection.info.pop(_COUNTED, None)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(
                        "LOCK TABLE registry_entries IN SHARE ROW EXCLUSIVE MODE")
                yield conn

    @contextlib.contextmanager
    def _cursor(self):
        """A driver cursor on a pooled connection, and that connection's ``info`` dict (kept
        with the connection). For the statements of a checked lookup: plain driver calls, as
        SQLAlchemy's execution layer costs more than SQLite's answer to these indexed reads."""
        self._trusted()
        with self._errors():
            connection = self.engine.raw_connection()
            try:
                cursor = connection.cursor()
                try:
                    yield cursor, connection.info
                finally:
                    cursor.close()
            finally:
                connection.close()  # back to the pool, which ends the transaction

    @contextlib.contextmanager
    def _errors(self):
        from sqlalchemy.exc import DBAPIError, OperationalError

        dbapi = self.engine.dialect.loaded_dbapi
        try:
            yield
        except (OperationalError, dbapi.OperationalError) as exc:
            raise RegistryError(_("{location}: the registry cannot be reached or is busy "
                                  "({first_line}). Check the path or URL and try again.").format(
                                    location=self.location, first_line=_first_line(exc))) from exc
        except (DBAPIError, dbapi.Error) as exc:
            raise RegistryError(_("{location}: the database refused the change "
                                  "({first_line}).").format(
                                    location=self.location, first_line=_first_line(exc))) from exc

    def _load(self, create: bool, key: str | None = None) -> None:
        from sqlalchemy import inspect, select

        from .signing import check_registry_key

        created = False
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(registry_write=create)
            with conn.begin():
                if create and self.dialect == "postgresql":
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(730557101)")
                if not inspect(conn).has_table("registry_meta"):
                    if not create:
                        raise RegistryError(_("{location}: no certificate registry here. Give "
                                              "the registry written by `workshop "
                                              "certificates`.").format(location=self.location))
                    self._create(conn)
                    created = True
                meta = dict(conn.execute(select(META.c.key, META.c.value)).all())
        if meta.get("schema") != SCHEMA_VERSION or "public_key" not in meta:
            raise RegistryError(_("{location}: not a registry of this version of "
                                  "workshop-toolkit (schema {schema}). Update "
                                  "workshop-toolkit.").format(
                                    location=self.location, schema=meta.get("schema", "unknown")))
        self.registry_id, self.public_key = meta["registry_id"], meta["public_key"]
        checked = check_registry_key(self.registry_id, self.where, self.location,
                                     self.public_key, pin=key, created=created)
        self.key_refusal, self.expected_key = checked.refusal, checked.expected
        if checked.note:
            self.notes.append(checked.note)

    def _create(self, conn) -> None:
        from sqlalchemy import insert

        key = self._signing_key()
        MD.create_all(conn)
        for statement in _append_only_ddl(self.dialect):
            conn.exec_driver_sql(statement)
        conn.execute(insert(META), [
            {"key": "schema", "value": SCHEMA_VERSION},
            {"key": "registry_id", "value": str(uuid.uuid4())},
            {"key": "public_key", "value": key.public_hex},
            {"key": "created_at", "value": _now(None)}])

    def _signing_key(self):
        if self._key is None:
            from .signing import fingerprint, load_key

            # a new key only for a new registry: an existing one needs the key that signed it
            key = load_key(create=not self.public_key)
            if self.public_key and key.public_hex != self.public_key:
                raise RegistryError(
                    _("{location} is signed with the key {fingerprint}, but the key in {path} "
                      "is {fingerprint2}. Copy the organization's key file there (or set "
                      "WORKSHOP_SIGNING_KEY to its path) to add to this registry.").format(
                        location=self.location, fingerprint=fingerprint(self.public_key),
                        path=key.path, fingerprint2=fingerprint(key.public_hex)))
            if key.note:
                self.notes.append(key.note)
            self._key = key
        return self._key

    # ------------------------------------------------------------ writing
    def _append(self, conn, rows: list[dict]) -> list[Entry]:
        """Number, chain, sign and insert entries (inside a write transaction)."""
        from sqlalchemy import insert, select

        key = self._signing_key()
        tip = conn.execute(select(ENTRIES.c.seq, ENTRIES.c.hash)
                           .order_by(ENTRIES.c.seq.desc()).limit(1)).first()
        seq, prev = (tip[0], tip[1]) if tip else (0, genesis_hash(self.registry_id))
        written = []
        for row in rows:
            seq += 1
            values = {name: row.get(name, "") for name in _HASHED}
            values["seq"] = seq
            digest = entry_hash(values, prev)
            values.update(prev_hash=prev, hash=digest,
                          signature=key.sign(bytes.fromhex(digest)))
            written.append(values)
            prev = digest
        if written:
            conn.execute(insert(ENTRIES), written)
        return [Entry(**values) for values in written]

    def _remember(self, entries: Sequence[Entry]) -> None:
        if entries:
            from .signing import write_head

            last = entries[-1]
            if self._seen is None or last.seq > self._seen[0]:
                self._seen = (last.seq, last.hash)
            write_head(self.registry_id, last.seq, last.hash)

    def issue(self, workshop: str, requests: Iterable[Request], *, prefix: str, dates: str,
              title: str = "", now: dt.datetime | None = None) -> list[IssueOutcome]:
        """Give each person their code, in one transaction.

        A person keeps the valid code they hold for the workshop when its type and name are
        the same; otherwise a new code is drawn and the old one superseded (an entry with the
        reason). Codes are drawn and written under the registry's write lock.
        """
        from sqlalchemy import select

        requests = list(requests)
        for request in requests:
            if request.type not in TYPES:
                raise ValueError(f"unknown certificate type {request.type!r}")
        stamp = _now(now)
        with self._write() as conn:
            held: dict[str, list[Record]] = {}
            for record in self._records(conn, ENTRIES.c.workshop == workshop):
                if record.status == "valid":
                    held.setdefault(record.participant_id, []).append(record)
            taken = set(conn.execute(select(ENTRIES.c.code).where(
                ENTRIES.c.kind == "issue",
                ENTRIES.c.code.like(f"{prefix}-%"))).scalars())
            issues, closes, outcomes = [], [], []
            for request in requests:
                current = held.get(request.participant_id, [])
                keep = next((r for r in current if (r.type, r.name) ==
                             (request.type, request.name)), None)
                code = keep.code if keep else _draw(prefix, taken)
                replaced = tuple(r for r in current if r is not keep)
                if keep is None:
                    taken.add(code)
                    issues.append({"kind": "issue", "code": code,
                                   "participant_id": request.participant_id,
                                   "name": request.name, "workshop": workshop,
                                   "workshop_title": title, "dates": dates,
                                   "type": request.type, "at": stamp})
                superseded = []
                for old in replaced:
                    reason = _why_replaced(old, request)
                    closes.append({"kind": "supersede", "code": old.code, "at": stamp,
                                   "ref": code, "reason": reason})
                    superseded.append(_closed(old, stamp, code, reason))
                outcomes.append(IssueOutcome(request.participant_id, code, keep is None,
                                             tuple(superseded)))
                held[request.participant_id] = [keep or Record(
                    code, request.participant_id, request.name, workshop, title, dates,
                    request.type, stamp)]
            written = self._append(conn, issues + closes)
        self._remember(written)
        return outcomes

    def revoke(self, code: str, reason: str, *, now: dt.datetime | None = None) -> Entry:
        """Withdraw a valid certificate (an entry with the date and reason)."""
        if not reason.strip():
            raise RegistryError(_("Give the reason for revoking the certificate."))
        return self._close(code, "revoke", reason.strip(), "", now)

    def supersede(self, code: str, reason: str, *, by: str = "",
                  now: dt.datetime | None = None) -> Entry:
        """Mark a valid certificate as replaced (by the code ``by``, when given)."""
        if not reason.strip():
            raise RegistryError(_("Give the reason for replacing the certificate."))
        return self._close(code, "supersede", reason.strip(), normalise_code(by) if by else "",
                           now)

    def _close(self, code: str, kind: str, reason: str, ref: str, now) -> Entry:
        typed = normalise_code(code)
        with self._write() as conn:
            record = self._record(conn, typed)
            if record is None:
                raise RegistryError(_("{location}: no certificate has the code {typed}. Check "
                                      "the code with `workshop verify`.").format(
                                        location=self.location, typed=typed))
            if record.status == "revoked":
                raise RegistryError(_("{location}: the code {code} was already revoked on "
                                      "{changed_at} ({reason}).").format(
                                        location=self.location, code=record.code,
                                        changed_at=record.changed_at, reason=record.reason))
            if record.status == "superseded":
                raise RegistryError(_("{location}: the code {code} was already replaced by "
                                      "{new} on {changed_at}; act on the new code instead.").format(
                                        location=self.location, code=record.code,
                                        new=record.replaced_by or _("a newer code"),
                                        changed_at=record.changed_at))
            [entry] = self._append(conn, [{"kind": kind, "code": record.code,
                                           "at": _now(now), "reason": reason, "ref": ref}])
        self._remember([entry])
        return entry

    # ------------------------------------------------------------ reading
    def _rows(self, conn, *where) -> Iterator[Entry]:
        from sqlalchemy import select

        global _ROW_QUERY
        if _ROW_QUERY is None:  # built once: SQLAlchemy's statement building costs per call
            _ROW_QUERY = select(*[ENTRIES.c[name] for name in Entry.__dataclass_fields__])
        for row in conn.execute(_ROW_QUERY.where(*where).order_by(ENTRIES.c.seq)):
            yield Entry(*row)

    def _records(self, conn, *where) -> list[Record]:
        """Records of the codes issued where ``where`` holds (on the issue entries)."""
        from sqlalchemy import select

        issued = list(self._rows(conn, ENTRIES.c.kind == "issue", *where))
        if not issued:
            return []
        codes = select(ENTRIES.c.code).where(ENTRIES.c.kind == "issue", *where)
        closing = {e.code: e for e in self._rows(conn, ENTRIES.c.kind != "issue",
                                                 ENTRIES.c.code.in_(codes))}
        return [_record(e, closing.get(e.code)) for e in issued]

    def _record(self, conn, code: str) -> Record | None:
        rows = list(self._rows(conn, ENTRIES.c.code == code))
        issue = next((e for e in rows if e.kind == "issue"), None)
        if issue is None:
            return None
        return _record(issue, next((e for e in rows if e.kind != "issue"), None))

    def lookup(self, code: str, *, check: bool = True) -> Record | None:
        """The state of a code (None when no certificate has it).

        With ``check``, what the answer rests on is verified first (``RegistryAltered`` when
        it does not hold): the code's entries and the last entry (content hash, signature,
        links to the entries just before and after), that no entry is missing (the entries
        are numbered from 1 and there are as many as the last number), and that the registry
        still holds the last entry this process or computer saw. One indexed statement; the
        entries are counted again only after something was written to the database; a
        signature already checked in this process for the same hash and signature is not
        checked again (the content hash and the links are, every time).
        """
        typed = normalise_code(code)
        if check:
            rows = self._checked(typed)
        else:
            with self._read() as conn:
                rows = list(self._rows(conn, ENTRIES.c.code == typed))
        issue = next((e for e in rows if e.kind == "issue"), None)
        if issue is None:
            return None
        return _record(issue, next((e for e in rows if e.kind != "issue"), None))

    def _checked(self, typed: str) -> list[Entry]:
        """The entries of the code ``typed``, after the checks ``lookup`` describes."""
        seen = self._seen_head()
        read, counting = _lookup_sql(self.dialect)
        params = {"code": typed, "seen": seen[0] if seen else 0}
        with self._cursor() as (cursor, info):
            cursor.execute(read, params)
            rows = cursor.fetchall()
            first, last, token = rows[0][:3]
            if info.get(_COUNTED) != (token, first, last):
                # something was written since this connection last counted (or it never
                # did): read again with the count, in one statement so from one snapshot
                cursor.execute(counting, params)
                rows = cursor.fetchall()
                first, last, token, count = rows[0][:4]
                if count and (first != 1 or last != count):
                    raise RegistryAltered(self.location, _first_gap(cursor, first),
                                          _("the entry is missing (deleted)"))
                info[_COUNTED] = (token, first, last)
        near = {row[4]: Entry(*row[4:]) for row in rows if row[4] is not None}
        hits = sorted(seq for seq, entry in near.items() if entry.code == typed)
        genesis = genesis_hash(self.registry_id)
        for seq in sorted(set(hits) | ({last} if last else set())):
            entry = near[seq]
            before = near.get(seq - 1)
            if seq == 1:
                prev_hash = genesis
            elif before is None:
                raise RegistryAltered(self.location, seq - 1,
                                      _("the entry is missing (deleted)"))
            else:
                prev_hash = before.hash
            self._check_entry(entry, prev_hash, cached=True)
            after = near.get(seq + 1)
            if after is not None and after.prev_hash != entry.hash:
                raise RegistryAltered(self.location, seq + 1, _("it does not follow the entry "
                                      "before it"))
        if seen is not None:
            self._check_seen(seen, last or 0, near.get(seen[0]))
        if last and (seen is None or last > seen[0]):
            self._remember([near[last]])
        return [near[seq] for seq in hits]

    def _seen_head(self) -> tuple[int, str] | None:
        """The last entry this process checked or wrote, or this computer's record of the
        last one it saw (registry-heads/), whichever is later."""
        from .signing import read_head

        head = read_head(self.registry_id)
        if head is None or (self._seen is not None and self._seen[0] > head[0]):
            return self._seen
        return head

    def _check_seen(self, seen: tuple[int, str], last: int, stored: Entry | None) -> None:
        from .signing import head_file

        seq, digest = seen
        if seq <= last and stored is not None and stored.hash == digest:
            return
        restored = _(" (if you restored an older backup on purpose, delete {file})").format(
            file=head_file(self.registry_id))
        if seq > last:
            raise RegistryAltered(self.location, seq, _(
                "this computer saw {seen} entries, the registry now ends at entry {last}: "
                "entries were deleted").format(seen=seq, last=last) + restored)
        raise RegistryAltered(self.location, seq, _("it is not the entry this computer saw")
                              + restored)

    def codes(self) -> list[str]:
        """Every code issued (for suggestions when a code is mistyped)."""
        from sqlalchemy import select

        with self._read() as conn:
            return list(conn.execute(select(ENTRIES.c.code).where(
                ENTRIES.c.kind == "issue")).scalars())

    def records(self, workshop: str | None = None) -> list[Record]:
        """The state of every code (of one workshop), in the order they were issued."""
        with self._read() as conn:
            where = [ENTRIES.c.workshop == workshop] if workshop else []
            return self._records(conn, *where)

    def entries(self) -> Iterator[Entry]:
        """Every entry, in order (read in one transaction)."""
        with self._read() as conn:
            yield from self._rows(conn)

    # ------------------------------------------------------------ integrity
    def _check_entry(self, entry: Entry, prev_hash: str | None, *,
                     cached: bool = False) -> None:
        from .signing import verify_signature

        if prev_hash is not None and entry.prev_hash != prev_hash:
            raise RegistryAltered(self.location, entry.seq, _("it does not follow the entry "
                                  "before it (an entry was inserted or deleted before it, or "
                                  "that entry was changed)"))
        if entry_hash(entry.hashed(), entry.prev_hash) != entry.hash:
            raise RegistryAltered(self.location, entry.seq, _("its content was changed"))
        if not (_signed(self.public_key, entry.signature, entry.hash) if cached else
                verify_signature(self.public_key, entry.signature, bytes.fromhex(entry.hash))):
            raise RegistryAltered(self.location, entry.seq, _("its signature is not the "
                                  "organization's (the entry was written outside the toolkit)"))

    def verify_chain(self) -> ChainReport:
        """Check every entry: order, links, content hashes and signatures."""
        prev, expected, last = genesis_hash(self.registry_id), 1, None
        seen, at_seen = self._seen_head(), None
        with self._read() as conn:
            for entry in self._rows(conn):
                if entry.seq != expected:
                    raise RegistryAltered(self.location, expected, _("the entry is missing "
                                          "(deleted)"))
                self._check_entry(entry, prev)
                prev, expected, last = entry.hash, expected + 1, entry
                if seen is not None and entry.seq == seen[0]:
                    at_seen = entry
        if seen is not None:
            self._check_seen(seen, expected - 1, at_seen)
        if last is not None:
            self._remember([last])
        return ChainReport(expected - 1, self.public_key)

    # ------------------------------------------------------------ sends
    def record_send(self, code: str, *, address: str, status: str, detail: str = "",
                    sent_at: dt.datetime | None = None) -> None:
        """Record one attempt to send a certificate (the address is kept as a salted hash)."""
        from sqlalchemy import insert

        salted = f"{self.registry_id}:{address.strip().casefold()}".encode()
        with self._write() as conn:
            conn.execute(insert(SENDS), [{
                "code": normalise_code(code), "sent_at": _now(sent_at),
                "address_hash": hashlib.sha256(salted).hexdigest(), "status": status,
                "detail": detail}])

    def sent_codes(self, status: str = "sent") -> set[str]:
        """Codes whose latest send record has ``status``."""
        from sqlalchemy import select

        latest: dict[str, str] = {}
        with self._read() as conn:
            for code, state in conn.execute(select(SENDS.c.code, SENDS.c.status)
                                            .order_by(SENDS.c.id)):
                latest[code] = state
        return {code for code, state in latest.items() if state == status}

    # ------------------------------------------------------------ views
    def export(self, path: str | Path) -> Path:
        """Write the state of every code as CSV (UTF-8 with BOM) or XLSX, formula-safe."""
        from .fileio import check_not_input

        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise RegistryError(_("{path}: export to a .csv or .xlsx file.").format(path=path))
        if not is_url(self.location):
            check_not_input(target, [self.location])
        rows = [[_cell(record, name) for name in EXPORT_COLUMNS] for record in self.records()]
        if suffix == ".csv":
            _write_csv(target, rows)
        else:
            _write_xlsx(target, rows)
        return target

    def import_(self, path: str | Path, *, now: dt.datetime | None = None) -> tuple[int, int]:
        """Bring a CSV/XLSX registry (of an earlier version, or an export) in.

        Codes, issue times, revocations and replacements are kept; codes already in the
        registry are left out. Returns (codes added, codes already present).
        """
        from sqlalchemy import select

        records = read_table(path)
        with self._write() as conn:
            present = set(conn.execute(select(ENTRIES.c.code)
                                       .where(ENTRIES.c.kind == "issue")).scalars())
            fresh = [r for r in records if r.code not in present]
            issues = [{"kind": "issue", "code": r.code, "participant_id": r.participant_id,
                       "name": r.name, "workshop": r.workshop,
                       "workshop_title": r.workshop_title, "dates": r.dates, "type": r.type,
                       "at": r.issued_at} for r in fresh]
            closes = sorted(({"kind": "revoke" if r.status == "revoked" else "supersede",
                              "code": r.code, "at": r.changed_at or _now(now),
                              "reason": r.reason or f"imported from {Path(path).name}",
                              "ref": r.replaced_by} for r in fresh if r.status != "valid"),
                            key=lambda row: row["at"])
            written = self._append(conn, issues + closes)
        self._remember(written)
        return len(fresh), len(records) - len(fresh)


def _first_gap(cursor, first: int | None) -> int:
    """The number of the first missing entry (only asked when one is missing)."""
    if first != 1:
        return 1
    cursor.execute("SELECT min(e.seq) + 1 FROM registry_entries e WHERE NOT EXISTS "
                   "(SELECT 1 FROM registry_entries n WHERE n.seq = e.seq + 1)")
    gap = cursor.fetchone()[0]
    return int(gap or 1)


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _record(issue: Entry, closing: Entry | None) -> Record:
    record = Record(issue.code, issue.participant_id, issue.name, issue.workshop,
                    issue.workshop_title, issue.dates, issue.type, issue.at, entry=issue.seq)
    if closing is None:
        return record
    return _closed(record, closing.at, closing.ref, closing.reason,
                   "revoked" if closing.kind == "revoke" else "superseded")


def _closed(record: Record, at: str, by: str, reason: str, status: str = "superseded"
            ) -> Record:
    from dataclasses import replace

    return replace(record, status=status, changed_at=at, replaced_by=by, reason=reason)


def _draw(prefix: str, taken: set[str]) -> str:
    """A fresh code not in ``taken`` (one set lookup per draw; the constraint is the backstop)."""
    while True:
        code = new_code(prefix)
        if code not in taken:
            return code


def _why_replaced(old: Record, request: Request) -> str:
    reasons = []
    if old.type != request.type:
        reasons.append(_("certificate of {new} instead of {old}").format(
                           new=_(request.type), old=_(old.type)))
    if old.name != request.name:
        reasons.append(_("name corrected from « {old} » to « {new} »").format(
                           old=old.name, new=request.name))
    return _("; ").join(reasons) or _("a newer certificate for the same workshop")


# ---------------------------------------------------------------- CSV / XLSX views


def _cell(record: Record, name: str) -> str:
    if name == "entry":
        return str(record.entry)
    return getattr(record, name)


def _write_csv(target: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    from .fileio import neutralise_cell, write_bytes_atomic

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([neutralise_cell(value) for value in row])
    write_bytes_atomic(target, b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def _write_xlsx(target: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    from .fileio import save_workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "registry"
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append(list(row))  # as typed: save_workbook types "=..." as text, never a formula
    sheet.freeze_panes = "A2"
    save_workbook(book, target)


def _restore(value: object) -> str:
    """A cell as written by neutralise_cell, back to the text it stood for."""
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    return text


def read_table(path: str | Path) -> list[Record]:
    """The codes of a CSV/XLSX registry (an export, or a registry file of version 0.1).

    The registry files of 0.1 held one row per event (a revocation repeated the code with
    status "revoked"); an export holds one row per code. Both give one Record per code.
    """
    from .responses.read import read_table as read_sheet  # the one spreadsheet reader

    source = Path(path)
    if not source.is_file():
        raise InputFileError(_("{path}: file not found.").format(path=path))
    if source.suffix.lower() not in (".csv", ".xlsx", ".xlsm"):
        raise InputFileError(_("{path}: give a .csv or .xlsx registry file.").format(path=path))
    table = read_sheet(source)
    headers = [_ALIASES.get(h, h) for h in (str(h or "").strip() for h in table.headers)]
    required = ("code", "participant_id", "name", "workshop", "dates", "type", "issued_at",
                "status")
    missing = [c for c in required if c not in headers]
    if missing:
        raise RegistryError(_("{path}, row 1: missing column(s) {values}. A registry file has "
                              "the columns {values2}.").format(
                                path=path, values=", ".join(missing),
                                values2=", ".join(EXPORT_COLUMNS)))
    columns = {name: table.column(headers.index(name)) for name in EXPORT_COLUMNS
               if name in headers and name != "entry"}
    records: dict[str, Record] = {}
    for k, number in enumerate(table.row_numbers):
        values = {name: _restore(column[k]).strip() for name, column in columns.items()}
        values["code"] = normalise_code(values["code"]) if values["code"] else ""
        for column, allowed in (("code", None), ("status", STATUSES), ("type", TYPES)):
            value = values.get(column, "")
            if not value or (allowed and value not in allowed):
                expected = (_(" or ").join(allowed) if allowed
                            else _("a certificate code"))
                raise RegistryError(_("{path}, row {number}, column \"{column}\": \"{value}\" "
                                      "is not {expected}. Fix the cell and import again.").format(
                                        path=path, number=number, column=column, value=value,
                                        expected=expected))
        if values.get("replaced_by"):
            values["replaced_by"] = normalise_code(values["replaced_by"])
        record = Record(  # the columns after status are optional (0.1 files lack some)
            code=values["code"], participant_id=values["participant_id"], name=values["name"],
            workshop=values["workshop"], workshop_title=values.get("workshop_title", ""),
            dates=values["dates"], type=values["type"], issued_at=values["issued_at"],
            status=values["status"], changed_at=values.get("changed_at", ""),
            reason=values.get("reason", ""), replaced_by=values.get("replaced_by", ""))
        first = records.get(record.code)
        if first is None:
            records[record.code] = record
        elif record.status != "valid":  # a revocation row of 0.1: keep the issue's details
            records[record.code] = _closed(first, record.changed_at, record.replaced_by,
                                           record.reason, record.status)
    return list(records.values())
