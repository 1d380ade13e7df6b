"""The organisation's Ed25519 signing key for the certificate registry.

The private key never lives in the registry. It is read from the file named by the
environment variable ``WORKSHOP_SIGNING_KEY``, else from ``signing-key.pem`` in the user's
configuration folder (``platformdirs.user_config_dir("workshop-toolkit")``, for example
``~/.config/workshop-toolkit/`` on Linux, ``%LOCALAPPDATA%\\workshop-toolkit\\`` on
Windows). It is created on first use, with a note saying where it is and to back it up.
Offices that share a registry share this one key file (copy it; never e-mail it in clear).

Beside the key, ``registry-heads/`` keeps the last entry this computer wrote or checked in
each registry (its number and hash): a registry whose last rows were deleted is detected here
even though the remaining chain is intact.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import RegistryError
from .i18n import _

ENV_KEY = "WORKSHOP_SIGNING_KEY"
KEY_NAME = "signing-key.pem"


def key_path() -> Path:
    """Where the private key is (or will be created)."""
    named = os.environ.get(ENV_KEY, "").strip()
    if named:
        return Path(named).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("workshop-toolkit", appauthor=False)) / KEY_NAME


def public_hex(private_key) -> str:
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def fingerprint(public_key_hex: str) -> str:
    """A short form of a public key to compare by eye: 4 groups of 4 hex digits."""
    import hashlib

    try:
        digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:16]
    except (ValueError, TypeError):  # not a key (a registry changed outside the toolkit)
        return "???? ???? ???? ????"
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


@dataclass
class SigningKey:
    """The private key, where it was read from, and whether it was just created."""

    private: object
    path: Path
    created: bool = False

    @property
    def public_hex(self) -> str:
        return public_hex(self.private)

    def sign(self, data: bytes) -> str:
        return self.private.sign(data).hex()  # type: ignore[attr-defined]

    @property
    def note(self) -> str:
        if not self.created:
            return ""
        return (_("A new signing key for the certificate registry was created in {path}. Back "
                  "it up (copy the file somewhere safe): without it no certificate can be "
                  "added to this registry. Offices that share the registry need the same file "
                  "(set {ENV_KEY} to its path).").format(path=self.path, ENV_KEY=ENV_KEY))


def load_key(*, create: bool = True) -> SigningKey:
    """The private key; created (and written with mode 0600) when missing and ``create``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path()
    created = False
    if not path.exists():
        if not create:
            raise RegistryError(_("No signing key at {path}: this registry was signed with "
                                  "the organization's key, which is needed to add to it. Copy "
                                  "the organization's key file there, or set {ENV_KEY} to its "
                                  "path.").format(path=path, ENV_KEY=ENV_KEY))
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        created = _create_exclusive(path, pem)
    try:
        data = path.read_bytes()
        loaded = serialization.load_pem_private_key(data, password=None)
    except OSError as exc:
        raise RegistryError(_("{path}: the signing key cannot be read ({strerror}).").format(
                                path=path, strerror=exc.strerror)) from exc
    except (ValueError, TypeError) as exc:
        raise RegistryError(_("{path}: not an Ed25519 private key in PEM form. Restore the "
                              "organization's key file from its backup.").format(
                                  path=path)) from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise RegistryError(_("{path}: the key is not an Ed25519 key. Restore the "
                              "organization's key file from its backup.").format(path=path))
    return SigningKey(loaded, path, created)


