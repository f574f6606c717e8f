"""`python build.py deploy` in a git copy of the project, pushing to a local bare repository
(named, where it matters, by a GitHub URL that git maps onto it with url.<base>.insteadOf)."""
import os
import shutil
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from recaps.config import Config
from recaps.deploy import (DeployRefused, GitHubRepository, github_repository, remote_urls, site_address,
                           without_credentials)
from tests.sitecheck import broken_links, links_of

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.github.io/recaps/"
ARTICLE = "content/articles/atalanta-club-brugge-ritorno.md"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="deploy needs git")]


@pytest.fixture
def env(tmp_path) -> dict:
    """git that sees no user or system settings, nor any repository above tmp_path."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": str(tmp_path), "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org", "GIT_TERMINAL_PROMPT": "0"}


def git(folder: Path, env: dict, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", ".site.*", "__pycache__", ".pytest_cache", "node_modules", "benchmarks", "tests"))
    return dest


@pytest.fixture
def project(tmp_path, env) -> Path:
    """A committed git copy of the project whose `origin` is an empty bare repository."""
    git(tmp_path, env, "init", "-q", "--bare", "origin.git")
    folder = copy_project(tmp_path / "project")
    git(folder, env, "init", "-q")
    git(folder, env, "add", "-A")
    git(folder, env, "commit", "-q", "-m", "The project")
    git(folder, env, "remote", "add", "origin", str(tmp_path / "origin.git"))
    return folder


def deploy(folder: Path, env: dict, *args: str, base_url: str | None = BASE) -> subprocess.CompletedProcess:
    """`python build.py deploy` in `folder`, with `--base-url base_url` unless that is None."""
    chosen = ("--base-url", base_url) if base_url is not None else ()
    return subprocess.run([sys.executable, "build.py", "deploy", *chosen, *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


def commit(folder: Path, env: dict, message: str) -> None:
    git(folder, env, "add", "-A")
    git(folder, env, "commit", "-q", "-m", message)


def on_github(project: Path, env: dict, url: str) -> None:
    """`origin` is `url`, which git maps onto the local bare repository beside the project."""
    git(project, env, "remote", "set-url", "origin", url)
    git(project, env, "config", f"url.{(project.parent / 'origin.git').as_uri()}.insteadOf", url)


def checkout(origin: Path, env: dict, folder: Path, branch: str = "gh-pages") -> Path:
    """The published branch's files, in `folder`."""
    archive = subprocess.run(["git", "-C", str(origin), "archive", branch], env=env, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def published(origin: Path, env: dict, branch: str = "gh-pages") -> str | None:
    """The branch's head commit on the remote, or None if it has no such branch."""
    found = subprocess.run(["git", "-C", str(origin), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                           env=env, capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


def test_deploy_publishes_the_built_site_with_nojekyll_and_the_source_commit(project, env):
    origin = project.parent / "origin.git"
    done = deploy(project, env)
    assert done.returncode == 0, done.stderr
    files = git(origin, env, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"index.html", ".nojekyll", "404.html", "robots.txt", "sitemap.xml", "static/style.css",
            "ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/index.html"} \
        <= set(files)
    source = git(project, env, "rev-parse", "HEAD")
    assert source in git(origin, env, "log", "-1", "--format=%B", "gh-pages")
    home = git(origin, env, "show", "gh-pages:index.html")
    assert f'<link rel="canonical" href="{BASE}">' in home
    assert not any(name.startswith(("content/", "recaps/")) for name in files)  # the site alone, not the sources


def test_a_second_deploy_adds_to_the_branch_history(project, env):
    origin = project.parent / "origin.git"
    assert deploy(project, env).returncode == 0
    first = published(origin, env)
    again = deploy(project, env, "--message", "Rebuilt: {sha}")
    assert again.returncode == 0, again.stderr
    assert git(origin, env, "rev-parse", "gh-pages^") == first
    assert git(origin, env, "log", "-1", "--format=%s", "gh-pages") == f"Rebuilt: {git(project, env, 'rev-parse', 'HEAD')}"


def test_a_broken_article_pushes_nothing(project, env):
    origin = project.parent / "origin.git"
    assert deploy(project, env).returncode == 0
    before = published(origin, env)
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("score: 1-3", "score: 1-x"), encoding="utf-8")
    commit(project, env, "A score nobody can read")
    failed = deploy(project, env)
    assert failed.returncode == 1
    assert f"{ARTICLE}:12: " in failed.stderr and "nothing was pushed to origin gh-pages" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert published(origin, env) == before


def test_a_broken_article_before_the_first_deploy_leaves_the_remote_without_a_branch(project, env):
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("score: 1-3", "score: 1-x"), encoding="utf-8")
    commit(project, env, "A score nobody can read")
    assert deploy(project, env).returncode == 1
    assert published(project.parent / "origin.git", env) is None


def test_a_missing_remote_is_refused_clearly(project, env):
    failed = deploy(project, env, "--remote", "upstream")
    assert failed.returncode == 1
    assert failed.stderr.strip() == ("deploy: no git remote named 'upstream' (this repository has: origin): add it "
                                     "with  git remote add upstream URL  or pass --remote NAME; nothing was published")
    assert not (project / "site").exists()  # refused before building
    assert published(project.parent / "origin.git", env) is None


def test_outside_a_git_repository_is_refused_clearly(tmp_path, env):
    folder = copy_project(tmp_path / "loose")
    failed = deploy(folder, env)
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"deploy: {folder} is not inside a git repository")
    assert failed.stderr.rstrip().endswith("nothing was published") and "Traceback" not in failed.stderr


