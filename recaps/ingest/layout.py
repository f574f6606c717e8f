"""The shape of a raw recap: a metadata line, paragraphs, headings and sentences.

Raw recaps are plain text: one paragraph per line or per blank-line-separated
block, subheadings as short lines without closing punctuation, and sometimes a
leading `date YYYY-MM-DD` that belongs in the front matter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_METADATA = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_CLOSING = ".!?…:;,\"”»’'"
_MARKDOWN_START = re.compile(r"^(?:#|>|[-*+]\s|\d+[.)]\s|=+\s*$|-{3,}\s*$|`{3}|~{3}|\|)")
# A sentence ends at . ! ? … followed by a space and a capital, a digit or a quote;
# not after a lone capital (an initial) or a common abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“«(]?[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|(?:^|\s)\d|\bSt|\bMr|\bMrs|\bDr|\bvs|\bv|\bno|\bsig|\bdott|\ba\.e\.t|\bd\.c\.r|\bd\.t\.s)\.$",
                           re.IGNORECASE)
HEADING_MAX_CHARS = 70
HEADING_MAX_WORDS = 10
HEADLINE_MAX_CHARS = 110  # the first line may be a longer headline
HEADLINE_MAX_WORDS = 16


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool
    start: int  # offset in Layout.text


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in Layout.text
    block: int  # index of its block
    heading: bool


@dataclass(frozen=True)
class Layout:
    text: str  # the blocks joined by blank lines: every offset refers to this
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    metadata_date: str  # "" when the text carries none

    @property
    def headline_block(self) -> int | None:
        """Which block is the text's own headline: the first heading-like line followed by more
        text, after any photo credit, byline or timestamp line; never a dateline, a byline or a
        timestamp itself."""
        for index, block in enumerate(self.blocks[:3]):
            if not_a_headline(block.text):
                continue
            return index if block.heading and index + 1 < len(self.blocks) else None
        return None

    @property
    def headline(self) -> str:
        index = self.headline_block
        return self.blocks[index].text if index is not None else ""


_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gen|mag|giu|lug|ago|set|ott|dic)[a-z]*\.?")
# Lines that open a stored page but are not its headline: a photo credit, a byline, a
# timestamp ("April 18, 2024 04:04 am | Updated ...", "21.58 ...", "12/03/2024"), a dateline
# ("MANCHESTER, England -", "ROMA -").
_NOT_A_HEADLINE = re.compile(
    rf"^(?:©|\(c\)\s|(?:photo|foto)\b|(?:by|di|da)\s+(?-i:[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)\s*$|"
    rf"(?:published|updated|aggiornato|pubblicato)\b|"
    rf"\d{{1,2}}[.:]\d{{2}}\b|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})",
    re.IGNORECASE)


# A wire report's dateline at the start of its first paragraph: "ROMA - ", "SEOUL (AP) — ".
# A dateline's city: in capitals ("MILANO", "LONDON"), or written as a name when a date follows it
# ("Lecce, 3 febbraio -", "London, Nov 9 -").
_MONTH = (r"(?i:gen(?:naio)?|feb(?:braio)?|mar(?:zo)?|apr(?:ile)?|mag(?:gio)?|giu(?:gno)?|lug(?:lio)?|ago(?:sto)?|"
          r"set(?:tembre)?|ott(?:obre)?|nov(?:embre)?|dic(?:embre)?|jan(?:uary)?|february|march|april|may|june|july|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|dec(?:ember)?)\.?")
DATELINE_CITY = (r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’. ]{2,}?|[A-ZÀ-Ý][a-zà-ÿ'’]+(?:\s[A-ZÀ-Ýa-zà-ÿ'’]+){0,2}?"
                 rf"(?=,\s*(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})))")
DATELINE_START = re.compile(rf"^{DATELINE_CITY}(?:,\s*[^\n()–—-]{{1,25}}?)?\s*(?:\([A-Za-z]+\)\s*)?[-–—:]\s+")


def not_a_headline(line: str) -> bool:
    """A dateline, byline, photo credit or timestamp line."""
    return bool(_NOT_A_HEADLINE.match(line) or DATELINE_START.match(line))


def is_heading(line: str, *, first: bool = False) -> bool:
    """A short line without closing punctuation that starts with a capital."""
    words = line.split()
    most_chars, most_words = (HEADLINE_MAX_CHARS, HEADLINE_MAX_WORDS) if first else (HEADING_MAX_CHARS,
                                                                                     HEADING_MAX_WORDS)
    return (0 < len(line) <= most_chars and len(words) <= most_words
            and line[-1] not in _CLOSING and (line[0].isupper() or line[0].isdigit()))


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of one paragraph.

    >>> [s for _, s in split_sentences("Talbi scored. It was 1-0 after 3 min. A.C. Milan lost.")]
    ['Talbi scored.', 'It was 1-0 after 3 min.', 'A.C. Milan lost.']
    """
    sentences, start = [], 0
    for found in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start:found.start()]
        if _ABBREVIATION.search(piece.rstrip("\"”»’)")):
            continue
        sentences.append((start, piece))
        start = found.end()
    if paragraph[start:].strip():
        sentences.append((start, paragraph[start:]))
    return sentences


def read_layout(text: str) -> Layout:
    """Blocks and sentences of a raw recap, with its metadata line taken out."""
    found = _METADATA.match(text)
    metadata_date = found.group(1) if found else ""
    if found:
        text = text[found.end():]
    lines = [" ".join(line.split()) for line in text.split("\n")]
    pieces = [line for line in lines if line]
    blocks, sentences, offset = [], [], 0
    for index, piece in enumerate(pieces):
        heading = is_heading(piece, first=index == 0) and index + 1 < len(pieces)
        blocks.append(Block(piece, heading, offset))
        if heading:
            sentences.append(Sentence(piece, offset, index, True))
        else:
            sentences.extend(Sentence(sentence, offset + at, index, False)
                             for at, sentence in split_sentences(piece))
        offset += len(piece) + 2
    return Layout("\n\n".join(pieces), tuple(blocks), tuple(sentences), metadata_date)


def markdown_body(layout: Layout, *, skip_headline: bool) -> str:
    """The body as Markdown: paragraphs as written, headings as `##`.

    A paragraph that Markdown would read as markup (a list item, a quote block,
    a heading) gets a backslash in front, so it renders as the words written.
    """
    parts = []
    for index, block in enumerate(layout.blocks):
        if skip_headline and index == layout.headline_block:
            continue
        if block.heading:
            parts.append(f"## {block.text}")
        else:
            parts.append("\\" + block.text if _MARKDOWN_START.match(block.text) else block.text)
    return "\n\n".join(parts) + "\n"