def _create_exclusive(path: Path, pem: bytes) -> bool:
    """Write the key file unless another process made one first; True when ours was kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RegistryError(_("Cannot create the folder {parent} for the signing key "
                              "({strerror}). Set {ENV_KEY} to a file path you can "
                              "write.").format(parent=path.parent, strerror=exc.strerror,
                                               ENV_KEY=ENV_KEY)) from exc
    fd, tmp = tempfile.mkstemp(prefix=".signing-key.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp: mode 0600, as a private key needs
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails when the file exists: the first key made wins
            return True
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive creation instead
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return False
            except OSError as exc:
                raise RegistryError(_("Cannot write the signing key to {path} ({strerror}). "
                                      "Set {ENV_KEY} to a file path you can write.").format(
                                        path=path, strerror=exc.strerror, ENV_KEY=ENV_KEY)) from exc
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@functools.lru_cache(maxsize=8)
def _public_key(public_key_hex: str):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))


def verify_signature(public_key_hex: str, signature_hex: str, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        _public_key(public_key_hex).verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# ---------------------------------------------------------------- what this computer saw


def _heads_dir() -> Path:
    return key_path().parent / "registry-heads"


def head_file(registry_id: str) -> Path:
    where = tuple(os.environ.get(name, "") for name in (ENV_KEY, "HOME", "XDG_CONFIG_HOME",
                                                         "APPDATA", "LOCALAPPDATA"))
    return _head_file(where, registry_id)


@functools.lru_cache(maxsize=64)
def _head_file(where: tuple[str, ...], registry_id: str) -> Path:
    """The head file's path, made once for the variables that decide where it is (a
    verification server asks for it on every request)."""
    return _heads_dir() / f"{registry_id}.json"


_heads: dict[str, tuple[tuple[int, int, int], tuple[int, str] | None]] = {}


def read_head(registry_id: str) -> tuple[int, str] | None:
    """(entry number, hash) of the last entry this computer wrote or checked, if any.

    The file is read again only when it changed (another inode, size or modification time:
    write_head replaces it), so a verification server does not read it for every request.
    """
    path = head_file(registry_id)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    known = _heads.get(str(path))
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head: tuple[int, str] | None = (int(data["entry"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        head = None
    _heads[str(path)] = (stamp, head)
    return head


def write_head(registry_id: str, entry: int, digest: str) -> None:
    """Remember the last entry seen (never goes back); silently skipped where not writable."""
    known = read_head(registry_id)
    if known is not None and known[0] >= entry:
        return
    folder = _heads_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{registry_id}.", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"entry": entry, "hash": digest}, handle)
            os.replace(tmp, head_file(registry_id))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# ---------------------------------------------------------------- which key this computer trusts
#
# The registry stores its public key, so whoever can write the database could put in their
# own key and re-sign every entry. The key to check against is therefore pinned outside the
# database, on the computer that verifies: an explicit pin (``--key``, ``--registry-key``,
# WORKSHOP_REGISTRY_KEY), else what this computer recorded in ``registry-keys.json`` (beside
# the private key), keyed both by the registry's id and by its location, else the private key
# when this computer holds it (the organiser's), else the key seen on first use (recorded).

PIN_ENV = "WORKSHOP_REGISTRY_KEY"
KEYS_NAME = "registry-keys.json"
_DELIBERATE = ("created", "signing key", "pin", "trust")  # how a record was made, not "first use"


def keys_file() -> Path:
    """Where this computer records the key it trusts for each registry."""
    return key_path().parent / KEYS_NAME


def parse_pin(text: str, *, source: str) -> str:
    """A pinned key as given (the fingerprint printed by `workshop registry key`, with or
    without spaces, any case, or the whole public key in hex), normalised to lower-case hex
    digits; ``source`` names where it came from, for the message."""
    import re

    cleaned = re.sub(r"[\s:]", "", text or "").lower()
    if re.fullmatch(r"[0-9a-f]{16}|[0-9a-f]{64}", cleaned):
        return cleaned
    raise RegistryError(_("{source}: \"{text}\" is not a registry key. Give the fingerprint "
                          "printed by `workshop registry key` (16 hexadecimal digits, for "
                          "example 1a2b 3c4d 5e6f 7a8b) or the whole public key (64 "
                          "hexadecimal digits).").format(source=source, text=text))


def given_pin(text: str | None, *, source: str) -> str | None:
    """The pin given by an option named ``source``, else the WORKSHOP_REGISTRY_KEY
    variable's, parsed (parse_pin); None when neither gives one."""
    if text:
        return parse_pin(text, source=source)
    named = os.environ.get(PIN_ENV, "").strip()
    return parse_pin(named, source=PIN_ENV) if named else None


def pin_matches(pin: str, public_key_hex: str) -> bool:
    """Whether ``public_key_hex`` is the key pinned by ``pin`` (from parse_pin)."""
    import hmac

    if len(pin) == 64:
        return hmac.compare_digest(pin, public_key_hex.lower())
    return hmac.compare_digest(pin, fingerprint(public_key_hex).replace(" ", ""))


