"""The team and competition registries, and name resolution through them.

Names resolve accent- and case-insensitively through canonical names and
aliases. Nicknames may be shared between teams and are kept for ingest only,
which finds every registry name in running text with `Registry.find_names`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import Problems
from .fields import FieldReader
from .model import Competition, Stage, Team
from .names import name_key, slugify
from .rules import Season
from .yamlfile import LineDict, LineList, YamlSyntaxError, load

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SLUG = re.compile(r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$")

# The articles a team's `article` may give, for the languages that put one before a club's name
# (English says "Milan go through"; see i18n.club_in_sentence). Italian: the singular ones; a
# plural ("i Rangers") would need plural verbs, which the sentences do not have.
ARTICLES = {"it": ("il", "lo", "la", "l'")}
TEAM_KEYS = ("name", "slug", "short", "country", "colors", "aliases", "nicknames", "article", "city", "grounds")
COMPETITION_KEYS = ("name", "slug", "short", "country", "aliases", "stages", "away_goals_from",
                    "away_goals_until", "away_goals_extra_time")
STAGE_KEYS = ("name", "slug", "aliases", "knockout", "legs", "names")


@dataclass
class Registry:
    """Canonical teams and competitions, with lookup by any of their names."""

    teams: dict[str, Team] = field(default_factory=dict)  # by slug
    competitions: dict[str, Competition] = field(default_factory=dict)
    team_names: dict[str, str] = field(default_factory=dict)  # name key -> slug
    competition_names: dict[str, str] = field(default_factory=dict)
    nicknames: dict[str, set[str]] = field(default_factory=dict)  # key -> team slugs
    _phrases: dict | None = field(default=None, repr=False)

    def find_names(self, text: str) -> list["NameMention"]:
        """Every team, competition and nickname named in `text`, longest name first.

        Words compare accent- and case-insensitively, as names do everywhere:
        "Bodo/Glimt" is Bodø/Glimt and "monaco di baviera" is Bayern München.
        Deciding which mentions to trust (case, context) is the caller's business.
        """
        if self._phrases is None:
            self._phrases = _phrase_table(self)
        phrases, longest, firsts = self._phrases["names"], self._phrases["longest"], self._phrases["firsts"]
        words = [(found.start(), found.end(), name_key(found.group())) for found in _WORD.finditer(text)]
        mentions, index = [], 0
        while index < len(words):
            if words[index][2] not in firsts:
                index += 1
                continue
            for size in range(min(longest, len(words) - index), 0, -1):
                key = tuple(word for _, _, word in words[index:index + size])
                if key in phrases:
                    start, end = words[index][0], words[index + size - 1][1]
                    kind, slugs = phrases[key]
                    mentions.append(NameMention(start, end, text[start:end], kind, slugs))
                    index += size
                    break
            else:
                index += 1
        return mentions

    def team(self, name: str) -> Team | None:
        slug = self.team_names.get(name_key(name))
        return self.teams[slug] if slug else None

    def competition(self, name: str) -> Competition | None:
        slug = self.competition_names.get(name_key(name))
        return self.competitions[slug] if slug else None


@dataclass(frozen=True)
class NameMention:
    """A registry name found in text: where, as written, and what it may name."""

    start: int  # character offsets in the text searched
    end: int
    text: str
    kind: str  # TEAM, COMPETITION or NICKNAME
    slugs: tuple[str, ...]  # one team or competition; a shared nickname names several teams


TEAM, COMPETITION, NICKNAME = "team", "competition", "nickname"
_WORD = re.compile(r"[^\W_]+")
_ARTICLE = re.compile(r"^(?:the|la|il|lo|i|gli|le|l|die|der|el|los)-")  # "The Reds" is also "Reds"


def _phrase_table(registry: Registry) -> dict:
    """Word sequences of every name -> (kind, slugs): names beat nicknames, teams beat competitions."""
    names: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}

    def add(key: str, kind: str, slugs: tuple[str, ...]) -> None:
        words = tuple(word for word in key.split("-") if word)
        if not words:
            return
        if words not in names:
            names[words] = (kind, slugs)
        elif kind == NICKNAME and names[words][0] == NICKNAME:  # "Reds" and "The Reds": one nickname
            names[words] = (kind, tuple(sorted(set(names[words][1]) | set(slugs))))

    for key, slug in registry.team_names.items():
        add(key, TEAM, (slug,))
    for key, slug in registry.competition_names.items():
        add(key, COMPETITION, (slug,))
    for key, slugs in registry.nicknames.items():
        add(key, NICKNAME, tuple(sorted(slugs)))
        bare = _ARTICLE.sub("", key)
        if bare != key and len(bare) >= 4:  # not "Los Che" as "che"
            add(bare, NICKNAME, tuple(sorted(slugs)))
    return {"names": names, "longest": max((len(words) for words in names), default=1),
            "firsts": {words[0] for words in names}}


def find_stage(competition: Competition, name: str) -> Stage | None:
    key = name_key(name)
    for stage in competition.stages:
        if (key == stage.slug or key == name_key(stage.name) or key in map(name_key, stage.aliases)
                or key in (name_key(local) for _, local in stage.names)):
            return stage
    return None


def _entries(data, path: str, what: str, problems: Problems) -> list:
    if data is None:
        return []
    if not isinstance(data, LineList):
        problems.error(path, getattr(data, "line", 1), f"{what} must be a YAML list of entries (`- name: ...`)")
        return []
    return list(zip(data, data.lines))


def _slug_field(reader: FieldReader, data, name: str) -> str:
    slug = reader.text(data, "slug") or slugify(name)
    if not _SLUG.match(slug):
        reader.error(data, "slug", f"slug {slug!r} may hold only a-z, 0-9 and single hyphens, at most 80 characters")
        slug = slugify(slug) or "x"
    return slug


class _Names:
    """Claims names for entries, reporting a name that two entries claim."""

    def __init__(self, reader: FieldReader, what: str):
        self.reader, self.what = reader, what
        self.owner: dict[str, tuple[str, int, int]] = {}  # key -> (canonical name, line, id of the entry)

    def claim(self, name: str, canonical: str, line: int, entry) -> bool:
        """`entry`, the claiming entry's mapping, tells two entries of one name apart (while loading,
        every entry is alive, so their ids differ)."""
        key = name_key(name)
        if not key:
            self.reader.problems.error(self.reader.path, line, f"{self.what} name {name!r} has no letters or digits")
            return False
        if key in self.owner and self.owner[key][2] != id(entry):
            other, other_line, _ = self.owner[key]
            whose = f"the {self.what} at line {other_line}" if other == canonical else \
                f"both {other!r} (line {other_line}) and {canonical!r}"
            self.reader.problems.error(
                self.reader.path, line,
                f"{name!r} names {whose}: a name or alias may belong to one {self.what} only")
            return False
        self.owner.setdefault(key, (canonical, line, id(entry)))
        return True


def _names_of(entry, name: str, slug: str, aliases) -> list[tuple[str, int]]:
    """Every name an entry answers to, with its line, once per name key."""
    named = [(name, entry.line_of("name")), (slug, entry.line_of("slug")), *aliases]
    return list({name_key(text): (text, line) for text, line in reversed(named)}.values())[::-1]


def _warn_if_empty(data, path: str, what: str, problems: Problems) -> None:
    if data is None or isinstance(data, LineList) and not data:
        problems.warn(path, 0, f"{what} is empty: every name will be reported as unknown")


def load_teams(data, path: str, problems: Problems, registry: Registry) -> None:
    _warn_if_empty(data, path, "teams.yaml", problems)
    reader = FieldReader(path, problems)
    names = _Names(reader, "team")
    for entry, line in _entries(data, path, "teams.yaml", problems):
        entry = reader.mapping(entry, "a team", line)
        if entry is None:
            continue
        reader.unknown_keys(entry, TEAM_KEYS, "a team")
        name = reader.text(entry, "name", required=True)
        if not name:
            continue
        if not slugify(name):
            reader.error(entry, "name", f"team name {name!r} has no letters or digits")
            continue
        slug = _slug_field(reader, entry, name)
        if slug in registry.teams:
            reader.error(entry, "slug", f"team slug {slug!r} is used by {registry.teams[slug].name!r} too")
            continue
        aliases = reader.text_items(entry, "aliases")
        colors = reader.text_list(entry, "colors")
        for color in colors:
            if not _COLOR.match(color):
                reader.error(entry, "colors", f"colour {color!r} must be written #rgb or #rrggbb")
        nicknames = _nicknames(reader, entry)
        for alias, line in _names_of(entry, name, slug, aliases):
            if names.claim(alias, name, line, entry):
                registry.team_names[name_key(alias)] = slug
        for _, nicks in nicknames:
            for nick in nicks:
                registry.nicknames.setdefault(name_key(nick), set()).add(slug)
        city, city_names = _city(reader, entry)
        registry.teams[slug] = Team(
            name=name, slug=slug, short=reader.text(entry, "short"), country=reader.text(entry, "country"),
            colors=tuple(c for c in colors if _COLOR.match(c)), aliases=tuple(a for a, _ in aliases),
            nicknames=nicknames, definite_articles=_articles(reader, entry), city=city, city_names=city_names,
            grounds=_grounds(reader, entry))


def team_lines(text: str) -> dict[str, int]:
    """The line of each team's `name` in teams.yaml text, by name key: for a message about a
    team made after the registry was read, when only the Team is at hand."""
    try:
        data = load(text)
    except (YamlSyntaxError, ValueError):
        return {}  # reported when the registry was read
    entries = data if isinstance(data, LineList) else []
    return {name_key(str(entry["name"])): entry.line_of("name") for entry in entries
            if isinstance(entry, LineDict) and isinstance(entry.get("name"), str)}


def _city(reader: FieldReader, entry) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """A team's `city: Bergamo`, or `city: {en: Turin, it: Torino}` where languages name it
    differently: its English name and its names in other languages."""
    if not isinstance(entry.get("city"), LineDict):
        return reader.text(entry, "city") or None, ()
    names = _by_language(reader, entry, "city", "en: Turin, it: Torino")
    english = [name for lang, name, _ in names if lang == "en"]
    if "en" not in entry["city"]:
        reader.error(entry, "city", "`city` written by language needs its English name too, like "
                                    "`{en: Turin, it: Torino}`")
    return (english[0] if english else None), tuple((lang, name) for lang, name, _ in names if lang != "en")


def _grounds(reader: FieldReader, entry) -> tuple[str, ...]:
    """A team's `grounds: [...]`: its home grounds, each once; two clubs may share one (San Siro)."""
    grounds: list[str] = []
    for ground, line in reader.text_items(entry, "grounds"):
        if not name_key(ground):
            reader.problems.error(reader.path, line, f"ground {ground!r} has no letters or digits")
        elif ground not in grounds:
            grounds.append(ground)
    return tuple(grounds)


