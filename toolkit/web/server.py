"""Run the web application with uvicorn (what `workshop serve` calls)."""
from __future__ import annotations

import logging
import os
import re
import threading
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ToolkitError
from ..i18n import _
from .security import Settings, needs_password

if TYPE_CHECKING:
    import uvicorn

PASSWORD_ENV = "WORKSHOP_PASSWORD"
REGISTRY_ENV = "WORKSHOP_REGISTRY"
_CODE_IN_PATH = re.compile(r"(/verify/)[^ ?\"]+")


class _HideCodes(logging.Filter):
    """Access-log lines show /verify/… instead of the certificate code looked up."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_CODE_IN_PATH.sub(r"\1…", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def read_password(password_file: str | None) -> str | None:
    """The password from ``--password-file`` (first line) or the WORKSHOP_PASSWORD variable."""
    if password_file:
        try:
            text = Path(password_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ToolkitError(_("{password_file}: cannot read the password file "
                                 "({strerror}). Give a file whose first line is the "
                                 "password.").format(password_file=password_file,
                                                     strerror=exc.strerror)) from exc
        password = text[0].strip() if text else ""
        if not password:
            raise ToolkitError(_("{password_file}: the password file is empty. Write the "
                                 "password on its first line.").format(password_file=password_file))
        return password
    password = os.environ.get(PASSWORD_ENV, "").strip()
    return password or None


def settings_for(*, host: str, data: str, lang: str | None,
                 password_file: str | None, registry: str | None = None,
                 public_url: str | None = None,
                 trusted_proxies: tuple[str, ...] = (),
                 registry_key: str | None = None) -> Settings:
    """The server's settings; the registry is ``registry`` (``--registry``), else the
    WORKSHOP_REGISTRY variable, else ``DATA/certificate-registry.sqlite``. Behind HTTPS
    (``public_url`` https://..., or a trusted proxy's X-Forwarded-Proto) cookies are Secure."""
    from ..i18n import _

    if public_url and not re.match(r"^https?://[^/\s]+", public_url, re.IGNORECASE):
        raise ToolkitError(_('--public-url "{url}" is not a web address: give the address '
                             "people type, e.g. https://workshops.example.org/.").format(
                                 url=public_url))
    password = read_password(password_file)
    if needs_password(host) and password is None:
        raise ToolkitError(
            _("--host {host} lets other computers reach the interface, so it needs a "
              "password: give --password-file FILE (its first line) or set {PASSWORD_ENV}. "
              "Without one, keep the default --host 127.0.0.1.").format(
                host=host, PASSWORD_ENV=PASSWORD_ENV))
    registry = registry or os.environ.get(REGISTRY_ENV, "").strip() or None
    if registry:
        from ..registry import is_url, legacy_refusal

        refusal = legacy_refusal(registry)
        if refusal:
            raise ToolkitError(refusal)
        if not is_url(registry):
            registry = str(Path(registry).resolve())
    from ..signing import given_pin

    registry_key = given_pin(registry_key, source="--registry-key")
    return Settings(data=Path(data), lang=lang, password=password,
                    secure_cookies=False, registry=registry, public_url=public_url or None,
                    trusted_proxies=tuple(trusted_proxies), registry_key=registry_key or None)


def serve(*, host: str = "127.0.0.1", port: int = 8000, data: str = "workshop-data",
          lang: str | None = None, password_file: str | None = None, open_browser: bool = False,
          announce=None, registry: str | None = None, public_url: str | None = None,
          trusted_proxies: tuple[str, ...] = (), registry_key: str | None = None) -> None:
    """Start the server and block until it is stopped (Ctrl+C)."""
    import uvicorn

    from .app import create_app

    settings = settings_for(host=host, data=data, lang=lang, password_file=password_file,
                            registry=registry, public_url=public_url,
                            trusted_proxies=trusted_proxies, registry_key=registry_key)
    app = create_app(settings)
    logging.getLogger("uvicorn.access").addFilter(_HideCodes())
    shown = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if announce:
        from ..registry import is_url

        where = settings.registry or str(settings.data.resolve() / "certificate-registry.sqlite")
        if is_url(where):
            from sqlalchemy.engine import make_url

            where = make_url(where).render_as_string(hide_password=True)
        announce((_("workshop serve: {url} (data in {data}, registry {registry}, password "
                    "required). Ctrl+C stops.") if settings.password else
                  _("workshop serve: {url} (data in {data}, registry {registry}). Ctrl+C "
                    "stops.")).format(url=shown, data=settings.data.resolve(), registry=where))
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(shown,)).start()
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                **proxy_options(settings))


def proxy_options(settings: Settings) -> dict:
    """uvicorn believes X-Forwarded-* headers from the trusted proxies only (none by
    default: uvicorn's own default would trust 127.0.0.1)."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(settings.trusted_proxies)}


class Background:
    """The application served by uvicorn on a thread (for tests, benchmarks and screenshots).

        with Background(settings) as server:
            ... server.url ...
    """

    def __init__(self, settings: Settings, *, host: str = "127.0.0.1", port: int = 0,
                 access_log: bool = False) -> None:
        import socket

        if not port:
            with socket.socket() as probe:
                probe.bind((host, 0))
                port = probe.getsockname()[1]
        self.settings, self.host, self.port = settings, host, port
        self.url = f"http://{host}:{port}"
        self._access_log = access_log
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Background:
        import time

        import uvicorn

        from .app import create_app

        config = uvicorn.Config(create_app(self.settings), host=self.host, port=self.port,
                                log_level="warning", access_log=self._access_log,
                                server_header=False, **proxy_options(self.settings))
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(target=server.run, name="workshop-serve", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
