"""recaps.sharecards: every card a 1200x630 PNG under 100 KB, the same bytes every run, legible."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageColor, ImageDraw

from recaps import sharecards as sc
from recaps.photos import PhotoError

SITE = "Recaps of the Week"
SHIELD = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120">'
          b'<path d="M5 5h90v60c0 30-45 50-45 50S5 95 5 65z" fill="#00a651" stroke="#ffffff" stroke-width="4"/>'
          b'<text x="50" y="70" font-size="36" text-anchor="middle" fill="#ffffff">GR</text></svg>')


def png_crest(size=(300, 300), noise=False) -> bytes:
    """A round crest on transparency; with `noise`, a photograph's worth of colours (the worst case)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, size[0] - 8, size[1] - 8), fill=(250, 200, 20, 255))
    if noise:
        shuffle = random.Random(7)
        image = Image.frombytes("RGBA", size, bytes(shuffle.randrange(256) for _ in range(size[0] * size[1] * 4)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


GREEN = sc.Club("Greenfield Rovers", ("#00a651", "#ffffff"), crest=sc.Crest("static/crests/rovers.svg", SHIELD))
YELLOW = sc.Club("Harbour Town", ("#ffd700", "#000000"))
BLUE = sc.Club("Atalanta", ("#1e71b8", "#000000"), crest=sc.Crest("static/crests/atalanta.png", png_crest()))
LONG = sc.Club("Società Sportiva Calcio Dinamo Università di Przemyśl Łódź Beşiktaş", ("#e30613", "#ffffff"))
NOISY = sc.Club("Static Noise FC", ("#808080", "#7f7f7f"), crest=sc.Crest("noise.png", png_crest((600, 600), True)))

CARDS = {
    "match": sc.MatchCard(SITE, "en", GREEN, YELLOW, sc.Score(1, 3), "Champions Cup", "Round of 16, 2nd leg",
                          dt.date(2025, 3, 11)),
    "match, it, a.e.t. and pens": sc.MatchCard(SITE, "it", BLUE, LONG, sc.Score(1, 1, (2, 2), (4, 3)), "Coppa",
                                               "Finale", dt.date(2025, 5, 14)),
    "tie decided": sc.TieCard(SITE, "en", YELLOW, BLUE, (5, 2), "Harbour Town go through on aggregate",
                              "Champions Cup", "Play-offs", "2024-25"),
    "tie in progress": sc.TieCard(SITE, "it", LONG, GREEN, (1, 0), "", "Coppa", "Ottavi", "2024-25"),
    "tie not started": sc.TieCard(SITE, "en", GREEN, BLUE, None, "", "Champions Cup", "Final", "2024-25"),
    "team": sc.TeamCard(SITE, "en", YELLOW, "England"),
    "team with crest, it": sc.TeamCard(SITE, "it", GREEN, "Scozia"),
    "competition, final": sc.CompetitionCard(SITE, "en", "Champions Cup", "2024-25", "Final", GREEN, BLUE,
                                             sc.Score(0, 0, (1, 1), (5, 4))),
    "competition, round": sc.CompetitionCard(SITE, "it", "Coppa", "2024-25", "Quarti di finale"),
    "site": sc.SiteCard(SITE, "en", "Every match, every tie"),
    "worst case": sc.MatchCard(SITE * 4, "en", NOISY, NOISY, sc.Score(10, 10, (12, 12), (15, 14)), "X" * 200,
                               "Y" * 200, dt.date(2025, 1, 1)),
}


@pytest.fixture(scope="module")
def drawn() -> dict[str, bytes]:
    return {name: sc.draw(card) for name, card in CARDS.items()}


@pytest.mark.parametrize("name", CARDS)
def test_every_card_is_a_1200x630_png_under_100_kb(drawn, name):
    data = drawn[name]
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < 100_000, len(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        assert not {"icc_profile", "exif", "dpi"} & set(image.info)
    assert sc.draw(CARDS[name]) == data


@pytest.mark.slow
def test_cards_are_the_same_bytes_in_another_process(drawn):
    script = ("import hashlib; import tests.unit.test_sharecards as t; "
              "from recaps import sharecards; "
              "print(' '.join(hashlib.sha256(sharecards.draw(c)).hexdigest() for c in t.CARDS.values()))")
    there = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           cwd=Path(__file__).resolve().parents[2])
    assert there.stdout.decode().split() == [hashlib.sha256(drawn[name]).hexdigest() for name in CARDS]


def test_the_key_follows_the_facts():
    card = CARDS["match"]
    assert sc.card_key(card) == sc.card_key(sc.MatchCard(**vars(card)))
    assert sc.card_key(card) != sc.card_key(sc.MatchCard(**{**vars(card), "score": sc.Score(1, 2)}))
    assert sc.card_key(card) != sc.card_key(sc.MatchCard(**{**vars(card), "lang": "it"}))


@pytest.mark.parametrize("score, lang, expected", [
    (sc.Score(1, 3), "en", ("1\u20133", "")),
    (sc.Score(2, 2, aet=(3, 2)), "en", ("3\u20132", "(a.e.t.)")),
    (sc.Score(2, 2, aet=(3, 2)), "it", ("3\u20132", "(d.t.s.)")),
    (sc.Score(1, 1, aet=(1, 1), pens=(4, 5)), "en", ("1\u20131", "(a.e.t.) (4\u20135 pen.)")),
    (sc.Score(0, 0, pens=(3, 2)), "it", ("0\u20130", "(3\u20132 d.c.r.)")),
])
def test_the_scoreline_is_written_as_the_pages_write_it(score, lang, expected):
    assert sc.score_lines(score, lang) == expected


@pytest.mark.parametrize("background, ink", [
    ("#ffffff", sc.NIGHT), ("#ffd700", sc.NIGHT), ("#fde100", sc.NIGHT), ("#87ceeb", sc.NIGHT),
    ("#000000", sc.WHITE), ("#0a3d91", sc.WHITE), ("#e30613", sc.WHITE), ("#00a651", sc.NIGHT),
    ("#6a0dad", sc.WHITE), ("#808080", sc.NIGHT),
])
def test_text_takes_the_colour_that_reads_better_on_the_club(background, ink):
    assert sc.contrast_ink(background) == ink


def test_text_on_any_club_colour_has_at_least_the_contrast_large_text_needs():
    def ratio(first: str, second: str) -> float:
        light, dark = sorted((sc._luminance(first), sc._luminance(second)), reverse=True)
        return (light + 0.05) / (dark + 0.05)
    steps = range(0, 256, 17)
    worst = min(ratio(c, sc.contrast_ink(c)) for c in (f"#{r:02x}{g:02x}{b:02x}" for r in steps for g in steps for b in steps))
    assert worst >= 4.0  # WCAG asks 3:1 of text this large (30 px and bold, or more)


@pytest.mark.parametrize("name", ["match", "match, it, a.e.t. and pens"])
def test_a_club_name_is_drawn_in_its_ink_on_its_colour(drawn, name):
    card = CARDS[name]
    with Image.open(io.BytesIO(drawn[name])) as image:
        rgb = image.convert("RGB")
    for club, band in ((card.home, (40, 395, 560, 445)), (card.away, (640, 395, 1160, 445))):
        ink = ImageColor.getrgb(sc.contrast_ink(club.colors[0]))
        colours = rgb.crop(band).getcolors(1 << 16)
        assert sum(n for n, c in colours if max(abs(a - b) for a, b in zip(c, ink)) < 30) > 500, club.name


def test_an_svg_crest_is_rasterised_into_the_card(drawn):
    with Image.open(io.BytesIO(drawn["match"])) as image:
        shield = image.convert("RGB").crop((205, 155, 395, 345))
    greens = sum(n for n, c in shield.getcolors(1 << 16) if c[1] > 140 and c[0] < 40 and c[2] < 110)
    whites = sum(n for n, c in shield.getcolors(1 << 16) if min(c) > 230)
    assert greens > 5000 and whites > 500  # the shield's fill, its outline and its letters


@pytest.mark.parametrize("data, message", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "static/crests/x.svg: is an SVG with a <script> element; a crest may carry no script or embedded page: remove it"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
     "static/crests/x.svg: is an SVG with a script in its onload attribute; remove it"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>',
     "static/crests/x.svg: is an SVG with a <foreignobject> element; a crest may carry no script or embedded page: "
     "remove it"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     b'<image xlink:href="/etc/passwd" width="9" height="9"/></svg>',
     "static/crests/x.svg: is an SVG that refers to '/etc/passwd'; a crest must be self-contained"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect width="9" height="9"/></a></svg>',
     "static/crests/x.svg: is an SVG that refers to 'javascript:alert(1)'; a crest must be self-contained"),
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "static/crests/x.svg: is an SVG that declares entities; save it without a DOCTYPE"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect',
     "static/crests/x.svg: is an SVG that cannot be read: its XML breaks at line 1, column 41"),
    (b"just some words about the club\n", "static/crests/x.svg: is not a JPEG, PNG or WebP image"),
    (png_crest()[:400], "static/crests/x.svg: is damaged or truncated and cannot be read"),
])
def test_a_bad_crest_is_refused_in_words(data, message):
    crest = sc.Crest("static/crests/x.svg", data)
    with pytest.raises(PhotoError) as caught:
        sc.check_crest(crest)
    assert str(caught.value) == message
    with pytest.raises(PhotoError):
        sc.draw(sc.TeamCard(SITE, "en", sc.Club("X", crest=crest)))


