"""Writing the site. A build writes everything into a staging folder beside
the output folder, which is swapped in only when complete: a failed or killed
build never touches the previous site. The live preview changes single files
of its own folder instead (`OutputFolder`), each atomically.

A build holds a lock beside the output folder (`.site.lock`) from start to
swap, so two builds never mix their files; the lock dies with its process, and
the next build removes whatever staging folder a killed one left. Files that
did not change are hard-linked from the previous site into the staging folder:
they stay the same files on disk, yet the previous site stays whole until the
swap.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import os
import shutil
from pathlib import Path

from . import urls


class UnsafeOutput(Exception):
    """An output path that would land outside the output folder."""


class OutputBusy(Exception):
    """Another build holds the output folder's lock."""


def target_file(root: str, url: str) -> str:
    """The file inside the folder `root` that serves `url`; raises UnsafeOutput if it would be
    outside. Judged from the path alone: `root` is a folder a build made and keeps free of links.
    The one place a URL becomes a file."""
    relative = urls.output_file(url)
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        raise UnsafeOutput(f"output path {relative!r} would escape the output folder")
    return os.path.join(root, relative)


def target_of(root: Path, url: str) -> Path:
    """`target_file` as a Path."""
    return Path(target_file(str(root), url))


def digest_of(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc = None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not available."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            _libc.renameat2  # noqa: B018 (glibc 2.28 and later)
        except (OSError, AttributeError):
            _libc = False
    if not _libc:
        return False
    if _libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system without exchange: swap in two steps
    raise OSError(code, os.strerror(code), str(second))


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target` (a folder, a file or nothing), removing what was
    there: in one atomic step where Linux allows, so a reader never finds the place empty."""
    if target.is_dir() and not target.is_symlink():
        if not _exchange(new, target):
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.rename(target, old)
            os.rename(new, target)
            new = old
        shutil.rmtree(new)
        return
    if target.exists() or target.is_symlink():
        target.unlink()
    os.rename(new, target)


class StagedSite:
    """The next version of an output folder, built beside it and swapped in whole.

        with StagedSite(out_dir) as staged:
            staged.clear_except(paths); staged.write(url, content) ...; staged.commit()

    The staging folder (`.site.staging`) is kept between builds: after the swap it
    holds the previous site, whose folders the next build reuses (making and
    removing thousands of folders is most of the time a rebuild takes otherwise).
    So a build first removes what it will not write, and never writes into a file
    in place: a staged file may be a link to a file of the live site.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        parent, name = self.out_dir.parent, self.out_dir.name
        self.lock_path = parent / f".{name}.lock"
        self.staging = parent / f".{name}.staging"
        self.retired = parent / f".{name}.previous-{os.getpid()}"
        self._lock_fd: int | None = None
        self._folders: set[Path] = set()

    def __enter__(self) -> "StagedSite":
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            self._recover()
            if self.staging.is_symlink() or self.staging.exists() and not self.staging.is_dir():
                self.staging.unlink()
            self.staging.mkdir(exist_ok=True)
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._unlock()

    def _lock(self) -> None:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise OutputBusy(f"another build is running on this output folder (pid {holder}): "
                             "wait for it to finish, or stop it") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock; the file stays, harmless
            self._lock_fd = None

    def _recover(self) -> None:
        """Undo what a killed build left: put back a site it had moved aside, drop older leftovers."""
        parent, name = self.out_dir.parent, self.out_dir.name
        retired = sorted(parent.glob(f".{name}.previous-*"))
        if retired and not self.out_dir.exists():
            os.replace(retired.pop(), self.out_dir)
        for leftover in retired + sorted(parent.glob(f".{name}.building-*")):
            shutil.rmtree(leftover, ignore_errors=True)

    def clear_except(self, keep: set[str], keep_folders: tuple[str, ...] = ()) -> None:
        """Remove from the staging folder every file not in `keep` (POSIX paths relative to it) nor
        below one of `keep_folders` (whoever writes those brings them up to date), every link and
        every folder left empty."""
        kept = tuple(folder + "/" for folder in keep_folders)

        def clear(folder: str, prefix: str) -> bool:
            """Clear `folder` (its path in the site is `prefix`); whether it is left empty. Entries are
            told apart by the kind the directory listing gives: no call per file."""
            empty = True
            with os.scandir(folder) as listing:
                entries = list(listing)  # read whole before removing from it
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if clear(entry.path, name + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif entry.is_symlink() or name not in keep and not name.startswith(kept):
                    os.unlink(entry.path)
                else:
                    empty = False
            return empty

        clear(str(self.staging), "")

    def path_of(self, url: str) -> Path:
        """The staged file for `url`, its folder made and any older file there removed."""
        return fresh_target(self.staging, url, self._folders)

    def write(self, url: str, content: bytes) -> None:
        self.path_of(url).write_bytes(content)

    def commit(self) -> None:
        """Swap the staging folder in; the previous site becomes the next staging folder,
        or is put back if the swap fails."""
        if not self.out_dir.exists():
            os.replace(self.staging, self.out_dir)
            return
        if _exchange(self.staging, self.out_dir):
            return
        os.replace(self.out_dir, self.retired)
        try:
            os.replace(self.staging, self.out_dir)
        except BaseException:
            os.replace(self.retired, self.out_dir)
            raise
        os.replace(self.retired, self.staging)


def fresh_target(root: Path, url: str, made: set[Path]) -> Path:
    """The file for `url` in a staging folder, ready to be created: its folder made (once per
    `made`), any file already there unlinked, never written into (it may be linked elsewhere)."""
    target = target_of(root, url)
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    return target


def mirror_links(source: Path, target: Path) -> None:
    """Make the folder `target` hold exactly the files of `source`, as hard links to them: a file
    already linked stays as it is, the others are linked, anything else is removed."""
    wanted: set[str] = set()
    for current, _, files in os.walk(source):
        relative = os.path.relpath(current, source)
        into = target if relative == "." else target / relative
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            original, link = os.path.join(current, name), os.path.join(into, name)
            wanted.add(link)
            try:
                if os.path.samefile(original, link) and not os.path.islink(link):
                    continue
                os.unlink(link)
            except FileNotFoundError:
                pass
            os.link(original, link)
    for current, folders, files in os.walk(target, topdown=False):
        for name in files:
            if os.path.join(current, name) not in wanted:
                os.unlink(os.path.join(current, name))
        for name in folders:
            path = os.path.join(current, name)
            if os.path.islink(path):
                os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)


def static_files(static_dir: Path) -> list[tuple[str, Path]]:
    """The static folder's files: (their URL, their path on disk), sorted. The one list of them."""
    if not static_dir.is_dir():
        return []
    return [(urls.STATIC + path.relative_to(static_dir).as_posix(), path)
            for path in sorted(static_dir.rglob("*")) if path.is_file()]


def copy_static(files: list[tuple[str, Path]], root: Path, previous: Path | None = None) -> int:
    """Copy the static files into `root`; a file equal to the previous site's is linked from
    it instead. Returns the number of files."""
    made: set[Path] = set()
    for url, path in files:
        old = target_of(previous, url) if previous is not None else None
        same = old is not None and _same_file_content(path, old)
        staged = target_of(root, url)
        if same and staged.is_file() and not staged.is_symlink() and os.path.samefile(staged, old):
            continue  # linked already, by an earlier build
        target = fresh_target(root, url, made)
        if same:
            os.link(old, target)
        else:
            shutil.copy2(path, target)
    return len(files)


def _same_file_content(source: Path, old: Path) -> bool:
    try:
        if old.is_symlink() or old.stat().st_size != source.stat().st_size:
            return False
        return old.read_bytes() == source.read_bytes()
    except OSError:
        return False


class OutputFolder:
    """A folder whose files are added, replaced and removed one at a time,
    each atomically: a reader sees the old file or the new one, never half of
    one. The live preview writes its site this way (outside the watched tree)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path_of(self, url: str) -> Path:
        return target_of(self.root, url)

    def write(self, url: str, content: bytes) -> None:
        target = self.path_of(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.writing-{os.getpid()}")
        try:
            temporary.write_bytes(content)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def remove(self, url: str) -> None:
        """Remove the file that serves `url`, and the folders it leaves empty."""
        target = self.path_of(url)
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
