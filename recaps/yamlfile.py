"""YAML that remembers where each value came from.

Mappings load as `LineDict` and sequences as `LineList`; both know the 1-based
file line of each key or item, so validation can say `path:line: message`.
Timestamps stay strings (we parse dates ourselves, with line numbers), which
also avoids PyYAML's ValueError on impossible dates such as 2025-02-30. A
mistake is reported at its line with its fix (`yamlmistakes`), also when YAML
reads the text but not as the writer meant (`-Atalanta`, a key given twice).
"""
from __future__ import annotations

import re

import yaml

from .yamlmistakes import dash_without_space, explain, unused_label

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict with `line` (where it starts) and `lines[key]` (where each key is)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.comments: dict = {}  # key -> the comment after its unquoted one-line value

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
    rows: list[str] = []  # the text's lines
    commented: set[int] = set()  # the 0-based lines holding a '#'
    depth = 0  # collections being constructed, outermost first


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


class _Mistake(Exception):
    """Text YAML reads, but not as the writer meant: `line` is the file's (1-based)."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


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
        _check_plain(loader, key_node)
        _check_plain(loader, value_node)
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        try:
            hash(key)
        except TypeError:
            raise _Mistake(line, "a field's name must be plain text, not a list or a mapping") from None
        if index >= merged and key in written_keys:
            raise _Mistake(line, f"`{key}` is given twice (first on line {result.lines[key]}): "
                                        "keep one of them")
        if index >= merged:
            written_keys.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        comment = _comment_after(loader, value_node)
        if comment:
            result.comments[key] = comment
    loader.depth -= 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    _enter(loader, node)
    for child in node.value:
        _check_plain(loader, child)
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    loader.depth -= 1
    return result


def _check_plain(loader: _Loader, node: yaml.Node) -> None:
    """Unquoted text that YAML reads fine but the writer did not mean: a list item without the
    space after its '-', or a '- ' item read as more of the text above it (lined up wrongly)."""
    start, end = node.start_mark, node.end_mark
    if node.id != "scalar" or node.style or (start.line == end.line and not node.value.startswith("-")):
        return  # nearly every value: quoted, or on one line and not starting with '-'
    if not node.value:
        return
    rows = loader.rows
    first = rows[start.line]
    missing_space = dash_without_space(first) if node.value.startswith("-") else None
    if missing_space:
        raise _Mistake(start.line + 1 + loader.line_offset, missing_space)
    for number in range(start.line + 1, min(end.line, len(rows) - 1) + 1):
        if rows[number].lstrip(" ").startswith("- ") or rows[number].strip() == "-":
            where, shown = start.line + 1 + loader.line_offset, number + 1 + loader.line_offset
            dash = first.rfind("-", 0, start.column)
            if dash >= 0 and not first[dash + 1:start.column].strip():  # the text is a list item's
                raise _Mistake(shown, f"this list item is not lined up with the one on line {where}, so it is "
                                      f"read as more of that item's text: indent its '-' by {dash} spaces, like "
                                      "that one's")
            raise _Mistake(where, f"this line is read as text, and the '- ' item on line {shown} as more of it: "
                                  "start every item of a list with '- '")


def _comment_after(loader: _Loader, node: yaml.Node) -> str:
    """The comment after a one-line unquoted value (`title: Match #3` is read as "Match")."""
    line = node.end_mark.line
    if line not in loader.commented or node.id != "scalar" or node.style or line != node.start_mark.line:
        return ""
    row = loader.rows[line]
    rest = row[node.end_mark.column:]
    return rest.strip() if rest.lstrip().startswith("#") and (not node.value or rest[:1] in " \t") else ""


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
    loader.rows = text.split("\n")
    loader.commented = {number for number, row in enumerate(loader.rows) if "#" in row} if "#" in text else set()
    try:
        data = loader.get_single_data()
    except _TooDeep as exc:
        raise YamlSyntaxError(exc.line + 1 + line_offset, "invalid YAML: nested too deeply") from None
    except _Mistake as exc:
        raise YamlSyntaxError(exc.line, f"invalid YAML: {exc.message}") from None
    except (yaml.YAMLError, RecursionError) as exc:  # a parser's own limit may come first
        deep = _too_deep_at(text)
        if deep is not None:
            raise YamlSyntaxError(deep + 1 + line_offset, "invalid YAML: nested too deeply") from None
        _raise_syntax_error(exc, text, line_offset)
    except ValueError as exc:  # a number too long to convert, and the like
        raise YamlSyntaxError(line_offset + 1, f"invalid YAML: a value cannot be read ({exc}): if it is text, "
                                               "put it in quotes") from None
    finally:
        loader.dispose()
    label = unused_label(text) if "&" in text else None
    if label:
        raise YamlSyntaxError(label[0] + 1 + line_offset, f"invalid YAML: {label[1]}")
    return data


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


def _raise_syntax_error(exc: Exception, text: str, line_offset: int):
    if isinstance(exc, yaml.MarkedYAMLError):
        line, message = explain(exc, text, line_offset + 1)
        raise YamlSyntaxError(line + 1 + line_offset, f"invalid YAML: {message}") from None
    raise YamlSyntaxError(line_offset + 1, f"invalid YAML ({exc}): check the quotes, colons and indentation") from None


_FENCE = re.compile(r"^---[ \t]*$")
# `--`, `-----`, or a dash a word processor made of hyphens: meant as the closing `---`
_NEAR_FENCE = re.compile(r"^(?:-{2}|-{4,}|[\u2012-\u2015\u2212]+)[ \t]*$")
_YAML_LINE = re.compile(r"^(?:[ \t]|- |-$|#|[\w-]+:(?:[ \t]|$))")  # a field's name is one word


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
    for index in range(1, len(lines)):
        if _NEAR_FENCE.match(lines[index]):
            raise YamlSyntaxError(index + 1, "this line should close the front matter opened on line 1: write "
                                             "it as exactly three hyphens, '---'")
        if lines[index].strip() and not _YAML_LINE.match(lines[index]):
            raise YamlSyntaxError(index + 1, "the front matter opened with '---' on line 1 is never closed: "
                                             "add a line '---' after its last field, above this line")
    raise YamlSyntaxError(1, "the front matter opened with '---' on line 1 is never closed: add a line '---' "
                             "after its last field")


def missing_opening_fence(text: str) -> int | None:
    """The line of a '---' that closes front matter never opened (the file starts with fields), if any."""
    lines = text.split("\n")
    if not lines or not _YAML_LINE.match(lines[0]) or lines[0][:1] in " \t-#":
        return None
    for index, line in enumerate(lines[1:], 2):
        if _FENCE.match(line):
            return index
        if line.strip() and not _YAML_LINE.match(line):
            return None
    return None


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