def test_a_repository_without_commits_is_refused(tmp_path, env):
    folder = copy_project(tmp_path / "fresh")
    git(folder, env, "init", "-q")
    failed = deploy(folder, env)
    assert failed.returncode == 1 and "the repository has no commit yet" in failed.stderr


def test_a_custom_remote_and_branch(project, env):
    git(project.parent, env, "init", "-q", "--bare", "pages.git")
    git(project, env, "remote", "add", "pages", str(project.parent / "pages.git"))
    done = deploy(project, env, "--remote", "pages", "--branch", "site")
    assert done.returncode == 0, done.stderr
    assert published(project.parent / "pages.git", env, "site") is not None
    assert published(project.parent / "origin.git", env) is None


def test_a_missing_config_is_wrong_usage(tmp_path, env):
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "deploy", "--config", str(tmp_path / "nope.yaml")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--config: no config file at" in done.stderr


def test_a_rejected_push_is_said_plainly(project, env):
    hook = project.parent / "origin.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    failed = deploy(project, env)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "deploy: git push origin gh-pages failed (exit 1); the local branch gh-pages holds the new site" \
        in failed.stderr
    assert "git said:\n  remote: pushes are closed today" in failed.stderr
    assert published(project.parent / "origin.git", env) is None


# Where the site is published: worked out from the remote when base_url is a path.

ALICE = GitHubRepository("alice", "recaps")


