"""`python build.py serve` as a process: what it serves, what it refuses, how it stops."""
import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from recaps.config import load_config
from recaps.errors import Problems
from recaps.serve import command
from recaps.serve.server import RELOAD_SCRIPT
from recaps.serve.watcher import Watcher
from tests.serving import ROOT, Served, copy_project

pytestmark = pytest.mark.slow

FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    config = copy_project(FIXTURE_CONFIG, folder / "project")
    server = Served(config)
    yield server, folder
    server.stop()


def request(url: str, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """A request for `path` exactly as written: no client-side normalising of `..`."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_prints_the_url_with_the_base_urls_path(served):
    server, _ = served
    assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/recaps/")


def test_served_pages_are_the_built_pages_plus_the_reload_script(served):
    server, folder = served
    out = folder / "clean"
    assert subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(folder / "project/config.yaml"),
                           "--out", str(out)], capture_output=True).returncode == 0
    for relative in ("index.html", "ties/index.html", "articles/final/index.html", "data/ties.json",
                     "sitemap.xml", "static/style.css"):
        status, headers, body = request(server.url, "/recaps/" + relative.removesuffix("index.html"))
        built = (out / relative).read_bytes()
        assert status == 200, relative
        assert (body.replace(RELOAD_SCRIPT, b"") if relative.endswith(".html") else body) == built, relative
        assert (RELOAD_SCRIPT in body) == relative.endswith(".html"), relative
    assert not any(b"livereload" in path.read_bytes() for path in out.rglob("*") if path.is_file())


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/recaps/../config.yaml", "/recaps/%2e%2e/config.yaml",
    "/recaps/%2E%2E/%2E%2E/etc/passwd", "/recaps/static/..%2f..%2fconfig.yaml", "/recaps/..%5cconfig.yaml",
    "/recaps/%252e%252e/config.yaml", "/recaps/static/%2e%2e/%2e%2e/project/config.yaml",
    "/recaps/articles/final/index.html%00.css", "/etc/passwd", "/recaps//etc/passwd",
])
def test_a_request_that_leaves_the_site_gets_404(served, path):
    server, _ = served
    status, _, body = request(server.url, path)
    assert status == 404, path
    assert b"base_url" not in body and b"root:" not in body


def test_only_get_and_head(served):
    server, _ = served
    status, headers, body = request(server.url, "/recaps/", "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000
    for method in ("POST", "PUT", "DELETE"):
        assert request(server.url, "/recaps/", method)[0] == 405


def test_the_root_redirects_to_the_base_path_and_folders_get_their_slash(served):
    server, _ = served
    status, headers, _ = request(server.url, "/")
    assert status in (301, 302) and headers["Location"] == "/recaps/"
    status, headers, _ = request(server.url, "/recaps/ties")
    assert status in (301, 302) and headers["Location"] == "/recaps/ties/"


def test_sigterm_stops_it_within_two_seconds_without_a_traceback(tmp_path):
    server = Served(copy_project(FIXTURE_CONFIG, tmp_path / "project"))
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(5)
    elapsed = time.monotonic() - started
    rest = server.process.stdout.read() if server.process.stdout else ""
    output = "".join(server.output) + rest
    assert code == 0 and elapsed < 2, (code, elapsed, output)
    assert "Traceback" not in output


def test_a_port_in_use_is_named_with_the_flag_to_change_it(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--config", str(FIXTURE_CONFIG),
                                 "--port", str(port)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"port {port} is already in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_never_imports_the_preview(tmp_path):
    code = ("import sys; from recaps.cli import main; main(['--config', sys.argv[1], '--out', sys.argv[2]]); "
            "print(sorted(m for m in sys.modules if m.startswith(('recaps.serve', 'tornado', 'watchfiles', "
            "'livereload'))))")
    result = subprocess.run([sys.executable, "-c", code, str(FIXTURE_CONFIG), str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert Path(tmp_path / "out" / "index.html").is_file()


def test_the_watcher_sees_every_save_by_rename_of_the_config_file(tmp_path):
    """Editors save by writing a new file and renaming it over the old one: the watch must survive that."""
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    watcher = Watcher(load_config(config, Problems()), config)
    watcher.start()
    try:
        for number in range(3):
            replacement = config.with_name(f".config.yaml.{number}")
            replacement.write_text(f"title: Saved {number}\n", encoding="utf-8")
            os.replace(replacement, config)
            assert config in watcher.changes.get(timeout=5)
        (config.parent / "content" / "articles" / "final.md").write_text("changed\n", encoding="utf-8")
        assert watcher.changes.get(timeout=5) == [config.parent.resolve() / "content" / "articles" / "final.md"]
        (config.parent / "unrelated.txt").write_text("not a source\n", encoding="utf-8")
        with pytest.raises(queue.Empty):
            watcher.changes.get(timeout=0.5)
    finally:
        watcher.stop()


def test_the_watcher_reports_saves_in_every_folder_the_build_reads(tmp_path):
    """watchfiles leaves out `node_modules/` and `flycheck_*` by default; the build reads recaps there."""
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    articles = config.parent.resolve() / "content" / "articles"
    (articles / "node_modules").mkdir()
    watcher = Watcher(load_config(config, Problems()), config)
    watcher.start()
    try:
        for path in (articles / "node_modules" / "kept.md", articles / "flycheck_final.md"):
            path.write_text("---\ntitle: Kept\n---\n", encoding="utf-8")
            assert path in watcher.changes.get(timeout=5)
    finally:
        watcher.stop()


def test_a_rebuild_on_the_watchers_word_is_followed_by_a_look_at_every_source_once_saves_stop(monkeypatch):
    monkeypatch.setattr(command, "LOOK_AGAIN_SECONDS", 0.2)
    rebuilds = []
    preview = object.__new__(command.Preview)
    preview.changes, preview.args = queue.Queue(), type("Args", (), {"config": Path("config.yaml")})
    preview.watcher = type("Watching", (), {"folders": [Path("/project/content")]})
    preview.rebuild = lambda changed, saved=None, quiet=False: rebuilds.append((changed, saved, quiet))
    saved = Path("/project/content/articles/a.md")
    preview.changes.put([saved])
    preview.changes.put(command.LOOK_EVERYWHERE)  # the config named other folders: look at every source
    feed = lambda: (preview.changes.put([saved]), time.sleep(0.5), preview.changes.put(None))  # noqa: E731
    threading.Timer(0.1, feed).start()
    preview.rebuild_on_changes()
    (first, told_first, _), (second, told, quiet), (third, look, quiet_look) = rebuilds
    assert first == [saved, Path("config.yaml")] and told_first is None  # one rebuild, looking everywhere
    assert second == [saved] and told.paths >= {str(saved)} and not quiet  # the watcher's word
    assert third == [] and look is None and quiet_look  # then, once quiet: every source, silently


def test_after_saves_on_the_watchers_word_every_served_file_is_the_clean_builds(tmp_path):
    """Each rebuild below takes the watcher's word for the recaps it did not report (their files
    are older than 2 s when first read); what is served must still be what a clean build writes."""
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    articles = config.parent / "content" / "articles"
    time.sleep(2.1)
    server = Served(config)
    try:
        saves = [
            lambda: (articles / "final.md").write_text(
                (articles / "final.md").read_text(encoding="utf-8") + "\nA paragraph more.\n", encoding="utf-8"),
            lambda: [(articles / name).write_text((articles / name).read_text(encoding="utf-8")
                                                  .replace("score: 2-1", "score: 3-1", 1), encoding="utf-8")
                     for name in ("club-brugge-atalanta-first-leg.md", "atalanta-club-brugge-ritorno.md")],
            lambda: (articles / "feyenoord-milan-first-leg.md").rename(articles / "feyenoord-milan-andata.md"),
            lambda: (articles / "milan-club-brugge-league-phase.md").unlink(),
        ]
        for save in saves:
            save()
            server.wait_for(r"changed: \d+ pages? rendered")
        out = tmp_path / "clean"
        assert subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(out)],
                              capture_output=True).returncode == 0
        built = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*")
                 if path.is_file() and not path.relative_to(out).parts[0] == "pagefind"}
        for relative, content in sorted(built.items()):
            status, _, body = request(server.url, "/recaps/" + relative.removesuffix("index.html"))
            assert (status, body.replace(RELOAD_SCRIPT, b"")) == (200, content), relative
        status, _, _ = request(server.url, "/recaps/articles/milan-club-brugge-league-phase/")
        assert status == 404
    finally:
        server.stop()
