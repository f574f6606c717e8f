#!/usr/bin/env python3
"""A generated corpus of match recaps for the benchmarks: the same recaps for us, Pelican and Hugo.

    python benchmarks/gen_corpus.py OUT_DIR N [--flavor generic|pelican|hugo] [--seed S]

Writes N recaps in Markdown, from a seeded random stream and the standard library only: the
same N and seed give the same bytes, and the corpus of N recaps is the first N of any larger one.
The bodies (about 500 words, English or Italian, with headings, a quote, a link, some emphasis
and now and then a table) are the same in every flavor; the header, the layout and the site
settings differ:

  generic  OUT_DIR/articles/YYYY-MM-DD-slug.md with this project's YAML front matter (title,
           date, lang, competition, season, teams, matches)
  pelican  OUT_DIR/pelicanconf.py (quickstart settings, the default theme) and
           OUT_DIR/content/slug.md with Pelican's `Key: value` header lines
  hugo     OUT_DIR/hugo.toml, a small theme in OUT_DIR/layouts/ and OUT_DIR/content/posts/slug.md
           with the same front matter plus the taxonomies `teams` and `competitions`

The recaps come tie by tie: most ties are two-legged and reported by two recaps, one a leg;
about one in ten is a single review of both legs and one in twenty a one-match final. The
teams, competitions and stages are real names, most of them unknown to content/teams.yaml.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 20250212
FLAVORS = ("generic", "pelican", "hugo")


# ---------------------------------------------------------------------- what recaps are made of ----

TEAMS_BY_COUNTRY = {
    "ITA": ["Atalanta", "Inter", "AC Milan", "Juventus", "Napoli", "AS Roma",
            "Lazio", "Fiorentina", "Bologna", "Torino", "Genoa", "Udinese",
            "Hellas Verona", "Sassuolo", "Empoli", "Monza", "Lecce", "Cagliari",
            "Como 1907", "Parma", "Venezia", "Sampdoria"],
    "ENG": ["Arsenal", "Chelsea", "Liverpool", "Manchester City",
            "Manchester United", "Tottenham Hotspur", "Newcastle United",
            "Aston Villa", "Brighton & Hove Albion", "West Ham United",
            "Nottingham Forest", "Brentford", "Fulham", "Crystal Palace",
            "Everton", "Wolverhampton Wanderers", "Leicester City",
            "Southampton", "AFC Bournemouth", "Ipswich Town", "Sheffield Wednesday",
            "Queens Park Rangers"],
    "ESP": ["Real Madrid", "FC Barcelona", "Atlético Madrid", "Athletic Club",
            "Real Sociedad", "Villarreal", "Real Betis", "Sevilla", "Valencia",
            "Girona", "Celta Vigo", "Osasuna", "Rayo Vallecano", "Getafe",
            "Deportivo Alavés", "RCD Mallorca", "UD Las Palmas", "CD Leganés",
            "Real Valladolid", "Espanyol"],
    "GER": ["Bayern München", "Borussia Dortmund", "Bayer Leverkusen",
            "RB Leipzig", "Eintracht Frankfurt", "VfB Stuttgart", "SC Freiburg",
            "VfL Wolfsburg", "Borussia Mönchengladbach", "1. FC Union Berlin",
            "Werder Bremen", "TSG Hoffenheim", "1. FSV Mainz 05", "FC Augsburg",
            "1. FC Köln", "FC St. Pauli", "Hamburger SV", "1. FC Heidenheim"],
    "FRA": ["Paris Saint-Germain", "Olympique de Marseille", "AS Monaco",
            "LOSC Lille", "Olympique Lyonnais", "OGC Nice", "RC Lens",
            "Stade Rennais", "Stade Brestois 29", "RC Strasbourg", "Toulouse FC",
            "FC Nantes", "Montpellier HSC", "Stade de Reims", "AJ Auxerre",
            "Angers SCO", "AS Saint-Étienne", "Le Havre AC"],
    "POR": ["Benfica", "FC Porto", "Sporting CP", "SC Braga", "Vitória SC",
            "Casa Pia", "Gil Vicente", "Moreirense", "Rio Ave", "Famalicão"],
    "NED": ["PSV Eindhoven", "Feyenoord", "Ajax", "AZ Alkmaar", "FC Twente",
            "FC Utrecht", "Go Ahead Eagles", "NEC Nijmegen", "Sparta Rotterdam",
            "sc Heerenveen"],
    "BEL": ["Club Brugge", "Union Saint-Gilloise", "RSC Anderlecht", "KRC Genk",
            "Royal Antwerp", "KAA Gent", "Cercle Brugge", "Standard Liège"],
    "SCO": ["Celtic", "Rangers", "Heart of Midlothian", "Aberdeen",
            "Hibernian", "Queen's Park"],
    "NOR": ["Bodø/Glimt", "Molde", "Rosenborg", "Brann", "Viking", "Tromsø IL"],
    "TUR": ["Galatasaray", "Fenerbahçe", "Beşiktaş", "Trabzonspor",
            "İstanbul Başakşehir", "Samsunspor", "Göztepe", "Kasımpaşa"],
    "GRE": ["Olympiacos", "PAOK", "AEK Athens", "Panathinaikos", "Aris"],
    "AUT": ["Red Bull Salzburg", "Sturm Graz", "Rapid Wien", "LASK",
            "Austria Wien"],
    "SUI": ["Young Boys", "FC Basel", "FC Lugano", "Servette", "FC Zürich",
            "FC St. Gallen"],
    "DEN": ["FC København", "FC Midtjylland", "Brøndby IF", "AGF Aarhus",
            "FC Nordsjælland", "Silkeborg IF"],
    "CRO": ["Dinamo Zagreb", "Hajduk Split", "HNK Rijeka", "NK Osijek"],
    "SRB": ["Crvena zvezda", "Partizan", "TSC Bačka Topola"],
    "CZE": ["Sparta Praha", "Slavia Praha", "Viktoria Plzeň", "Baník Ostrava"],
    "POL": ["Legia Warszawa", "Jagiellonia Białystok", "Lech Poznań",
            "Raków Częstochowa", "Pogoń Szczecin"],
    "UKR": ["Shakhtar Donetsk", "Dynamo Kyiv", "Dnipro-1", "Zorya Luhansk"],
    "SWE": ["Malmö FF", "Djurgårdens IF", "Hammarby", "AIK", "IFK Göteborg"],
    "ISR": ["Maccabi Tel Aviv", "Maccabi Haifa", "Hapoel Be'er Sheva"],
    "HUN": ["Ferencváros", "Puskás Akadémia"],
    "BRA": ["Flamengo", "Palmeiras", "São Paulo", "Corinthians",
            "Atlético Mineiro", "Fluminense", "Botafogo", "Grêmio",
            "Internacional", "Athletico Paranaense", "Fortaleza", "Cruzeiro"],
    "ARG": ["River Plate", "Boca Juniors", "Racing Club", "Independiente",
            "San Lorenzo", "Estudiantes de La Plata", "Vélez Sarsfield",
            "Talleres", "Newell's Old Boys", "Rosario Central"],
    "URU": ["Peñarol", "Nacional", "Liverpool Montevideo"],
    "COL": ["Atlético Nacional", "Millonarios", "Junior"],
    "CHI": ["Colo-Colo", "Universidad de Chile", "Universidad Católica"],
    "PAR": ["Olimpia", "Cerro Porteño", "Libertad"],
    "ECU": ["LDU Quito", "Independiente del Valle", "Barcelona SC"],
    "JPN": ["Yokohama F. Marinos", "Kawasaki Frontale", "Urawa Red Diamonds",
            "Vissel Kobe", "Sanfrecce Hiroshima", "Kashima Antlers"],
    "KOR": ["Ulsan HD", "Jeonbuk Hyundai Motors", "Pohang Steelers",
            "Gwangju FC"],
    "KSA": ["Al-Hilal", "Al-Nassr", "Al-Ittihad", "Al-Ahli"],
    "QAT": ["Al-Sadd", "Al-Duhail", "Al-Rayyan"],
    "UAE": ["Al-Ain", "Shabab Al-Ahli", "Al-Wasl"],
    "IRN": ["Persepolis", "Esteghlal", "Sepahan"],
    "AUS": ["Central Coast Mariners", "Melbourne City", "Sydney FC"],
    "CHN": ["Shanghai Port", "Shandong Taishan", "Shanghai Shenhua"],
}
EUROPE = ["ITA", "ENG", "ESP", "GER", "FRA", "POR", "NED", "BEL", "SCO",
          "NOR", "TUR", "GRE", "AUT", "SUI", "DEN", "CRO", "SRB", "CZE",
          "POL", "UKR", "SWE", "ISR", "HUN"]
SAMERICA = ["BRA", "ARG", "URU", "COL", "CHI", "PAR", "ECU"]
ASIA = ["JPN", "KOR", "KSA", "QAT", "UAE", "IRN", "AUS", "CHN"]

# (name, countries, weight, stages)
UEFA_STAGES = ["Knockout play-offs", "Round of 16", "Quarter-finals",
               "Semi-finals"]
CUP_STAGES = ["Round of 16", "Quarter-finals", "Semi-finals"]
COMPETITIONS = [
    ("UEFA Champions League", EUROPE, 5, UEFA_STAGES),
    ("UEFA Europa League", EUROPE, 4, UEFA_STAGES),
    ("UEFA Conference League", EUROPE, 4, UEFA_STAGES),
    ("Coppa Italia", ["ITA"], 2, CUP_STAGES),
    ("Copa del Rey", ["ESP"], 2, CUP_STAGES),
    ("DFB-Pokal", ["GER"], 1, CUP_STAGES),
    ("EFL Cup", ["ENG"], 1, CUP_STAGES),
    ("Coupe de France", ["FRA"], 1, CUP_STAGES),
    ("CONMEBOL Libertadores", SAMERICA, 2, CUP_STAGES),
    ("AFC Champions League Elite", ASIA, 1, CUP_STAGES),
]
SEASONS = ["2021-22", "2022-23", "2023-24", "2024-25"]

PLAYERS = [
    "Mario Pašalić", "Ademola Lookman", "Charles De Ketelaere", "Éderson",
    "Marten de Roon", "Rasmus Højlund", "Hakan Çalhanoğlu", "Lautaro Martínez",
    "Marcus Thuram", "Nicolò Barella", "Khvicha Kvaratskhelia",
    "Dušan Vlahović", "Wojciech Szczęsny", "Martin Ødegaard", "Bukayo Saka",
    "Declan Rice", "Kylian Mbappé", "Vinícius Júnior", "Jude Bellingham",
    "Federico Valverde", "Robert Lewandowski", "Lamine Yamal", "Pedri",
    "Raphinha", "Antoine Griezmann", "Julián Álvarez", "Nico Williams",
    "Mikel Oyarzabal", "Harry Kane", "Jamal Musiala", "Thomas Müller",
    "Leroy Sané", "Florian Wirtz", "Granit Xhaka", "Victor Boniface",
    "Serhou Guirassy", "Julian Brandt", "Ousmane Dembélé", "Vitinha",
    "Achraf Hakimi", "Bradley Barcola", "Mohamed Salah", "Luis Díaz",
    "Virgil van Dijk", "Erling Haaland", "Phil Foden", "Kevin De Bruyne",
    "İlkay Gündoğan", "Bruno Fernandes", "Viktor Gyökeres", "Pedro Gonçalves",
    "Ángel Di María", "Vangelis Pavlidis", "Samu Aghehowa", "Luuk de Jong",
    "Johan Bakayoko", "Santiago Giménez", "Ayase Ueda", "Brian Brobbey",
    "Hans Vanaken", "Ferran Jutglà", "Christos Tzolis", "Kasper Høgh",
    "Patrick Berg", "Jens Petter Hauge", "Victor Osimhen", "Dries Mertens",
    "Edin Džeko", "Dušan Tadić", "Youssef En-Nesyri", "Kyogo Furuhashi",
    "Cyriel Dessers", "Ayoub El Kaabi", "Kostas Fortounis", "Fotis Ioannidis",
    "Karim Onisiwo", "Mika Biereth", "Cédric Bakambu", "Mohamed Elyounoussi",
    "Giorgos Giakoumakis", "Pedro", "Gabigol", "Arrascaeta", "Raphael Veiga",
    "Estêvão", "Hulk", "Germán Cano", "Miguel Borja", "Edinson Cavani",
    "Franco Armani", "Facundo Colidio", "Luis Suárez", "Marcos Leonardo",
    "Salem Al-Dawsari", "Aleksandar Mitrović", "Cristiano Ronaldo",
    "Anderson Lopes", "Yuki Soma", "Joo Min-kyu", "Son Heung-min",
    "Nikola Vlašić", "Bruno Petković", "Marko Livaja", "Dejan Joveljić",
    "Václav Černý", "Tomáš Chorý", "Jesper Karlström", "Róbert Boženík",
    "Paweł Wszołek", "Jesús Imaz", "Dominik Szoboszlai", "Barnabás Varga",
]
COACHES = [
    "Gian Piero Gasperini", "Simone Inzaghi", "Antonio Conte", "Carlo Ancelotti",
    "Hansi Flick", "Diego Simeone", "Mikel Arteta", "Arne Slot",
    "Pep Guardiola", "Vincent Kompany", "Xabi Alonso", "Luis Enrique",
    "Kjetil Knutsen", "Nicky Hayen", "Brendan Rodgers", "Ruben Amorim",
    "Arne Sénéchal", "José Mourinho", "Ange Postecoglou", "Unai Emery",
    "Vítor Pereira", "Thiago Motta", "Raffaele Palladino", "Marcelo Gallardo",
    "Fernando Diniz", "Abel Ferreira", "Jorge Jesus", "Hajime Moriyasu",
    "Peter Bosz", "Francesco Farioli", "Claudio Ranieri", "Marco Baroni",
]
STADIUMS = [
    "Jan Breydelstadion", "Gewiss Stadium", "San Siro", "Anfield",
    "Santiago Bernabéu", "Signal Iduna Park", "Aspmyra Stadion", "Estádio da Luz",
    "Parc des Princes", "Allianz Arena", "Celtic Park", "Philips Stadion",
    "Stadio Olimpico", "Estadio Metropolitano", "Emirates Stadium",
    "Stade Vélodrome", "Rams Park", "Şükrü Saracoğlu", "Maracanã",
    "La Bombonera", "Estadio Monumental", "King Fahd Stadium", "Parken",
    "Stadion Maksimir", "Groupama Aréna", "Letná", "Generali Arena",
]

EN_TITLE_1 = [
    "{winner} edge {loser} in first-leg thriller",
    "{home} and {away} share the spoils in the {stage}",
    "{winner} take control of {stage} tie against {loser}",
    "First leg: {home} {hs}-{as_} {away}",
    "{loser} left with work to do after defeat to {winner}",
    "Late drama as {home} meet {away} in {competition}",
]
EN_TITLE_2 = [
    "{agg_winner} through to the next round after {agg} on aggregate",
    "{agg_winner} complete the job against {agg_loser}",
    "Second leg: {home} {hs}-{as_} {away} ({agg} agg.)",
    "{agg_loser} bow out of the {competition} against {agg_winner}",
    "{agg_winner} hold their nerve to knock out {agg_loser}",
]
EN_TITLE_R = [
    "Tie review: how {agg_winner} beat {agg_loser} over two legs",
    "{stage} review: {agg_winner} {agg} {agg_loser} on aggregate",
]
EN_TITLE_F = [
    "{winner} lift the trophy after beating {loser}",
    "Final: {home} {hs}-{as_} {away}",
]
IT_TITLE_1 = [
    "Andata: il {winner} piega il {loser}",
    "{home}-{away} {hs}-{as_}, l'andata dei {stage_it}",
    "Il {loser} dovrà rimontare dopo il ko contro il {winner}",
    "Pari e tanta emozione tra {home} e {away}",
]
IT_TITLE_2 = [
    "Ritorno: il {agg_winner} passa il turno, {agg} nel totale",
    "Il {agg_loser} saluta la {competition} contro il {agg_winner}",
    "{home}-{away} {hs}-{as_}: qualificazione al {agg_winner}",
]
IT_TITLE_R = [
    "Il doppio confronto: come il {agg_winner} ha eliminato il {agg_loser}",
]
IT_TITLE_F = [
    "Il {winner} alza il trofeo: battuto il {loser} in finale",
    "Finale: {home}-{away} {hs}-{as_}",
]
STAGE_IT = {"Knockout play-offs": "play-off", "Round of 16": "ottavi",
            "Quarter-finals": "quarti", "Semi-finals": "semifinali",
            "Final": "finale"}

EN_SENT = [
    "{home} started brightly and pinned {away} back for the opening twenty minutes.",
    "The first real chance fell to {p1}, whose header from a corner drifted just wide.",
    "{p1} opened the scoring after {m1} minutes, curling a shot into the far corner.",
    "It was a goal that had been coming, and the {stadium} crowd responded in kind.",
    "{away} grew into the game after the half-hour mark, moving the ball with more purpose.",
    "{p2} levelled with a low finish after a quick one-two on the edge of the area.",
    "The referee waved away a penalty appeal when {p3} went down under a challenge.",
    "VAR checked the incident for almost two minutes before play resumed.",
    "{coach} made a double change just before the hour, and it changed the rhythm of the match.",
    "The substitutes added energy, and {home} pressed higher up the pitch.",
    "{p3} hit the post from twenty-five yards with the goalkeeper beaten.",
    "After {m2} minutes {p1} found space between the lines and squared for {p2}, who made no mistake.",
    "{away} defended deep in the closing stages, inviting pressure they could barely contain.",
    "A stoppage-time scramble ended with the ball cleared off the line.",
    "It was a performance built on patience rather than flair.",
    "The midfield battle was fierce, with {p3} booked for a late tackle.",
    "Neither side could claim to have dominated, though {home} created the clearer chances.",
    "Set pieces were a constant threat, and {away} looked vulnerable from every delivery.",
    "The travelling supporters, more than four thousand of them, never stopped singing.",
    "{p2}'s movement off the ball stretched the back line all evening.",
    "At the break the numbers told a story of control: {home} had 61% of possession.",
    "The second half began at a frantic pace, with three chances in as many minutes.",
    "{coach} was animated on the touchline, urging his full-backs forward.",
    "A tactical foul on {p1} earned a yellow card and a free kick in a dangerous position.",
    "The goalkeeper's double save from {p2} and {p3} kept the tie alive.",
    "It's the kind of night that defines a season, and everyone inside the ground knew it.",
]
IT_SENT = [
    "Il {home} parte forte e schiaccia il {away} nella propria metà campo.",
    "La prima occasione capita a {p1}, il cui colpo di testa termina di poco a lato.",
    "Al {m1}' {p1} sblocca il risultato con un destro a giro sul secondo palo.",
    "Il gol era nell'aria e il pubblico del {stadium} esplode.",
    "Dopo la mezz'ora il {away} cresce e fa girare palla con maggiore convinzione.",
    "{p2} pareggia con un diagonale rasoterra dopo un rapido uno-due al limite.",
    "L'arbitro lascia correre quando {p3} finisce a terra in area.",
    "Il VAR controlla l'episodio per quasi due minuti prima della ripresa del gioco.",
    "{coach} cambia due uomini poco prima dell'ora di gioco e la partita cambia volto.",
    "I subentrati portano energia e il {home} alza il baricentro.",
    "{p3} colpisce il palo da fuori area a portiere battuto.",
    "Al {m2}' {p1} trova spazio tra le linee e serve {p2}, che non sbaglia.",
    "Nel finale il {away} si difende basso, concedendo campo e iniziativa.",
    "Una mischia in pieno recupero si chiude con un salvataggio sulla linea.",
    "È una prestazione costruita sulla pazienza più che sulla fantasia.",
    "A centrocampo la battaglia è intensa e {p3} viene ammonito per un intervento in ritardo.",
    "Nessuna delle due squadre domina davvero, ma il {home} crea le occasioni più nitide.",
    "Le palle inattive sono una minaccia costante e il {away} soffre su ogni cross.",
    "I tifosi ospiti, più di quattromila, non smettono mai di cantare.",
    "I movimenti senza palla di {p2} mettono in difficoltà la difesa per tutta la sera.",
    "All'intervallo i numeri raccontano il controllo del {home}: 61% di possesso palla.",
    "La ripresa comincia a ritmo forsennato, con tre occasioni in tre minuti.",
    "{coach} si sbraccia a bordo campo e chiede ai terzini di spingere.",
    "Un fallo tattico su {p1} costa il giallo e una punizione da posizione pericolosa.",
    "La doppia parata del portiere su {p2} e {p3} tiene aperto il discorso qualificazione.",
    "È una di quelle notti che segnano una stagione, e lo sanno tutti allo stadio.",
]
EN_EMPH = ["*a statement of intent*", "*utterly deserved*", "*against the run of play*",
           "**the decisive moment**", "*a night to remember*", "*sheer persistence*"]
IT_EMPH = ["*un segnale forte*", "*meritatissimo*", "*contro l'inerzia della gara*",
           "**il momento decisivo**", "*una notte da ricordare*", "*pura tenacia*"]
EN_EMPH_SENT = ["For {team} it was {e}.", "Many called the result {e}.",
                "What followed was {e}."]
IT_EMPH_SENT = ["Per il {team} è stato {e}.", "In tanti hanno definito il risultato {e}.",
                "Quello che è seguito è stato {e}."]
EN_HEAD = ["First half", "Second half", "Turning point", "Key moments",
           "What it means", "Tactical notes", "Player ratings", "What's next"]
IT_HEAD = ["Primo tempo", "Secondo tempo", "La svolta", "I momenti chiave",
           "Cosa significa", "Note tattiche", "Le pagelle", "Cosa succede ora"]
EN_QUOTE = [
    "We knew it would be difficult, but the players showed real character tonight.",
    "The tie is not over. We go there with belief and with a clear plan.",
    "I'm proud of the group; we suffered together and we won together.",
    "Football can be cruel. We created enough to win, but we lacked the final touch.",
]
IT_QUOTE = [
    "Sapevamo che sarebbe stata dura, ma i ragazzi hanno mostrato carattere.",
    "La qualificazione è ancora aperta: andremo lì con fiducia e con un piano chiaro.",
    "Sono orgoglioso del gruppo, abbiamo sofferto insieme e vinto insieme.",
    "Il calcio sa essere crudele: abbiamo creato abbastanza, ma è mancato l'ultimo passaggio.",
]
EN_LINK = ["Watch the [extended highlights](https://example.com/highlights/{slug}) "
           "or read our [preview of the tie](https://example.com/previews/{slug}).",
           "The full [match statistics](https://example.org/stats/{slug}) are available "
           "on the competition's website."]
IT_LINK = ["Guarda gli [highlights completi](https://example.com/highlights/{slug}) "
           "oppure rileggi la [presentazione della sfida](https://example.com/previews/{slug}).",
           "Le [statistiche complete](https://example.org/stats/{slug}) sono disponibili "
           "sul sito della competizione."]


# ------------------------------------------------------------------------- peers' settings ----

PELICANCONF = '''\
# pelican-quickstart style settings (default theme "notmyidea")
AUTHOR = "Recaps"
SITENAME = "Match Recaps"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Rome"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LINKS = ()
SOCIAL = ()
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
'''

HUGO_TOML = '''\
baseURL = "http://example.org/"
languageCode = "en"
title = "Match Recaps"
paginate = 10
[taxonomies]
  team = "teams"
  competition = "competitions"
'''
HUGO_LAYOUTS = {
    "_default/baseof.html": '''\
<!DOCTYPE html>
<html lang="{{ with .Params.lang }}{{ . }}{{ else }}en{{ end }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
 <a href="{{ "/teams/" | relURL }}">Teams</a> <a href="{{ "/competitions/" | relURL }}">Competitions</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
''',
    "_default/single.html": '''\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time> &middot; {{ .Params.competition }} {{ .Params.season }}</p>
<p>{{ range .GetTerms "teams" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<table>{{ range .Params.matches }}<tr><td>{{ .home }}</td><td>{{ .score }}</td><td>{{ .away }}</td><td>{{ .stage }}{{ with .leg }} (leg {{ . }}){{ end }}</td></tr>{{ end }}</table>
{{ .Content }}
</article>
{{ end }}
''',
    "_default/list.html": '''\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
{{ range $paginator.Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h2>
{{ if not .Date.IsZero }}<time>{{ .Date.Format "2006-01-02" }}</time>{{ end }}
<p>{{ .Summary }}</p></article>
{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
''',
}



# ------------------------------------------------------------------------------------ helpers ----

def slugify(text: str) -> str:
    text = text.replace("ø", "o").replace("Ø", "O").replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:70].rstrip("-") or "article"


PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 .\-/À-ɏ]*$")
YAML_WORDS = ("yes", "no", "on", "off", "true", "false", "null", "y", "n")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that is plainly safe, else JSON's double quotes."""
    if PLAIN_SCALAR.match(text) and text.lower() not in YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def first_leg_date(rng: random.Random, season: str, stage: str, stages: list[str]) -> dt.date:
    """A date in the season's second year, later for later stages (February to May)."""
    index = stages.index(stage) if stage in stages else len(stages)
    start = dt.date(int(season[:4]) + 1, 2, 1) + dt.timedelta(days=24 * index)
    return start + dt.timedelta(days=rng.randint(0, 18))