def shown_pin(pin: str) -> str:
    """A pin as people compare it: the fingerprint's four groups, or the whole key."""
    if len(pin) == 16:
        return " ".join(pin[i:i + 4] for i in range(0, 16, 4))
    return fingerprint(pin)


def read_keys() -> dict:
    """What this computer recorded: {"registries": {id: record}, "locations": {where:
    record}}, each record {"key", "since", "how", ...}. A damaged file is an error (treating
    it as empty would trust any key)."""
    path = keys_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"registries": {}, "locations": {}}
    except OSError as exc:
        raise RegistryError(_("{path}: the registry keys this computer trusts cannot be read "
                              "({strerror}).").format(path=path, strerror=exc.strerror)) from exc
    try:
        data = json.loads(text)
        damaged = not all(isinstance(data.get(name), dict)
                          for name in ("registries", "locations"))
    except (ValueError, AttributeError):
        damaged = True
    if damaged:
        raise RegistryError(_("{path}: this file of trusted registry keys is damaged. Delete "
                              "it, then check each registry's key again with `workshop "
                              "registry trust --registry LOCATION`.").format(path=path))
    return data


def record_key(registry_id: str, location: str, public_key_hex: str, how: str, *,
               replace: bool) -> bool:
    """Record ``public_key_hex`` as this computer's trusted key for the registry (by id and by
    location); with ``replace`` False an existing record is kept. True when written; False
    where the folder cannot be written (nothing is recorded then)."""
    from filelock import FileLock, Timeout

    path = keys_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # two processes opening registries at once (a server and a command) must not lose
        # each other's record: read, change and write the file under one lock
        with FileLock(str(path) + ".lock", timeout=30):
            return _record_key(registry_id, location, public_key_hex, how, replace=replace)
    except (OSError, Timeout):
        return False


