"""Publishing the site: the build into its output folder (`pipeline.build` with
a `SiteWriter`), which `build` and `deploy` run. A build whose sources, options
and output folder are those the last one left (`recaps.stamp`) does nothing: it
says so in milliseconds, without loading the build's modules.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import stamp
from .cache import FOLDER, Store
from .errors import BuildFailed, Problems

if TYPE_CHECKING:
    from .pipeline import BuildResult


@dataclass
class Published:
    """What a build with nothing to do found: the site as the last build left it."""

    pages: int
    files: int
    out_dir: Path
    unchanged: int  # files in the output folder, every one as the last build left it
    seconds: float
    config: object = None  # the config, when the caller wants it (deploy)


def publish(request: stamp.Request, problems: Problems, *, jobs: int = 1, use_cache: bool = True,
            progress: Callable[[int, int], None] | None = None) -> Published | BuildResult:
    """`pipeline.build` into the output folder `request` names, through a `SiteWriter`; with `use_cache`,
    a build whose sources, options and output are those the last one left (its stamp,
    `recaps.stamp`) builds nothing and says so (`Published`). Raises BuildFailed."""
    started = time.perf_counter()
    done, read = stamp.unchanged(request) if use_cache else (None, None)
    if done is not None:
        problems.items.extend(done.warnings)
        return Published(done.pages, done.files, Path(done.out_dir), len(done.outputs), time.perf_counter() - started)
    config_data = stamp.config_bytes(request) if use_cache else None
    from . import pipeline  # the build's modules load only once a build is needed
    config = pipeline.configure(request.config_file, problems, base_url=request.base_url)
    if config is None:
        raise BuildFailed(problems)
    roots = stamp.source_roots(config)
    if read is not None and read[0] == roots:  # the sources were just read for the stamp
        inputs = read[1]
    else:
        inputs = stamp.inputs_digest(roots) if config_data is not None else None
    out_dir = request.out or (config.root / config.output_dir)
    store = Store(config.root / FOLDER if use_cache else None)
    result = pipeline.build(config, problems, pipeline.SiteWriter(out_dir, store), drafts=request.drafts, jobs=jobs,
                            cache=pipeline.BuildCache(store), progress=progress)
    if config_data is not None and stamp.config_bytes(request) == config_data \
            and stamp.source_identities(roots) == inputs.identities:  # no source written while it was built
        stamp.record(request, config_data, stamp.Stamp(roots, inputs.digest, inputs.count, str(out_dir.absolute()),
                                                       {}, result.pages, result.files, problems.warnings,
                                                       inputs.digests))
    return result
