"""What pages derive from the model: records, the bracket's order, and views that hold only what a page shows."""
import datetime as dt
import pickle
from pathlib import Path

from recaps.errors import Problems
from recaps.model import Competition, Match, Site, Stage, Team, Tie
from recaps.pipeline import Timings, assemble_site, configure, plan_site
from recaps.rules import Score, parse_season, settle_tie
from recaps.views import SiteIndex, StageGroup, bracket, team_record

UCL = Competition(name="UEFA Champions League", slug="ucl")
SEASON = parse_season("2018-19")
TEAMS = {name: Team(name=name, slug=name.lower()) for name in ("A", "B", "C", "D", "E", "F", "G", "H")}


def match(home: str, away: str, score: str, day: int = 1, stage: Stage | None = None) -> Match:
    goals = tuple(int(g) for g in score.split("-"))
    return Match(id=f"{home}-{away}-{day}", competition=UCL, season=SEASON, stage=stage, home=TEAMS[home],
                 away=TEAMS[away], score=Score(*goals), date=dt.date(2019, 3, day))


def tie(stage: Stage, home: str, away: str, score: str) -> Tie:
    single = match(home, away, score, stage=stage)
    result = settle_tie({1: single.as_leg}, 1)
    return Tie(id=f"{stage.slug}/{home}-{away}", competition=UCL, season=SEASON, stage=stage, team1=TEAMS[home],
               team2=TEAMS[away], legs_needed=1, legs=(single,), result=result)


def test_record_counts_extra_time_and_treats_a_shoot_out_as_a_draw():
    a = TEAMS["A"]
    matches = [match("A", "B", "2-1", 1), match("C", "A", "3-0", 2), match("A", "D", "1-1", 3)]
    record = team_record(a, matches)
    assert (record.played, record.won, record.drawn, record.lost, record.goals_for, record.goals_against) == \
        (3, 1, 1, 1, 3, 5)
    assert record.form == ("W", "L", "D")


def test_bracket_puts_each_tie_beside_the_ties_that_fed_it():
    qf, sf, final = (Stage(name, name.lower(), order, True, 1) for order, name in enumerate(("QF", "SF", "F")))
    quarter = StageGroup("QF", (tie(qf, "A", "B", "1-0"), tie(qf, "C", "D", "1-0"),
                                tie(qf, "E", "F", "1-0"), tie(qf, "G", "H", "1-0")), ())
    semi = StageGroup("SF", (tie(sf, "G", "C", "1-0"), tie(sf, "E", "A", "1-0")), ())
    last = StageGroup("F", (tie(final, "E", "G", "1-0"),), ())
    rounds = bracket([quarter, semi, last])
    assert [[t.team1.name + t.team2.name for t in group.ties] for group in rounds] == \
        [["EF", "AB", "GH", "CD"], ["EA", "GC"], ["EG"]]


def test_no_view_holds_the_whole_site_and_every_view_pickles_small():
    """A page sees only its view: no `Site`, no `SiteIndex` to call back into, so its key
    covers everything it shows, and it can be handed to another process."""
    problems = Problems()
    config = configure(Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "config.yaml", problems)
    site = assemble_site(config, problems, Timings())
    pages = plan_site(site, config, problems, Timings())

    def values(value):
        yield value
        if isinstance(value, dict):
            for item in value.values():
                yield from values(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from values(item)

    for page in pages:
        assert not any(isinstance(value, (Site, SiteIndex)) for value in values(page.view)), page.url
        assert len(pickle.dumps(page.view)) < 64_000, page.url
    assert {page.template for page in pages} >= {"json-items", "sitemap", "robots", "atom", "article.html"}
