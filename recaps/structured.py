"""What a page tells search engines and social sites: schema.org JSON-LD, Open Graph
and Twitter card tags, hreflang links, and the sitemap with lastmod. Pure: model objects and the config in, plain
dicts and tag lists out, with every URL absolute (path-absolute when base_url is a
bare path). Two serializers make them safe where they land: `script_json` for a
<script type="application/ld+json"> element, `meta_html` for <meta> tags.

>>> script_json({"headline": "</script><b>&"})
'{"headline":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
"""
from __future__ import annotations

import datetime as dt
import html
import json
from typing import Iterable, Mapping, Sequence

from babel.core import get_global

from . import urls
from .config import Config
from .model import Article, Match, Team, Tie
from .i18n import local_name, translator
from .notation import aggregate_text, decided_text, score_text

CONTEXT = "https://schema.org"
SPORT = "Association football"
SCHEDULED = "https://schema.org/EventScheduled"  # also for played events: they took place as planned
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> str:
    """JSON for inside a <script> element: nothing in it can end the element or
    break a JavaScript parser (<, >, & and U+2028/2029 are \\u-escaped).
    Deterministic: keys sorted, no spaces."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text) if any(
        char in text for char in _SCRIPT_ESCAPES) else text


def _absolute(config: Config, url: str) -> str:
    return urls.absolute(config.origin, config.base_path, url)


def _compact(fields: dict) -> dict:
    """The fields that have a value: JSON-LD leaves unknown facts out rather than null."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


def team_ref(team: Team, config: Config) -> dict:
    """A team inside another object (an event's homeTeam, competitor)."""
    return {"@type": "SportsTeam", "name": team.name, "url": _absolute(config, urls.team(team))}


def team_ld(team: Team, config: Config) -> dict:
    """The JSON-LD of a team's page: a SportsTeam."""
    return _compact({"@context": CONTEXT, **team_ref(team, config), "sport": SPORT,
                     "alternateName": team.short if team.short and team.short != team.name else None})


def _place(match: Match) -> dict | None:
    return {"@type": "Place", "name": match.venue} if match.venue else None


def _leg_name(match: Match, lang: str) -> str:
    stage = local_name(match.stage, lang)
    leg = translator(lang).gettext("leg %(number)s") % {"number": match.leg} if match.leg else ""
    return ", ".join(part for part in (f"{match.competition.name} {match.season}", stage, leg) if part)


def _versus(home: Team, away: Team, lang: str) -> str:
    return translator(lang).gettext("%(team1)s v %(team2)s") % {"team1": home.name, "team2": away.name}


def match_ld(match: Match, config: Config, *, tie: Tie | None = None, url: str | None = None,
             context: bool = True, lang: str = "en") -> dict:
    """A match (a scorecard) as a SportsEvent: both teams, the date, the venue when
    known, and the result in `description`, in the page's language `lang`. `url` is the
    site URL of its page (by default its tie's); `context=False` for one nested in another object."""
    page = url or (urls.tie(tie) if tie else None)
    result = f"{match.home.name} {score_text(match, lang)} {match.away.name}"
    neutral = translator(lang).gettext(", at a neutral venue") if match.neutral else ""
    return _compact({
        "@context": CONTEXT if context else None, "@type": "SportsEvent",
        "name": _versus(match.home, match.away, lang),
        "description": f"{result} ({_leg_name(match, lang)})" + neutral,
        "startDate": match.date.isoformat(), "eventStatus": SCHEDULED, "sport": SPORT,
        "homeTeam": team_ref(match.home, config), "awayTeam": team_ref(match.away, config),
        "competitor": [team_ref(match.home, config), team_ref(match.away, config)],
        "location": _place(match),
        "url": _absolute(config, page) if page else None,
        "superEvent": _tie_ref(tie, config, lang) if tie else None,
    })


def _tie_ref(tie: Tie, config: Config, lang: str) -> dict:
    return {"@type": "SportsEvent", "name": _tie_name(tie, lang), "url": _absolute(config, urls.tie(tie))}


def _tie_name(tie: Tie, lang: str) -> str:
    return (f"{_versus(tie.team1, tie.team2, lang)}: {tie.competition.name} {tie.season}, "
            f"{local_name(tie.stage, lang)}")


def tie_ld(tie: Tie, config: Config) -> dict:
    """The JSON-LD of a tie's page (in the site's language, the page's): a SportsEvent whose
    homeTeam is team 1 (at home in leg 1), with the result so far, and each reported leg as a subEvent."""
    lang = config.language
    legs = [match for match in tie.legs if match]
    if tie.result.aggregate is not None:
        result = f"{tie.team1.name} {aggregate_text(tie, lang)} {tie.team2.name}. {decided_text(tie, lang)}."
    else:
        played = tie.goals_so_far
        result = translator(lang).gettext("In progress: %(team1)s %(score)s %(team2)s after %(count)s of %(total)s legs.") % {
            "team1": tie.team1.name, "score": f"{played.home}\u2013{played.away}", "team2": tie.team2.name,
            "count": len(legs), "total": tie.legs_needed}
    single = legs[0] if tie.legs_needed == 1 and legs else None
    season = urls.competition_season(tie.competition, tie.season)
    return _compact({
        "@context": CONTEXT, "@type": "SportsEvent", "name": _tie_name(tie, lang), "description": result,
        "url": _absolute(config, urls.tie(tie)), "sport": SPORT, "eventStatus": SCHEDULED,
        "startDate": min(match.date for match in legs).isoformat() if legs else None,
        "endDate": tie.last_date.isoformat() if legs and tie.result.status == "decided" else None,
        "homeTeam": team_ref(tie.team1, config), "awayTeam": team_ref(tie.team2, config),
        "competitor": [team_ref(tie.team1, config), team_ref(tie.team2, config)],
        "location": _place(single) if single else None,
        "superEvent": {"@type": "SportsEvent", "name": f"{tie.competition.name} {tie.season}",
                       "url": _absolute(config, season)},
        "subEvent": [match_ld(match, config, url=urls.tie(tie), context=False, lang=lang) for match in legs]
        if tie.legs_needed > 1 else [],
    })


