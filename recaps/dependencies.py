"""The dependency map: the inputs each planned output reads, and so the outputs a build
must render again.

An input is named by a key:

    config                the site's settings (config.yaml with --base-url and --drafts applied)
    template:<name>       a template, with every template it extends, includes or imports
    recap:<slug>          a recap: its front matter and its body (or its card, what a list shows)
    match:<id>            a result, as the recaps that report it give it
    tie:<id>              a tie: its legs and how it was settled
    team:<slug>           a team, as teams.yaml gives it (or the recaps, for a team it lacks)
    competition:<slug>    a competition with its stages, as competitions.yaml gives it

An output reads its template, the config, and every recap, match, tie, team and competition
its view holds, directly or inside another value (a card holds the matches it shows, a match
its teams); a competition season's page reads the season's matches and ties. An input's digest
is worked out from its content, once per build (`Inputs`), or taken from the build before
when the value is equal to the one digested there (the preview's rebuilds). An output's key hashes its URL,
template, language and view, each input in the view standing as its digest: equal keys mean
equal bytes, so a build renders only the outputs whose key is not the one written last
(`DependencyMap.changed`), and `DependencyMap.reading` names the outputs that read given
inputs. Outputs made of plain data (the open data files, the sitemap, robots.txt) are keyed by
that data, and read no input.

Keys are stable across processes (no object identities, no hash-ordered sets), so a build can
keep them in its cache for the next one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import operator
import pickle
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import Article, Competition, Match, Team, Text, Tie
from .pages import Page
from .views import ArticleCard

# The values that are inputs (or, a recap's card, show one): the kind of input each is, and what
# names it in a site.
ENTITIES: dict[type, tuple[str, Callable]] = {
    Article: ("recap", operator.attrgetter("slug")),
    ArticleCard: ("recap", operator.attrgetter("slug")),
    Match: ("match", operator.attrgetter("id")),
    Tie: ("tie", operator.attrgetter("id")),
    Team: ("team", operator.attrgetter("slug")),
    Competition: ("competition", operator.attrgetter("slug")),
}
CONFIG = "config"
# Values kept as they are in a view's pickle: no call per value (most of a view's).
_LEAVES = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, bytes})
_FIELDS: dict = {}  # a dataclass's fields, read at once; None: not one


def template_key(name: str) -> str:
    return f"template:{name}"


def input_key(value) -> str | None:
    """The key of the input `value` is, or None when it is not one.

    >>> input_key(Team(name="Atalanta", slug="atalanta")), input_key("Atalanta")
    ('team:atalanta', None)
    """
    found = ENTITIES.get(type(value))
    return None if found is None else f"{found[0]}:{found[1](value)}"


def stable_pickle(value) -> bytes:
    """`value` pickled by value alone: without pickle's memo, two equal values give the same bytes
    even when one shares a string where the other holds two equal ones (a cached parse and a new one)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


@dataclass
class Digested:
    """What one build's `Inputs` worked out, for the next build's: by (class, name), each
    input's value, digest and the inputs it reads; by URL, each output's config, template and
    language digests, view, key and the inputs it reads."""

    inputs: dict[tuple[type, str], tuple[object, bytes, frozenset[str]]] = field(default_factory=dict)
    outputs: dict[str, tuple[tuple, dict, str, frozenset[str]]] = field(default_factory=dict)