def random_score(rng: random.Random) -> tuple[int, int]:
    weights = [30, 34, 20, 10, 4, 2]
    return rng.choices(range(6), weights)[0], rng.choices(range(6), weights)[0]


def goals(score: str) -> tuple[int, int]:
    home, away = score.split("-")
    return int(home), int(away)


# --------------------------------------------------------------------------------------- body ----

def make_body(rng: random.Random, lang: str, match: dict, slug: str) -> str:
    """About 470 to 600 words of Markdown about `match`."""
    english = lang == "en"
    sentences = EN_SENT if english else IT_SENT
    target = rng.randint(470, 600)
    paragraphs, words = [], 0
    heading_at = sorted(rng.sample(range(2, 8), rng.randint(2, 3)))
    quote_at = rng.randint(3, 6)
    link_at = rng.randint(1, 7)
    with_table = rng.random() < 0.2
    headings = rng.sample(EN_HEAD if english else IT_HEAD, len(heading_at) + 1)
    number = 0
    while words < target:
        if number in heading_at:
            paragraphs.append("## " + headings[heading_at.index(number)])
        if number == quote_at:
            quote = rng.choice(EN_QUOTE if english else IT_QUOTE)
            paragraphs.append("> \u201c%s\u201d\n>\n> \u2014 %s" % (quote, rng.choice(COACHES)))
            words += len(quote.split()) + 3
        paragraph = []
        for _ in range(rng.randint(3, 6)):
            paragraph.append(rng.choice(sentences).format(
                home=match["home"], away=match["away"], p1=rng.choice(PLAYERS), p2=rng.choice(PLAYERS),
                p3=rng.choice(PLAYERS), m1=rng.randint(2, 44), m2=rng.randint(46, 90),
                coach=rng.choice(COACHES), stadium=rng.choice(STADIUMS)))
        if rng.random() < 0.35:
            emphasis = rng.choice(EN_EMPH if english else IT_EMPH)
            sentence = rng.choice(EN_EMPH_SENT if english else IT_EMPH_SENT)
            paragraph.insert(rng.randint(0, len(paragraph)), sentence.format(team=match["home"], e=emphasis))
        if number == link_at:
            paragraph.append(rng.choice(EN_LINK if english else IT_LINK).format(slug=slug))
        text = " ".join(paragraph)
        paragraphs.append(text)
        words += len(text.split())
        if with_table and number == 2:
            paragraphs.append(stats_table(rng, english, match))
        number += 1
    return "\n\n".join(paragraphs) + "\n"


