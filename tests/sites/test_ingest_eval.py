"""benchmarks/eval_ingest.py on a set in truth.yaml's format: what counts as right, missed or wrong."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TRUTH = """\
- file: 01_en.txt
  lang: en
  matches:
    - {home: Everton, away: Fulham, score: "3-1", aet: null, pens: null, basis: stated}
- file: 02_it.txt
  lang: it
  matches:
    - {home: Torino, away: Genoa, score: "2-2", aet: null, pens: null, basis: stated}
    - {home: Lecce, away: Parma, score: "1-0", aet: null, pens: null, basis: implied}
    - {home: Genoa, away: Torino, score: "0-1", aet: null, pens: null, basis: derived}
- file: 03_en.txt
  lang: en
  matches: []
  not_final:
    - {home: Chelsea, away: Arsenal, score_at_ht: "1-0"}
"""
TEXTS = {
    "01_en.txt": "Everton beat Fulham 3-1 at Goodison Park on Saturday afternoon.\nThe crowd sang for an hour.\n",
    # the list reverses the home side: a wrong match, and a miss
    "02_it.txt": "Risultati della giornata di campionato:\nGenoa-Torino 2-2\n",
    "03_en.txt": "Chelsea beat Arsenal 1-0 at Stamford Bridge in a tight game.\nThe visitors never threatened.\n",
}
README = "| shape | files |\n| --- | --- |\n| lists | 02 |\n| traps | 03 |\n"


def run(folder: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_ingest.py"), str(folder), *args],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return done.stdout


@pytest.mark.slow
def test_a_truth_set_is_scored_by_half_language_and_shape(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "truth.yaml").write_text(TRUTH, encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    for name, text in TEXTS.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    out = run(tmp_path, "--failures")
    # odd: 01 right, 03 written but not final; even: 02 reversed
    assert "odd half: precision 1/2 = 0.500  recall 1/1 = 1.000  lang 2/2 = 1.000  implied found 0/0" in out
    assert "even half: precision 0/1 = 0.000  recall 0/1 = 0.000  lang 1/1 = 1.000  implied found 0/1" in out
    assert "lists" in out and "traps" in out
    assert "02_it.txt: WRONG Genoa 2-2 Torino: home and away reversed" in out
    assert "from: Genoa-Torino 2-2" in out
    assert "03_en.txt: WRONG Chelsea 1-0 Arsenal: a score that is not final" in out
    assert "missed (stated) Torino 2-2 Genoa" in out and "missed (implied) Lecce 1-0 Parma" in out
    assert "Genoa 0-1 Torino" not in out  # a derived leg is not counted
    odd = run(tmp_path, "--half", "odd")
    assert "odd half" in odd and "even half" not in odd
