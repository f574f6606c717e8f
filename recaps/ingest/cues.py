"""The words that say what a score or a date means, in English and Italian.

Recaps mix languages (an Italian club's nickname in an English text), so every
cue of every language is looked for in every text. Each pattern is compiled
once, case-insensitively, and matched against one sentence or a window of it.
"""
from __future__ import annotations

import re


def _words(*alternatives: str) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


# A score was the final result of a match: a verb or noun of winning, losing or drawing.
WIN = _words(
    r"w[oi]ns?", r"winning", r"defeated", r"winners", r"ran out", r"eased past", r"swept aside", r"victor(?:y|ies|ious)", r"beat(?:s|en|ing)?", r"thrash(?:ed|es|ing)",
    r"hammer(?:ed|s|ing)", r"crush(?:ed|es|ing)", r"edged?", r"edging", r"stunned", r"overcame", r"overcoming",
    r"triumph(?:ed|s|ing)?", r"rout(?:ed|ing|s)?", r"defeating", r"thump(?:ed|s|ing)", r"saw off", r"came from behind to (?:beat|win)",
    r"success", r"downed", r"dispatched", r"brushed aside", r"cruised past", r"swept past", r"outclassed", r"demolished",
    r"trionf(?:a|ano|o)", r"pieg(?:a|ano)", r"piegat[oa]", r"liquid(?:a|ano)", r"liquidat[oa]", r"asfalt(?:a|ano)",
    r"strapazz(?:a|ano)", r"si aggiudica(?:no)?", r"la spunta(?:no)?", r"schianta(?:no)?",
    r"vinc[eo](?:no)?", r"vint[oa]", r"vittori[ae]", r"battut[oiae]", r"batt[eo](?:no)?", r"imporsi", r"impon[ea]",
    r"s'impone", r"si (?:è|e) impost[oa]", r"impost[oa]", r"successo", r"travolt[oa]", r"travolg[ea]", r"espugna(?:to)?",
    r"sconfigg(?:e|ono)", r"supera(?:to|no)?", r"elimina(?:to|no)?", r"rifila(?:to)?", r"stende", r"regola",
    r"sbanca(?:no|to)?", r"passa(?:no)? (?:a|ad|al|allo|all['’]|in|sul|sui)", r"passa(?:no)?(?= \d)",
    # a win told as a noun, its owner after it: "Tris del Napoli", "Blitz del Lecce a Marassi"
    r"tris", r"poker", r"manita", r"goleada", r"cinquina", r"blitz", r"colpaccio")
LOSE = _words(
    r"lost", r"los(?:e|es|ing)", r"loss(?:es)?", r"losers", r"defeats?", r"went down", r"fell to", r"humbled",
    r"sconfitt[aeoi]", r"pers[oa]", r"perd[eo](?:no)?", r"ko", r"cadut[oa]", r"cade", r"capitola(?:to)?",
    r"tonfo", r"batosta", r"scivolone", r"capitombolo", r"crolla(?:no)?", r"cede(?:no)?", r"inciampa(?:no)?",
    r"slump(?:ed|s)? to", r"crash(?:ed|es)? to", r"succumb(?:ed|s)?(?: to)?", r"si arrend(?:e|ono)")
# Words a headline in title case puts beside a club ("Arsenal Beat Chelsea 2-1", "Japan Routs
# Mongolia"): a result word or one of these is never part of the club's name.
HEADLINE_WORDS = _words("as", "at", "in", "on", "to", "for", "with", "after", "into", "over", "past", "stun", "stuns",
                        "sink", "sinks", "down", "downs", "hold", "holds", "held", "top", "tops", "edges", "see", "sees",
                        "off", "claim", "claims", "move", "moves", "go", "goes", "reach", "reaches", "book", "books")
# Suffering a win-word makes it a defeat: "il Genoa subisce il tris del Napoli", "incassa la manita".
SUFFERED = _words(r"subisce", r"subiscono", r"subit[oa]", r"incassa(?:no|to)?", r"suffer(?:s|ed)?", r"conceded?",
                  r"(?:on|at) the receiving end of", r"endured?", r"patisce")
