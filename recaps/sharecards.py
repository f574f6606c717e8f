"""Share cards: the 1200x630 PNG a page names as og:image when it has no lead photo.

Pure: a card's facts in (a frozen dataclass: names, colours, crests' bytes, scores, the
page's language), PNG bytes out. Text is drawn with the font committed under
recaps/fonts/ and Pillow's own (basic) text layout, so the same facts give the same bytes
on every machine with the pinned Pillow. Words come from the site's catalogues (the same
'2–2 (a.e.t.)', '5–2 agg.' as the pages); names of competitions and stages come as the
page shows them. A crest is a PNG, JPEG or WebP, or an SVG that carries no script and
refers to no other file, rasterised by resvg (which runs no script); a bad crest raises
photos.PhotoError, `path: message`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import resvg_py
from PIL import Image, ImageColor, ImageDraw, ImageFont

from recaps.i18n import catalogue_path, long_date, translator
from recaps.photos import PhotoError, open_photo

SIZE = (1200, 630)
FONT = Path(__file__).resolve().parent / "fonts" / "BarlowCondensed-Bold.ttf"
CREST_MAX_PIXELS = 4_000_000  # a crest is drawn at most 260 pixels wide
PALETTE_COLOURS = 128  # flat colours and anti-aliased text; keeps every card well under 100 KB
BOARD, NIGHT, WHITE, SOFT, ACCENT = "#0b2a4a", "#0f1720", "#ffffff", "#dbe4ee", "#c8102e"
DASH = "\u2013"

TOP, BOTTOM = 96, 534  # the bands: facts above, the site's title below
MARGIN = 48


@dataclass(frozen=True)
class Crest:
    """A club's crest file as the site owner gave it: its path (for messages) and bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Club:
    name: str
    colors: tuple[str, str] = (BOARD, WHITE)  # primary, secondary: CSS colours
    initials: str = ""  # drawn when there is no crest; default: from the name
    crest: Crest | None = None


@dataclass(frozen=True)
class Score:
    """Goals after normal time, home first; `aet` after extra time (cumulative); `pens` the shoot-out."""

    home: int
    away: int
    aet: tuple[int, int] | None = None
    pens: tuple[int, int] | None = None


@dataclass(frozen=True)
class MatchCard:
    site: str
    lang: str
    home: Club
    away: Club
    score: Score
    competition: str
    stage: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class TieCard:
    """`aggregate` is team 1's first, so far while in progress (None before any leg);
    `verdict` is the sentence the tie's page gives (notation.decided_text), '' while open."""

    site: str
    lang: str
    team1: Club
    team2: Club
    aggregate: tuple[int, int] | None
    verdict: str
    competition: str
    stage: str = ""
    season: str = ""


@dataclass(frozen=True)
class TeamCard:
    site: str
    lang: str
    club: Club
    line: str = ""  # under the name: the country, say


@dataclass(frozen=True)
class CompetitionCard:
    """A competition's season: its final (`home`, `away`, `score`) once played, else the round in progress (`stage`)."""

    site: str
    lang: str
    competition: str
    season: str
    stage: str = ""
    home: Club | None = None
    away: Club | None = None
    score: Score | None = None


@dataclass(frozen=True)
class SiteCard:
    site: str
    lang: str
    tagline: str = ""


Card = MatchCard | TieCard | TeamCard | CompetitionCard | SiteCard


def draw(card: Card) -> bytes:
    """The card as PNG bytes: 1200x630, a palette of at most PALETTE_COLOURS colours."""
    canvas = Image.new("RGB", SIZE, BOARD)
    drawer = {MatchCard: _match, TieCard: _tie, TeamCard: _team, CompetitionCard: _competition,
              SiteCard: _site}[type(card)]
    drawer(canvas, card)
    flat = canvas.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE,
                           dither=Image.Dither.NONE)
    out = io.BytesIO()
    flat.save(out, "PNG", compress_level=6)
    return out.getvalue()


def card_key(card: Card) -> str:
    """A digest of everything that decides the card's bytes: the cache key, and a file name part."""
    facts = hashlib.sha256(repr(card).encode("utf-8"))
    facts.update(_file_digest(FONT).encode() + _file_digest(catalogue_path(card.lang)).encode())
    facts.update(Image.__version__.encode() + resvg_py.__version__.encode())
    return facts.hexdigest()


def check_crest(crest: Crest) -> None:
    """Refuse a crest that cannot be drawn, or an SVG that carries a script or refers to another file."""
    _crest_image(crest, 16)