@pytest.mark.parametrize("crest", [sc.Crest("a.svg", SHIELD), sc.Crest("b.png", png_crest())])
def test_a_good_crest_passes_the_check(crest):
    sc.check_crest(crest)


def test_a_team_without_crest_shows_its_initials():
    with_initials = sc.draw(sc.TeamCard(SITE, "en", sc.Club("Harbour Town", ("#ffd700", "#000000"), initials="HBT")))
    default = sc.draw(sc.TeamCard(SITE, "en", sc.Club("Harbour Town", ("#ffd700", "#000000"))))
    assert with_initials != default  # 'HBT' as given, else 'HT' from the name


def ink_rows(png: bytes, box: tuple[int, int, int, int], ink: str) -> list[int]:
    """The rows of `box` holding the ink's colour."""
    colour = ImageColor.getrgb(ink)
    with Image.open(io.BytesIO(png)) as image:
        area = image.convert("RGB").crop(box)
    return [y for y in range(area.height)
            if sum(1 for x in range(area.width)
                   if max(abs(a - b) for a, b in zip(area.getpixel((x, y)), colour)) < 40) > 3]


@pytest.mark.parametrize("club, lines", [(YELLOW, 1), (LONG, 2)])
def test_a_long_name_goes_on_two_lines(club, lines):
    card = sc.draw(sc.MatchCard(SITE, "en", club, GREEN, sc.Score(0, 0), "Cup"))
    rows = ink_rows(card, (40, 372, 560, 470), sc.contrast_ink(club.colors[0]))
    groups = 1 + sum(1 for above, below in zip(rows, rows[1:]) if below - above > 2)
    assert groups == lines