def stats_table(rng: random.Random, english: bool, match: dict) -> str:
    labels = (["Possession", "Shots", "On target", "Corners", "Fouls"] if english
              else ["Possesso", "Tiri", "In porta", "Angoli", "Falli"])
    possession = rng.randint(35, 65)
    values = [("%d%%" % possession, "%d%%" % (100 - possession))] + [
        (str(rng.randint(low, high)), str(rng.randint(low, high))) for low, high in ((4, 22), (1, 9), (1, 11), (6, 18))]
    rows = ["| Stat | %s | %s |" % (match["home"], match["away"]), "|---|---:|---:|"]
    rows += ["| %s | %s | %s |" % (label, home, away) for label, (home, away) in zip(labels, values)]
    return "\n".join(rows)


# ------------------------------------------------------------------------------------ recaps ----

@dataclass
class Recap:
    title: str
    date: dt.date
    lang: str
    competition: str
    season: str
    teams: list[str]
    matches: list[dict]  # home, away, score ("H-A"), stage, leg (absent in a final), date
    slug: str
    tie: str
    body: str


def title_templates(kind: str, match: dict, english: bool) -> list[str]:
    if kind == "final":
        return EN_TITLE_F if english else IT_TITLE_F
    if kind == "review":
        return EN_TITLE_R if english else IT_TITLE_R
    if match.get("leg") == 1:
        return EN_TITLE_1 if english else IT_TITLE_1
    return EN_TITLE_2 if english else IT_TITLE_2


