"""A throwaway PostgreSQL server for the tests (issue 15 point 4).

`postgres_server` (session scope) runs initdb in a temporary folder, starts the server on a
free local port with its unix socket in that folder, and stops it at the end. As root (CI
containers), initdb refuses to run: the folder is given to the `postgres` system user that
the Debian package creates, and the server runs as that user. The binaries are looked up on
PATH, then in /usr/lib/postgresql/<version>/bin (Debian). `.ci/run` installs the `postgresql`
package when it is missing; a missing server is an error here, never a skip.

`postgres_url` gives each test its own empty database.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit()
                        else 0)
    if not candidates:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: apt-get install -y "
                           "postgresql (.ci/run does this in CI).")
    return candidates[-1]


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"] + argv
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(_shell_quote, argv))]


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="workshop-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = "workshop"
        self.log = self.folder / "server.log"

    def start(self) -> None:
        if os.geteuid() == 0:
            import pwd

            entry = pwd.getpwnam("postgres")  # created by the Debian package
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        os.chmod(self.folder, 0o755)
        subprocess.run(_as_server_user([
            _binary("initdb"), "-D", str(self.data), "-U", self.user, "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync"]), check=True, capture_output=True)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c max_connections=120 -c shared_buffers=16MB")
        subprocess.run(_as_server_user([
            _binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
            "-w", "-t", "60", "start"]), check=True, capture_output=True)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(_as_server_user([_binary("pg_ctl"), "-D", str(self.data), "-m",
                                            "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} "
                             "dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer()
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = server.log.read_text(errors="replace") if server.log.exists() else ""
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r} {log}") from exc
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    return postgres_server.new_database()