DRAW = _words(r"dr[ae]w", r"draws?", r"drawn", r"drawing", r"level", r"stalemate", r"all square", r"shared the spoils",
              r"held(?! on)", r"honours even", r"shared the points", r"a point apiece",
              r"(?:earn(?:ed|s)?|claim(?:ed|s)?|snatch(?:ed|es)?|rescued?|salvag(?:ed|es)) a point",
              r"un punto a testa", r"strappa(?:no|to)? un punto",
              r"pareggi(?:o|a|ano|ato)?", r"pari", r"patta", r"divid(?:ono|e) la posta", r"non va(?:nno)? oltre",
              r"impatta(?:no|to)?", r"(?:si )?ferma(?:no)? sul(?:lo|l['’])?", r"bloccat[oai] sul(?:lo|l['’])?")
ENDED = _words(r"ended", r"finished", r"final score", r"full[- ]time", r"scoreline", r"result", r"finale",
               r"finisce", r"finiscono", r"finit[oa]", r"termina(?:ta|to|no)?", r"chius[oa]", r"chiud(?:e|ono)",
               r"risultato", r"punteggio")
# "beaten by", "battuto dal": the team before the verb lost.
PASSIVE = re.compile(r"(?:beaten|defeated|thrashed|hammered|crushed|edged|stunned|routed|humbled|battut[oiae]|"
                     r"sconfitt[oiae]|travolt[oiae]|superat[oiae]|stes[oiae])\s+(?:[\w'’–-]+\s+){0,4}?"
                     r"(?-i:by|da|dal|dalla|dai|dallo|dall['’])", re.IGNORECASE)  # not the ground "Dall'Ara"

# A score that is not a match's final score.
SHOOTOUT = _words(r"on penalties", r"on pens", r"pens", r"on spot[- ]kicks", r"penalty shoot-?out", r"shoot-?out", r"from the spot",
                  r"ai rigori", r"dopo i (?:calci di )?rigori", r"ai calci di rigore", r"dal dischetto", r"lotteria dei rigori",
                  r"d\.?\s?c\.?\s?r\.?", r"dcr")
AGGREGATE = _words(r"on aggregate", r"aggregate", r"agg\.?", r"over (?:the )?two legs", r"overall",
                   r"complessiv[oa]", r"nel computo", r"somma (?:dei gol|delle due gare)", r"doppio confronto",
                   r"tra andata e ritorno", r"nel totale")
EXTRA_TIME = _words(r"after extra[- ]time", r"extra[- ]time (?:win|winner|victory|triumph|success|loss|defeat|exit)",
                    r"(?:won|lost|win|loss|defeat|victory) in extra[- ]time", r"a\.?e\.?t\.?", r"aet", r"in extra[- ]time", r"after 120 minutes",
                    r"dopo i (?:tempi )?supplementari", r"ai (?:tempi )?supplementari", r"nei supplementari",
                    r"d\.?t\.?s\.?", r"dts")
NORMAL_TIME = _words(r"after 90 minutes", r"(?:and|to) force extra[- ]time", r"sending the (?:game|tie|match) (?:in)?to extra[- ]time",
                     r"(?:e|per) (?:portare|trascinare) (?:la gara|la partita|il match) ai supplementari", r"in normal time", r"at the end of normal time", r"in regulation",
                     r"[nd]ei (?:tempi )?regolamentari", r"nei (?:novanta|90) minuti", r"al 90['’]?", r"dopo 90 minuti", r"nei novanta minuti")
HALF_TIME = _words(r"half[- ]time", r"at the break", r"the interval", r"first half", r"opening half",
                   r"intervallo", r"primo tempo", r"prima frazione", r"riposo")
# A running score (near the score) and a game still being played (anywhere in the sentence).
RUNNING = _words(r"made it", r"make it", r"making it", r"to lead", r"led", r"leads?", r"leading", r"ahead(?! of)",
                 r"equali[sz]e[ds]?", r"doubled", r"restored", r"pulled one back", r"in vantaggio", r"conduce",
                 r"avanti", r"sul \d", r"momentaneo", r"raddoppi[oa]", r"accorcia", r"behind", r"trailing",
                 r"deficit", r"(?:goals?|\d-\d) down", r"from (?:a )?\d-\d", r"sotto (?:di|per)", r"in svantaggio",
                 r"rimont(?:a|ando|are) (?:da|dallo|dall['’])", r"da(?:llo)? \d-\d")
