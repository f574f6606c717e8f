"""The build cache: a folder in the project (`.recaps-cache/`, ignored by git)
that keeps what a build learnt for the next one: parsed sources, converted
Markdown and the manifest of the files written.

Every entry is keyed by content hashes and by `code_version()` (our source
files and the versions of the libraries that shape the output), so an edit to
a recap, a template, the config or a registry, or an upgrade, leads to work
being redone, never to stale output. Each file carries a digest of its own
bytes: a truncated, corrupt or foreign file is ignored and rewritten, never
trusted. `Store(None)` (`--no-cache`) keeps nothing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from importlib import metadata
from pathlib import Path

FOLDER = ".recaps-cache"
# A file known by its identity (inode, size, times) must have been written this long before it was
# read: a save within the same tick of the file system's clock could change its bytes and leave its
# identity as it was (git's "racy" files), so a file written closer to its reading is read again.
RACY_NS = 2_000_000_000


def settled_since() -> int:
    """The time (ns) before which a file must have last changed to be known by its identity."""
    return time.time_ns() - RACY_NS
_MAGIC = b"recaps-cache 1\n"
# The libraries whose versions shape the output (Pagefind makes the search bundle).
_LIBRARIES = ("jinja2", "markdown", "markupsafe", "pyyaml", "python-slugify", "babel", "rapidfuzz",
              "nh3", "pagefind-bin")
_version: str | None = None


def code_version() -> str:
    """A hash of our package's files, Python's version and the libraries' versions."""
    global _version
    if _version is None:
        digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
        for name in _LIBRARIES:
            try:
                digest.update(f"{name}={metadata.version(name)}\0".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name}=none\0".encode())
        digest.update(package_digest(Path(__file__).resolve().parent))
        _version = digest.hexdigest()
    return _version


def package_digest(package: Path) -> bytes:
    """A hash of every file of the package that the output can depend on: its code and its data,
    such as the translations (`locale/**/*.po`); compiled bytecode and hidden files aside."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        name = path.relative_to(package).as_posix()
        if path.is_file() and "__pycache__" not in name.split("/") and not name.startswith(".") \
                and "/." not in name and path.suffix != ".pyc":
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def key_of(*parts) -> str:
    """A stable hash of `parts` (strings, bytes, numbers, tuples of them) and the code version."""
    return hashlib.blake2b(repr((code_version(),) + parts).encode(), digest_size=16).hexdigest()


class Store:
    """Named pickles in the cache folder, each valid for one key only."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def load(self, name: str, key: str):
        """What `save(name, key, ...)` stored, or None: missing, for another key, or damaged."""
        if self.folder is None:
            return None
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        head = _MAGIC + key.encode() + b"\n"
        if not data.startswith(head) or len(data) < len(head) + 32:
            return None
        checksum, payload = data[len(head):len(head) + 32], data[len(head) + 32:]
        if hashlib.blake2b(payload, digest_size=16).hexdigest().encode() != checksum:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 (a damaged pickle can raise nearly anything)
            return None

    def save(self, name: str, key: str, value) -> None:
        """Store `value` for `key`, atomically; a cache that cannot be written is skipped."""
        if self.folder is None:
            return
        payload = pickle.dumps(value, protocol=5)
        checksum = hashlib.blake2b(payload, digest_size=16).hexdigest().encode()
        target = self.folder / name
        temporary = target.with_name(f".{name}.{os.getpid()}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(_MAGIC + key.encode() + b"\n" + checksum)
                file.write(payload)
            os.replace(temporary, target)
        except OSError:
            temporary.unlink(missing_ok=True)
