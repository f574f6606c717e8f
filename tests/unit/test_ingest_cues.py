"""One cue at a time, per language: who won, who was at home, scores in words. Our own sentences."""
import pytest
from tests.unit.test_ingest import TODAY, registry  # noqa: F401 (a fixture)

from recaps.ingest.draft import ingest_text


def match_of(text: str, registry) -> tuple | None:
    matches = ingest_text(text, registry, [], today=TODAY).front.get("matches", [])
    assert len(matches) <= 1
    return (matches[0]["home"], matches[0]["away"], matches[0]["score"]) if matches else None


CUES = [
    # (language, sentence, (home, away, score) written, or None)
    # who won: an active verb, a passive one, the loser's view
    ("en", "Everton defeated Fulham 3-1 at Goodison Park on a wet Sunday.", ("Everton", "Fulham", "3-1")),
    ("en", "Fulham were defeated by Everton 3-1 at Goodison Park.", ("Everton", "Fulham", "3-1")),
    ("en", "Arsenal lost 0-2 away to Brentford in the late game.", ("Brentford", "Arsenal", "2-0")),
    ("en", "Chelsea suffered a 2-1 away defeat at Fulham on Saturday.", ("Fulham", "Chelsea", "2-1")),
    # the club after "at", "sul campo del", "in casa del" is the host, not the winner
    ("it", "Il Genoa vince 2-0 sul campo del Torino e sale in classifica.", ("Torino", "Genoa", "0-2")),
    ("it", "L'Udinese ha vinto 2-1 in casa del Cagliari.", ("Cagliari", "Udinese", "1-2")),
    ("it", "Il Lecce batte 1-0 il Parma in casa e respira.", ("Lecce", "Parma", "1-0")),
    # a ground names the opponent when the sentence names one club, unless the venue may be neutral
    ("en", "Fulham came from behind to win 2-1 at Goodison Park.", ("Everton", "Fulham", "1-2")),
    ("en", "Chelsea lost 2-0 at Anfield on Sunday.", ("Liverpool", "Chelsea", "2-0")),
    ("en", "Chelsea won the semi-final 2-1 at Villa Park.", None),
    # a home defeat, a draw told with "drawing"
    ("en", "Tottenham slumped to a 1-0 home defeat by Brentford.", ("Tottenham Hotspur", "Brentford", "0-1")),
    ("en", "Everton earned a point at Goodison Park, drawing 1-1 with Fulham.", ("Everton", "Fulham", "1-1")),
    ("it", "La Roma incassa una sconfitta casalinga, 0-2 contro il Bologna.", ("Roma", "Bologna", "0-2")),
    # the next game a result leads to is not part of it
    ("en", "Everton beat Fulham 3-2 at home to set up a fourth-round tie against Chelsea.", ("Everton", "Fulham", "3-2")),
    ("it", "Il Torino batte 2-0 il Lecce in casa e affronterà l'Inter nei quarti.", ("Torino", "Lecce", "2-0")),
    # a fixture written home first that opens the sentence
    ("it", "Torino-Lecce finisce 1-1, tra i fischi.", ("Torino", "Lecce", "1-1")),
    ("en", "Everton v Fulham: 1-2 was the final score at the end of a long afternoon.", ("Everton", "Fulham", "1-2")),
    ("it", "Genoa-Parma, il derby emiliano-ligure va agli ospiti: vincono 2-1 in trasferta.", ("Genoa", "Parma", "1-2")),
    ("it", "Torino-Lecce, la sfida della salvezza\nIl Lecce vince 2-1 e respira.", ("Torino", "Lecce", "1-2")),
    # ...but a preview's headline naming the next leg does not overrule a scoreline of this one
    ("en", "Fulham v Everton preview\nFirst leg: Everton 2-2 Fulham.\nThe return is on Tuesday.",
     ("Everton", "Fulham", "2-2")),
    # a ground two clubs share settles a match of one of them against a third, not between them
    ("en", "Inter beat Porto 2-1 at San Siro on Tuesday.", ("Inter", "Porto", "2-1")),
    ("en", "Inter beat Milan 2-1 at San Siro on Tuesday.", None),
    ("it", "La Lazio batte il Genoa 3-0 all'Olimpico.", ("Lazio", "Genoa", "3-0")),
    # a participle of winning after a club is its defeat; after "have" ("ha") it is a win
    ("it", "Blitz del Lecce a Marassi: Genoa battuto 1-0.", ("Genoa", "Lecce", "0-1")),
    ("it", "Il Genoa è stato battuto 1-0 in casa dal Lecce.", ("Genoa", "Lecce", "0-1")),
    ("it", "Il Genoa è stato battuto 1-0 in casa.\nIl Lecce fa festa.", ("Genoa", "Lecce", "0-1")),
    ("it", "TORINO - Il Torino vola: battuto il Lecce 2-0.", ("Torino", "Lecce", "2-0")),
    ("en", "Everton thrashed Fulham 5-0 at Goodison Park.", ("Everton", "Fulham", "5-0")),
    ("it", "Il Genoa ha battuto 1-0 il Lecce in casa.", ("Genoa", "Lecce", "1-0")),
    ("en", "Everton beaten 3-0 at home by Fulham.", ("Everton", "Fulham", "0-3")),
    ("en", "Everton have beaten Fulham 2-0 at Goodison Park.", ("Everton", "Fulham", "2-0")),
    # a win or a defeat told as a noun, its owner after it; suffering one is a defeat
    ("it", "Tris del Napoli al Genoa: 3-0 al Maradona.", ("Napoli", "Genoa", "3-0")),
    ("it", "Tonfo della Roma all'Olimpico: 0-2 contro il Bologna.", ("Roma", "Bologna", "0-2")),
    ("it", "Il Genoa subisce il poker del Napoli: 4-0 al Maradona.", ("Napoli", "Genoa", "4-0")),
    # taking the other side's ground
    ("it", "La Juventus espugna il campo della Fiorentina per 3 a 2.", ("Fiorentina", "Juventus", "2-3")),
    ("it", "Il Torino passa a Lecce 2-0.", ("Lecce", "Torino", "0-2")),
    ("it", "Il Parma sbanca il Dall'Ara: Bologna ko 2-1.", ("Bologna", "Parma", "1-2")),
    # scores in words
    ("en", "Everton and Fulham played out a goalless draw at Goodison Park.", ("Everton", "Fulham", "0-0")),
    ("en", "Chelsea slumped to a two-nil loss at Everton.", ("Everton", "Chelsea", "2-0")),
    ("it", "Il Napoli ha battuto per tre a uno la Lazio al Maradona.", ("Napoli", "Lazio", "3-1")),
    ("it", "Genoa e Parma pareggiano a reti bianche a Marassi.", ("Genoa", "Parma", "0-0")),
    # a dateline's city: the club at home there, also when the city is spelt like a club
    ("en", "LONDON (AP) — Chelsea beat Everton 2-1 on Saturday.\nThe winner came late.", ("Chelsea", "Everton", "2-1")),
    ("it", "ROMA - La Lazio batte il Torino 2-1 e sale al terzo posto.\nDecide un rigore.", ("Lazio", "Torino", "2-1")),
    # a dateline naming neither club's city settles nothing
    ("en", "PARIS (AP) — Chelsea beat Everton 2-1 on Saturday.\nThe winner came late.", None),
    # a club spelt with a dash where the registry has a slash
    ("en", "Results:\nFulham - Bodo-Glimt 2:0", ("Fulham", "Bodø/Glimt", "2-0")),
    # a score in brackets after a return fixture is the first leg's, in the fixture's order
    ("it", "Stasera il ritorno:\nArsenal-Porto (0-1)", ("Porto", "Arsenal", "1-0")),
    ("it", "Stasera in campo:\nArsenal-Porto (0-1)", None),
    # a scoreline that says what would happen
    ("en", "Chelsea 0 Everton 0 - and Everton go through if nobody scores", None),
    # a score after extra time, with no score after 90 minutes, is not taken for one
    ("en", "Liverpool slumped to a 3-2 extra-time loss at Everton.", None),
    ("it", "Napoli e Genoa chiudono sull'1-1 al Maradona.", ("Napoli", "Genoa", "1-1")),
    # the next leg's venue is not this match's; "ahead of" is no running score
    ("en", "Inter drew 1-1 with Porto ahead of the return leg in Porto.", None),
    ("it", "L'Inter pareggia 1-1 con il Porto in vista del ritorno a Porto.", None),
    # a ground named anywhere settles what the result's sentence leaves open...
    ("en", "Real Madrid beat Chelsea 2-1 on Tuesday.\nThe Stamford Bridge crowd went quiet after the second goal.",
     ("Chelsea", "Real Madrid", "1-2")),
    # ...but a ground of an earlier meeting, or of a sentence about the other leg, does not
    ("en", "Real Madrid beat Chelsea 2-1 on Tuesday.\nIn the first leg at the Bernabeu it had finished 0-0.", None),
    # not a score: a pass played one-two
    ("en", "Everton beat Fulham at Goodison after a neat one-two down the left.", None),
    # a headline in title case: its verbs are no part of a club's name
    ("en", "Everton Beat Fulham 3-1 in Merseyside Thriller\n\nEverton beat Fulham at Goodison Park on Sunday.",
     ("Everton", "Fulham", "3-1")),
    # a win told as a noun "with a 2-1 win" is the subject's, whoever is named between
    ("en", "Bournemouth stunned Manchester City with a 2-1 win at the Vitality Stadium.",
     ("Bournemouth", "Manchester City", "2-1")),
    ("en", "Arsenal ended the game with a 2-1 win over Chelsea at the Emirates Stadium.", ("Arsenal", "Chelsea", "2-1")),
    ("en", "Manchester City were stunned by Bournemouth with a 2-1 win at the Vitality Stadium.",
     ("Bournemouth", "Manchester City", "2-1")),
    ("en", "Liverpool were eliminated by Brentford after a 1-0 defeat at Anfield.", ("Liverpool", "Brentford", "0-1")),
    # a result given to a club: it loses a defeat or a thrashing, and wins a win
    ("en", "Liverpool inflicted a 3-0 defeat on Manchester United at Anfield.", ("Liverpool", "Manchester United", "3-0")),
    ("en", "Aston Villa gave Everton a 4-0 thrashing at Villa Park.", ("Aston Villa", "Everton", "4-0")),
    ("en", "Brentford handed Chelsea a 2-1 defeat at Stamford Bridge.", ("Chelsea", "Brentford", "1-2")),
    ("it", "La Fiorentina regala alla Lazio una vittoria per 2-1 al Franchi.", ("Fiorentina", "Lazio", "1-2")),
    ("en", "Arsenal were on the receiving end of a 3-0 hammering by Chelsea at the Emirates Stadium.",
     ("Arsenal", "Chelsea", "0-3")),
    ("en", "Arsenal, who suffered an early injury, beat Chelsea 2-1 at the Emirates Stadium.", ("Arsenal", "Chelsea", "2-1")),
    ("it", "Il Torino si arrende 0-2 al Genoa in casa.", ("Torino", "Genoa", "0-2")),
    # the club a score goes to won it
    ("en", "The final score was 2-1 to Liverpool against Chelsea at Anfield.", ("Liverpool", "Chelsea", "2-1")),
    ("it", "Finisce 2-1 a favore del Napoli contro la Roma al Maradona.", ("Napoli", "Roma", "2-1")),
    # a nickname after the scoreline and a comma is no side of it
    ("it", "Coppa Italia: Juventus-Empoli 2-2, bianconeri eliminati ai rigori (4-5).", ("Juventus", "Empoli", "2-2")),
    ("it", "Europa League: la Roma pareggia 1-1 ad Atene con l'AEK.", ("AEK Athens", "Roma", "1-1")),
    # what would happen is no result; a hope in a clause of its own does not make one hypothetical
    ("en", "If Arsenal beat Chelsea 2-0 at the Emirates Stadium on Sunday, they go top.", None),
    ("it", "ROMA - La Lazio continua a sognare: battuta l'Inter 2-1.", ("Lazio", "Inter", "2-1")),
    ("en", "Arsenal have beaten Chelsea 2-0 in each of their last three meetings at the Emirates Stadium.", None),
    ("it", "Il Torino batte 2-1 il Lecce. I granata, padroni di casa, hanno ribaltato lo svantaggio.",
     ("Torino", "Lecce", "2-1")),
    ("it", "Il Genoa batte 1-0 il Lecce davanti al pubblico amico.", ("Genoa", "Lecce", "1-0")),
    ("en", "Everton won 1-0 on home turf against Fulham.", ("Everton", "Fulham", "1-0")),
    ("en", "Chelsea's 3-0 defeat of Tottenham Hotspur at Stamford Bridge lifted them to fourth.",
     ("Chelsea", "Tottenham Hotspur", "3-0")),
    ("en", "Tottenham Hotspur's 3-0 defeat at Chelsea leaves them tenth.", ("Chelsea", "Tottenham Hotspur", "3-0")),
    ("it", "Il Bologna, che ha battuto 2-0 il Cagliari al Dall'Ara, sale al quinto posto.", ("Bologna", "Cagliari", "2-0")),
    ("it", "Il Napoli passa 2-0 a Cagliari.", ("Cagliari", "Napoli", "0-2")),
    ("en", "Aston Villa were 2-1 losers to Newcastle United at home.", ("Aston Villa", "Newcastle United", "1-2")),
    ("it", "Il Cagliari espugna Marassi e batte il Genoa 2-1.", ("Genoa", "Cagliari", "1-2")),
    # a score after an ending word: in the fixture's order, or the winner the sentence's verb says
    ("it", "Roma-Bologna finisce 0-2.", ("Roma", "Bologna", "0-2")),
    ("en", "Liverpool lost at home to Chelsea: the final score was 0-2.", ("Liverpool", "Chelsea", "0-2")),
    # a part of a town
    ("en", "Ipswich Town beat Tottenham Hotspur 2-1 in north London.", ("Tottenham Hotspur", "Ipswich Town", "1-2")),
    # more words of winning and losing
    ("it", "Il Milan piega la Roma 2-1 a San Siro.", ("Milan", "Roma", "2-1")),
    ("it", "La Juventus crolla 3-0 in casa contro il Bologna.", ("Juventus", "Bologna", "0-3")),
    ("it", "L'Atalanta si aggiudica il derby 2-0 contro il Lecce in casa.", ("Atalanta", "Lecce", "2-0")),
    ("en", "Arsenal slumped to a 2-0 defeat at Brentford.", ("Brentford", "Arsenal", "2-0")),
    ("en", "Everton dispatched Fulham 3-1 at Goodison Park.", ("Everton", "Fulham", "3-1")),
    ("it", "La Juve non va oltre lo 0-0 contro il Monza all'Allianz Stadium.", ("Juventus", "Monza", "0-0")),
    ("it", "Il Torino impatta 1-1 con il Lecce in casa.", ("Torino", "Lecce", "1-1")),
    ("it", "L'Empoli strappa un punto all'Olimpico: 1-1 con la Lazio.", ("Lazio", "Empoli", "1-1")),
    ("en", "Fulham rescued a point at Goodison Park, 2-2 with Everton.", ("Everton", "Fulham", "2-2")),
    ("en", "Liverpool were held 2-2 by Brentford at Anfield.", ("Liverpool", "Brentford", "2-2")),
    ("en", "Arsenal held on to win 2-1 at Brentford.", ("Brentford", "Arsenal", "1-2")),
    # a sentence opening on the day of the games it reports; the next game a result leads to
    ("en", "In Saturday's replays, Everton won 2-0 at home against Fulham.", ("Everton", "Fulham", "2-0")),
    ("en", "Everton, who won Saturday's game 2-0 against Fulham, travel next.", None),
    ("en", "Brentford will host Burnley after triumphing 3-2 at Brighton & Hove Albion.",
     ("Brighton & Hove Albion", "Brentford", "2-3")),
    ("en", "Leeds United face a trip to Hull City after thumping Stoke City 4-1 at Elland Road.",
     ("Leeds United", "Stoke City", "4-1")),
    # national teams: at home in their country's cities and grounds
    ("it", "L'Italia batte 3-1 la Norvegia a Torino nella gara di qualificazione.", ("Italy", "Norway", "3-1")),
    ("en", "Norway lost 2-0 to England at St James' Park.", ("England", "Norway", "2-0")),
    ("en", "Spain beat Sweden 2-1 in Seville on Friday.", ("Spain", "Sweden", "2-1")),
    ("it", "La Nazionale italiana ha battuto per 2 a 0 la Grecia, in una gara giocata allo Stadio Olimpico di Roma; "
           "intanto la Bosnia ha battuto per 4 a 1 la Finlandia.", ("Italy", "Greece", "2-0")),
    ("en", "Scotland drew 1-1 with Wales at Hampden Park.", ("Scotland", "Wales", "1-1")),
    ("en", "Chelsea won 2-1 at Wembley on Sunday.", None),  # a national stadium names no club's opponent
    # a dateline's city written as a name, with its date
    ("it", "Lecce, 3 febbraio - Il Lecce batte il Verona 1-0.", ("Lecce", "Hellas Verona", "1-0")),
    ("en", "Liverpool, Nov 9 - Liverpool beat Chelsea 2-1.", ("Liverpool", "Chelsea", "2-1")),
    ("it", "MONACO DI BAVIERA - Il Bayern batte 2-1 l'Inter.", ("Bayern München", "Inter", "2-1")),
    ("it", "Gli azzurri battono 2-0 la Grecia all'Olimpico: l'Italia vola agli Europei.", ("Italy", "Greece", "2-0")),
    # a country's name as a place or a label is not its team
    ("en", "The Brazil legend scored twice as Inter beat Lazio 2-0 at San Siro.", ("Inter", "Lazio", "2-0")),
    ("it", "I campioni d'Italia dell'Inter battono 2-0 la Lazio a San Siro.", ("Inter", "Lazio", "2-0")),
    ("en", "Everton beat Fulham 2-0 at home, with the Spain striker scoring twice.", ("Everton", "Fulham", "2-0")),
    ("en", "Results:\nLazio (Italy) - Benfica (Portugal) 2-1\n", ("Lazio", "Benfica", "2-1")),
    ("it", "Il Lecce batte 1-0 il Parma in casa, con il gol di un attaccante cresciuto in Spagna.",
     ("Lecce", "Parma", "1-0")),
    ("en", "MADRID, Spain (AP) — Real Madrid beat Getafe 2-0 on Sunday.", ("Real Madrid", "Getafe", "2-0")),
]


