"""Writing the site. A build writes everything to a temporary folder beside
the output folder, which is swapped in only when complete: a failed build
never touches the previous site. The live preview changes single files of its
own folder instead (`OutputFolder`), each atomically."""
from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from . import urls


class UnsafeOutput(Exception):
    """An output path that would land outside the output folder."""


def _target(root: Path, relative: PurePosixPath) -> Path:
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise UnsafeOutput(f"output path {str(relative)!r} would escape the output folder")
    target = root.joinpath(*relative.parts)
    if not str(target.resolve()).startswith(str(root.resolve()) + os.sep):
        raise UnsafeOutput(f"output path {str(relative)!r} would escape the output folder")
    return target


def write_site(files: dict[str, bytes], static_dir: Path | None, out_dir: Path) -> int:
    """Write `files` (URL -> bytes) and the static folder into `out_dir`, atomically.

    Returns the number of files written.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.building-{os.getpid()}"
    retired = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        made: set[Path] = set()
        for url, content in sorted(files.items()):
            target = _target(staging, urls.output_path(url))
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(content)
        count = len(files)
        if static_dir is not None and static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
            count += sum(1 for path in (staging / "static").rglob("*") if path.is_file())
        if out_dir.exists():
            os.replace(out_dir, retired)
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return count


class OutputFolder:
    """A folder whose files are added, replaced and removed one at a time,
    each atomically: a reader sees the old file or the new one, never half of
    one. The live preview writes its site this way (outside the watched tree)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path_of(self, url: str) -> Path:
        return _target(self.root, urls.output_path(url))

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