LIVE = _words(r"minutes? (?:left|to go|remaining)", r"ha(?:s|ve) gone to extra[- ]time", r"heading (?:in)?to extra[- ]time",
              r"going (?:in)?to extra[- ]time", r"goes to extra[- ]time", r"still", r"currently", r"so far",
              r"at the moment", r"live", r"si va ai supplementari", r"in corso", r"per ora", r"al momento",
              r"ancora in campo", r"minuti da giocare")
HYPOTHETICAL = _words(r"needs?", r"if", r"must", r"should", r"hope", r"predict(?:ed|s)?",
                      r"expect(?:ed|s)?", r"bet", r"serv(?:e|ono|irà|irebbe)", r"bastereb+e", r"dovr(?:à|ebbe|anno)",
                      r"se", r"per passare", r"pronostico", r"sognare")
PAST_MEETING = _words(r"(?:the )?(?:last|previous) (?:derby|meeting|game between them|clash)",
                      r"(?:l['’]|nell['’])?ultimo (?:derby|confronto|scontro diretto)", r"last season", r"last year", r"back in", r"previous meeting", r"last met", r"the last time",
                      r"in (?:19|20)\d\d", r"(?:19|20)\d\d (?:final|semi-final)", r"scorsa stagione", r"l['’]anno scorso",
                      r"nel (?:19|20)\d\d", r"precedent[ei]", r"ultimo precedente", r"ultima volta",
                      r"a week ago", r"last week", r"last month", r"earlier this month", r"(?:il|lo) (?:mese|scorso mese)",
                      r"il mese scorso", r"last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
                      r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)['’]s", r"coming off",
                      r"on the back of", r"last time out", r"(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) scors[oa]", r"(?:days|weeks|months|years|seasons) ago", r"(?:stagioni|anni) fa", r"la scorsa settimana",
                      r"(?:una|due|tre|qualche) settiman[ae] fa", r"(?:giorni|settimane|mesi|anni) fa",
                      # the pluperfect tells of an earlier game: "Juventus had won the first leg 2-1"
                      r"had (?:won|lost|drawn|beaten|drew|been beaten)", r"avev(?:a|ano) (?:vinto|perso|pareggiato|battuto)",
                      r"era(?:no)? (?:finit[ao]|stat[oia] battut[oia])")
# The club a result leads to, in its next game ("will host Burnley after winning 3-2 at Wolves",
# "face a trip to Hull after their 4-1 win", "e affronterà l'Empoli"): no side of this result.
NEXT_OPPONENT = re.compile(r"\b(?:(?:will|to|now|next|then)\s+(?:host|face|meet|play|visit|welcome|travel to)|"
                           r"(?:face|faces|facing|earn(?:ed|s)?|book(?:ed|s)?) (?:a|an)(?: [\w-]+){0,2} "
                           r"(?:trip to|visit to|tie (?:against|with)|clash with|date with|meeting with)|"
                           r"affronter(?:à|anno)|sfider(?:à|anno)|ospiter(?:à|anno)|incontrer(?:à|anno)|"
                           r"trover(?:à|anno))\s*(?:the\s+|il\s+|la\s+|lo\s+|l['’]\s*|i\s+|gli\s+)?$",
                           re.IGNORECASE)
