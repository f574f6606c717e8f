"""Words the templates print, in the languages articles are written in, and dates."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

LABELS = {
    "en": {
        "home": "Home", "recaps": "Recaps", "latest_recaps": "Latest recaps", "teams": "Teams",
        "ties": "Ties", "competitions": "Competitions", "in_progress": "Ties in progress",
        "decided": "Latest decided ties", "by": "By", "source": "Source", "matches": "Matches",
        "tie": "Tie", "agg": "agg.", "aet": "a.e.t.", "pen": "pen.", "leg": "Leg", "venue": "Venue",
        "neutral": "neutral venue", "goals": "Goals", "cards": "Cards", "skip": "Skip to content",
        "footer": "Match recaps, published with Recaps.", "feed": "Atom feed", "data": "Open data",
        "previous": "Newer", "next": "Older", "page": "Page", "of": "of", "read": "Read the recap",
        "related": "Recaps of this tie", "tags": "Tags", "draft": "Draft", "team_discussed": "Teams in this recap",
        "pen_goal": "pen.", "og_goal": "o.g.", "red": "red card", "second_yellow": "second yellow",
        "yellow": "yellow card", "nav": "Main", "breadcrumb": "Breadcrumb", "view_tie": "Tie page",
    },
    "it": {
        "home": "Home", "recaps": "Cronache", "latest_recaps": "Ultime cronache", "teams": "Squadre",
        "ties": "Sfide", "competitions": "Competizioni", "in_progress": "Sfide in corso",
        "decided": "Ultime sfide concluse", "by": "Di", "source": "Fonte", "matches": "Partite",
        "tie": "Sfida", "agg": "tot.", "aet": "d.t.s.", "pen": "rig.", "leg": "Gara", "venue": "Stadio",
        "neutral": "campo neutro", "goals": "Gol", "cards": "Espulsioni", "skip": "Vai al contenuto",
        "footer": "Cronache delle partite, pubblicate con Recaps.", "feed": "Feed Atom", "data": "Dati aperti",
        "previous": "Più recenti", "next": "Meno recenti", "page": "Pagina", "of": "di", "read": "Leggi la cronaca",
        "related": "Cronache di questa sfida", "tags": "Tag", "draft": "Bozza", "team_discussed": "Squadre citate",
        "pen_goal": "rig.", "og_goal": "aut.", "red": "rosso", "second_yellow": "doppio giallo",
        "yellow": "giallo", "nav": "Principale", "breadcrumb": "Percorso", "view_tie": "Pagina della sfida",
    },
}


def label(key: str, lang: str) -> str:
    """A label in `lang`, falling back to English."""
    table = LABELS.get(lang.split("-")[0], LABELS["en"])
    return table.get(key) or LABELS["en"].get(key, key)


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def long_date(value: dt.date | None, lang: str) -> str:
    """'18 February 2025' / '18 febbraio 2025'.

    >>> long_date(dt.date(2025, 2, 18), "it")
    '18 febbraio 2025'
    """
    if value is None:
        return ""
    return format_date(value, format="d MMMM y", locale=_locale(lang))
