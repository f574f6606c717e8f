"""The client-side search index: Pagefind run over the written site, in shards.

Pagefind splits its index by each page's `<html lang>`, and a search loads the
index of the page it starts from, so an English page would never find an
Italian recap. We index the whole site as one language instead (the site's
`language`), which Pagefind allows through `--force-language`: one index, every
recap found from every page, stemmed by the site language's rules.

Pagefind holds every page it indexes in memory (about 170 KiB a page), so the
index is split into shards, each a whole Pagefind bundle made by its own run
over at most about `SHARD_PAGES` pages, one run after another:
`pagefind/shards.json` lists them and static/search.js loads the first and
merges the others into it (Pagefind's `mergeIndex`), so a search ranks the
results of every shard together. A page's shard is a hash of its path into a
power-of-two number of shards set by the page count, so it stays in its shard
as pages come and go. Each shard's folder is named by its key (its pages with a
digest of each one's bytes, Pagefind's version, the options), which it records
in `KEY_FILE`, and is never changed once made: a shard whose key is still the
one wanted is kept where it is, or linked from the previous site's bundle, so
one edited recap re-runs one shard and the others cost nothing on disk. The
listing is replaced in one step once every shard it names is complete, then
the folders it no longer names are removed, so a site being served (the
preview) answers from a whole bundle throughout.
"""
from __future__ import annotations

import ctypes
import functools
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple
from importlib import metadata
from pathlib import Path

from pagefind_bin import get_executable

from .errors import BuildFailed, Problems
from .write import digest_of, replace_folder