class Inputs:
    """The digests of one build's inputs, each worked out from its content when first asked for.

    `config_digest` and `template_digest(name)` give those of the config and of a template with
    the templates it uses, `templates_used(name)` the names of those. `previous`: the `digested`
    of the build before, whose digests stand for the values equal to those it digested, and
    whose keys for the outputs of the same URL, template, language, config and view (compared
    by ==, which tells apart strings, bodies, dates, tuples and values of other classes; the
    readers give a number field ints alone, so 1 == 1.0 == True never passes for one value
    where another was)."""

    def __init__(self, config_digest: bytes, template_digest: Callable[[str], bytes],
                 templates_used: Callable[[str], Iterable[str]] = lambda name: (name,),
                 previous: Digested | None = None):
        self.config_digest = config_digest
        self.template_digest = template_digest
        self._templates: dict[str, tuple[bytes, frozenset[str]]] = {}  # name -> digest, keys of those it uses
        self._templates_used = templates_used
        # (type, name) -> (the value digested, its digest, the inputs it reads): within one site a name
        # is one value's, so a value seen again is not digested again (found by `is`; an equal one
        # under the same name is digested on its own)
        self.digested = Digested()
        self._previous = previous or Digested()

    def output_key(self, page: Page) -> tuple[str, frozenset[str]]:
        """The output's key and the inputs it reads."""
        if "." in page.template:  # a Jinja template, not a format of output.FORMATS
            if page.template not in self._templates:
                self._templates[page.template] = (self.template_digest(page.template), frozenset(
                    map(template_key, self._templates_used(page.template))))
            template_digest, templates = self._templates[page.template]
        else:
            template_digest, templates = page.template.encode(), frozenset()
        made_from = (self.config_digest, page.template, template_digest, page.lang)
        before = self._previous.outputs.get(page.url)
        if before is not None and before[0] == made_from and before[1] == page.view:
            key, reads = before[2], before[3]
        else:
            key, reads = self._output_key(page, template_digest, templates)
        self.digested.outputs[page.url] = (made_from, page.view, key, reads)
        return key, reads

    def _output_key(self, page: Page, template_digest: bytes, templates: frozenset[str]) -> tuple[str, frozenset[str]]:
        reads: set[str] = set(templates)
        view = self._walk(page.view, reads)
        digest = hashlib.blake2b(self.config_digest, digest_size=16)
        digest.update(template_digest)
        digest.update(stable_pickle((page.url, page.template, page.lang, view)))
        reads.add(CONFIG)
        return digest.hexdigest(), frozenset(reads)

    def keep(self, read: set[str]) -> None:
        """Keep for the next build the digests of the build before of the inputs in `read` that
        this one did not need to digest (the outputs that hold them took their keys from it)."""
        for (kind, name), entry in self._previous.inputs.items():
            if (kind, name) not in self.digested.inputs and f"{ENTITIES[kind][0]}:{name}" in read:
                self.digested.inputs[kind, name] = entry

    def digest(self, value) -> tuple[bytes, frozenset[str]]:
        """An input's digest, and the keys of the inputs it reads: its own and those inside it (the
        teams of a match)."""
        kind = type(value)
        name = ENTITIES[kind][1](value)
        known = self.digested.inputs.get((kind, name))
        if known is not None and known[0] is value:
            return known[1], known[2]
        if known is None:
            before = self._previous.inputs.get((kind, name))
            if before is not None and before[0] == value:
                self.digested.inputs[kind, name] = (value, before[1], before[2])
                return before[1], before[2]
        reads = {f"{ENTITIES[kind][0]}:{name}"}
        state = (kind.__qualname__, self._fields(value, reads))
        found = (value, hashlib.blake2b(stable_pickle(state), digest_size=16).digest(), frozenset(reads))
        self.digested.inputs.setdefault((kind, name), found)
        return found[1], found[2]

    def _walk(self, value, reads: set[str]):
        """`value` with each input in it replaced by its digest (its key noted in `reads`), and
        every other dataclass by its class name and fields; anything else stays as it is, for the
        pickle to hold whole. A dataclass is never pickled itself: pickling reads its `__dict__`,
        which Python 3.11 then makes for good (about 700 bytes a value)."""
        kind = type(value)
        if kind in _LEAVES:
            return value
        if kind in ENTITIES:
            digest, inside = self.digest(value)
            reads |= inside
            return digest
        if kind is dict:
            return {key: item if type(item) in _LEAVES else self._walk(item, reads) for key, item in value.items()}
        if kind is list or kind is tuple:
            return kind.__name__, [item if type(item) in _LEAVES else self._walk(item, reads) for item in value]
        if kind is Text:
            return value.key
        if _fields_of(kind) is not None:
            return kind.__qualname__, self._fields(value, reads)
        return value

    def _fields(self, value, reads: set[str]) -> list:
        return [item if type(item) in _LEAVES else self._walk(item, reads) for item in _fields_of(type(value))(value)]


def _fields_of(kind: type):
    """What reads a dataclass's fields, in their order, as a tuple; None for any other type."""
    if kind not in _FIELDS:
        names = [field.name for field in dataclasses.fields(kind)] if dataclasses.is_dataclass(kind) else None
        if names is None:
            _FIELDS[kind] = None
        elif len(names) > 1:
            _FIELDS[kind] = operator.attrgetter(*names)
        else:  # attrgetter of one name gives the value alone, of none is refused
            _FIELDS[kind] = lambda value, names=tuple(names): tuple(getattr(value, name) for name in names)
    return _FIELDS[kind]


@dataclass
class DependencyMap:
    """Each planned output's key and the inputs it reads, by URL."""

    keys: dict[str, str]
    reads: dict[str, frozenset[str]]

    @classmethod
    def of(cls, pages: Iterable[Page], inputs: Inputs) -> "DependencyMap":
        """The map of `pages`, their inputs' digests from `inputs`."""
        keys, reads = {}, {}
        for page in pages:
            keys[page.url], reads[page.url] = inputs.output_key(page)
        inputs.keep(set().union(*reads.values()))
        return cls(keys, reads)

    def changed(self, written: dict[str, str]) -> list[str]:
        """The outputs whose key is not the one `written` (URL -> key of the file there) holds."""
        return [url for url, key in self.keys.items() if written.get(url) != key]

    def reading(self, inputs: Iterable[str]) -> set[str]:
        """The outputs that read any of `inputs` (keys)."""
        wanted = set(inputs)
        return {url for url, reads in self.reads.items() if not wanted.isdisjoint(reads)}
