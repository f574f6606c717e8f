"""`python build.py deploy` in a git copy of the project, pushing to a local bare repository."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.github.io/recaps/"
ARTICLE = "content/articles/atalanta-club-brugge-ritorno.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="deploy needs git")


@pytest.fixture
def env(tmp_path) -> dict:
    """git that sees no user or system settings, nor any repository above tmp_path."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": str(tmp_path), "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}


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


def deploy(folder: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", "deploy", "--base-url", BASE, *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


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
    failed = deploy(project, env)
    assert failed.returncode == 1
    assert f"{ARTICLE}:12: " in failed.stderr and "nothing was pushed to origin gh-pages" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert published(origin, env) == before


def test_a_broken_article_before_the_first_deploy_leaves_the_remote_without_a_branch(project, env):
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("score: 1-3", "score: 1-x"), encoding="utf-8")
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
    assert published(project.parent / "origin.git", env) is None
