"""`python build.py deploy`: build, then publish the site to a branch (gh-pages) with ghp-import.

For GitHub Pages without Actions: Settings -> Pages -> "Deploy from a branch". The
git repository is the one holding the config file. Before anything is built the
command makes sure of four things, and refuses (naming the fix) when one fails:
- there is a repository, a commit to name and the remote;
- the working tree holds nothing that is in no commit (`--allow-dirty` publishes it
  anyway, and the branch's commit message says so), so the commit named is what is
  published;
- the address the site is built for is known: `--base-url`, a full `base_url` in
  config.yaml, `cname`, or else the GitHub Pages address of a GitHub remote;
- a build with errors stops it too, and then nothing is committed or pushed.
No message prints the credentials a remote's URL may carry.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import ghp_import

from .cache import FOLDER as CACHE_FOLDER
from .cli import add_site_arguments, build_site, report
from .config import Config, check_base_url, warn_if_not_absolute
from .errors import Problems

DEFAULT_MESSAGE = "Publish the site built from {sha}"
SHOWN_CHANGES = 10  # a refusal for uncommitted changes lists this many, then a count


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
    parser.add_argument("--allow-dirty", action="store_true",
                        help="publish even with changes that are in no commit (the branch's commit message "
                             "then says so)")


# Messages

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s'\"@]+(?:@[^/\s'\"@]+)*@")


def without_credentials(text: str) -> str:
    """`text` with the user and password (or token) of every URL in it hidden.

    >>> without_credentials("fatal: unable to access 'https://alice:ghp_x@github.com/alice/recaps.git/'")
    "fatal: unable to access 'https://***@github.com/alice/recaps.git/'"
    >>> without_credentials("git@github.com:alice/recaps.git and https://github.com/alice/recaps")
    'git@github.com:alice/recaps.git and https://github.com/alice/recaps'
    """
    return _USERINFO.sub(r"\1***@", text)


def say(message: str, stream=None) -> None:
    print(without_credentials(message), file=stream or sys.stdout, flush=True)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    except FileNotFoundError:
        raise DeployRefused("git is not installed (or not on PATH): deploy publishes with git") from None


# The repository

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


def uncommitted_changes(repo: Path, output: Path, cache: Path) -> list[str]:
    """The repository's changes that are in no commit, as `git status --porcelain` lines,
    but for what the build itself writes: the output folder, its lock and staging folders
    beside it (`.site.lock` beside `site/`) and the cache folder."""
    top = Path(_git(repo, "rev-parse", "--show-toplevel").stdout.strip())
    status = _git(repo, "status", "--porcelain", "-z", "--untracked-files=normal")
    if status.returncode != 0:
        raise DeployRefused(f"git status failed: {status.stderr.strip()}")

    def written_by_the_build(path: Path) -> bool:
        return any(place in (output, cache) or place.parent == output.parent
                   and place.name.startswith(f".{output.name}.") for place in (path, *path.parents))

    entries = iter(status.stdout.split("\0"))
    changes = []
    for entry in entries:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            next(entries, None)  # the path it was renamed or copied from
        if not written_by_the_build(top / path):
            changes.append(f"{code} {path}")
    return changes


def build_folders(args: argparse.Namespace, config: Config) -> tuple[Path, Path]:
    """(the output folder, the cache folder) the build writes."""
    output = args.out.absolute() if args.out else config.root / config.output_dir
    return output.resolve(), (config.root / CACHE_FOLDER).resolve()


def refuse_uncommitted(changes: list[str]) -> None:
    shown = "\n".join(f"  {line}" for line in changes[:SHOWN_CHANGES])
    more = f"\n  ... and {len(changes) - SHOWN_CHANGES} more" if len(changes) > SHOWN_CHANGES else ""
    raise DeployRefused(f"the working tree has changes that are in no commit, so the site would not be the "
                        f"commit it names:\n{shown}{more}\ncommit them first, or pass --allow-dirty to publish "
                        "them anyway")


def remote_urls(repo: Path, remote: str) -> list[str]:
    """Where `remote` pushes and fetches, as git says after `url.<base>.insteadOf` (and
    pushInsteadOf, pushurl), then the URL as configured."""
    asked = [("remote", "get-url", "--push", remote), ("remote", "get-url", remote),
             ("config", "--get", f"remote.{remote}.url")]
    urls = []
    for args in asked:
        found = _git(repo, *args)
        url = found.stdout.strip().splitlines()[0] if found.returncode == 0 and found.stdout.strip() else ""
        if url and url not in urls:
            urls.append(url)
    return urls


# Where the site is published

GITHUB_HOSTS = frozenset({"github.com", "www.github.com", "ssh.github.com"})
REMOTE_SCHEMES = frozenset({"https", "http", "ssh", "git", "git+ssh", "ssh+git"})
_SCP_LIKE = re.compile(r"(?:[^@/:]+@)?(?P<host>[^@/:]+):(?P<path>.*)")  # git@github.com:OWNER/NAME.git
_REPOSITORY_PATH = re.compile(r"/?(?P<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?P<name>[A-Za-z0-9._-]+?)(?:\.git)?/?")


@dataclass(frozen=True)
class GitHubRepository:
    owner: str
    name: str

    def __str__(self) -> str:
        return f"github.com/{self.owner}/{self.name}"

    @property
    def pages_url(self) -> str:
        """Where GitHub Pages publishes it: the user's (or organisation's) site at the root for the
        repository named OWNER.github.io, a project site under /NAME/ for any other.

        >>> GitHubRepository("Alice", "recaps").pages_url
        'https://alice.github.io/recaps/'
        >>> GitHubRepository("Alice", "alice.github.io").pages_url
        'https://alice.github.io/'
        """
        host = f"{self.owner.lower()}.github.io"
        return f"https://{host}/" if self.name.lower() == host else f"https://{host}/{self.name}/"


def github_repository(remote_url: str) -> GitHubRepository | None:
    """The GitHub repository a remote URL names (https, ssh, scp-like `git@github.com:OWNER/NAME`,
    with or without `.git`), or None for any other host or a local path."""
    if "://" in remote_url:
        parts = urlsplit(remote_url)
        if parts.scheme not in REMOTE_SCHEMES or parts.query or parts.fragment:
            return None
        host, path = parts.hostname or "", parts.path
    elif found := _SCP_LIKE.fullmatch(remote_url):
        host, path = found["host"].lower(), found["path"]
    else:
        return None
    repository = _REPOSITORY_PATH.fullmatch(path) if host in GITHUB_HOSTS else None
    if repository is None or repository["name"] in (".", ".."):
        return None
    return GitHubRepository(repository["owner"], repository["name"])


def site_address(base_url_option: str | None, config: Config, remote: str, urls: list[str]) -> tuple[str, str]:
    """(the base URL to build for, where it comes from): `--base-url`, else a full base_url in
    the config, else its cname, else the GitHub Pages address of the remote; refuses when
    none of them says it."""
    if base_url_option is not None:
        return base_url_option, "--base-url"
    if config.origin:
        return config.base_url, f"base_url in {config.path}"
    if config.cname:
        return f"https://{config.cname}/", f"cname in {config.path}"
    for url in urls:
        if (repository := github_repository(url)) is not None:
            return repository.pages_url, f"the GitHub Pages address of {repository}, the remote {remote}"
    shown = f" ({urls[0]})" if urls else ""
    raise DeployRefused(f"base_url {config.base_url!r} in {config.path} is a path, and the remote {remote}{shown} "
                        "is not a GitHub repository, so the address the site will be served from is unknown: "
                        "pass it with --base-url (e.g. --base-url https://example.org/recaps/), or set a full "
                        f"base_url in {config.path}")


# Publishing

def commit_message(template: str, sha: str, *, uncommitted: bool = False) -> str:
    """The branch's commit message, always naming the source commit, and saying so when the
    site holds changes that are in no commit.

    >>> commit_message("Site update", "abc123")
    'Site update (abc123)'
    >>> commit_message("Deployed {sha}", "abc123")
    'Deployed abc123'
    >>> commit_message(DEFAULT_MESSAGE, "abc123", uncommitted=True)
    'Publish the site built from abc123 with uncommitted changes'
    """
    source = f"{sha} with uncommitted changes" if uncommitted else sha
    return template.replace("{sha}", source) if "{sha}" in template else f"{template} ({source})"


def publish(site_dir: Path, repo: Path, *, remote: str, branch: str, message: str) -> None:
    """Commit `site_dir` as the whole of `branch` (with .nojekyll), on top of the remote's, and push it."""
    # Start from the remote's branch when it has one, so the push is a fast-forward.
    _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    before = Path.cwd()
    os.chdir(repo)  # ghp-import works on the repository of the current folder
    try:
        ghp_import.ghp_import(str(site_dir), mesg=message, remote=remote, branch=branch, push=False, nojekyll=True)
    except ghp_import.GhpError as exc:
        raise DeployRefused(f"ghp-import: {exc.message}") from None
    finally:
        os.chdir(before)
    pushed = _git(repo, "push", remote, branch)  # its output is relayed only once credentials are hidden
    if pushed.returncode != 0:
        said = "".join(f"\n  {line}" for line in pushed.stderr.strip().splitlines())
        raise DeployRefused(f"git push {remote} {branch} failed (exit {pushed.returncode}); the local branch "
                            f"{branch} holds the new site: push it by hand once the remote accepts it"
                            + (f". git said:{said}" if said else ""))


