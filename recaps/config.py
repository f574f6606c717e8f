"""config.yaml: site settings. Paths in it are relative to the file's folder."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Problems
from .fields import FieldReader, decode, type_name
from .yamlfile import LineDict, YamlSyntaxError, load

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
KEYS = ("title", "description", "base_url", "language", "author", "content_dir", "templates_dir",
        "static_dir", "output_dir", "per_page", "allow_html", "cname", "home_latest")
FOLDERS = ("content_dir", "templates_dir", "static_dir", "output_dir")
SOURCE_FOLDERS = ("content_dir", "templates_dir", "static_dir")
LIMITS = {"per_page": (1, 1000), "home_latest": (1, 100)}  # beyond these no page is readable


@dataclass(frozen=True)
class Config:
    root: Path  # the config file's folder
    path: str  # the config file, as reported in messages
    title: str = "Match Recaps"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    author: str = ""
    content_dir: Path = Path("content")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    output_dir: Path = Path("site")
    per_page: int = 20
    home_latest: int = 8
    allow_html: bool = False
    cname: str = ""

    @property
    def base_path(self) -> str:
        """The path part of base_url, with slashes at both ends: '/' or '/repo/'."""
        path = urlsplit(self.base_url).path.strip("/")
        return f"/{path}/" if path else "/"

    @property
    def origin(self) -> str:
        """'https://host' when base_url is a full URL, else ''."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def check_base_url(value: str) -> str | None:
    """None if `value` is a usable base URL (http(s) URL or a path), else why not."""
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return f"base_url must be an http(s) URL or a path like /recaps/; got {value!r}"
    if parts.scheme and not parts.netloc:
        return f"base_url {value!r} has no host"
    if not parts.scheme and (parts.netloc or not value.startswith("/")):
        return f"base_url must start with / or http(s)://; got {value!r}"
    if parts.query or parts.fragment or any(c in value for c in "\"'<> \\"):
        return f"base_url may not contain a query, fragment, quotes or spaces; got {value!r}"
    return None


def warn_if_not_absolute(config: Config, problems: Problems) -> None:
    """Advice for a site about to go public (check, deploy): a bare-path base URL makes the
    sitemap, feeds and canonical links path-absolute, which crawlers and feed readers need whole.
    A local build or preview is fine with a path, so it stays quiet there."""
    if not config.origin:
        problems.warn(config.path, 0, f"base_url {config.base_url!r} is a path: the sitemap, feeds and canonical "
                                      "links will use path-absolute URLs; set a full https:// base_url (or pass "
                                      "--base-url) for absolute ones")


def load_config(config_file: Path, problems: Problems, *, display_path: str | None = None) -> Config | None:
    """Read and validate config.yaml; None (with problems) if it cannot be used."""
    shown = display_path or str(config_file)
    try:
        raw = config_file.read_bytes()
    except FileNotFoundError:
        problems.error(shown, 0, "config file not found (pass --config FILE, or run where config.yaml is)")
        return None
    except OSError as exc:
        problems.error(shown, 0, f"cannot read config file: {exc.strerror}")
        return None
    text = decode(raw, shown, problems)
    if text is None:
        return None
    try:
        data = load(text) if text.strip() else None
        data = LineDict() if data is None else data  # empty, or only comments: all defaults
    except YamlSyntaxError as exc:
        problems.error(shown, exc.line, exc.message)
        return None
    reader = FieldReader(shown, problems)
    data = reader.mapping(data, "config.yaml", 1)
    if data is None:
        return None
    reader.unknown_keys(data, KEYS, "config.yaml")
    before = len(problems.errors)
    defaults = Config(root=config_file.parent, path=shown)
    base_url = reader.text(data, "base_url", default="/")
    if (why := check_base_url(base_url)) is not None:
        reader.error(data, "base_url", why)
    language = reader.text(data, "language", default="en")
    if not LANGUAGE.match(language):
        reader.error(data, "language", f"`language` must be a language code like en or it; got {language!r}")
    per_page = _whole_number(reader, data, "per_page", defaults.per_page)
    home_latest = _whole_number(reader, data, "home_latest", defaults.home_latest)
    cname = reader.text(data, "cname")
    if cname and ("/" in cname or " " in cname or ":" in cname):
        reader.error(data, "cname", f"cname is a bare host name like recaps.example.org; got {cname!r}")
    config = Config(
        root=config_file.parent, path=shown,
        title=reader.text(data, "title", default=defaults.title),
        description=reader.text(data, "description"),
        base_url=base_url,
        language=language,
        author=reader.text(data, "author"),
        **{key: _folder(reader, data, key, getattr(defaults, key)) for key in FOLDERS},
        per_page=per_page,
        home_latest=home_latest,
        allow_html=reader.boolean(data, "allow_html", False),
        cname=cname,
    )
    _check_folders(reader, data, config)
    return None if len(problems.errors) > before else config


def _whole_number(reader: FieldReader, data: LineDict, key: str, default: int) -> int:
    low, high = LIMITS[key]
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        reader.error(data, key, f"{key} must be a whole number from {low} to {high}; got {type_name(value)}")
        return default
    return value


def _folder(reader: FieldReader, data: LineDict, key: str, default: Path) -> Path:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        reader.error(data, key, f"`{key}` must be a folder path like {default.as_posix()}; got {type_name(value)}")
        return default
    return Path(value.strip())


def _check_folders(reader: FieldReader, data: LineDict, config: Config) -> None:
    """Folders named in the file must be there, and the output folder,
    which a build replaces whole, must not hold the project or any of its sources."""
    for key in SOURCE_FOLDERS:
        folder = config.root / getattr(config, key)
        if key in data and not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            reader.error(data, key, f"{key} {getattr(config, key).as_posix()!r} {what} (paths here are relative "
                                    "to this file's folder)")
    why = output_problem(config, config.root / config.output_dir)
    if why:
        reader.error(data, "output_dir", f"output_dir {config.output_dir.as_posix()!r}: {why}")


def output_problem(config: Config, out_dir: Path) -> str | None:
    """Why `out_dir` cannot be the output folder (a build replaces it whole), or None."""
    out = out_dir.resolve()
    root = config.root.resolve()
    if out == root or root.is_relative_to(out):
        return "the output folder would replace the project: choose a folder of its own, like site"
    for key in SOURCE_FOLDERS:
        source = (config.root / getattr(config, key)).resolve()
        if out == source or out.is_relative_to(source) or source.is_relative_to(out):
            return f"the output folder would replace the sources in {key}: choose a folder of its own, like site"
    if out.exists() and not out.is_dir():
        return "the output folder is a file: choose a folder"
    return None