# A sentence that opens on the day whose games it reports ("In Tuesday's replays, ...", "Sunday's
# results:"): the day frames them, it is no earlier meeting.
DAY_FRAME = re.compile(r"^\s*(?:(?:in|on|among|of|from)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                       r"sunday)['’]s\b[^,.;:]{0,60}[,:]", re.IGNORECASE)
# Another game of the same round or night ("Elsewhere, ..."): a result the article reports too.
OTHER_RESULT = _words(r"elsewhere", r"meanwhile", r"earlier(?: on| in the day| today| tonight)?", r"in the other",
                      r"the other (?:tie|game|match|semi-final)", r"other results?", r"nell['’]altr[oa]", r"negli altri",
                      r"intanto", r"altrove", r"in classifica", r"standings", r"table")
# A game of another day or competition ("at the weekend", "in campionato"): its date is not the article's.
OTHER_DAY = _words(r"at the weekend", r"last weekend", r"on the weekend", r"in the league", r"in campionato",
                   r"nel weekend", r"earlier (?:this|in the) season", r"in precedenza", r"on (?:the )?opening day")
# A comeback told on the way to the final score: no running score ("came from two goals down to win 3-2").
COMEBACK = _words(r"(?:come|came|comes|coming) from behind", r"from (?:\w+ )?goals? down", r"from \d-\d down",
                  r"fight(?:s|ing)? back", r"fought back", r"in rimonta")
# A result that repeats, not one match's ("won 3-0 in each of their last home games").
HABITUAL = _words(r"each of", r"in each", r"every", r"their last", r"ultim[ei]", r"in a row", r"di fila",
                  r"consecutiv[ei]", r"straight", r"tutte", r"sempre")
# A women's side, of the words that mark a youth or women's side below.
WOMEN = re.compile(r"\b(?:Women|Women's|Ladies|Femminile|femminile|WSL|Frauen)\b")
# A score repeated over several games, no one match's ("2-0 in each of their last three meetings").
REPEATED = _words(r"(?:in )?each of", r"in each", r"in every", r"in all (?:of )?(?:their|the) last",
                  r"in (?:ognuna|ciascuna) (?:delle|di)", r"in tutte (?:e )?(?:le )?ultime")
# A youth or women's side: the registry's clubs are the senior men's teams.
NOT_SENIOR = re.compile(r"\b(?:Women|Women's|Ladies|Femminile|femminile|Primavera|Under[- ]?\d{2}s?|U[- ]?\d{2}s?|"
                        r"Youth League|Youth|Next ?Gen|Juniores|Allievi|WSL|Frauen)\b")
# A match that did not reach its end: the score when it stopped is no result.
UNFINISHED = _words(r"abandoned", r"postponed", r"called off", r"sospes[ao]", r"interrott[ao]",
                    r"rinviat[ao]", r"non (?:si è|si e) giocat[ao]")
# A line of a live report: a minute ("78 min:", "58' -", "90+3") or a goal just scored.
LIVE_LINE = re.compile(r"^\s*\d{1,3}(?:\s*\+\s*\d{1,2})?\s*(?:[Mm]in\b\.?|['’])(?:\s*\+\s*\d{1,2}['’]?)?"
                       r"|\b(?:GOAL|GOL|GOO+L|RETE)\b")
QUOTE = re.compile(r"[\"“”«»]")

# Going through a tie, or out of it: who leads on aggregate.
ADVANCE = _words(r"go(?:es)? through", r"went through", r"going through", r"advanc(?:e|es|ed|ing)", r"progress(?:ed|es)?",
                 r"qualif(?:y|ies|ied)", r"reach(?:ed|es)? the", r"book(?:ed|s)? (?:a|their|its) place",
                 r"pass(?:a|ano) il turno", r"passat[oa] il turno", r"si qualific(?:a|ano)", r"qualificat[oa]",
                 r"accede", r"vola(?:no)?", r"approda(?:no)?")
KNOCKED_OUT = _words(r"knocked out", r"crash(?:ed|es) out", r"went out", r"go(?:es)? out", r"bow(?:ed|s) out",
                     r"eliminat[oaie]", r"fuori", r"salutano", r"saluta")

# Which match of a tie: leg cues, and the next round named as where a team goes.
# ("girone di ritorno", "girone d'andata" are the halves of a league season, not legs)
FIRST_LEG = _words(r"first[- ]legs?", r"1st leg", r"(?<!girone d['’])(?<!girone di )andata")
SECOND_LEG = _words(r"second[- ]legs?", r"2nd leg", r"return legs?", r"return match", r"(?<!girone di )ritorno")
FUTURE = _words(r"next week", r"next month", r"in a week['’]?s? time", r"in a week", r"will", r"next", r"upcoming",
                r"tra una settimana", r"la prossima settimana", r"prossim[oa]", r"sarà", r"si giocherà", r"in programma",
                r"second one", r"verdict")
# The next leg or game, whose venue is not this match's ("the return leg in Lisbon", "in vista
# del ritorno a Lisbona").
NEXT_LEG = _words(r"ahead of the (?:return|second) (?:leg|match|game)", r"before the (?:return|second) leg",
                  r"(?:the|a) return (?:leg|match|game|fixture)", r"for the (?:return|second) leg",
                  r"the second leg (?:in|at|will|next)", r"next (?:leg|game|match|week)",
                  r"in vista del (?:ritorno|match di ritorno)", r"(?:il|al|nel|del) ritorno (?:a|al|in|allo|all['’]|a casa)",
                  r"gara di ritorno (?:a|al|in|allo|all['’]|si)", r"prossim[ao] (?:settimana|turno|partita|gara)",
                  r"tra una settimana")
NEXT_ROUND = re.compile(r"(?:\b(?:to|into|reach(?:ed|es|ing)?|for|qualif(?:y|ied|ication) for|through to|progress to|"
                        r"advance to|place in|spot in|ticket to|agli|ai|alle|alla|al|per gli|per i|per le|verso gli|"
                        r"accesso agli|accedere agli|qualificazione agli|volare agli|vol(?:a|ano) agli|passaggio agli|"
                        r"conquist(?:a|ano|are) (?:la|le|i|gli|il)|raggiung(?:e|ono|ere) (?:la|le|i|gli|il)|"
                        r"centr(?:a|ano) (?:la|le|i|gli|il)|pass per (?:la|le|i|gli|il)|biglietto per (?:la|le|i|gli|il))"
                        r"\s+(?:the\s+)?|\bin\s+)$", re.IGNORECASE)

# Who was at home: a cue and whose side it takes.
HOME_OF_SUBJECT = _words(r"at home", r"on home soil", r"in front of (?:their|its) (?:own )?(?:fans|supporters|crowd)",
                         r"home crowd", r"in casa(?!\s+(?:di|del|della|dello|dell['’]|dei|degli)\b)", r"tra le mura amiche", r"tra le proprie mura",
                         r"davanti ai propri tifosi", r"davanti al (?:proprio )?pubblico(?: amico)?", r"sul proprio campo",
                         r"sul campo amico", r"in casa propria", r"on home (?:turf|ground|soil)", r"padron[eai] di casa", r"hosted", r"(?<!the )hosts?", r"hosting",
                         r"welcomed", r"ospita(?:to)?", r"ha ospitato",
                         r"home (?:defeat|loss|win|victory|draw|success|reverse)", r"(?:sconfitta|vittoria) casalinga",
                         r"pareggio casalingo", r"successo casalingo", r"ko casalingo")
AWAY_OF_SUBJECT = _words(r"away from home", r"on the road", r"on their travels", r"in trasferta", r"fuori casa",
                         r"lontano da casa", r"away")
_OF = r"(?:di|del|della|dello|dell['’]|dei|degli)"
HOME_OF_NEXT = re.compile(rf"\b(?:away (?:to|at)|at|visit(?:ed|ing)?|trip to|in casa {_OF}|(?:sul|il) campo {_OF}|"
                          rf"ospite {_OF}|(?:espugna|sbanca)(?:to|ndo|no)?(?: il| lo| la| l['’])?)\s*$",
                          re.IGNORECASE)
# A past participle of winning right after a club, or after "to be", is a defeat ("Genoa battuto
# 1-0", "Atalanta beaten at home", "è stato battuto"); after "to have" it is a win ("ha battuto").
DEFEATED_PARTICIPLE = re.compile(r"(?:battut|sconfitt|travolt|superat|stes|piegat|regolat|liquidat|matat|"
                                 r"affondat|castigat)[oaie]\b|beaten\b", re.IGNORECASE)
LOSER_BEFORE = re.compile(r"(?:[A-ZÀ-Ý][\w'’.]*[\s,]*|\b(?:è|e|sono|era|erano|stat[oaie]|is|are|was|were|been|being|"
                          r"get|got)\s+(?:\w+\s+)?)$")
# Words that say a side took the match ("secured the three points for the hosts", "gli ospiti
# portano a casa i tre punti"), and a negation that turns them round.
TOOK_THE_MATCH = _words(r"w[oi]ns?", r"victor(?:y|ious)", r"(?:the|all) three points", r"the points", r"the winner",
                        r"winning goal", r"the win", r"(?:i )?tre punti", r"la vittoria", r"il successo",
                        r"(?:il )?gol (?:della )?vittoria", r"vinc(?:e|ono)", r"vint[oa]", r"passa(?:no)?")
NEGATION = _words(r"not", r"n['’]t", r"never", r"failed", r"denied", r"without", r"non", r"mai", r"senza",
                  r"nearly", r"almost", r"quasi", r"could have", r"avrebbe(?:ro)?")
AWAY_SIDE = _words(r"the visitors", r"the away side", r"gli ospiti", r"la formazione ospite", r"la squadra ospite",
                   r"i visitatori")
HOME_SIDE = _words(r"the hosts", r"the home side", r"i padroni di casa", r"i locali", r"la squadra di casa",
                   r"la formazione di casa")

# A club named after one of these is the opponent, or the host, of the one that won or lost
# ("Slavia, on Leicester's ground, won 2-0"; "vince 2-0 sul campo del Leicester").
OPPONENT_BEFORE = re.compile(r"\b(?:against|over|versus|vs\.?|v\.?|at|away (?:to|at)|visit(?:ed|ing)?|trip to|"
                             r"contro|su[li]?|sull['’]|sulla|in casa (?:di|del|della|dello|dell['’])|"
                             r"sul campo (?:di|del|della|dello|dell['’])|ospite (?:di|del|della|dello|dell['’]))"
                             r"\s*(?:the\s+|il\s+|la\s+|lo\s+|l['’]\s*|i\s+|gli\s+)?$", re.IGNORECASE)

# Scores written in words: a draw without goals, and numbers spelt out ("two-nil", "per due a zero").
NIL_NIL = _words(r"goalless(?: draw)?", r"scoreless(?: draw)?", r"nil[- ]nil", r"a reti bianche",
                 r"a reti inviolate", r"senza reti", r"(?:lo )?0 a 0")
NUMBER_WORDS = {"nil": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "uno": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
                "sette": 7, "otto": 8, "nove": 9, "dieci": 10}
_EN_NUMBER = r"(nil|one|two|three|four|five|six|seven|eight|nine|ten)"
_IT_NUMBER = r"(zero|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)"
WORD_SCORE = re.compile(rf"(?<![\w-]){_EN_NUMBER}-{_EN_NUMBER}(?![\w-])|(?<=\bper ){_IT_NUMBER} a {_IT_NUMBER}(?!\w)",
                        re.IGNORECASE)

# Goals and cards.
GOAL = _words(r"scored", r"scores?", r"scoring", r"netted", r"nets", r"struck", r"strike", r"header", r"goal",
              r"opened the scoring", r"equali[sz]ed", r"equali[sz]er", r"winner", r"doubled", r"made it", r"fired",
              r"gave (?:[\w'’.-]+ ){1,3}the lead", r"put (?:[\w'’.-]+ ){1,3}(?:ahead|in front)", r"levell?ed",
              r"gol", r"rete", r"segna(?:to|no)?", r"raddoppi[oa]", r"in vantaggio", r"pareggio", r"pari",
              r"colpisce", r"firma", r"sblocca", r"accorcia", r"tris", r"poker", r"autogol", r"bolide", r"a segno")
NOT_A_GOAL = _words(r"disallowed", r"ruled out", r"offside", r"chalked off", r"annulla(?:to|ta)?", r"fuorigioco",
                    r"offside")
MISSED = _words(r"saved?", r"missed", r"miss", r"post", r"crossbar", r"bar", r"wide", r"chance", r"palo", r"traversa",
                r"para(?:to|ndo)?", r"sbaglia(?:to)?", r"fallisce", r"occasione", r"chance", r"salvataggio")
OWN_GOAL = _words(r"own goal", r"own-goal", r"autogol", r"autorete")
PENALTY_GOAL = _words(r"penalty", r"spot[- ]kick", r"from the spot", r"rigore", r"dal dischetto")
RED_CARD = _words(r"red card", r"sent off", r"dismissed", r"straight red", r"rosso", r"cartellino rosso",
                  r"espulso", r"espulsione")
SECOND_YELLOW = _words(r"second yellow", r"two yellows", r"doppio giallo", r"doppia ammonizione",
                       r"seconda ammonizione", r"secondo giallo")
