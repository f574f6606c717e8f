"""Reading the sources: the registries and the articles, each file's bytes
checked to come from the project, each parse kept by content (`ParseCache`) so
an unchanged file is not parsed again.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .articles import ArticleSpec, decode, parse_article
from .cache import settled_since
from .config import Config
from .errors import Problems
from .registry import Registry, load_competitions, load_teams
from .yamlfile import YamlSyntaxError, load


def shown_path(path: Path) -> str:
    """A path as messages print it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class ParseCache:
    """Parsed sources by content: a file whose bytes did not change is not
    parsed again, and the problems found in it are reported again.

    Entries are keyed by a hash of the bytes (and of what else the parse
    depends on); an entry not used by the latest read is dropped. A plain file
    read through `get_file` is also known by its identity (device, inode, size,
    modification and change times): while that stays the same, the file is not
    even read again (unless it was written within `cache.RACY_NS` before it was).
    """

    def __init__(self, entries: dict[bytes, tuple[object, tuple]] | None = None,
                 identities: dict[tuple, tuple[tuple, bytes]] | None = None) -> None:
        self._entries: dict[bytes, tuple[object, tuple]] = entries or {}
        self._used: dict[bytes, tuple[object, tuple]] = {}
        self._identities: dict[tuple, tuple[tuple, bytes]] = {}  # (path, key) -> (identity, digest), from the read before
        self._seen = identities or {}  # the same, as the latest read found them (the next read starts from them)
        self._settled = 0  # files last changed before this time (ns) may be known by their identity
        self.parsed = 0  # parses done by the latest read

    @property
    def used(self) -> dict[bytes, tuple[object, tuple]]:
        """The entries the latest read used: what a persistent cache keeps."""
        return self._used

    @property
    def previous(self) -> dict[bytes, tuple[object, tuple]]:
        """The entries the latest read started from."""
        return self._entries

    @property
    def identities(self) -> dict[tuple, tuple[tuple, bytes]]:
        """The files the latest read may know by their identity next time: what a persistent cache keeps."""
        return self._seen

    @property
    def known_identities(self) -> dict[tuple, tuple[tuple, bytes]]:
        """The identities the latest read started from."""
        return self._identities

    @property
    def changed(self) -> bool:
        """Whether the latest read parsed anything or left an entry unused."""
        return bool(self.parsed) or len(self._used) != len(self._entries)

    def start(self) -> None:
        """Begin a read: entries it does not use are dropped when the next one starts."""
        self._entries, self._used, self.parsed = self._used or self._entries, {}, 0
        self._identities, self._seen = self._seen, {}  # never older ones: a watcher vouches only since the last read
        self._settled = settled_since()

    def get(self, key: tuple, raw: bytes, parse, problems: Problems):
        """`parse(problems)`, or what it returned and reported for the same key and bytes before."""
        return self._take(self._digest(key, raw), lambda: parse, problems)

    def get_file(self, key: tuple, path: str, read, parse, problems: Problems, unchanged: bool = False):
        """`get(key, read(), ...)` for the file at `path`, with `parse(raw, problems)`; `read()`
        returns None when the file cannot be read (and has said why), and then so does this. A
        plain file whose identity is the one a read before found is not read: its entry is used.
        `unchanged`: a watcher saw no change of the file since that read, so its entry is used
        without looking at the file."""
        known = self._identities.get((path, key))
        if known is not None and (known[1] in self._used or known[1] in self._entries) and \
                (unchanged or known[0] == _identity(path)):
            self._seen[(path, key)] = known
            return self._take(known[1], None, problems)
        identity = _identity(path)
        raw = read()
        if raw is None:
            return None
        digest = self._digest(key, raw)
        if identity is not None and max(identity[3:]) < self._settled:
            self._seen[(path, key)] = (identity, digest)
        return self._take(digest, lambda: lambda found: parse(raw, found), problems)

    @staticmethod
    def _digest(key: tuple, raw: bytes) -> bytes:
        return hashlib.blake2b(repr(key).encode() + b"\0" + raw, digest_size=20).digest()

    def _take(self, digest: bytes, parser, problems: Problems):
        """The entry for `digest`, made with `parser()` (a parse function) if there is none."""
        entry = self._used.get(digest) or self._entries.get(digest)
        if entry is None:
            found = Problems()
            entry = (parser()(found), tuple(found.items))
            self.parsed += 1
        self._used[digest] = entry
        problems.items.extend(entry[1])
        return entry[0]


