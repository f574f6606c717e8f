"""The build stamp: what the last successful build read and what it left on disk,
so that a build with nothing changed can say so in milliseconds instead of
re-reading, re-planning and re-checking every page.

A stamp holds a digest of every byte the build reads (the config file and the
whole content, templates and static folders), the key of everything else that
shapes the output (our code and the libraries' versions, the options), and
the identity of every file in the output folder as the build left it. A build
may skip its work only when all three are as they were: any edited, added or
removed source, any upgrade, any file touched in the output folder, and the
full build runs (which then leaves unchanged files alone, see renderpool.py).

This module is imported before the rest of the build, so it uses only the
standard library and the cache; it knows the config only as bytes and paths.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .cache import FOLDER, Store, key_of, settled_since
from .errors import Problem

SOURCE_FOLDERS = ("content_dir", "templates_dir", "static_dir")  # what a build reads, besides its config


@dataclass(frozen=True)
class Request:
    """One build as asked for: the options that change what it writes, and where."""

    config_file: Path  # absolute
    out: Path | None  # --out, absolute, or None for the config's output_dir
    base_url: str | None
    drafts: bool

    @property
    def store(self) -> Store:
        return Store(self.config_file.parent / FOLDER)

    @property
    def name(self) -> str:
        """The stamp's file name in the cache: one per config file and output folder."""
        where = repr((str(self.config_file), str(self.out)))
        return f"stamp-{hashlib.blake2b(where.encode(), digest_size=8).hexdigest()}"

    def key(self, config_bytes: bytes) -> str:
        return key_of("stamp", config_bytes, str(self.config_file), str(self.out), self.base_url, self.drafts)


@dataclass
class Stamp:
    """What a successful build read and wrote, and what it told its user."""

    roots: list[str]  # the source folders it read, absolute
    inputs: str  # digest of every file under them
    sources: int  # how many files that is
    out_dir: str  # absolute
    outputs: dict  # path relative to out_dir -> file identity (see _identity)
    pages: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    digests: dict = field(default_factory=dict)  # source path -> (identity, digest): see Inputs.digests


def source_roots(config) -> list[str]:
    """The folders a build of `config` reads (its config file is in the stamp's key)."""
    return [str((config.root / getattr(config, name)).absolute()) for name in SOURCE_FOLDERS]


class Inputs(NamedTuple):
    """The sources as read: a digest of them, how many files, each file's identity (in the order
    read), which changes whenever the file is written, so a second look need not read them again,
    and each file's own digest with its identity, by path (see `inputs_digest`)."""
    digest: str
    count: int
    identities: tuple
    digests: dict




def inputs_digest(roots: list[str], known: dict | None = None) -> Inputs:
    """A hash of the name and bytes of every file under `roots`, symbolic links followed. With
    `known` (an earlier `Inputs.digests`), a file whose identity is the one known there is not read
    again: its known digest is used. `digests` holds those a later call may trust so: those of
    regular files not written within `cache.RACY_NS` before this call."""
    digest = hashlib.blake2b(digest_size=16)
    identities: list = []
    files: dict = {}
    known = known or {}
    settled = settled_since()
    for root in roots:
        digest.update(b"\0root\0" + root.encode(errors="surrogateescape"))
        for relative, path in _files(root):
            if relative is not None:
                digest.update(b"\0file\0" + relative.encode(errors="surrogateescape") + b"\0")
            earlier = known.get(path)
            if earlier is not None:
                try:
                    identity = _identity(os.stat(path))
                except OSError:
                    identity = None
                if identity == earlier[0]:
                    identities.append(identity)
                    files[path] = earlier
                    digest.update(earlier[1])
                    continue
            own = hashlib.blake2b(_read(path, identities), digest_size=16).digest()
            identity = identities[-1]
            if isinstance(identity[0], int) and stat.S_ISREG(identity[0]) and max(identity[3:]) < settled:
                files[path] = (identity, own)
            digest.update(own)
    return Inputs(digest.hexdigest(), len(identities), tuple(identities), files)


def source_identities(roots: list[str]) -> tuple:
    """The identity of every file under `roots`, as `inputs_digest` would list them: equal to its
    `identities` when no source was written, added or removed since (without reading them)."""
    identities = []
    for root in roots:
        for _, path in _files(root):
            try:
                identities.append(_identity(os.stat(path)))
            except OSError as exc:
                identities.append(("unreadable", exc.errno))
    return tuple(identities)


def _files(root: str):
    """(path relative to `root`, path) of every file under `root`, in a fixed order; a root that is a
    file is itself, with None."""
    if os.path.isfile(root):
        yield None, root
        return
    for folder, subfolders, names in os.walk(root, followlinks=True):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        for name in sorted(names):
            yield os.path.join(relative, name), os.path.join(folder, name)


def _read(path: str, identities: list) -> bytes:
    """The file's bytes; for what is not a regular file (a FIFO, a socket, a device), only its kind,
    since the build reads none of them either. Opened without blocking, so a FIFO cannot hang it.
    Its identity, taken from the open file, is appended to `identities`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:  # unreadable now: the build will say why; the stamp only has to differ
        identities.append(("unreadable", exc.errno))
        return f"\0unreadable {exc.errno}\0".encode()
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        identities.append(_identity(status))
        kind = stat.S_IFMT(status.st_mode)
        if kind != stat.S_IFREG:
            return f"\0not a file {kind}\0".encode()
        try:
            return file.read()
        except OSError as exc:
            return f"\0unreadable {exc.errno}\0".encode()


def output_state(out_dir: str) -> dict:
    """Every entry under `out_dir` (itself included, as '') with its identity."""
    state = {"": _identity(os.lstat(out_dir))}
    folders = [("", out_dir)]
    while folders:
        relative, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = relative + entry.name
                state[name] = _identity(entry.stat(follow_symlinks=False))
                if entry.is_dir(follow_symlinks=False):
                    folders.append((name + "/", entry.path))
    return state


def _identity(status: os.stat_result) -> tuple:
    """What changes whenever a file is replaced, rewritten or touched: ctime cannot be set back."""
    return status.st_mode, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def config_bytes(request: Request) -> bytes | None:
    try:
        return request.config_file.read_bytes()
    except OSError:
        return None


def unchanged(request: Request) -> tuple[Stamp | None, tuple[list[str], Inputs] | None]:
    """The last build's stamp if nothing it read or wrote has changed since, else None; and the
    sources as just read (their roots, Inputs), for the build to keep when it runs.
    The sources are compared first: when one changed, the output folder need not be walked."""
    data = config_bytes(request)
    if data is None:
        return None, None
    stamp = request.store.load(request.name, request.key(data))
    if not isinstance(stamp, Stamp):
        return None, None
    inputs = inputs_digest(stamp.roots, stamp.digests)
    read = (stamp.roots, inputs)
    if (inputs.digest, inputs.count) != (stamp.inputs, stamp.sources):
        return None, read
    try:
        return (stamp if output_state(stamp.out_dir) == stamp.outputs else None), read
    except OSError:
        return None, read


def record(request: Request, config_data: bytes, stamp: Stamp) -> None:
    """Keep `stamp` (its outputs taken now, after the build's last write) for the next build."""
    try:
        stamp.outputs = output_state(stamp.out_dir)
    except OSError:
        return
    request.store.save(request.name, request.key(config_data), stamp)