@pytest.mark.parametrize("url, repository", [
    ("https://github.com/alice/recaps.git", ALICE),
    ("https://github.com/alice/recaps", ALICE),
    ("https://github.com/alice/recaps/", ALICE),
    ("https://github.com/alice/recaps.git/", ALICE),
    ("http://github.com/alice/recaps.git", ALICE),
    ("https://alice:s3cret@github.com/alice/recaps.git", ALICE),
    ("https://x-access-token:ghs_abc@github.com/alice/recaps", ALICE),
    ("https://www.github.com/alice/recaps.git", ALICE),
    ("HTTPS://GitHub.COM/alice/recaps.git", ALICE),
    ("https://github.com:443/alice/recaps.git", ALICE),
    ("git@github.com:alice/recaps.git", ALICE),
    ("git@github.com:alice/recaps", ALICE),
    ("git@github.com:/alice/recaps.git", ALICE),
    ("github.com:alice/recaps.git", ALICE),
    ("ssh://git@github.com/alice/recaps.git", ALICE),
    ("ssh://git@github.com:22/alice/recaps", ALICE),
    ("ssh://git@ssh.github.com:443/alice/recaps.git", ALICE),
    ("git+ssh://git@github.com/alice/recaps.git", ALICE),
    ("git://github.com/alice/recaps.git", ALICE),
    ("https://github.com/Desk-Club/Match.Recaps_2025.git", GitHubRepository("Desk-Club", "Match.Recaps_2025")),
    ("git@github.com:alice/alice.github.io.git", GitHubRepository("alice", "alice.github.io")),
    ("https://github.com/alice/.github", GitHubRepository("alice", ".github")),
    # not on GitHub, or not a repository there
    ("/srv/git/recaps.git", None),
    ("../origin.git", None),
    ("file:///srv/git/recaps.git", None),
    ("C:\\repos\\recaps", None),
    ("https://gitlab.com/alice/recaps.git", None),
    ("git@gitlab.com:alice/recaps.git", None),
    ("https://github.example.com/alice/recaps.git", None),  # GitHub Enterprise publishes elsewhere
    ("https://github.com.evil.example/alice/recaps.git", None),
    ("https://evil.example/github.com/alice/recaps.git", None),
    ("git@github-work:alice/recaps.git", None),  # an ssh alias: where it leads is in ~/.ssh/config
    ("https://github.com/alice", None),
    ("https://github.com/alice/recaps/tree/main", None),
    ("https://github.com/alice/..", None),
    ("https://github.com/-alice/recaps", None),
    ("https://github.com/alice/recaps.git?ref=main", None),
    ("ftp://github.com/alice/recaps.git", None),
    ("", None),
])
def test_the_github_repository_a_remote_url_names(url, repository):
    assert github_repository(url) == repository


@pytest.mark.parametrize("repository, address", [
    (GitHubRepository("alice", "recaps"), "https://alice.github.io/recaps/"),
    (GitHubRepository("Alice", "Recaps"), "https://alice.github.io/Recaps/"),
    (GitHubRepository("alice", "alice.github.io"), "https://alice.github.io/"),
    (GitHubRepository("Alice", "ALICE.github.io"), "https://alice.github.io/"),
    (GitHubRepository("alice", "desk.github.io"), "https://alice.github.io/desk.github.io/"),
])
def test_the_pages_address_of_a_repository(repository, address):
    assert repository.pages_url == address


GITHUB_REMOTE = ["https://github.com/alice/recaps.git"]
PAGES = "the GitHub Pages address of github.com/alice/recaps, the remote origin"


@pytest.mark.parametrize("option, base_url, cname, urls, address", [
    ("https://example.org/x/", "/", "", GITHUB_REMOTE, ("https://example.org/x/", "--base-url")),
    ("/", "/", "", GITHUB_REMOTE, ("/", "--base-url")),
    ("https://example.org/x/", "https://recaps.example.net/", "recaps.example.org", GITHUB_REMOTE,
     ("https://example.org/x/", "--base-url")),
    (None, "https://recaps.example.net/", "recaps.example.org", GITHUB_REMOTE,
     ("https://recaps.example.net/", "base_url in config.yaml")),
    (None, "/", "recaps.example.org", GITHUB_REMOTE, ("https://recaps.example.org/", "cname in config.yaml")),
    (None, "/recaps/", "recaps.example.org", ["/srv/git/recaps.git"],
     ("https://recaps.example.org/", "cname in config.yaml")),
    (None, "/", "", GITHUB_REMOTE, ("https://alice.github.io/recaps/", PAGES)),
    (None, "/other/", "", GITHUB_REMOTE, ("https://alice.github.io/recaps/", PAGES)),
    (None, "/", "", ["git@github.com:alice/alice.github.io.git"],
     ("https://alice.github.io/", "the GitHub Pages address of github.com/alice/alice.github.io, the remote origin")),
    # url.<base>.insteadOf: git pushes to a mirror, the configured URL names the GitHub repository
    (None, "/", "", ["file:///srv/mirror.git", "https://github.com/alice/recaps.git"],
     ("https://alice.github.io/recaps/", PAGES)),
])
def test_the_address_the_site_is_built_for(option, base_url, cname, urls, address):
    config = Config(root=Path("."), path="config.yaml", base_url=base_url, cname=cname)
    assert site_address(option, config, "origin", urls) == address


