"""Who may use the interface, forms that cannot be posted from another site, and the language.

* Bound to 127.0.0.1 nobody else can reach it: no password. On any other address a password
  (``--password-file`` or ``WORKSHOP_PASSWORD``) guards everything except the public pages
  (``/verify``, ``/api/verify``, ``/healthz``, the style sheet). A browser logs in once and
  keeps a signed cookie; an API client sends the password as HTTP Basic or Bearer.
* Every form carries a token derived from a per-browser cookie and a secret of this process;
  a POST without the right token is refused (403), so another site cannot post the forms.
* The language is the switch's cookie, else ``--lang``, else the browser's Accept-Language;
  the library speaks it too (``use_language`` around each request), so validation problems
  and import errors read in the page's language. The JSON API follows its client's
  Accept-Language, else ``--lang``, else English, as the command line.
* Behind HTTPS (``--public-url https://...``, a TLS connection, or ``X-Forwarded-Proto:
  https`` from a ``--trusted-proxy``) every cookie carries the Secure flag.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from ..i18n import gettext
from .strings import LANGS, pick_language

PUBLIC_PREFIXES = ("/verify", "/api/verify/", "/healthz", "/static/", "/login")
AUTH_COOKIE = "wt_auth"
CSRF_COOKIE = "wt_csrf"
LANG_COOKIE = "wt_lang"
SESSION_SECONDS = 12 * 3600
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class Settings:
    """How this server runs (from `workshop serve`'s options)."""

    data: Path
    lang: str | None = None
    password: str | None = None
    secure_cookies: bool = False
    registry: str | None = None  # a SQLite file or postgresql:// URL; None: DATA/...sqlite
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    # the address people use (``--public-url``): an https:// one makes every cookie Secure
    public_url: str | None = None
    # reverse proxies (``--trusted-proxy``) whose X-Forwarded-Proto header is believed
    trusted_proxies: tuple[str, ...] = ()
    # the registry key's pin (``--registry-key`` or WORKSHOP_REGISTRY_KEY): a fingerprint
    registry_key: str | None = None

    def __post_init__(self) -> None:
        self.data = Path(self.data)
        if self.password is not None and not self.password.strip():
            raise ValueError("the password is empty")
        self.trusted_proxies = tuple(self.trusted_proxies)
        if (self.public_url or "").lower().startswith("https://"):
            self.secure_cookies = True


def is_https(settings: Settings, scope) -> bool:
    """Whether the browser reached us over HTTPS: ``--public-url https://...``, a TLS
    connection, or ``X-Forwarded-Proto: https`` from a ``--trusted-proxy`` (from anyone else
    the header is ignored). Cookies then carry the Secure flag."""
    if settings.secure_cookies or scope.get("scheme") == "https":
        return True
    client = (scope.get("client") or ("", 0))[0]
    if client not in settings.trusted_proxies:
        return False
    for name, value in scope.get("headers") or ():
        if name == b"x-forwarded-proto":
            return value.decode("latin-1").split(",")[0].strip().lower() == "https"
    return False


def needs_password(host: str) -> bool:
    return host not in LOCAL_HOSTS


def _sign(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def auth_token(settings: Settings, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    return f"{expires}.{_sign(settings.secret, f'auth.{expires}')}"


def _valid_auth(settings: Settings, token: str | None) -> bool:
    if not token or "." not in token:
        return False
    expires, _, signature = token.partition(".")
    if not expires.isdigit() or int(expires) < time.time():
        return False
    return hmac.compare_digest(signature, _sign(settings.secret, f"auth.{expires}"))


def password_ok(settings: Settings, given: str | None) -> bool:
    if settings.password is None or given is None:
        return False
    return hmac.compare_digest(given.encode(), settings.password.encode())


def _header_password(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip()).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


def csrf_token(request: Request) -> str:
    """The token forms of this browser carry (see check_csrf)."""
    settings: Settings = request.app.state.settings
    browser = request.state.csrf_cookie
    return _sign(settings.secret, f"csrf.{browser}")


def check_csrf(request: Request, form) -> bool:
    given = str(form.get("csrf") or "")
    return bool(given) and hmac.compare_digest(given, csrf_token(request))


def _is_public(path: str) -> bool:
    return path == "/verify" or any(path.startswith(p) for p in PUBLIC_PREFIXES)


class Guard:
    """Password, language, the CSRF cookie and safe headers, for every request.

    A plain ASGI middleware (not BaseHTTPMiddleware): /verify must stay cheap under load.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        settings: Settings = scope["app"].state.settings
        path = request.url.path
        request.state.secure = secure = is_https(settings, scope)
        # language: ?lang=xx (the switch) sets the cookie and comes back without the query
        asked = request.query_params.get("lang")
        if request.method == "GET" and asked in LANGS and not path.startswith("/api/"):
            response: Response = RedirectResponse(quote(path), status_code=303)
            response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, samesite="lax",
                                httponly=True, secure=secure)
            await response(scope, receive, send)
            return
        cookies = request.cookies
        chosen = cookies.get(LANG_COOKIE)
        request.state.lang = (chosen if chosen in LANGS else None) or settings.lang or \
            pick_language(request.headers.get("accept-language")) or "fr"
        browser = cookies.get(CSRF_COOKIE)
        fresh = not browser or len(browser) != 32
        request.state.csrf_cookie = secrets.token_hex(16) if fresh else browser
        request.state.authenticated = settings.password is None or \
            _valid_auth(settings, cookies.get(AUTH_COOKIE)) or \
            password_ok(settings, _header_password(request))
        public = _is_public(path)
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                 (b"x-frame-options", b"SAMEORIGIN"), (b"content-security-policy", CSP)]
        if not public or path.startswith("/verify/"):
            extra.append((b"cache-control", b"no-store"))
        if fresh:
            cookie = Response()
            cookie.set_cookie(CSRF_COOKIE, request.state.csrf_cookie, samesite="strict",
                              httponly=True, secure=secure)
            extra += [(k, v) for k, v in cookie.raw_headers if k == b"set-cookie"]

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k == b"set-cookie" or k not in have]
            await send(message)

        if not request.state.authenticated and not public:
            if path.startswith("/api/"):
                response = JSONResponse({"error": gettext("This server needs the password: "
                                                          "send it as HTTP Basic or Bearer "
                                                          "authorization.")},
                                        status_code=401,
                                        headers={"WWW-Authenticate": 'Basic realm="workshop"'})
            else:
                response = RedirectResponse(f"/login?next={quote(path)}", status_code=303)
            await response(scope, receive, send_with_headers)
            return
        # the library's messages (validation problems, import errors) in the page's language;
        # an API client gets its Accept-Language, else --lang, else English (as the CLI)
        from ..i18n import use_language

        speaks = request.state.lang
        if path.startswith("/api/"):
            speaks = pick_language(request.headers.get("accept-language")) or settings.lang \
                or "en"
        with use_language(speaks):
            await self.app(scope, receive, send_with_headers)


CSP = (b"default-src 'self'; img-src 'self' data:; object-src 'self'; frame-ancestors 'self'; "
       b"form-action 'self'; base-uri 'none'")


def login_cookie(response: Response, settings: Settings, secure: bool | None = None) -> None:
    response.set_cookie(AUTH_COOKIE, auth_token(settings), max_age=SESSION_SECONDS,
                        samesite="strict", httponly=True,
                        secure=settings.secure_cookies if secure is None else secure)