def contrast_ink(background: str) -> str:
    """White or near-black, whichever reads better on `background` (WCAG contrast ratio).

    >>> contrast_ink("#ffd700"), contrast_ink("#0a3d91"), contrast_ink("#e30613")
    ('#0f1720', '#ffffff', '#ffffff')
    """
    back = _luminance(background)
    on_white = (1.05) / (back + 0.05)
    on_night = (back + 0.05) / (_luminance(NIGHT) + 0.05)
    return WHITE if on_white >= on_night else NIGHT


# --- the five cards -----------------------------------------------------------------------

def _match(canvas: Image.Image, card: MatchCard) -> None:
    _two_clubs(canvas, card.home, card.away)
    big, note = score_lines(card.score, card.lang)
    _score_box(canvas, big, note)
    _top_band(canvas, " \u00b7 ".join(x for x in (card.competition, card.stage) if x))
    _bottom_band(canvas, card.site, long_date(card.date, card.lang))


def _tie(canvas: Image.Image, card: TieCard) -> None:
    _ = translator(card.lang).gettext
    _two_clubs(canvas, card.team1, card.team2)
    if card.aggregate is None:
        _score_box(canvas, DASH, _("In progress"))
    else:
        label = "%(score)s agg." if card.verdict else "%(score)s so far"
        _score_box(canvas, _dash(*card.aggregate), _word_around_score(_(label)))
    if card.verdict:
        draw = ImageDraw.Draw(canvas)
        draw.rectangle((0, 462, SIZE[0], BOTTOM), fill=ACCENT)
        _text(draw, (SIZE[0] // 2, 498), card.verdict, 44, 28, SIZE[0] - 2 * MARGIN, contrast_ink(ACCENT))
    _top_band(canvas, " \u00b7 ".join(x for x in (card.competition, card.season, card.stage) if x))
    _bottom_band(canvas, card.site, "")


def _team(canvas: Image.Image, card: TeamCard) -> None:
    primary, _secondary = card.club.colors
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, TOP, SIZE[0], BOTTOM), fill=primary)
    _badge(canvas, card.club, (290, 315), 280)
    ink = contrast_ink(primary)
    _name(draw, (500, 240), card.club.name, 110, 40, SIZE[0] - 500 - MARGIN, ink, anchor="lm")
    if card.line:
        _text(draw, (500, 384), card.line, 48, 28, SIZE[0] - 500 - MARGIN, ink, anchor="lm")
    _top_band(canvas, translator(card.lang).gettext("Team"))
    _bottom_band(canvas, card.site, "")