@pytest.mark.parametrize("urls", [["/srv/git/recaps.git"], ["https://git.example.org/alice/recaps.git"], []])
def test_without_an_address_to_work_out_deploy_names_the_flag_to_pass(urls):
    config = Config(root=Path("."), path="config.yaml", base_url="/recaps/")
    with pytest.raises(DeployRefused) as refused:
        site_address(None, config, "origin", urls)
    assert "base_url '/recaps/' in config.yaml is a path" in str(refused.value)
    assert "pass it with --base-url" in str(refused.value)


@pytest.mark.parametrize("text, shown", [
    ("https://alice:tok3n@github.com/a/b.git", "https://***@github.com/a/b.git"),
    ("https://ghp_abc123@github.com/a/b", "https://***@github.com/a/b"),
    ("fatal: unable to access 'https://u:p@ss@host.example/x/': refused",
     "fatal: unable to access 'https://***@host.example/x/': refused"),
    ("To http://u:tok3n@127.0.0.1:9/x.git\n ! [rejected] gh-pages",
     "To http://***@127.0.0.1:9/x.git\n ! [rejected] gh-pages"),
    ("ssh://git@github.com/a/b.git", "ssh://***@github.com/a/b.git"),
    ("https://github.com/a/b and git@github.com:a/b.git", "https://github.com/a/b and git@github.com:a/b.git"),
    ("write to desk@example.org about https://example.org/x", "write to desk@example.org about https://example.org/x"),
])
def test_messages_hide_the_credentials_of_urls(text, shown):
    assert without_credentials(text) == shown


@pytest.mark.parametrize("configured, rewrites, urls", [
    ("https://github.com/alice/recaps.git", [], ["https://github.com/alice/recaps.git"]),
    ("gh:alice/recaps", [("insteadOf", "https://github.com/", "gh:")],
     ["https://github.com/alice/recaps", "gh:alice/recaps"]),
    ("https://github.com/alice/recaps.git",
     [("insteadOf", "file:///srv/mirror.git", "https://github.com/alice/recaps.git")],
     ["file:///srv/mirror.git", "https://github.com/alice/recaps.git"]),
    ("https://github.com/alice/recaps.git", [("pushInsteadOf", "git@github.com:", "https://github.com/")],
     ["git@github.com:alice/recaps.git", "https://github.com/alice/recaps.git"]),
])
def test_the_remote_urls_git_gives_after_its_rewrites(tmp_path, env, configured, rewrites, urls):
    git(tmp_path, env, "init", "-q", "repository")
    repository = tmp_path / "repository"
    git(repository, env, "remote", "add", "origin", configured)
    for kind, base, prefix in rewrites:
        git(repository, env, "config", f"url.{base}.{kind}", prefix)
    assert remote_urls(repository, "origin") == urls


# The same, as a user runs it.

@pytest.mark.parametrize("url, address, base_path", [
    ("https://github.com/alice/recaps.git", "https://alice.github.io/recaps/", "/recaps/"),
    ("git@github.com:alice/alice.github.io.git", "https://alice.github.io/", "/"),
    ("https://alice:s3cret-token@github.com/alice/recaps", "https://alice.github.io/recaps/", "/recaps/"),
])
def test_without_base_url_a_github_remote_publishes_at_its_pages_address(project, env, tmp_path, url, address,
                                                                        base_path):
    on_github(project, env, url)
    done = deploy(project, env, base_url=None)
    assert done.returncode == 0, done.stderr
    repository = github_repository(url)
    assert (f"deploy: building for {address} (the GitHub Pages address of {repository}, the remote origin); "
            "pass --base-url for another") in done.stdout
    assert "s3cret-token" not in done.stdout + done.stderr
    site = checkout(project.parent / "origin.git", env, tmp_path / "published")
    assert broken_links(site, base_path) == []  # every link starts with the base path and finds its file
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{address}">' in home
    assert any(link.startswith(f"{base_path}static/") and ".css" in link for link in links_of(home))
    assert f"<loc>{address}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_configured_cname_wins_over_the_remote(project, env, tmp_path):
    on_github(project, env, "https://github.com/alice/recaps.git")
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "cname: recaps.example.org\n", encoding="utf-8")
    commit(project, env, "A domain of our own")
    done = deploy(project, env, base_url=None)
    assert done.returncode == 0, done.stderr
    assert "deploy: building for https://recaps.example.org/ (cname in config.yaml)" in done.stdout
    site = checkout(project.parent / "origin.git", env, tmp_path / "published")
    assert (site / "CNAME").read_text(encoding="utf-8").strip() == "recaps.example.org"
    assert broken_links(site, "/") == []