def generate(count: int, seed: int = DEFAULT_SEED) -> list[Recap]:
    """`count` recaps, tie by tie from one random stream."""
    rng = random.Random(seed)
    weights = [competition[2] for competition in COMPETITIONS]
    slugs: set[str] = set()
    ties_drawn: set[tuple] = set()
    recaps: list[Recap] = []
    tie_number = 0
    while len(recaps) < count:
        tie_number += 1
        name, countries, _, stages = rng.choices(COMPETITIONS, weights)[0]
        season = rng.choice(SEASONS)
        pool = [team for country in countries for team in TEAMS_BY_COUNTRY[country]]
        team1, team2 = rng.sample(pool, 2)
        kind = rng.choices(["two", "review", "final"], [85, 10, 5])[0]
        stage = "Final" if kind == "final" else rng.choice(stages)
        # One tie per pair of teams, competition, season and stage (one final per competition and
        # season): a pair drawn before is drawn again, up to 50 times.
        if kind == "final":
            key = (name, season, stage)
            for _ in range(50 if key in ties_drawn else 0):
                team1, team2 = rng.sample(pool, 2)
        else:
            key = (name, season, stage, frozenset((team1, team2)))
            tries = 0
            while key in ties_drawn and tries < 50:
                team1, team2 = rng.sample(pool, 2)
                key = (name, season, stage, frozenset((team1, team2)))
                tries += 1
        if key in ties_drawn:
            continue
        ties_drawn.add(key)
        first_date = first_leg_date(rng, season, stage, stages)
        first = random_score(rng)
        leg1 = {"home": team1, "away": team2, "score": "%d-%d" % first, "stage": stage, "leg": 1, "date": first_date}
        if kind == "final":
            if first[0] == first[1]:  # a final has a winner
                leg1["score"] = "%d-%d" % (first[0] + 1, first[1])
            del leg1["leg"]
            matches = [leg1]
            total1, total2 = goals(leg1["score"])
        else:
            second = random_score(rng)
            second_date = first_date + dt.timedelta(days=rng.choice([6, 7, 7, 7, 8, 14]))
            leg2 = {"home": team2, "away": team1, "score": "%d-%d" % second, "stage": stage, "leg": 2,
                    "date": second_date}
            matches = [leg1, leg2]
            total1, total2 = first[0] + second[1], first[1] + second[0]
            if total1 == total2:  # the second leg's home side scores once more: the tie is decided
                leg2["score"] = "%d-%d" % (second[0] + 1, second[1])
                total2 += 1
        winner, loser = (team1, team2) if total1 > total2 else (team2, team1)
        aggregate = "%d-%d" % (max(total1, total2), min(total1, total2))
        for reported in ([matches[0]], [matches[1]]) if kind == "two" else (matches,):
            if len(recaps) >= count:
                break
            lang = "it" if rng.random() < 0.3 else "en"
            match = reported[-1]
            home_goals, away_goals = goals(match["score"])
            match_winner, match_loser = ((match["home"], match["away"]) if home_goals >= away_goals
                                         else (match["away"], match["home"]))
            title = rng.choice(title_templates(kind, match, lang == "en")).format(
                home=match["home"], away=match["away"], hs=home_goals, as_=away_goals, winner=match_winner,
                loser=match_loser, stage=stage, stage_it=STAGE_IT[stage], competition=name, agg=aggregate,
                agg_winner=winner, agg_loser=loser)
            slug = base = slugify(title)
            suffix = 2
            while slug in slugs:
                slug = "%s-%d" % (base, suffix)
                suffix += 1
            slugs.add(slug)
            body = make_body(rng, lang, match, slug)
            recaps.append(Recap(title, match["date"], lang, name, season, [team1, team2], reported, slug,
                                "%s-%s-%s" % (slugify(name), season, tie_number), body))
    return recaps


