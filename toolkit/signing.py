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

    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:16]
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