@pytest.mark.parametrize("url, shown", [
    (None, None),  # the local bare repository
    ("https://alice:s3cret-token@git.example.org/alice/recaps.git", "https://***@git.example.org/alice/recaps.git"),
])
def test_a_remote_not_on_github_without_base_url_is_refused_with_the_flag_to_pass(project, env, url, shown):
    if url is not None:
        git(project, env, "remote", "set-url", "origin", url)
    failed = deploy(project, env, base_url=None)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith("deploy: base_url '/' in config.yaml is a path, and the remote origin (")
    assert "pass it with --base-url" in failed.stderr and failed.stderr.rstrip().endswith("nothing was published")
    assert "s3cret-token" not in failed.stdout + failed.stderr
    if shown is not None:
        assert f"the remote origin ({shown}) is not a GitHub repository" in failed.stderr
    assert not (project / "site").exists()  # refused before building
    assert published(project.parent / "origin.git", env) is None


def test_a_failed_push_to_a_url_with_credentials_never_prints_them(project, env):
    git(project, env, "remote", "set-url", "origin", "https://alice:s3cret-token@127.0.0.1:9/alice/recaps.git")
    failed = deploy(project, env)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "deploy: git push origin gh-pages failed" in failed.stderr and "git said:" in failed.stderr
    assert "s3cret-token" not in failed.stdout + failed.stderr


# Only what is committed is published under a commit's name.

@pytest.mark.parametrize("change, listed", [
    (lambda project: (project / ARTICLE).write_text(
        (project / ARTICLE).read_text(encoding="utf-8").replace('title: "', 'title: "Edited ', 1), encoding="utf-8"),
     f" M {ARTICLE}"),
    (lambda project: (project / "content" / "articles" / "notes.md").write_text("half a recap\n", encoding="utf-8"),
     "?? content/articles/notes.md"),
    (lambda project: (project / "templates" / "base.html").unlink(), " D templates/base.html"),
])
def test_a_working_tree_with_uncommitted_changes_is_refused(project, env, change, listed):
    change(project)
    failed = deploy(project, env)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith("deploy: the working tree has changes that are in no commit")
    assert f"\n  {listed}\n" in failed.stderr
    assert "pass --allow-dirty" in failed.stderr and failed.stderr.rstrip().endswith("nothing was published")
    assert not (project / "site").exists()
    assert published(project.parent / "origin.git", env) is None


def test_allow_dirty_publishes_the_changes_and_says_so(project, env):
    origin = project.parent / "origin.git"
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace('title: "', 'title: "Edited ', 1),
                       encoding="utf-8")
    done = deploy(project, env, "--allow-dirty")
    assert done.returncode == 0, done.stderr
    assert "deploy: --allow-dirty: publishing 1 uncommitted change; the branch's commit message says so" \
        in done.stderr
    source = git(project, env, "rev-parse", "HEAD")
    assert git(origin, env, "log", "-1", "--format=%s", "gh-pages") == \
        f"Publish the site built from {source} with uncommitted changes"
    assert "with uncommitted changes" in done.stdout
    page = git(origin, env, "show", "gh-pages:articles/atalanta-club-brugge-ritorno/index.html")
    assert "Edited " in page


def test_what_the_build_writes_is_not_a_change_even_without_gitignore(project, env):
    (project / ".gitignore").unlink()
    commit(project, env, "No ignore file")
    assert deploy(project, env).returncode == 0
    assert {"site", ".site.lock", ".recaps-cache"} <= {path.name for path in project.iterdir()}
    again = deploy(project, env)
    assert again.returncode == 0, again.stderr