BUNDLE = "pagefind"  # the folder inside the site, served at <base>/pagefind/
# What a reader looks for: recaps, teams and ties (not the indexes listing them, nor their later pages).
PAGES = ("articles/*/index.html", "teams/*/index.html", "ties/*/*/*/*/index.html")
# The most pages a shard is planned for (shards hold between half of it and about all of it). One
# Pagefind run over 512 pages of the generated 1,000-recap site peaks at 95 MiB (1,024: 181 MiB). The
# price is paid by the reader: a search fetches one index chunk from every shard (10,000 recaps, 32
# shards: a first search 1,032 KiB in 108 requests, against 264 KiB in 14 from one bundle).
SHARD_PAGES = 512
LISTING = "shards.json"  # in the bundle: {"shards": [folder names, the first loaded, the others merged]}
KEY_FILE = "recaps-shard.json"  # in each shard: its key and its files, to reuse it in the next build
# Pagefind's own search UIs, in every bundle it writes: the header's box (static/search.js) uses its API
# alone, and in shards they would be copied once a shard (417 KB each, 13 MB at 10,000 recaps).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_INDEXED = re.compile("|".join(re.escape(pattern).replace(r"\*", "[^/]+") for pattern in PAGES))  # as globbed
OPTIONS = ("--glob", "{" + ",".join(PAGES) + "}", "--root-selector", "main",
           "--exclude-selectors", '[aria-hidden="true"]')


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: `pages` (paths in the site, sorted) with their digests."""
    number: int
    pages: tuple[tuple[str, str], ...]
    language: str

    def key(self) -> dict:
        """What the bundle depends on: equal keys make equal bundles."""
        return {"pagefind": _pagefind_version(), "options": [*OPTIONS, "--force-language", self.language],
                "pages": dict(self.pages)}

    @property
    def folder(self) -> str:
        """Its folder in the bundle: its number and a digest of its key."""
        return f"{self.number}-{digest_of(json.dumps(self.key(), sort_keys=True).encode())[:16]}"


class Indexed(NamedTuple):
    """What an index_site call did: the shards Pagefind made (one run each), the shards in the bundle."""
    made: int
    shards: int


def index_site(out_dir: Path, language: str, problems: Problems, previous: Path | None = None,
               jobs: int = 1, files: dict[str, str] | None = None) -> Indexed:
    """Bring the search bundle `out_dir/pagefind/` up to date with the pages of `out_dir`.

    With `previous` (a site folder, it may be `out_dir` itself), a shard with the key wanted is kept
    if `out_dir` has it, else linked from `previous` if it has it; every other shard (all of them
    without `previous`) is made by Pagefind, up to `jobs` runs at once. A site with none of those
    pages gets no bundle (Pagefind refuses to index nothing). Raises BuildFailed (the reason in
    `problems`) when Pagefind cannot run or fails; the listing and the shards it names then stay.
    `files`: every file of `out_dir` (paths relative to it) with its digest, when the caller has
    just written them all: then none is listed or read again (at 10,000 recaps, about a second).
    """
    bundle = out_dir / BUNDLE
    if files is None:
        digests = _digests(str(out_dir), indexed_pages(out_dir))
    else:
        digests = {page: files[page] for page in sorted(files) if _INDEXED.fullmatch(page)}
    if not digests:
        _remove(bundle)
        return Indexed(0, 0)
    if bundle.is_symlink() or not bundle.is_dir():
        _remove(bundle)
        bundle.mkdir()
    reuse = previous is not None  # then this bundle's own shards too, wherever `previous` is
    earlier = previous / BUNDLE if reuse and (previous / BUNDLE).resolve() != bundle.resolve() else None
    shards = plan_shards(digests, language)
    folders = {shard.number: _kept_or_linked(bundle, reuse, earlier, shard) for shard in shards}
    made = _make_shards(out_dir, bundle, [shard for shard in shards if not folders[shard.number]], problems, jobs)
    folders.update(made)
    listed = [folders[shard.number] for shard in shards if folders[shard.number]]  # in the plan's order
    if not listed:  # the pages went while we looked (the preview removing them)
        _remove(bundle)
        return Indexed(0, 0)
    writing = bundle / f".{LISTING}.new-{os.getpid()}"
    writing.write_text(json.dumps({"shards": listed}) + "\n", encoding="utf-8")
    os.replace(writing, bundle / LISTING)
    for name in set(os.listdir(bundle)) - {LISTING, *listed}:
        _remove(bundle / name)
    return Indexed(sum(1 for folder in made.values() if folder), len(listed))


def _kept_or_linked(bundle: Path, reuse: bool, earlier: Path | None, shard: Shard) -> str:
    """The folder in `bundle` that holds `shard` whole, kept (if `reuse`) or linked from the bundle
    `earlier`; "" when neither has it."""
    folder, key = shard.folder, shard.key()
    if reuse and _whole(bundle / folder, key):
        return folder
    if earlier is None:
        return ""
    making = bundle / f".{folder}.new-{os.getpid()}"
    shutil.rmtree(making, ignore_errors=True)
    try:
        if not _reuse(str(earlier / folder), str(making), key):
            return ""
        replace_folder(making, bundle / folder)
    finally:
        shutil.rmtree(making, ignore_errors=True)
    return folder


def _make_shards(out_dir: Path, bundle: Path, shards: list[Shard], problems: Problems, jobs: int) -> dict[int, str]:
    """Have Pagefind make `shards` into `bundle`, up to `jobs` at once: the folder of each by its
    number ("" if its pages went meanwhile). Shards made before a failure stay, unlisted, for the next run."""
    def make(shard: Shard) -> str:
        making = bundle / f".{shard.folder}.new-{os.getpid()}"
        shutil.rmtree(making, ignore_errors=True)
        try:
            made = _make_shard(out_dir, making, shard, problems)
            if made is None:
                return ""
            replace_folder(making, bundle / made.folder)
            return made.folder
        finally:
            shutil.rmtree(making, ignore_errors=True)

    if jobs <= 1 or len(shards) <= 1:
        return {shard.number: make(shard) for shard in shards}
    with ThreadPoolExecutor(max_workers=min(jobs, len(shards))) as pool:
        running = {shard.number: pool.submit(make, shard) for shard in shards}
        try:
            return {number: future.result() for number, future in running.items()}
        except BaseException:
            for future in running.values():
                future.cancel()  # the ones not started; the pool waits for the others
            raise


def indexed_pages(out_dir: Path) -> list[str]:
    """The pages search reads, as sorted POSIX paths relative to `out_dir`."""
    root = str(out_dir)
    return sorted(page for pattern in PAGES for page in glob.glob(pattern, root_dir=root)
                  if os.path.isfile(os.path.join(root, page)))


def _digests(root: str, pages: list[str]) -> dict[str, str]:
    """The digest of each page's bytes; a page gone meanwhile (the preview removing it) is left out."""
    digests = {}
    for page in pages:
        try:
            with open(os.path.join(root, page), "rb") as file:
                digests[page] = digest_of(file.read())
        except FileNotFoundError:
            continue
    return digests


