"""YAML mistakes in a writer's words: which line holds the mistake, and how to fix it.

PyYAML (and libyaml, whose messages differ) report where the parser gave up, in its own
terms ("mapping values are not allowed here", "expected <block end>"). That place is often
a line below the mistake, and the terms mean nothing to someone writing a recap. `explain`
looks at the text around the parser's marks and names the common mistakes: text holding
": " or starting with a character YAML reserves, a quote or bracket never closed, a tab,
lines not lined up, a field without its space or colon. Anything else still gets a
plain-words hint beside the parser's own words.
"""
from __future__ import annotations

import re

import yaml

# A line's indent, an optional run of "- " list marks, an optional `key:` and the value after it.
_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[^\s#'\"\[{][^:#]*?|'[^']*'|\"[^\"]*\")"
                   r":(?=\s|$) *)?(?P<value>.*)$")
_MISSING_SPACE = re.compile(r"^ *(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?P<value>\S.*)$")
_RESERVED = {"*": "reads as a reference to another value", "&": "reads as a name for the value",
             "!": "reads as a type", "@": "keeps for itself", "`": "keeps for itself", "%": "reads as a directive",
             "|": "reads as the start of a block of text", ">": "reads as the start of a block of text",
             "?": "reads as a key", "-": "reads as a list item", "]": "reads as the end of a list",
             "}": "reads as the end of a mapping"}
_UNQUOTED_COLOUR = re.compile(r"[\[,{]\s*#[0-9a-zA-Z]{3,6}\b")  # [#0a3d91]: YAML reads a comment there


class _Line:
    """One line of the text, split the way a writer sees it: `key: value` or `- value`."""

    def __init__(self, text: str, number: int, first_line: int):
        self.text = text
        self.number = number  # 0-based, in the text
        self.shown = number + first_line  # 1-based, in the file
        found = _LINE.match(text.rstrip())
        self.indent = len(found.group("indent"))
        self.is_item = bool(found.group("dashes"))
        key = found.group("key")
        self.key = key.strip().strip("'\"") if key is not None else None  # None: no `key:` on the line
        self.value = found.group("value")
        self.value_column = found.start("value")
        self.key_column = found.start("key") if self.key is not None else None

    @property
    def blank(self) -> bool:
        stripped = self.text.strip()
        return not stripped or stripped.startswith("#")

    @property
    def what(self) -> str:
        """What the value is, for a message: "the title", "this item", "the value"."""
        if self.key is not None:
            return f"the {self.key}"
        return "this item" if self.is_item else "the text"

    def quoted(self) -> str:
        """The line as it should be written: its value in quotes."""
        value = self.value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        return self.text[:self.value_column].strip() + " " + quoted(value)


def quoted(text: str) -> str:
    """`text` in YAML quotes: double quotes, or single ones when it holds a double quote or a backslash.

    >>> print(quoted("Brugge win: 3-1"), quoted('"Dea" wins'))
    "Brugge win: 3-1" '"Dea" wins'
    """
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def explain(error: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int, str]:
    """(0-based line in `text`, message) for a YAML error in `text`: the line of the mistake and
    its fix. `first_line` is the file's line number of the text's first line, for messages
    that name another line.

    >>> line, message = explain(_error("title: Brugge win: 3-1\\n"), "title: Brugge win: 3-1\\n")
    >>> line, message[:37], message[message.index("like"):]
    (0, 'the title holds ": ", which YAML read', 'like title: "Brugge win: 3-1"')
    """
    lines = [_Line(row, number, first_line) for number, row in enumerate(text.split("\n"))]
    last = max(len(lines) - 1, 0)
    while last > 0 and lines[last].blank:
        last -= 1
    problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if problem is None and context is None:
        return 0, f"{error}: check the quotes, colons and indentation"
    at = min((problem or context).line, last)
    words = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}".lower()
    found = (_colour(lines, at) or _tab(lines, at, words) or _dash_without_space(lines, at)
             or _unclosed_quote(lines, at, context, words) or _unclosed_bracket(lines, at, context, words)
             or _reserved_start(lines, problem, context) or _second_document(lines, at, words)
             or _closed_early(lines, at, problem, words) or _simple_key(lines, context, words)
             or _colon(lines, at, problem, words) or _misaligned(lines, at))
    if found:
        return found
    return at, (f"the parser says {words.strip()!r}: check this line's indentation against the lines above, "
                "and put text holding : # [ { or quotes in quotes")