def _record_key(registry_id: str, location: str, public_key_hex: str, how: str, *,
                replace: bool) -> bool:
    from .errors import OutputError
    from .fileio import atomic_write

    data = read_keys()
    record = {"key": public_key_hex, "since": _today(), "how": how}
    changed = False
    for table, name, extra in (("registries", registry_id, {"location": location}),
                               ("locations", location, {"registry": registry_id})):
        known = data[table].get(name)
        other_key = known is not None and known.get("key") != public_key_hex
        now_deliberate = (known is not None and known.get("how") != how
                          and how in ("pin", "trust"))  # a first-use record confirmed
        if known is None or (replace and (other_key or now_deliberate)):
            data[table][name] = dict(record, **extra)
            changed = True
    if not changed:
        return True
    try:
        with atomic_write(keys_file(), "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
    except (OSError, OutputError):
        return False
    return True


def _day(iso: str) -> str:
    """A recorded date as people write it (« 3 décembre 2026 »)."""
    import datetime as dt

    from .i18n import format_date, get_language

    try:
        return format_date(dt.date.fromisoformat(iso), get_language())
    except ValueError:
        return iso or "?"


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


@dataclass
class KeyCheck:
    """Whether a registry's key is the one this computer trusts.

    ``refusal`` is empty when it is, else the one-paragraph reason (for the organiser and the
    server's log, never for the public); ``expected`` the fingerprint this computer expected;
    ``note`` something to tell the user (the key recorded on first use)."""

    refusal: str = ""
    expected: str = ""
    note: str = ""


def check_registry_key(registry_id: str, location: str, shown: str, public_key_hex: str, *,
                       pin: str | None = None, created: bool = False) -> KeyCheck:
    """Check the key a registry holds against the key this computer trusts for it.

    ``location`` identifies the registry (its resolved file path, or its URL without the
    password), ``shown`` names it in messages; ``pin`` is an explicit pin (else the
    WORKSHOP_REGISTRY_KEY variable); ``created`` says this process has just created the
    registry with this computer's private key.
    """
    import re

    # the location, not ``shown``: a PostgreSQL URL shown with "***" for its password would
    # not connect; without a password it takes it from ~/.pgpass or PGPASSWORD
    trust = f"workshop registry trust --registry {_quoted(location)}"
    if not re.fullmatch(r"[0-9a-f]{64}", public_key_hex or "") or not re.fullmatch(
            r"[0-9A-Za-z-]{1,64}", registry_id or ""):
        return KeyCheck(_(
            "{registry}: the registry's key or identifier is not one the toolkit writes: the "
            "database was changed outside the toolkit. Do not trust its answers: restore it "
            "from a backup, and find out who changed it.").format(registry=shown))
    found = fingerprint(public_key_hex)
    pin = given_pin(pin, source="--key")
    if pin is not None:
        if not pin_matches(pin, public_key_hex):
            return KeyCheck(_(
                "{registry}: the registry's key is not the pinned one: expected {expected} "
                "(given by --key, --registry-key or {PIN_ENV}), found {found}. Someone who "
                "can write the database may have put in their own key and signed the entries "
                "again: do not trust its answers. Check the fingerprint with the "
                "organization; if it really replaced its key, pin the new fingerprint "
                "instead.").format(registry=shown, expected=shown_pin(pin), found=found,
                                   PIN_ENV=PIN_ENV), shown_pin(pin))
        record_key(registry_id, location, public_key_hex, "pin", replace=True)
        return KeyCheck()
    if created:
        record_key(registry_id, location, public_key_hex, "created", replace=True)
        return KeyCheck()
    known = read_keys()
    records = [r for r in (known["registries"].get(registry_id),
                           known["locations"].get(location)) if r]
    for record in records:
        if record.get("key") != public_key_hex:
            expected = fingerprint(str(record.get("key") or "00"))
            return KeyCheck(_(
                "{registry}: the registry's key is not the one this computer trusts: expected "
                "{expected} (recorded in {file} on {since}), found {found}. Someone who can "
                "write the database may have put in their own key and signed the entries "
                "again: do not trust its answers. If the organization really replaced its "
                "key, compare the new fingerprint with the one it gives you, then run: "
                "{command}").format(registry=shown, expected=expected, file=keys_file(),
                                    since=_day(str(record.get("since", ""))), found=found,
                                    command=trust), expected)
    deliberate = any(r.get("how") in _DELIBERATE for r in records)
    own = _own_public_key()
    if own is not None and own != public_key_hex and not deliberate:
        return KeyCheck(_(
            "{registry}: the registry's key {found} is not this computer's signing key "
            "{expected} ({path}). Someone who can write the database may have put in their "
            "own key and signed the entries again: do not trust its answers. If this "
            "registry is really signed with another key (another organization's), compare "
            "its fingerprint with the one the organization gives you, then run: "
            "{command}").format(registry=shown, found=found, expected=fingerprint(own),
                                path=key_path(), command=trust), fingerprint(own))
    how = "signing key" if own == public_key_hex else "first use"
    # recorded by id and by location already (and the key matched): nothing to write
    written = len(records) == 2 or record_key(registry_id, location, public_key_hex, how,
                                              replace=False)
    if records or how != "first use":
        return KeyCheck()
    if not written:
        return KeyCheck(note=_(
            "{registry}: its key {found} could not be recorded in {file} (the folder cannot "
            "be written), so a replaced key would not be noticed next time. Pin the key with "
            "--key or {PIN_ENV}.").format(registry=shown, found=found, file=keys_file(),
                                          PIN_ENV=PIN_ENV))
    return KeyCheck(note=_(
        "{registry}: first use on this computer; its key {found} is now recorded in {file}, "
        "and a registry that later shows another key is refused. Compare this fingerprint "
        "with the one the organization gives you.").format(registry=shown, found=found,
                                                          file=keys_file()))


def trust_registry_key(registry_id: str, location: str, public_key_hex: str) -> Path:
    """Record the registry's current key as trusted (after a deliberate key change);
    returns the file written."""
    if not record_key(registry_id, location, public_key_hex, "trust", replace=True):
        raise RegistryError(_("{file}: cannot be written, so the key cannot be recorded. "
                              "Set {ENV_KEY} to a file in a folder you can write, or pin "
                              "the key with --key or {PIN_ENV}.").format(
                                  file=keys_file(), ENV_KEY=ENV_KEY, PIN_ENV=PIN_ENV))
    return keys_file()


def _own_public_key() -> str | None:
    """The public half of this computer's signing key, when it has one."""
    if not key_path().exists():
        return None
    try:
        return load_key(create=False).public_hex
    except RegistryError:
        return None


def _quoted(text: str) -> str:
    import re

    return f'"{text}"' if re.search(r"[\s'\"$`&|;<>()]", text) else text