def _articles(reader: FieldReader, entry) -> tuple[tuple[str, str], ...]:
    """A team's `article: {it: la}`: the article before its name in a sentence, by language."""
    found = []
    for lang, article, line in _by_language(reader, entry, "article", "it: la"):
        article = article.replace("\u2019", "'")
        allowed = ARTICLES.get(lang)
        if allowed and article not in allowed:
            reader.problems.error(reader.path, line, f"the {lang!r} article must be one of: {', '.join(allowed)}; "
                                                     f"got {article!r}")
        else:
            found.append((lang, article))
    return tuple(found)


def _nicknames(reader: FieldReader, entry) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = entry.get("nicknames")
    if value is None:
        return ()
    if isinstance(value, list):
        return (("", reader.text_list(entry, "nicknames")),)
    mapping = reader.mapping(value, "`nicknames`", entry.line_of("nicknames"))
    if mapping is None:
        return ()
    return tuple((str(lang), reader.text_list(mapping, lang)) for lang in sorted(mapping, key=str))


def load_competitions(data, path: str, problems: Problems, registry: Registry) -> None:
    _warn_if_empty(data, path, "competitions.yaml", problems)
    reader = FieldReader(path, problems)
    names = _Names(reader, "competition")
    for entry, line in _entries(data, path, "competitions.yaml", problems):
        entry = reader.mapping(entry, "a competition", line)
        if entry is None:
            continue
        reader.unknown_keys(entry, COMPETITION_KEYS, "a competition")
        name = reader.text(entry, "name", required=True)
        if not name:
            continue
        slug = _slug_field(reader, entry, name)
        if slug in registry.competitions:
            reader.error(entry, "slug", f"competition slug {slug!r} is used by "
                                        f"{registry.competitions[slug].name!r} too")
            continue
        aliases = reader.text_items(entry, "aliases")
        for alias, line in _names_of(entry, name, slug, aliases):
            if names.claim(alias, name, line, entry):
                registry.competition_names[name_key(alias)] = slug
        since: Season | None = reader.season(entry, "away_goals_from")
        until: Season | None = reader.season(entry, "away_goals_until")
        if since and until and since > until:
            reader.error(entry, "away_goals_from", f"away_goals_from ({since}) is after away_goals_until ({until})")
        registry.competitions[slug] = Competition(
            name=name, slug=slug, short=reader.text(entry, "short"), country=reader.text(entry, "country"),
            aliases=tuple(a for a, _ in aliases), stages=_stages(reader, entry), away_goals_since=since, away_goals_until=until,
            away_goals_in_extra_time=reader.boolean(entry, "away_goals_extra_time", True))