def _colour(lines: list[_Line], at: int) -> tuple[int, str] | None:
    """`colors: [#0a3d91]`: the # starts a comment, which leaves the list open."""
    for line in lines[:at + 1]:
        if _UNQUOTED_COLOUR.search(line.text):
            return line.number, "a # starts a comment in YAML: write a colour in quotes, like '#0a3d91'"
    return None


def _tab(lines: list[_Line], at: int, words: str) -> tuple[int, str] | None:
    """A tab in the indent of a line up to the parser's mark (YAML indents with spaces only)."""
    for line in lines[:at + 1]:
        indent = line.text[:len(line.text) - len(line.text.lstrip(" \t"))]
        if "\t" in indent and not line.blank:
            return line.number, "this line is indented with a tab: indent with spaces, not tabs"
    row = lines[at].text
    if "\t" in row and "tab" in words:
        return at, f"a tab at column {row.index(chr(9)) + 1}: write spaces, not tabs"
    return None


_DASH_WITHOUT_SPACE = re.compile(r"^ *-[^\s\d.-]")


def dash_without_space(row: str) -> str | None:
    """What to tell of a line like `-home: A`, meant as the list item `- home: A`, or None.

    >>> dash_without_space("  -Atalanta"), dash_without_space("  - Atalanta"), dash_without_space("score: -1")
    ("a space is missing after the '-' of a list item: write '- Atalanta'", None, None)
    """
    if not _DASH_WITHOUT_SPACE.match(row):
        return None
    return f"a space is missing after the '-' of a list item: write '- {row.strip()[1:]}'"


def _dash_without_space(lines: list[_Line], at: int) -> tuple[int, str] | None:
    """`-home: A` above the parser's mark: YAML reads a field named "-home", and stumbles on the lines below."""
    for line in lines[:at + 1]:
        message = dash_without_space(line.text)
        if message:
            return line.number, message
    return None


def _quote_closes(value: str) -> bool:
    """Whether a value that opens with a quote closes it on its line."""
    quote, rest = value[0], value[1:]
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None


def _unclosed_quote(lines: list[_Line], at: int, context, words: str) -> tuple[int, str] | None:
    """A quote opened on a line and not closed there: where it opened (the parser stops lines below)."""
    start = context.line if context is not None and "quoted scalar" in words else None
    candidates = [lines[start]] if start is not None else lines[:at + 1]
    for line in candidates:
        value = line.value.strip()
        if value[:1] in ("'", '"') and not _quote_closes(value):
            quote = value[0]
            other = "'" if quote == '"' else '"'
            return line.number, (f"the {quote} that opens {line.what} is never closed: end it with {quote} on this "
                                 f"line (or, if the {quote} is part of the text, put the text in {other} quotes)")
    if start is not None:
        quote = lines[start].text[context.column:context.column + 1]
        return start, (f"the {quote} at column {context.column + 1} is never closed: end the text it opens with "
                       f"{quote} on this line")
    return None


def _open_bracket(text: str) -> int | None:
    """The column of the first [ or { the line leaves open, if any (quotes not counted)."""
    stack = []
    for column, char in enumerate(text):
        if char in "[{":
            stack.append(column)
        elif char in "]}" and stack:
            stack.pop()
    return stack[0] if stack else None


def _unclosed_bracket(lines: list[_Line], at: int, context, words: str) -> tuple[int, str] | None:
    """A [ or { that a line leaves open, up to the parser's mark (it stops where the list ran into
    the next field)."""
    if context is None or "flow" not in words:
        return None
    for line in lines[:at + 1]:
        column = _open_bracket(line.text) if not line.blank else None
        if column is not None:
            break
    else:
        return None
    opened = line.text[column]
    closer, kind = ("}", "mapping") if opened == "{" else ("]", "list")
    return line.number, (f"the {opened} that opens a {kind} here is never closed: end the {kind} with {closer} "
                         f"on this line (or, if the {opened} is part of the text, put the text in quotes)")