def article_ld(article: Article, matches: Sequence[Match], config: Config, *,
               ties: Mapping[str, Tie] | None = None) -> dict:
    """The JSON-LD of a recap: a NewsArticle `about` the matches it reports (each
    pointing at its tie's page when `ties`, by id, has it; else at the recap)."""
    ties = ties or {}
    url = _absolute(config, urls.article(article))
    author = ({"@type": "Person", "name": article.author} if article.author
              else {"@type": "Organization", "name": config.author or config.title})
    date = article.date.isoformat() if article.date else None
    about = []
    for match in matches:
        tie = ties.get(match.tie_id) if match.tie_id else None
        about.append(match_ld(match, config, tie=tie, url=None if tie else urls.article(article), context=False,
                              lang=article.lang))
    return _compact({
        "@context": CONTEXT, "@type": "NewsArticle", "headline": article.title, "description": article.summary,
        "inLanguage": article.lang, "datePublished": date, "dateModified": date,
        "url": url, "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": author,
        "publisher": {"@type": "Organization", "name": config.title, "url": _absolute(config, urls.HOME)},
        "keywords": ", ".join(article.tags), "isBasedOn": article.source_url,
        "about": about,
    })


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY for a language code, by the likeliest territory.

    >>> og_locale("it"), og_locale("en"), og_locale("pt-BR")
    ('it_IT', 'en_US', 'pt_BR')
    """
    parts = lang.replace("-", "_").split("_")
    territory = next((part.upper() for part in parts[1:] if len(part) == 2), None)
    if territory is None:
        likely = get_global("likely_subtags").get(parts[0], "")
        territory = next((part for part in likely.split("_")[1:] if len(part) == 2 and part.isupper()), None)
    return f"{parts[0]}_{territory}" if territory else parts[0]


def social_meta(*, title: str, description: str, url: str, config: Config, lang: str, kind: str = "website",
                published: dt.date | None = None, section: str = "", tags: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags as (attribute, key, content): `<meta property=...>`
    for og: and article:, `<meta name=...>` for twitter:. `url` is a site URL."""
    absolute = _absolute(config, url)
    meta = [("property", "og:type", kind), ("property", "og:title", title), ("property", "og:url", absolute),
            ("property", "og:site_name", config.title), ("property", "og:locale", og_locale(lang))]
    if description:
        meta.append(("property", "og:description", description))
    if kind == "article":
        if published:
            meta.append(("property", "article:published_time", published.isoformat()))
        if section:
            meta.append(("property", "article:section", section))
        meta.extend(("property", "article:tag", tag) for tag in tags)
    meta.extend([("name", "twitter:card", "summary"), ("name", "twitter:title", title)])
    if description:
        meta.append(("name", "twitter:description", description))
    return meta


def article_meta(article: Article, matches: Sequence[Match], config: Config) -> list[tuple[str, str, str]]:
    """A recap's sharing tags: an og:type article, its date, competition and tags."""
    return social_meta(title=article.title, description=article.summary or config.description, config=config,
                       url=urls.article(article), lang=article.lang, kind="article", published=article.date,
                       section=matches[0].competition.name if matches else "", tags=article.tags)


def meta_html(meta: Iterable[tuple[str, str, str]]) -> str:
    """The tags as HTML, every value escaped for an attribute.

    >>> meta_html([("property", "og:title", 'Inter "3" <Milan>')])
    '<meta property="og:title" content="Inter &quot;3&quot; &lt;Milan&gt;">'
    """
    return "\n".join(f'<meta {attribute}="{html.escape(key)}" content="{html.escape(content)}">'
                     for attribute, key, content in meta)


def language_links(url: str, lang: str, translations: Mapping[str, str], config: Config) -> list[tuple[str, str]]:
    """(hreflang, absolute href) for a page that exists in other languages: every
    version, itself included, and x-default for the site's language. A page with no
    translations gets none: its <html lang> says all there is.

    `translations` maps language codes to the site URLs of the same page in them.
    """
    if not translations:
        return []
    versions = {lang: url, **translations}
    links = [(code, _absolute(config, versions[code])) for code in sorted(versions)]
    default = versions.get(config.language)
    if default:
        links.append(("x-default", _absolute(config, default)))
    return links


def lastmod(articles: Iterable[Article]) -> dt.date | None:
    """When a page last changed, as far as the content tells: its newest recap's date."""
    return max((article.date for article in articles if article.date), default=None)


def sitemap_xml(pages: Iterable[tuple[str, dt.date | None]], config: Config) -> bytes:
    """sitemap.xml for (site URL, lastmod or None) pairs, sorted by URL, absolute locations.

    >>> from pathlib import Path
    >>> print(sitemap_xml([("/teams/a&b/", dt.date(2025, 2, 18)), ("/", None)], Config(Path(), "", base_url="/r/"))
    ...       .decode(), end="")
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>/r/</loc></url>
      <url><loc>/r/teams/a&amp;b/</loc><lastmod>2025-02-18</lastmod></url>
    </urlset>
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in sorted(pages, key=lambda pair: pair[0]):
        changed = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{html.escape(_absolute(config, url), quote=False)}</loc>{changed}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