def _stages(reader: FieldReader, entry) -> tuple[Stage, ...]:
    stages: list[Stage] = []
    names = _Names(reader, "stage")
    for order, (item, line) in enumerate(_entries(entry.get("stages"), reader.path, "`stages`", reader.problems)):
        item = reader.mapping(item, "a stage", line)
        if item is None:
            continue
        reader.unknown_keys(item, STAGE_KEYS, "a stage")
        name = reader.text(item, "name", required=True)
        if not name:
            continue
        slug = _slug_field(reader, item, name)
        if any(stage.slug == slug for stage in stages):
            reader.error(item, "name", f"stage {name!r} is listed twice in this competition")
            continue
        aliases = reader.text_list(item, "aliases")
        for alias in (name, slug, *aliases):
            names.claim(alias, name, item.line_of("aliases") if alias in aliases else item.line_of("name"), item)
        local_names = _local_names(reader, item)
        for _, local in local_names:
            names.claim(local, name, item.line_of("names"), item)
        legs = reader.integer(item, "legs", (1, 2))
        knockout = reader.boolean(item, "knockout", legs is not None)
        if legs is not None and not knockout:
            reader.error(item, "legs", "`legs` is for knockout stages, and this one says `knockout: false`")
        if knockout and legs is None:
            legs = 2  # the common format; a final says `legs: 1`
        stages.append(Stage(name=name, slug=slug, order=order, knockout=knockout,
                            legs=legs if knockout else None, aliases=aliases, names=local_names))
    return tuple(stages)


_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _local_names(reader: FieldReader, item) -> tuple[tuple[str, str], ...]:
    """A stage's `names: {it: Ottavi di finale}`: its name in other languages, by language code."""
    return tuple((lang, local) for lang, local, _ in _by_language(reader, item, "names", "it: Ottavi di finale"))


def _by_language(reader: FieldReader, entry, key: str, example: str) -> list[tuple[str, str, int]]:
    """(language, text, line) of a `key: {it: ...}` mapping of language codes to text, by language."""
    value = entry.get(key)
    if value is None:
        return []
    what = "name" if key == "names" else key
    mapping = reader.mapping(value, f"`{key}` (a language code for each {what}, like `{example}`)", entry.line_of(key))
    if mapping is None:
        return []
    found = []
    for lang in sorted(mapping, key=str):
        if not isinstance(lang, str) or not _LANGUAGE.match(lang):
            reader.error(mapping, lang, f"`{key}` is keyed by language codes like it or en; got {lang!r}")
            continue
        text = reader.text(mapping, lang)
        if text:
            found.append((lang, text, reader.line(mapping, lang)))
    return found