@pytest.mark.parametrize("lang, text, match", CUES)
def test_a_cue(lang, text, match, registry):
    assert match_of(text, registry) == match


def written(text: str, registry) -> list[tuple]:
    return [(m["home"], m["away"], m["score"], m.get("pens"))
            for m in ingest_text(text, registry, [], today=TODAY).front.get("matches", [])]


ARTICLES = [
    # (language, text, the matches written, home first)
    # the hosts, or the visitors, took a match with a winner; a negation or a named club settles nothing
    ("en", "Everton beat Fulham 3-1 on Sunday.\nA late double secured the three points for the hosts.",
     [("Everton", "Fulham", "3-1", None)]),
    ("en", "Everton beat Fulham 3-1 on Sunday.\nA late double secured the three points for the visitors.",
     [("Fulham", "Everton", "1-3", None)]),
    ("it", "Il Torino batte il Genoa 2-0.\nGli ospiti portano a casa i tre punti con due gol nella ripresa.",
     [("Genoa", "Torino", "0-2", None)]),
    ("en", "Everton beat Fulham 3-1 on Sunday.\nThe hosts were denied the three points for an hour.", []),
    # an earlier game told in the pluperfect is not this one
    ("en", "Everton had won the first meeting 2-1 at Goodison Park.\nThe return ended without goals.", []),
    ("en", "Chelsea beat Arsenal 2-0, and Everton beat Fulham 1-0 at home.\nSaka had a goal ruled out at Stamford Bridge.",
     [("Chelsea", "Arsenal", "2-0", None), ("Everton", "Fulham", "1-0", None)]),
    ("en", "Real Madrid won the shoot-out 4-3 after a 1-1 draw with Manchester City in the second leg.\n"
           "The Etihad crowd fell silent when the last kick went in.",
     [("Manchester City", "Real Madrid", "1-1", "3-4")]),
]