def _competition(canvas: Image.Image, card: CompetitionCard) -> None:
    _ = translator(card.lang).gettext
    season = _("Season %(season)s") % {"season": card.season} if card.season else ""
    if card.home and card.away and card.score:
        _two_clubs(canvas, card.home, card.away)
        _score_box(canvas, *score_lines(card.score, card.lang))
        _top_band(canvas, " \u00b7 ".join(x for x in (card.competition, season, card.stage) if x))
    else:
        draw = ImageDraw.Draw(canvas)
        _text(draw, (SIZE[0] // 2, 250), card.competition, 104, 48, SIZE[0] - 2 * MARGIN, WHITE)
        _text(draw, (SIZE[0] // 2, 340), season, 52, 32, SIZE[0] - 2 * MARGIN, SOFT)
        if card.stage:
            _pill(draw, (SIZE[0] // 2, 430), f"{card.stage} \u00b7 {_('In progress')}", 44, ACCENT)
        _top_band(canvas, _("Competitions"))
    _bottom_band(canvas, card.site, "")


def _site(canvas: Image.Image, card: SiteCard) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, BOTTOM - 12, SIZE[0], BOTTOM), fill=ACCENT)
    _text(draw, (SIZE[0] // 2, 280), card.site, 120, 48, SIZE[0] - 2 * MARGIN, WHITE)
    if card.tagline:
        _text(draw, (SIZE[0] // 2, 390), card.tagline, 48, 28, SIZE[0] - 2 * MARGIN, SOFT)
    _bottom_band(canvas, "", "")


# --- parts ----------------------------------------------------------------------------------

def _two_clubs(canvas: Image.Image, left: Club, right: Club) -> None:
    """Each club's half in its primary colour, a stripe of its secondary, its crest and name."""
    draw = ImageDraw.Draw(canvas)
    half = SIZE[0] // 2
    for club, x0 in ((left, 0), (right, half)):
        primary, secondary = club.colors
        draw.rectangle((x0, TOP, x0 + half, BOTTOM), fill=primary)
        draw.rectangle((x0, BOTTOM - 12, x0 + half, BOTTOM), fill=secondary)
        _badge(canvas, club, (x0 + half // 2, 250), 190)
        _name(draw, (x0 + half // 2, 421), club.name, 60, 30, half - 2 * MARGIN, contrast_ink(primary))


def _score_box(canvas: Image.Image, big: str, note: str) -> None:
    draw = ImageDraw.Draw(canvas)
    centre = SIZE[0] // 2
    draw.rounded_rectangle((centre - 135, 170, centre + 135, 320), radius=18, fill=NIGHT)
    _text(draw, (centre, 245), big, 124, 60, 240, WHITE)
    if note:
        _pill(draw, (centre, 350), note, 36, NIGHT)


def _badge(canvas: Image.Image, club: Club, centre: tuple[int, int], box: int) -> None:
    """The club's crest fitted in a `box`-wide square, else its initials on a disc."""
    x, y = centre
    if club.crest:
        crest = _crest_image(club.crest, box)
        canvas.paste(crest, (x - crest.width // 2, y - crest.height // 2), crest)
        return
    primary, secondary = club.colors
    disc = secondary if _distance(primary, secondary) > 60 else contrast_ink(primary)
    draw = ImageDraw.Draw(canvas)
    radius = box // 2
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=disc,
                 outline=contrast_ink(primary), width=max(4, box // 40))
    initials = club.initials or _initials(club.name)
    _text(draw, (x, y), initials, box * 9 // 20, box // 5, box * 3 // 4, contrast_ink(disc))


def _top_band(canvas: Image.Image, text: str) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, SIZE[0], TOP), fill=BOARD)
    _text(draw, (MARGIN, TOP // 2), text, 44, 26, SIZE[0] - 2 * MARGIN, SOFT, anchor="lm")


def _bottom_band(canvas: Image.Image, site: str, right: str) -> None:
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, BOTTOM, SIZE[0], SIZE[1]), fill=NIGHT)
    middle = (BOTTOM + SIZE[1]) // 2
    right_width = _font(36).getlength(right) if right else 0
    if right:
        _text(draw, (SIZE[0] - MARGIN, middle), right, 36, 36, SIZE[0] // 2, SOFT, anchor="rm")
    if site:
        room = SIZE[0] - 2 * MARGIN - right_width - (MARGIN if right else 0)
        _text(draw, (MARGIN, middle), site, 44, 28, int(room), WHITE, anchor="lm")


def _pill(draw: ImageDraw.ImageDraw, centre: tuple[int, int], text: str, size: int, fill: str) -> None:
    font, text = _fitted(text, size, size * 2 // 3, SIZE[0] - 4 * MARGIN)
    width = font.getlength(text)
    x, y = centre
    half_height = font.size * 3 // 4
    draw.rounded_rectangle((x - width / 2 - 22, y - half_height, x + width / 2 + 22, y + half_height),
                           radius=half_height, fill=fill)
    draw.text((x, y), text, font=font, fill=contrast_ink(fill), anchor="mm")


def _name(draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, size: int, smallest: int,
          width: int, fill: str, anchor: str = "mm") -> None:
    """A name on one line if it fits at two thirds of `size` or more, else on two lines
    centred on `at`, split where the two come out most even, at one size."""
    words = text.split()
    single = max(smallest, size * 2 // 3)
    font, fitted = _fitted(text, size, single, width)
    if len(words) < 2 or fitted == " ".join(words):
        _text(draw, at, text, size, smallest, width, fill, anchor)
        return
    split = min(range(1, len(words)),
                key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    lines = (" ".join(words[:split]), " ".join(words[split:]))
    while single > smallest and max(_font(single).getlength(line) for line in lines) > width:
        single -= 2
    x, y = at
    half_gap = single * 3 // 5  # lines 1.2 em apart
    for line, dy in zip(lines, (-half_gap, half_gap)):
        _text(draw, (x, y + dy), line, single, single, width, fill, anchor)


def _text(draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, size: int, smallest: int,
          width: int, fill: str, anchor: str = "mm") -> None:
    """`text` at the largest size from `size` down to `smallest` that fits `width`, else cut with '…'."""
    font, text = _fitted(text, size, smallest, width)
    draw.text(at, text, font=font, fill=fill, anchor=anchor)


def _fitted(text: str, size: int, smallest: int, width: int) -> tuple[ImageFont.FreeTypeFont, str]:
    text = " ".join(text.split())
    while size > smallest and _font(size).getlength(text) > width:
        size -= 2
    font = _font(size)
    if font.getlength(text) <= width:
        return font, text
    while text and font.getlength(text + "\u2026") > width:
        text = text[:-1]
    return font, text.rstrip() + "\u2026"


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont:
    # the basic layout: raqm would depend on the machine's own fribidi, and so the bytes
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=16)
def _file_digest(path: Path) -> str:
    """The digest of a file the cards are drawn with (the font, a catalogue); '' for none."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


# --- crests ---------------------------------------------------------------------------------

# an SVG's text is drawn with the committed font only: the machine's fonts would change the bytes
SVG_FAMILIES = {key: "Barlow Condensed" for key in ("font_family", "serif_family", "sans_serif_family",
                                                    "cursive_family", "fantasy_family", "monospace_family")}
SCRIPT_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}


def _crest_image(crest: Crest, box: int) -> Image.Image:
    """The crest as RGBA, fitted inside a `box` square (never enlarged beyond its own size
    for a bitmap; an SVG is drawn at the box's size)."""
    if _is_svg(crest.data):
        _check_svg(crest)
        try:
            png = resvg_py.svg_to_bytes(svg_string=crest.data.decode("utf-8-sig"), width=box,
                                        skip_system_fonts=True, font_files=[str(FONT)], **SVG_FAMILIES)
        except (ValueError, UnicodeDecodeError) as error:
            raise PhotoError(crest.path, f"is an SVG that cannot be drawn ({error})") from None
        image = Image.open(io.BytesIO(bytes(png)))
        image.load()
    else:
        image = open_photo(crest.data, crest.path, max_pixels=CREST_MAX_PIXELS)
    image = image.convert("RGBA")
    if image.width > box or image.height > box:
        image.thumbnail((box, box), Image.Resampling.LANCZOS)
    return image


def _is_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--") or b"<svg" in head


def _check_svg(crest: Crest) -> None:
    if b"<!entity" in crest.data.lower():
        raise PhotoError(crest.path, "is an SVG that declares entities; save it without a DOCTYPE")
    try:
        root = ElementTree.fromstring(crest.data)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise PhotoError(crest.path, f"is an SVG that cannot be read: its XML breaks at line {line}, "
                         f"column {column + 1}") from None
    for element in root.iter():
        name = _local(element.tag)
        if name in SCRIPT_ELEMENTS:
            raise PhotoError(crest.path, f"is an SVG with a <{name}> element; a crest may carry no script "
                             "or embedded page: remove it")
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.startswith("on"):
                raise PhotoError(crest.path, f"is an SVG with a script in its {key} attribute; remove it")
            if key == "href" and not value.strip().startswith(("#", "data:image/png", "data:image/jpeg")):
                raise PhotoError(crest.path, f"is an SVG that refers to '{value}'; a crest must be "
                                 "self-contained")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


# --- words and colours ---------------------------------------------------------------------

def _dash(first: int, second: int) -> str:
    return f"{first}{DASH}{second}"


def _word_around_score(message: str) -> str:
    """'agg.' out of '%(score)s agg.': the catalogue's word without the figures."""
    return (message % {"score": ""}).strip()


def score_lines(score: Score, lang: str) -> tuple[str, str]:
    """The big figures (after extra time, if any) and the note under them, in `lang`.

    >>> score_lines(Score(1, 1, aet=(2, 2), pens=(4, 3)), "it")
    ('2–2', '(d.t.s.) (4–3 d.c.r.)')
    """
    _ = translator(lang).gettext
    final = score.aet or (score.home, score.away)
    notes = []
    if score.aet:
        notes.append(_word_around_score(_("%(score)s (a.e.t.)")))
    if score.pens:
        notes.append(_("(%(score)s pen.)") % {"score": _dash(*score.pens)})
    return _dash(*final), " ".join(notes)


def _initials(name: str) -> str:
    """'Club Brugge' -> 'CB', 'Atalanta' -> 'ATA'.

    >>> _initials("Club Brugge"), _initials("Atalanta"), _initials("Paris Saint-Germain")
    ('CB', 'ATA', 'PSG')
    """
    words = name.replace("-", " ").split()
    if len(words) == 1:
        return words[0][:3].upper()
    return "".join(word[0] for word in words if word[0].isalnum())[:3].upper()


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = ImageColor.getrgb(colour)[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _distance(first: str, second: str) -> int:
    return sum(abs(a - b) for a, b in zip(ImageColor.getrgb(first)[:3], ImageColor.getrgb(second)[:3]))
