"""`python build.py serve`: build the site into a temporary folder, serve it,
and rebuild and reload the browser on every save.

The preview never touches the published `site/`: it lives in a temporary
folder outside the project, which is removed when the server stops (Ctrl-C or
SIGTERM, within a second or two). A server killed outright (SIGKILL) cannot
remove its folder: the folder's name carries the server's process id, and the
next start removes the folders of servers that are no longer running.
"""
from __future__ import annotations

import argparse
import errno
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path

from tornado import httpserver, ioloop, netutil

from ..cli import add_site_arguments, report
from ..config import Config
from ..errors import Problems
from ..pipeline import configure
from ..sources import Saved, shown_path
from ..write import OutputFolder
from .builder import Outcome, PreviewBuilder
from .indexer import SearchIndexer
from .server import PreviewState, allowed_hosts, application, error_page, preview_url, reload_browsers
from .watcher import Watcher, watched_folders


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser, out=False)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1; 0.0.0.0 makes the preview visible "
                             "on the network)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free port)")
    parser.add_argument("--open", action="store_true", help="open the preview in the web browser")


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not args.config.is_file():
        parser.error(f"--config: no config file at {args.config} (run where config.yaml is, or pass --config FILE)")
    if not 0 <= args.port <= 65535:
        parser.error(f"--port: {args.port} is not a port number (0 to 65535)")
    try:
        sockets = netutil.bind_sockets(args.port, address=args.host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"serve: port {args.port} is already in use on {args.host}: stop the program using it, "
                  f"or choose another port with --port (e.g. --port {args.port + 1})", file=sys.stderr)
        else:
            print(f"serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    remove_abandoned_previews(Path(tempfile.gettempdir()))
    preview_dir = Path(tempfile.mkdtemp(prefix=f"{PREVIEW_PREFIX}{os.getpid()}-"))
    try:
        return Preview(args, sockets, preview_dir).run()
    finally:
        shutil.rmtree(preview_dir, ignore_errors=True)


PREVIEW_PREFIX = "recaps-preview-"
# How long a stop waits for a search bundle being made: removing the folder while Pagefind
# still writes into it would leave the folder behind.
STOP_SECONDS = 3.0
LOOK_AGAIN_SECONDS = 2.0  # quiet time after a rebuild that trusted the watcher, before one that looks everywhere
LOOK_EVERYWHERE: list[Path] = []  # put on the queue of changes (compared by identity): the next rebuild looks at every source
_PREVIEW_NAME = re.compile(re.escape(PREVIEW_PREFIX) + r"(\d+)-")


def remove_abandoned_previews(folder: Path) -> list[Path]:
    """Remove the preview folders in `folder` left by servers that are no longer running; returns them."""
    removed = []
    for path in sorted(folder.glob(PREVIEW_PREFIX + "*")):
        found = _PREVIEW_NAME.match(path.name)
        if found and path.is_dir() and not path.is_symlink() and not process_running(int(found.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def process_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


class Preview:
    """The running preview: builder, watcher, web server, and what connects them."""

    def __init__(self, args: argparse.Namespace, sockets: list, preview_dir: Path):
        self.args = args
        self.sockets = sockets
        self.builder = PreviewBuilder(args.config, OutputFolder(preview_dir), base_url=args.base_url,
                                      drafts=args.drafts)
        self.state = PreviewState(preview_dir, "/", self.builder.lock,
                                  allowed_hosts(args.host, sockets[0].getsockname()[1]))
        self.loop: ioloop.IOLoop | None = None
        self._reported: list = []  # the problems printed last
        self.changes: queue.Queue[list[Path] | None] = queue.Queue()  # from the watcher: what was saved
        self.watcher: Watcher | None = None
        self.indexer = SearchIndexer(preview_dir, self.report_search)

    def run(self) -> int:
        self.loop = ioloop.IOLoop.current()
        stop = lambda *_: self.loop.add_callback_from_signal(self.loop.stop)  # noqa: E731
        previous = signal.signal(signal.SIGTERM, stop)  # from now on: a SIGTERM stops the loop once it runs
        try:
            return self._run()
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _run(self) -> int:
        # Watch first, so that nothing saved during the first build is missed. A config that
        # cannot be read yet: watch where its default folders would be, and show its problems.
        config = configure(self.args.config, Problems(), base_url=self.args.base_url) or \
            Config(root=self.args.config.parent, path=shown_path(self.args.config))
        self.watch(config)
        outcome = self.builder.build()
        threading.Thread(target=self.rebuild_on_changes, daemon=True).start()
        self.show(outcome, "first build")
        self.index_search(outcome)
        self.follow_folders(outcome)
        server = httpserver.HTTPServer(application(self.state))
        server.add_sockets(self.sockets)
        port = self.sockets[0].getsockname()[1]
        host = self.args.host
        url = preview_url(host, port, self.state.base_path)
        if host not in ("127.0.0.1", "localhost", "::1"):
            print(f"serve: warning: listening on {host}: anyone on your network can see the preview",
                  file=sys.stderr)
        print(f"serving the preview at {url} (Ctrl-C to stop)", flush=True)
        if self.args.open:
            webbrowser.open(url)
        try:
            self.loop.start()
        except KeyboardInterrupt:
            pass
        finally:
            self.watcher.stop()
            self.indexer.stop(timeout=STOP_SECONDS)  # a Pagefind run writing into the folder ends first
            self.changes.put(None)  # ends rebuild_on_changes
            server.stop()
        print("serve: stopped", flush=True)
        return 0

    def watch(self, config: Config) -> None:
        """Watch the sources `config` names (instead of those watched so far)."""
        if self.watcher is not None:
            self.watcher.stop()
        self.watcher = Watcher(config, self.args.config, self.changes)
        self.watcher.start()

    def follow_folders(self, outcome: Outcome) -> None:
        """After config.yaml named other content, templates or static folders: watch those, and
        build once more, looking at every source, for anything saved in them before they were watched."""
        if outcome.config is not None and watched_folders(outcome.config) != self.watcher.folders:
            self.watch(outcome.config)
            self.changes.put(LOOK_EVERYWHERE)

    def rebuild_on_changes(self) -> None:
        """Runs in a thread of its own: one rebuild for all the changes waiting, then have the
        browsers reload if anything they show changed. A rebuild that took the watcher's word
        for the recaps it did not report is followed, once no save came for
        `LOOK_AGAIN_SECONDS`, by one that looks at every source: a change the watcher missed
        (its queue overflowed, a recap reached through a link to an unwatched folder) shows then."""
        look_again = False
        while True:
            try:
                changed = self.changes.get(timeout=LOOK_AGAIN_SECONDS if look_again else None)
            except queue.Empty:
                look_again = False
                self.rebuild([], None, quiet=True)
                continue
            batches = [changed]
            while not self.changes.empty():
                batches.append(self.changes.get())
            if None in batches:
                return
            everywhere = any(batch is LOOK_EVERYWHERE for batch in batches)
            changed = [path for batch in batches for path in (batch if batch is not LOOK_EVERYWHERE
                                                                 else [self.args.config])]
            trusted = not everywhere and self.watcher is not None
            self.rebuild(changed, Saved(self.watcher.folders, changed) if trusted else None)
            look_again = trusted

    def rebuild(self, changed: list[Path], saved: Saved | None = None, quiet: bool = False) -> None:
        """Rebuild (`saved`: what the watcher saw, None: look at every source) and show it; `quiet`:
        say nothing when nothing changed."""
        outcome = self.builder.build(saved)
        if quiet and not outcome.changed and outcome.problems.sorted() == self._reported:
            return
        what = describe(changed) if changed else "a look at every source found changes"
        if self.show(outcome, what) and self.loop is not None:
            self.loop.add_callback(reload_browsers)
        self.index_search(outcome)
        self.follow_folders(outcome)

    def index_search(self, outcome: Outcome) -> None:
        """Have the search bundle made again, in the background, when a page search reads changed."""
        if outcome.ok and outcome.search_pages_changed:
            self.indexer.request(outcome.config.language)

    def report_search(self, line: str, problems: Problems) -> None:
        """After each search bundle: its line, or why Pagefind failed (the preview itself lives on)."""
        if problems.errors:
            report(problems, sys.stdout)
            print("search index: not made (the preview's search finds nothing meanwhile)", flush=True)
        else:
            print(line, flush=True)

    def show(self, outcome: Outcome, what: str) -> bool:
        """Print the rebuild's line (and its problems, when they changed); update what the
        server serves. Returns whether the browsers must reload."""
        if outcome.problems.sorted() != self._reported:
            report(outcome.problems, sys.stdout)
            self._reported = outcome.problems.sorted()
        with self.builder.lock:
            epoch = self.state.epoch
            if outcome.config is not None:
                self.state.base_path = outcome.config.base_path
            previous_error = self.state.error_page
            if outcome.ok:
                self.state.error_page = None
            else:
                title = outcome.config.title if outcome.config else "Recaps"
                self.state.error_page = error_page(outcome.problems, title, self.state.base_path)
            if outcome.changed or self.state.error_page != previous_error:
                self.state.epoch += 1
        if outcome.ok:
            print(f"{what}: {outcome.rendered} page{'s' * (outcome.rendered != 1)} rendered, "
                  f"{outcome.copied} static copied, {outcome.removed} removed, {outcome.milliseconds:.0f} ms",
                  flush=True)
        else:
            errors = len(outcome.problems.errors)
            print(f"{what}: failed with {errors} error{'s' * (errors != 1)} (shown in the browser), "
                  f"{outcome.milliseconds:.0f} ms", flush=True)
        return self.state.epoch != epoch


def describe(changed: list[Path]) -> str:
    """'content/articles/a.md changed', or 'content/articles/a.md and 9 more changed'."""
    names = [shown_path(path) for path in changed] or ["something"]
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return f"{names[0]}{more} changed"