@pytest.mark.parametrize("lang, text, matches", ARTICLES)
def test_evidence_from_the_whole_article(lang, text, matches, registry):
    assert written(text, registry) == matches


DERIVED = [
    # (language, text, the other leg as the review states it)
    ("en", "Everton drew 1-1 with Fulham at Goodison Park to go through 3-2 on aggregate.",
     "Fulham 1-2 Everton (aggregate 3-2 minus this match, Everton 1-1 Fulham"),
    ("en", "Everton lost 1-3 at home to Fulham, who go through 5-2 on aggregate.",
     "Fulham 2-1 Everton (aggregate 5-2 minus this match, Everton 1-3 Fulham"),
    ("it", "Il Torino batte il Genoa 2-1 in casa, ma il doppio confronto finisce 3-3 nel computo.",
     "Genoa 2-1 Torino (aggregate 3-3 minus this match, Torino 2-1 Genoa"),
]


@pytest.mark.parametrize("lang, text, other_leg", DERIVED)
def test_the_other_leg_an_aggregate_implies_goes_to_review_with_its_arithmetic(lang, text, other_leg, registry):
    draft = ingest_text(text, registry, [], today=TODAY)
    assert len(draft.front["matches"]) == 1  # this match is written, the derived leg is not
    assert any(other_leg in item.why for item in draft.review)


