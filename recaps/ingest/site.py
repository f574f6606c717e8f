"""What content/ already reports, so a new recap of a tie's other leg agrees with it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..articles import parse_article
from ..errors import Problems
from ..registry import Registry, find_stage
from ..rules import Score, Season

OTHER_LEG_DAYS = (3, 70)  # how far apart two legs of one tie are played


@dataclass(frozen=True)
class KnownMatch:
    path: str
    home: str  # team slugs
    away: str
    score: Score
    aet: Score | None
    competition: str  # canonical names, as ingest writes them
    season: Season | None
    stage: str
    leg: int | None
    date: dt.date | None

    def goals(self, slug: str) -> int:
        final = self.aet or self.score
        return final.home if slug == self.home else final.away


def known_matches(folder, registry: Registry) -> list[KnownMatch]:
    """Every match the articles in `folder` report, names resolved; unreadable files are skipped
    (the build reports them)."""
    from pathlib import Path

    found = []
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        try:
            spec = parse_article(str(path), path.stem, path.read_bytes(), Problems(), "en")
        except OSError:
            continue
        if spec is None:
            continue
        for match in spec.matches:
            home, away = registry.team(match.home), registry.team(match.away)
            competition = registry.competition(match.competition) if match.competition else None
            if not (home and away):
                continue
            stage = find_stage(competition, match.stage) if competition and match.stage else None
            found.append(KnownMatch(
                str(path), home.slug, away.slug, match.score, match.aet,
                competition.name if competition else match.competition, match.season,
                stage.name if stage else match.stage, match.leg, match.date))
    return found


def other_leg(known: list[KnownMatch], pair: tuple[str, str], leg: int | None,
              date: dt.date | None, adds_up=None) -> tuple[KnownMatch | None, str]:
    """The reported other leg of the tie between `pair`, and why it is one ("" if none is).

    A match between the same clubs is the other leg when it is a stated leg and this
    one is the other number, when this one's date is a leg's distance from it, or when
    the aggregate the text states adds up with it (`adds_up(match)`).
    """
    same_pair = [m for m in known if {m.home, m.away} == set(pair) and m.leg in (1, 2)]
    for match in same_pair:
        if leg is not None and leg != match.leg:
            return match, f"{match.path} reports leg {match.leg}"
        if leg is None and date and match.date and OTHER_LEG_DAYS[0] <= abs((date - match.date).days) <= OTHER_LEG_DAYS[1]:
            return match, f"{match.path} reports leg {match.leg}, {abs((date - match.date).days)} days apart"
    if leg is None and adds_up is not None:
        fitting = [match for match in same_pair if adds_up(match)]
        if len(fitting) == 1:
            return fitting[0], f"{fitting[0].path} reports leg {fitting[0].leg}, and the stated aggregate adds up"
    return None, ""