def unused_label(text: str) -> tuple[int, str] | None:
    """A value starting with `&name` that nothing refers to: YAML takes `&Bayern` for a label
    and keeps only the words after it (`title: &Bayern through` is read as "through"), so such a
    label is a mistake. Labels used by a `*name` elsewhere are meant, and stay allowed."""
    labels: dict[str, int] = {}
    used: set[str] = set()
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.AliasEvent):
            used.add(event.anchor)
        elif getattr(event, "anchor", None) is not None:
            labels.setdefault(event.anchor, event.start_mark.line)
    unused = sorted((line, name) for name, line in labels.items() if name not in used)
    if not unused:
        return None
    number, name = unused[0]
    line = _Line(text.split("\n")[number], number, 1)
    return number, (f"{line.what} starts with &{name}, which YAML reads as a name for the value, not as text, "
                    f"and keeps only what follows it: put {line.what} in quotes, like {line.quoted()}")


def _reserved_start(lines: list[_Line], problem, context) -> tuple[int, str] | None:
    """A value starting with a character YAML reserves (`*`, `@`, a backtick...): the parser
    marks the value's first character."""
    for mark in (context, problem):
        if mark is None or mark.line >= len(lines):
            continue
        line = lines[mark.line]
        char = line.text[mark.column:mark.column + 1]
        if char not in _RESERVED:
            continue
        if mark.column == line.value_column and line.key is not None and line.value.startswith("- "):
            return line.number, (f"a '- ' list item cannot start on the line of `{line.key}:`: start it on the "
                                 f"next line, indented; or, if it is text, put it in quotes, like {line.quoted()}")
        if mark.column == line.value_column and (line.key is not None or char != "-"):
            return line.number, (f"{line.what} starts with {char}, which YAML {_RESERVED[char]}: "
                                 f"put {line.what} in quotes, like {line.quoted()}")
        if char != "-" and not line.text[:mark.column].strip(" -[{,"):  # where a name or an item starts
            return line.number, (f"this line has a {char} (column {mark.column + 1}) where YAML {_RESERVED[char]}: "
                                 "remove it, or put the text in quotes")
    return None


def _second_document(lines: list[_Line], at: int, words: str) -> tuple[int, str] | None:
    if "document" not in words:
        return None
    for line in lines[:at + 1]:
        if line.number and line.text.rstrip() in ("---", "..."):
            return line.number, f"a line '{line.text.rstrip()}' here ends the fields above it: remove it"
    return at, "the file holds more than one YAML document: remove the '---' lines between them"


def _closed_early(lines: list[_Line], at: int, problem, words: str) -> tuple[int, str] | None:
    """Text after a closing quote or bracket on the same line: `title: 'Dea's night'`, `title: [Preview] x`."""
    if problem is None or "mapping values" in words or "mapping keys" in words:
        return None
    line = lines[at]
    value = line.value.strip()
    if not value or problem.column <= line.value_column:
        return None
    if value[0] == "'":
        return at, (f"the ' inside {line.what} ends its quotes early: inside '...' write a ' as '', or put "
                    f"{line.what} in double quotes, like {line.quoted()}")
    if value[0] == '"':
        return at, (f"{line.what} goes on after its closing quote: put all of {line.what} in quotes, "
                    f"like {line.quoted()}")
    if value[0] in "[{":
        opened, closed = line.value_column + line.value.index(value[0]), _closing(line.text, line.value_column)
        kind, closer = ("list", "]") if value[0] == "[" else ("mapping", "}")
        if closed is None or problem.column <= closed:
            part = "item" if kind == "list" else "value"
            return at, (f"the {kind} that starts at column {opened + 1} cannot be read at column "
                        f"{problem.column + 1}: put any {part} holding : # [ ] {{ }} or quotes in quotes, and "
                        f"separate the {part}s with one comma")
        if closed == len(line.text.rstrip()) - 1:
            return None
        return at, (f"{line.what} starts with {value[0]}, which YAML reads as the start of a {kind}, and goes on "
                    f"after the {closer} that ends it: if it is text, put all of it in quotes, like {line.quoted()}; "
                    f"if it is a {kind}, keep all of it inside the {value[0]} {closer}")
    return None