def test_a_leg_without_its_stage_goes_to_review(registry):
    draft = ingest_text("Everton beat Fulham 2-0 at home in the second leg.\n", registry, [], today=TODAY)
    (match,) = draft.front["matches"]
    assert "leg" not in match and "stage" not in match
    assert any("leg 2 of a tie whose stage the text does not name" in item.why for item in draft.review)


def test_the_second_half_of_a_league_season_is_no_leg(registry):
    text = "Serie A, prima giornata del girone di ritorno: il Torino batte il Lecce 2-0 in casa.\n"
    draft = ingest_text(text, registry, [], today=TODAY)
    (match,) = draft.front["matches"]
    assert "leg" not in match and not any("leg" in item.why for item in draft.review)


def test_a_datelines_city_is_no_club_of_the_article(registry):
    draft = ingest_text("MILAN (AP) — Napoli won 2-1 at Inter on Sunday to move top.\n", registry, [], today=TODAY)
    assert draft.front["matches"][0]["home"] == "Inter"
    assert "Milan" not in draft.front.get("teams", []) and not any("MILAN" in item.why for item in draft.review)


def test_a_place_after_a_preposition_is_no_misspelt_club(registry):
    draft = ingest_text("Il Napoli vince 2-1 a Genova contro la Sampdoria.\n", registry, [], today=TODAY)
    assert not any("misspelling" in item.why for item in draft.review)
    assert "Genoa" not in draft.front.get("teams", [])


def test_a_club_named_after_a_ground_and_a_comma_is_no_city(registry):
    text = "Elsewhere, Newcastle United beat Wolves 2-1 at St James' Park, Brentford drew 1-1 with Fulham at home."
    matches = ingest_text(text, registry, [], today=TODAY).front["matches"]
    assert [(m["home"], m["away"], m["score"]) for m in matches] == [
        ("Newcastle United", "Wolverhampton Wanderers", "2-1"), ("Brentford", "Fulham", "1-1")]


def test_a_country_or_a_ground_is_no_scorer(registry):
    text = "The Brazil legend scored twice as Inter beat Lazio 2-0 at San Siro."
    (match,) = ingest_text(text, registry, [], today=TODAY).front["matches"]
    assert "goals" not in match


def test_a_shoot_out_told_without_its_score_leaves_the_match_to_complete(registry):
    draft = ingest_text("Coppa Italia: Juventus-Empoli 2-2, bianconeri eliminati ai rigori.", registry, [],
                        today=TODAY)
    assert [(m["home"], m["away"], m["score"], m.get("pens")) for m in draft.front["matches"]] == \
        [("Juventus", "Empoli", "2-2", None)]
    assert any("add `pens`" in item.why for item in draft.review)