def _identity(path: str) -> tuple | None:
    """A plain file's device, inode, size and modification and change times; None for anything else."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _no_cache() -> ParseCache:
    cache = ParseCache()
    cache.start()
    return cache


_DANGLING = "a symlink to nothing: its target does not exist (or links back to itself)"
REGISTRIES = (("teams.yaml", load_teams), ("competitions.yaml", load_competitions))


def in_project(target: Path, config: Config) -> bool:
    """Whether a resolved path is inside the config file's folder or the content folder."""
    homes = (config.root.resolve(), (config.root / config.content_dir).resolve())
    return any(target.is_relative_to(home) for home in homes)


def read_source(path: Path, shown: str, config: Config, problems: Problems) -> bytes | None:
    """A source file's bytes, or None (reported). Content comes from the project: a symlink
    must point to a file inside the config file's folder or the content folder."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):  # the common case, in one call: a plain file
            with open(path, "rb") as file:
                return file.read()
    except OSError:
        pass  # told apart below, as for any other kind of entry
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            problems.error(shown, 0, _DANGLING)
            return None
        if not in_project(target, config):
            problems.error(shown, 0, f"a symlink to {target}, outside the project: content comes from the "
                                     "project; copy the file in instead")
            return None
    if path.is_dir():
        problems.error(shown, 0, "a folder, not a file")
        return None
    if not path.is_file():  # reading a pipe would wait forever
        problems.error(shown, 0, "not a regular file (a pipe, socket or device): sources are text files")
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.error(shown, 0, f"cannot read: {exc.strerror}")
        return None


def read_registry(config: Config, problems: Problems, cache: ParseCache | None = None) -> Registry:
    return read_registry_keyed(config, problems, cache)[0]


def read_registry_keyed(config: Config, problems: Problems,
                        cache: ParseCache | None = None) -> tuple[Registry, bytes]:
    """The registry, and the digest of what it was read from: each file's name, shown path and
    bytes (or that it is missing)."""
    content = config.root / config.content_dir
    files = []  # (shown path, bytes, or None if missing), those refused left out (reported)
    for name, loader in REGISTRIES:
        path, shown = content / name, shown_path(content / name)
        if not path.exists() and not path.is_symlink():
            files.append((name, shown, None))
        elif (raw := read_source(path, shown, config, problems)) is not None:
            files.append((name, shown, raw))
    raw = b"\0".join(b"-" if data is None else b"+" + data for _, _, data in files)
    registry = (cache or _no_cache()).get(("registries", *files), raw, lambda found: parse_registries(files, found),
                                          problems)
    named = repr([(name, shown) for name, shown, _ in files]).encode()
    return registry, hashlib.blake2b(named + b"\0" + raw, digest_size=16).digest()


def parse_registries(files: list[tuple[str, str, bytes | None]], problems: Problems) -> Registry:
    """The registry from (file name, shown path, bytes or None if missing) of each registry file."""
    registry = Registry()
    loaders = dict(REGISTRIES)
    for name, shown, raw in files:
        loader = loaders[name]
        if raw is None:
            problems.warn(shown, 0, f"no {name}: every name will be reported as unknown")
            continue
        text = decode(raw, shown, problems)
        if text is None:
            continue
        try:
            data = load(text)
        except YamlSyntaxError as exc:
            problems.error(shown, exc.line, exc.message)
            continue
        loader(data, shown, problems, registry)
    return registry


class Saved:
    """What a watcher saw since the last read: the real paths of the folders it watches (with
    everything below them) and the paths it reported changed. A recap whose real path is below a
    watched folder and was not reported is taken as that read found it, without a look at it."""

    def __init__(self, folders, paths):
        self.folders = tuple(os.path.join(os.path.realpath(folder), "") for folder in folders)
        # as reported, and resolved: a change seen through a symlinked folder is known by its real path too
        self.paths = frozenset(str(path) for path in paths) | {os.path.realpath(path) for path in paths}

    @staticmethod
    def joined(told: list[Saved | None]) -> Saved | None:
        """What all of `told` saw; None (look at every file) when one of them says so, or when the
        watched folders differ."""
        if not told or None in told or len({saved.folders for saved in told}) != 1:
            return None
        return Saved(told[0].folders, [path for saved in told for path in saved.paths])

    def unchanged(self, real: str | None) -> bool:
        """Whether the plain file at the real path `real` (None: a symlink) is as the last read found it."""
        return real is not None and real not in self.paths and real.startswith(self.folders)


def read_articles(config: Config, problems: Problems, cache: ParseCache | None = None,
                  saved: Saved | None = None) -> list[ArticleSpec]:
    """The recaps' specs; `saved`: what changed since the last read with `cache` (None: look at
    every file)."""
    cache = cache or _no_cache()
    folder = config.root / config.content_dir / "articles"
    if not folder.is_dir():
        problems.warn(shown_path(folder), 0, "no articles folder: the site will have no recaps")
        return []
    shown_folder, root = shown_path(folder), str(folder)
    shown_prefix = os.path.join(shown_folder, "")  # os.path.join(shown_folder, relative), at once for all
    specs = []
    for parts, real in _markdown_files(folder, shown_folder, config, problems):
        relative = "/".join(parts)  # names from a directory listing: no separators in them
        path, shown = f"{root}/{relative}", shown_prefix + relative
        stem = parts[-1][:-3]
        spec = cache.get_file(("article", shown, stem, config.language), path,
                              lambda: read_source(Path(path), shown, config, problems),
                              lambda raw, found: parse_article(shown, stem, raw, found, config.language), problems,
                              unchanged=saved is not None and saved.unchanged(real))
        if spec is not None:
            specs.append(spec)
    return specs


def is_article_name(name: str) -> bool:
    """Whether a file name is a recap's: `.md`, and not hidden (`.x.md.swp`, `.#x.md`, `._x.md`)
    nor an editor's backup or lock (`~x.md`, `~$x.md`, `#x.md#`; `x.md~` does not end in .md).

    >>> [is_article_name(name) for name in ("derby.md", "~derby.md", ".derby.md.swp", "derby.md.orig")]
    [True, False, False, False]
    """
    return name.endswith(".md") and not name.startswith((".", "~", "#"))


def _markdown_files(folder: Path, shown_folder: str, config: Config,
                    problems: Problems) -> list[tuple[tuple[str, ...], str | None]]:
    """The article files below `folder`, as path parts relative to it, sorted, each with its real
    path (None for a symlink). Hidden folders are skipped; a symlinked folder is followed when it
    stays in the project and does not lead back into the articles (reported otherwise); so is a
    folder named `x.md`."""
    articles = folder.resolve()
    walked = {articles}  # real paths of the folders read, so that links cannot lead round in a circle
    found: list[tuple[tuple[str, ...], str | None]] = []
    pending: list[tuple[tuple[str, ...], str]] = [((), str(articles))]
    while pending:
        base, real_base = pending.pop()
        current = folder.joinpath(*base)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as exc:
            problems.error(os.path.join(shown_folder, *base), 0, f"cannot read the folder: {exc.strerror}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = base + (entry.name,)
            if is_article_name(entry.name) and not entry.is_dir():
                # read_source refuses what is not a regular file
                found.append((parts, None if entry.is_symlink() else f"{real_base}/{entry.name}"))
                continue
            shown = os.path.join(shown_folder, *parts)
            if entry.is_dir():
                if entry.is_symlink() and not _linked_folder_is_fine(Path(entry.path), articles, shown, config,
                                                                    problems):
                    continue
                real = Path(os.path.realpath(entry.path))
                if real in walked:
                    problems.error(shown, 0, f"a symlink to the folder {real}, which is read already: its recaps "
                                             "would be read twice; remove the link")
                    continue
                walked.add(real)
                pending.append((parts, str(real)))
            elif entry.is_symlink() and not os.path.exists(entry.path) and not Path(entry.name).suffix:
                problems.error(shown, 0, _DANGLING)  # most likely a folder that is gone
    return sorted(found)


def _linked_folder_is_fine(path: Path, articles: Path, shown: str, config: Config, problems: Problems) -> bool:
    """Whether a symlinked folder among the articles may be read (reported if not)."""
    target = Path(os.path.realpath(path))
    if not in_project(target, config):
        problems.error(shown, 0, f"a symlink to the folder {target}, outside the project: content comes from "
                                 "the project; copy the folder in instead")
        return False
    if target.is_relative_to(articles) or articles.is_relative_to(target):
        problems.error(shown, 0, "a symlink to a folder that holds the articles folder or is inside it: its "
                                 "recaps would be read twice; remove the link")
        return False
    return True