def _closing(text: str, start: int) -> int | None:
    """The column of the bracket that closes the one at or after `start`, if the line closes it."""
    depth = 0
    for column in range(start, len(text)):
        if text[column] in "[{":
            depth += 1
        elif text[column] in "]}":
            depth -= 1
            if depth == 0:
                return column
    return None


def _previous(lines: list[_Line], at: int) -> _Line | None:
    for line in reversed(lines[:at]):
        if not line.blank:
            return line
    return None


def _not_a_field(line: _Line) -> tuple[int, str]:
    """A line meant as `name: value` without its ': '."""
    missing = _MISSING_SPACE.match(line.text.rstrip())
    if missing:
        return line.number, (f"a space is missing after `{missing.group('key')}:`: write "
                             f"'{missing.group('key')}: {missing.group('value')}'")
    return line.number, ("this line is not a field: write it as `name: value` (a colon and a space after the "
                         "name), or, if it goes on from the line above, join it to that line")


def _simple_key(lines: list[_Line], context, words: str) -> tuple[int, str] | None:
    """libyaml's "could not find expected ':'": the line where a field's name began has no ': '."""
    if context is None or "simple key" not in words or context.line >= len(lines):
        return None
    return _not_a_field(lines[context.line])


def _colon(lines: list[_Line], at: int, problem, words: str) -> tuple[int, str] | None:
    """"mapping values are not allowed": a ": " inside a value, or a field not split from the line above."""
    if problem is None or "mapping values" not in words:
        return None
    line = lines[at]
    if line.key is not None and problem.column > line.value_column:  # a second ": " on a `key: value` line
        return at, (f'{line.what} holds ": ", which YAML reads as the start of another field: put {line.what} '
                    f"in quotes, like {line.quoted()}")
    if line.key is None and line.is_item:
        return at, (f'{line.what} holds ": ", which YAML reads as a field: put the item in quotes, '
                    f"like {line.quoted()}")
    above = _previous(lines, at)
    if above is None:
        return None
    if above.key is None and (above.indent <= line.indent if not above.is_item else above.indent < line.indent):
        return _not_a_field(above)
    return _misaligned(lines, at)


def _misaligned(lines: list[_Line], at: int) -> tuple[int, str] | None:
    """A field or list item not lined up with the ones it belongs with.

    The lines above that it can line up with are those less indented than every line
    between them and it (the blocks still open); it should start where one of them does.
    """
    line = lines[at]
    if line.blank or (line.key is None and not line.is_item):
        return None
    column = line.indent if line.is_item else line.key_column
    items, keys = [], []  # (column, line) of the open lines above, nearest first
    lowest = len(line.text) + 1
    for above in reversed(lines[:at]):
        if above.blank or above.indent > lowest:
            continue
        lowest = above.indent
        if above.is_item:
            items.append((above.indent, above))
        if above.key is not None:
            keys.append((above.key_column, above))
    if line.is_item:
        if not items or any(found == column for found, _ in items):
            return None
        found, above = min(items, key=lambda item: abs(item[0] - column))
        return at, (f"this list item is not lined up with the one on line {above.shown}: indent its '-' by "
                    f"{found} spaces, like that one's")
    if any(found == column for found, _ in keys):
        return None
    for found, above in items:
        if found == column:
            given = next(((key_column, item) for key_column, item in keys if item is above), None)
            if given is None and column == 0:  # a stray '- ' before a field at the top: fields are no list
                return above.number, ("this line starts with '- ', which makes the fields a list: remove the '- ' "
                                      "and write the field as `name: value`")
            fix = (f"indent it like `{given[1].key}` ({given[0]} spaces) to give it to that item, or "
                   if given else "")
            return at, (f"`{line.key}` is lined up with the '-' of the list item on line {above.shown}: {fix}"
                        "start it with '- ' to make it an item of its own")
    if not keys:
        return None
    found, above = min(keys, key=lambda key: abs(key[0] - column))
    if column > found and not above.value.strip():
        return None  # nested under a field with no value: fine
    return at, (f"`{line.key}` is not lined up with `{above.key}` on line {above.shown}: indent it by {found} "
                f"spaces, like `{above.key}`")


def _error(text: str) -> yaml.MarkedYAMLError:
    """The error PyYAML raises for `text` (for examples)."""
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        return exc
    raise ValueError("valid YAML")
