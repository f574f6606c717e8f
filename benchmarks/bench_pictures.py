#!/usr/bin/env python3
"""Time the picture work: a photo's variant set, its share crop, and each kind of share card.

    python benchmarks/bench_pictures.py [RUNS]      (default: 5)

The photo is a 4000x3000 JPEG made here (gradients, shapes and sensor-like noise, an EXIF
orientation and a GPS position), as a phone would give. Each figure is the median of RUNS
in this one process, after one warm-up run.
"""
from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recaps import photos, sharecards as sc  # noqa: E402


def phone_photo(size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A 4000x3000 JPEG at quality 92 with a photograph's texture and a phone's EXIF."""
    width, height = size
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").rotate(90).resize(size)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 397) % width, (i * 631) % height
        draw.ellipse((x, y, x + 300, y + 220), fill=((i * 53) % 256, (i * 97) % 256, (i * 31) % 256))
    noise = Image.effect_noise(size, 24).convert("RGB")
    image = Image.blend(image, noise, 0.15)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (45.0, 41.0, 7.0), 3: "E", 4: (9.0, 40.0, 3.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def median_ms(work, runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cards() -> dict[str, sc.Card]:
    shield = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120"><path d="M5 5h90v60c0 30-45 50'
              b'-45 50S5 95 5 65z" fill="#0a3d91" stroke="#fff" stroke-width="4"/></svg>')
    home = sc.Club("Atalanta", ("#1e71b8", "#000000"))
    away = sc.Club("Club Brugge", ("#0a3d91", "#000000"), crest=sc.Crest("club-brugge.svg", shield))
    site = "Football Recaps"
    return {
        "match": sc.MatchCard(site, "en", home, away, sc.Score(1, 3), "UEFA Champions League",
                              "Knockout phase play-offs", dt.date(2025, 2, 18)),
        "tie": sc.TieCard(site, "it", away, home, (5, 2), "Il Club Brugge passa il turno", "Champions League",
                          "Spareggi", "2024-25"),
        "team": sc.TeamCard(site, "en", away, "Belgium"),
        "competition": sc.CompetitionCard(site, "it", "UEFA Champions League", "2024-25", "Ottavi di finale"),
        "site": sc.SiteCard(site, "en", "Match recaps"),
    }


def main(runs: int) -> None:
    source = phone_photo()
    print(f"source: 4000x3000 JPEG, {len(source) / 1024:.0f} KB; median of {runs} runs")
    photo = photos.make_photo(source, "lead.jpg")
    total = sum(len(v.data) for v in photo.variants)
    print(f"photo variant set ({len(photo.variants)} files, {total / 1024:.0f} KB): "
          f"{median_ms(lambda: photos.make_photo(source, 'lead.jpg'), runs):.0f} ms")
    share = photos.make_share_image(source, "lead.jpg")
    print(f"share crop 1200x630 JPEG ({len(share.data) / 1024:.0f} KB): "
          f"{median_ms(lambda: photos.make_share_image(source, 'lead.jpg'), runs):.0f} ms")
    for name, card in cards().items():
        size = len(sc.draw(card))
        print(f"card {name:12} {size / 1024:5.1f} KB  {median_ms(lambda: sc.draw(card), runs):5.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