# ----------------------------------------------------------------------------------- writing ----

def front_matter(recap: Recap, extra_lines: tuple[str, ...] = ()) -> str:
    lines = ["---", "title: " + json.dumps(recap.title, ensure_ascii=False), "date: " + recap.date.isoformat(),
             "lang: " + recap.lang, "competition: " + yaml_scalar(recap.competition), "season: " + recap.season,
             "teams: [" + ", ".join(yaml_scalar(team) for team in recap.teams) + "]", "matches:"]
    for match in recap.matches:
        fields = ["home: " + yaml_scalar(match["home"]), "away: " + yaml_scalar(match["away"]),
                  'score: "%s"' % match["score"], "stage: " + yaml_scalar(match["stage"])]
        if "leg" in match:
            fields.append("leg: %d" % match["leg"])
        fields.append("date: " + match["date"].isoformat())
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join([*lines, *extra_lines, "---"]) + "\n\n"


def pelican_header(recap: Recap) -> str:
    matches = "; ".join("%s %s %s (%s%s, %s)" % (
        match["home"], match["score"], match["away"], match["stage"],
        ", leg %d" % match["leg"] if "leg" in match else "", match["date"].isoformat()) for match in recap.matches)
    lines = ["Title: " + recap.title, "Date: " + recap.date.isoformat(), "Slug: " + recap.slug,
             "Lang: " + recap.lang, "Category: " + recap.competition, "Tags: " + ", ".join(recap.teams),
             "Season: " + recap.season, "Matches: " + matches]
    return "\n".join(lines) + "\n\n"