@dataclass(frozen=True)
class Source:
    """What is published: the commit, the changes in no commit it holds (with --allow-dirty), and
    (base URL, where it comes from), None when the config cannot be read (the build says why)."""
    sha: str
    changes: list[str]
    address: tuple[str, str] | None


def what_to_publish(args: argparse.Namespace, repo: Path) -> Source:
    """Everything checked before building; refuses (DeployRefused) with the fix."""
    from .pipeline import configure
    config = configure(args.config, Problems())
    sha = source_commit(repo, args.remote)
    if config is None:
        return Source(sha, [], None)
    changes = uncommitted_changes(repo, *build_folders(args, config))
    if changes and not args.allow_dirty:
        refuse_uncommitted(changes)
    return Source(sha, changes, site_address(args.base_url, config, args.remote, remote_urls(repo, args.remote)))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not args.config.is_file():  # before asking git about the folder it would be in
        parser.error(f"--config: no config file at {args.config} (run where config.yaml is, or pass --config FILE)")
    if args.base_url is not None and (why := check_base_url(args.base_url)):
        parser.error(f"--base-url: {why}")
    repo = args.config.resolve().parent
    try:
        source = what_to_publish(args, repo)
    except DeployRefused as exc:
        say(f"deploy: {exc}; nothing was published", sys.stderr)
        return 1
    if source.changes:
        count = len(source.changes)
        say(f"deploy: --allow-dirty: publishing {count} uncommitted change{'s' * (count != 1)}; "
            "the branch's commit message says so", sys.stderr)
    if source.address is not None:
        base_url, where = source.address
        say(f"deploy: building for {base_url} ({where})" + ("; pass --base-url for another" * (where != "--base-url")))
        args = argparse.Namespace(**{**vars(args), "base_url": base_url})
    code, result = build_site(parser, args)
    if result is None:
        say(f"deploy: the build failed, so nothing was pushed to {args.remote} {args.branch}", sys.stderr)
        return code or 1
    advice = Problems()
    warn_if_not_absolute(result.config, advice)  # a public site wants absolute feed and sitemap URLs
    report(advice)
    site_dir = result.out_dir.resolve()
    message = commit_message(args.message, source.sha, uncommitted=bool(source.changes))
    try:
        publish(site_dir, repo, remote=args.remote, branch=args.branch, message=message)
    except DeployRefused as exc:
        say(f"deploy: {exc}", sys.stderr)
        return 1
    say(f"published {result.files} files from {site_dir} to {args.remote} {args.branch}, built from "
        f"{source.sha[:12]}{' with uncommitted changes' * bool(source.changes)} for {result.config.base_url}")
    return 0
