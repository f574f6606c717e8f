"""`python build.py deploy`: build, then publish the site to a branch (gh-pages) with ghp-import.

For GitHub Pages without Actions: Settings -> Pages -> "Deploy from a branch". The
git repository is the one holding the config file. Before anything is built the
command makes sure there is a repository, a commit to name and the remote; a build
with errors stops it too, and then nothing is committed or pushed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import ghp_import

from .cli import add_site_arguments, build_site, report
from .config import warn_if_not_absolute
from .errors import Problems

DEFAULT_MESSAGE = "Publish the site built from {sha}"


class DeployRefused(Exception):
    """Why the site cannot be published from here; said to the user as it is."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    parser.add_argument("--branch", default="gh-pages", help="branch that holds the published site "
                                                            "(default: gh-pages)")
    parser.add_argument("--message", default=DEFAULT_MESSAGE,
                        help="commit message on the branch; {sha} stands for the source commit, which is "
                             f"appended when the message does not name it (default: {DEFAULT_MESSAGE!r})")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    except FileNotFoundError:
        raise DeployRefused("git is not installed (or not on PATH): deploy publishes with git") from None


def source_commit(repo: Path, remote: str) -> str:
    """The commit the site is built from; refuses without a repository, a commit or the remote."""
    if _git(repo, "rev-parse", "--show-toplevel").returncode != 0:
        raise DeployRefused(f"{repo} is not inside a git repository: deploy publishes the site to a branch "
                            "of the project's repository (git init, commit, and add a remote first)")
    head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head.returncode != 0:
        raise DeployRefused("the repository has no commit yet: commit the project first, "
                            "so the published branch can name the commit it was built from")
    if _git(repo, "remote", "get-url", remote).returncode != 0:
        known = _git(repo, "remote").stdout.split()
        hint = f" (this repository has: {', '.join(known)})" if known else " (this repository has none)"
        raise DeployRefused(f"no git remote named {remote!r}{hint}: add it with  git remote add {remote} URL  "
                            "or pass --remote NAME")
    if _git(repo, "var", "GIT_COMMITTER_IDENT").returncode != 0:
        raise DeployRefused("git does not know who is committing: set  git config user.name  and "
                            "git config user.email  first")
    return head.stdout.strip()


def commit_message(template: str, sha: str) -> str:
    """The branch's commit message, always naming the source commit.

    >>> commit_message("Site update", "abc123")
    'Site update (abc123)'
    >>> commit_message("Deployed {sha}", "abc123")
    'Deployed abc123'
    """
    return template.replace("{sha}", sha) if "{sha}" in template else f"{template} ({sha})"


def publish(site_dir: Path, repo: Path, *, remote: str, branch: str, message: str) -> None:
    """Commit `site_dir` as the whole of `branch` (with .nojekyll), on top of the remote's, and push it."""
    # Start from the remote's branch when it has one, so the push is a fast-forward.
    _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    before = Path.cwd()
    os.chdir(repo)  # ghp-import works on the repository of the current folder
    try:
        ghp_import.ghp_import(str(site_dir), mesg=message, remote=remote, branch=branch, push=True, nojekyll=True)
    except ghp_import.GhpError as exc:
        raise DeployRefused(f"ghp-import: {exc.message}") from None
    except subprocess.CalledProcessError as exc:
        raise DeployRefused(f"git push {remote} {branch} failed (exit {exc.returncode}); the local branch "
                            f"{branch} holds the new site: push it by hand once the remote accepts it") from None
    finally:
        os.chdir(before)


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not args.config.is_file():  # before asking git about the folder it would be in
        parser.error(f"--config: no config file at {args.config} (run where config.yaml is, or pass --config FILE)")
    repo = args.config.resolve().parent
    try:
        sha = source_commit(repo, args.remote)
    except DeployRefused as exc:
        print(f"deploy: {exc}; nothing was published", file=sys.stderr)
        return 1
    code, result = build_site(parser, args)
    if result is None:
        print(f"deploy: the build failed, so nothing was pushed to {args.remote} {args.branch}", file=sys.stderr)
        return code or 1
    advice = Problems()
    warn_if_not_absolute(result.config, advice)  # a public site wants absolute feed and sitemap URLs
    report(advice)
    site_dir = result.out_dir.resolve()
    try:
        publish(site_dir, repo, remote=args.remote, branch=args.branch, message=commit_message(args.message, sha))
    except DeployRefused as exc:
        print(f"deploy: {exc}", file=sys.stderr)
        return 1
    print(f"published {result.files} files from {site_dir} to {args.remote} {args.branch}, built from {sha[:12]}")
    return 0