def shard_count(pages: int) -> int:
    """The power of two that keeps shards at most about SHARD_PAGES pages: it changes only when the
    site doubles or halves, so pages stay in their shards meanwhile."""
    return 1 << max(0, -(-pages // SHARD_PAGES) - 1).bit_length()


def shard_of(page: str, count: int) -> int:
    """The shard of `page` (a path in the site) among `count`: by a hash of the path alone."""
    return int.from_bytes(hashlib.blake2b(page.encode(), digest_size=8).digest(), "big") % count


def plan_shards(digests: dict[str, str], language: str) -> list[Shard]:
    """The shards for pages and their digests, in the order of their numbers; none is empty."""
    count = shard_count(len(digests))
    members: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    for page in sorted(digests):
        members[shard_of(page, count)].append((page, digests[page]))
    return [Shard(number, tuple(pages), language) for number, pages in enumerate(members) if pages]


def _recorded(folder: Path, key: dict) -> dict[str, int] | None:
    """The files (and sizes) the shard at `folder` recorded, if the key it recorded is `key`."""
    try:
        with open(folder / KEY_FILE, encoding="utf-8") as file:
            recorded = json.load(file)
        if recorded["key"] != key:
            return None
        files = dict(recorded["files"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(name, str) and not name.startswith("/") and ".." not in name.split("/")
               and isinstance(size, int) for name, size in files.items()):
        return None
    return files


def _whole(folder: Path, key: dict) -> bool:
    """Whether the shard at `folder` recorded `key` and holds every file it recorded, at its size."""
    files = _recorded(folder, key)
    root = str(folder)
    try:  # str paths: a Path per file was most of the time, 32 shards of 10,000 recaps
        return files is not None and all(os.lstat(os.path.join(root, name)).st_size == size
                                         for name, size in files.items())
    except OSError:
        return False


def _reuse(old: str, new: str, key: dict) -> bool:
    """Link the shard `old` into `new` if the key it recorded is `key` and its files are all there,
    as recorded; else leave nothing at `new` and say so. A key that cannot be read is not trusted."""
    files = _recorded(Path(old), key)
    if files is None:
        return False
    try:
        folders: set[str] = set()
        for name, size in files.items():
            folder = os.path.join(new, os.path.dirname(name))
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            os.link(os.path.join(old, name), os.path.join(new, name))
            if os.lstat(os.path.join(new, name)).st_size != size:
                raise ValueError(name)
        os.link(os.path.join(old, KEY_FILE), os.path.join(new, KEY_FILE))
    except (OSError, ValueError):
        shutil.rmtree(new, ignore_errors=True)
        return False
    return True


def _make_shard(out_dir: Path, into: Path, shard: Shard, problems: Problems) -> Shard | None:
    """Run Pagefind over the shard's pages (linked into a folder of their own) and record its key:
    the shard of the very files indexed, returned; None if its pages went meanwhile (nothing made)."""
    root, pages = str(out_dir), str(out_dir / f".{BUNDLE}.pages-{os.getpid()}-{shard.number}")
    shutil.rmtree(pages, ignore_errors=True)
    try:
        linked = []
        for page, _ in shard.pages:
            os.makedirs(os.path.dirname(os.path.join(pages, page)), exist_ok=True)
            try:
                _link_or_copy(os.path.join(root, page), os.path.join(pages, page))
            except FileNotFoundError:
                continue
            linked.append(page)
        if not linked:
            return None
        indexed = Shard(shard.number, tuple(_digests(pages, linked).items()), shard.language)
        _run_pagefind(out_dir, Path(pages), into, shard.language, problems)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    for name in UNUSED:
        (into / name).unlink(missing_ok=True)
    (into / KEY_FILE).write_text(json.dumps({"key": indexed.key(), "files": _sizes(str(into))}, sort_keys=True,
                                            ensure_ascii=False) + "\n", encoding="utf-8")
    return indexed


def _sizes(folder: str) -> dict[str, int]:
    """Each file below `folder` (a POSIX path relative to it) and its size."""
    sizes = {}
    for current, _, names in os.walk(folder):
        relative = os.path.relpath(current, folder)
        for name in names:
            sizes[name if relative == "." else f"{relative}/{name}"] = os.lstat(os.path.join(current, name)).st_size
    return sizes


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@functools.cache
def _pagefind_version() -> str:
    return metadata.version("pagefind_bin")


def _run_pagefind(out_dir: Path, site: Path, into: Path, language: str, problems: Problems) -> None:
    command = [str(get_executable()), "--site", str(site), "--output-path", str(into), *OPTIONS,
               "--force-language", language, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              preexec_fn=_dies_with(os.getpid()))
    except OSError as exc:
        problems.error(command[0], 0, f"cannot run Pagefind: {exc.strerror or exc}")
        raise BuildFailed(problems) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        problems.error(out_dir, 0, f"Pagefind could not index the site: {detail}")
        raise BuildFailed(problems)


_PR_SET_PDEATHSIG = 1


def _dies_with(parent: int):
    """For Popen's preexec_fn: on Linux, the indexer is killed when the build dies (even by SIGKILL),
    so it can never go on writing into a staging folder that the next build takes over."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None).prctl  # looked up here: the forked child only calls it

    def arrange() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above: do not outlive it
            os._exit(1)
    return arrange