def write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def write_corpus(out: Path, count: int, flavor: str = "generic", seed: int = DEFAULT_SEED) -> list[Recap]:
    """Write `count` recaps into `out` in `flavor`'s layout (see the module's docstring)."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}: expected one of {', '.join(FLAVORS)}")
    out = Path(out)
    recaps = generate(count, seed)
    if flavor == "pelican":
        write_file(out / "pelicanconf.py", PELICANCONF)
    elif flavor == "hugo":
        write_file(out / "hugo.toml", HUGO_TOML)
        for name, text in HUGO_LAYOUTS.items():
            write_file(out / "layouts" / name, text)
    for recap in recaps:
        if flavor == "generic":
            write_file(out / "articles" / f"{recap.date.isoformat()}-{recap.slug}.md", front_matter(recap) + recap.body)
        elif flavor == "pelican":
            write_file(out / "content" / f"{recap.slug}.md", pelican_header(recap) + recap.body)
        else:
            competitions = "competitions: [" + yaml_scalar(recap.competition) + "]"
            write_file(out / "content" / "posts" / f"{recap.slug}.md",
                       front_matter(recap, (competitions,)) + recap.body)
    return recaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("count", type=int, metavar="N", help="how many recaps")
    parser.add_argument("--flavor", default="generic", choices=FLAVORS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    recaps = write_corpus(args.out, args.count, args.flavor, args.seed)
    teams = {team for recap in recaps for team in recap.teams}
    ties = {recap.tie for recap in recaps}
    words = sum(len(recap.body.split()) for recap in recaps)
    print(f"{len(recaps)} recaps, {len(teams)} teams, {len(ties)} ties, {words} body words "
          f"({words / max(1, len(recaps)):.0f} a recap), flavor {args.flavor} -> {args.out}")


if __name__ == "__main__":
    main()
