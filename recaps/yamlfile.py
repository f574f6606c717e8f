"""YAML that remembers where each value came from.

Mappings load as `LineDict` and sequences as `LineList`; both know the 1-based
file line of each key or item, so validation can say `path:line: message`.
Timestamps stay strings (we parse dates ourselves, with line numbers), which
also avoids PyYAML's ValueError on impossible dates such as 2025-02-30.
"""
from __future__ import annotations

import re

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict with `line` (where it starts) and `lines[key]` (where each key is)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list with `line` (where it starts) and `lines[i]` (where item i is)."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


MAX_DEPTH = 100  # far beyond any real front matter or registry, far below any parser's own limit


class _Loader(_BaseLoader):
    line_offset = 0
    depth = 0  # collections being constructed, outermost first


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def _enter(loader: _Loader, node: yaml.Node) -> None:
    loader.depth += 1
    if loader.depth > MAX_DEPTH:
        raise _TooDeep(node.start_mark.line)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    _enter(loader, node)
    written = sum(key_node.tag != "tag:yaml.org,2002:merge" for key_node, _ in node.value)
    loader.flatten_mapping(node)
    merged = len(node.value) - written  # `<<: *anchor` pairs come first; a key written here overrides them
    result, written_keys = LineDict(), set()
    result.line = node.start_mark.line + 1 + loader.line_offset
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark)
        if index >= merged and key in written_keys:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        if index >= merged:
            written_keys.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    loader.depth -= 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    _enter(loader, node)
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    loader.depth -= 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)

# YAML 1.1 reads 2:1 as the base-60 number 121: scores and times stay text here.
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def _construct_number(loader: _Loader, node: yaml.ScalarNode):
    if _SEXAGESIMAL.match(node.value):
        return node.value
    if node.tag.endswith(":int"):
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load(text: str, line_offset: int = 0):
    """Parse YAML text; lines reported are shifted by `line_offset`.

    >>> data = load("a: 1\\nb: [x, y]\\n")
    >>> data["b"], data.line_of("b")
    (['x', 'y'], 2)
    """
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except _TooDeep as exc:
        raise YamlSyntaxError(exc.line + 1 + line_offset, "invalid YAML: nested too deeply") from None
    except (yaml.YAMLError, RecursionError) as exc:  # a parser's own limit may come first
        deep = _too_deep_at(text)
        if deep is not None:
            raise YamlSyntaxError(deep + 1 + line_offset, "invalid YAML: nested too deeply") from None
        _raise_syntax_error(exc, text, line_offset)
    except ValueError as exc:  # a number too long to convert, and the like
        raise YamlSyntaxError(line_offset + 1, f"invalid YAML value: {exc}") from None
    finally:
        loader.dispose()


def _too_deep_at(text: str) -> int | None:
    """The 0-based line where collections nest deeper than MAX_DEPTH, if they do.

    Our own limit, checked on the event stream, so the message and its line do not
    depend on where a PyYAML release hits its recursion or nesting limit.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # libyaml may stop at its own limit first
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, RecursionError):
        pass
    return None


_UNQUOTED_COLOUR = re.compile(r"[\[,{]\s*#[0-9a-zA-Z]{3,6}\b")  # [#0a3d91]: YAML reads a comment there


def _raise_syntax_error(exc: Exception, text: str, line_offset: int):
    if isinstance(exc, yaml.MarkedYAMLError):
        last_line = text.rstrip("\n").count("\n")  # 0-based
        mark = exc.problem_mark
        if mark is None or (mark.line > last_line and exc.context_mark is not None):
            mark = exc.context_mark  # stopped at the end of the text: point where the open thing began
        line = min(mark.line, last_line) + 1 + line_offset if mark else line_offset + 1
        parts = (exc.problem, exc.context)
        if str(exc.problem or "").startswith("but "):  # "expected a single document ... but found another"
            parts = (exc.context, exc.problem)
        message = " ".join(str(part) for part in parts if part)
        near = text.split("\n")[max(mark.line - 1, 0):mark.line + 1] if mark else []
        if any(_UNQUOTED_COLOUR.search(row) for row in near):
            message += " (a # starts a comment in YAML: write a colour in quotes, like '#0a3d91')"
        raise YamlSyntaxError(line, f"invalid YAML: {message or exc}") from None
    raise YamlSyntaxError(line_offset + 1, f"invalid YAML: {exc}") from None


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Split `---` front matter from a Markdown body.

    Returns (front matter or None, its first line number, body, body's first line).
    """
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise YamlSyntaxError(1, "front matter opened with '---' is never closed: add a line '---' after it")


class _Dumper(yaml.SafeDumper):
    """Block style for mappings and lists of mappings, flow style for short lists of names."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_list(dumper: yaml.SafeDumper, value: list):
    flow = all(isinstance(item, (str, int)) and not isinstance(item, bool) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def dump_front_matter(front: dict, body: str) -> str:
    """A Markdown file: `front` as YAML between `---` lines, then `body`.

    Keys keep their order; text that YAML would read as something else (a date,
    a number, `yes`) is quoted, so `load` gives back exactly what was written.

    >>> text = dump_front_matter({"title": "Atalanta 1–3 Club Brugge", "date": "2025-02-18",
    ...                           "teams": ["Milan", "Inter"], "matches": [{"home": "A", "score": "1-3"}]}, "Body.\\n")
    >>> print(text, end="")
    ---
    title: Atalanta 1–3 Club Brugge
    date: '2025-02-18'
    teams: [Milan, Inter]
    matches:
      - home: A
        score: 1-3
    ---
    Body.
    >>> front, line, body, _ = split_front_matter(text)
    >>> load(front)["date"], body
    ('2025-02-18', 'Body.\\n')
    """
    text = yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100000, indent=2)
    return f"---\n{text}---\n{body}"
