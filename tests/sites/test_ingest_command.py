"""`python build.py ingest` as a user runs it: what it writes, refuses and prints."""
import shutil
from pathlib import Path

import pytest

from recaps.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
RECAP = ("Atalanta beat Chelsea 2-1 at home in the first leg of the round of 16 on Tuesday, March 4, 2025.\n"
         "Lookman scored twice for the hosts.\n")


def project(tmp_path: Path) -> Path:
    """A site with the real registries and no articles."""
    (tmp_path / "content" / "articles").mkdir(parents=True)
    for name in ("teams.yaml", "competitions.yaml"):
        shutil.copy(ROOT / "content" / name, tmp_path / "content" / name)
    (tmp_path / "config.yaml").write_text(
        f"title: T\nbase_url: https://example.org/\ntemplates_dir: {ROOT / 'templates'}\n"
        f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    return tmp_path


def ingest(root: Path, capsys, *args: str):
    code = main(["ingest", "--config", str(root / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_writes_one_draft_per_text_and_refuses_bad_inputs_without_stopping(tmp_path, capsys):
    root = project(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(RECAP, encoding="utf-8")
    (inbox / "b.txt").write_bytes("L'Atalanta è già in festa: battuto 3-0 il Milan in casa.\n".encode("cp1252"))
    (inbox / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (inbox / "d.txt").write_text("  \n", encoding="utf-8")
    code, out, err = ingest(root, capsys, str(inbox))
    assert code == 1
    written = sorted(path.name for path in (root / "content" / "articles").iterdir())
    assert written == ["atalanta-2-1-chelsea.md", "l-atalanta-e-gia-in-festa-battuto-3-0-il-milan-in-casa.md"]
    assert "cp1252" in out and "never says who was at home" in out  # Milan is the one beaten, not the host
    assert "c.txt: binary data, not text" in err and "d.txt: empty" in err
    assert "2 inputs refused" in err
    draft = (root / "content" / "articles" / "atalanta-2-1-chelsea.md").read_text(encoding="utf-8")
    assert "draft: true" in draft and "  - home: Atalanta\n    away: Chelsea\n    score: 2-1\n" in draft


def test_never_overwrites_without_force(tmp_path, capsys):
    root = project(tmp_path)
    recap = tmp_path / "recap.txt"
    recap.write_text(RECAP, encoding="utf-8")
    assert ingest(root, capsys, str(recap))[0] == 0
    target = root / "content" / "articles" / "atalanta-2-1-chelsea.md"
    code, out, _ = ingest(root, capsys, str(recap))  # the same draft again: nothing to do
    assert code == 0 and "is already this draft" in out
    target.write_text("edited by a person", encoding="utf-8")
    code, out, _ = ingest(root, capsys, str(recap))
    assert code == 0 and "is not overwritten (--force replaces it)" in out
    assert target.read_text(encoding="utf-8") == "edited by a person"
    assert (target.parent / "atalanta-2-1-chelsea-2.md").read_text(encoding="utf-8").startswith("---\ntitle: Atalanta")
    assert ingest(root, capsys, str(recap), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: Atalanta 2–1 Chelsea\n")


def test_dry_run_prints_and_writes_nothing(tmp_path, capsys):
    root = project(tmp_path)
    recap = tmp_path / "recap.txt"
    recap.write_text(RECAP, encoding="utf-8")
    code, out, _ = ingest(root, capsys, str(recap), "--dry-run", "--out", str(tmp_path / "drafts"))
    assert code == 0 and "would write" in out and "score: 2-1" in out
    assert not (tmp_path / "drafts").exists()


def test_a_folder_without_text_and_a_missing_path_are_refused(tmp_path, capsys):
    root = project(tmp_path)
    (tmp_path / "empty").mkdir()
    code, _, err = ingest(root, capsys, str(tmp_path / "empty"), str(tmp_path / "nowhere.txt"))
    assert code == 1
    assert "a folder with no .txt files" in err and "no such file or folder" in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_the_ingested_seeds_build_with_drafts(tmp_path, capsys):
    root = project(tmp_path)
    for article in (ROOT / "content" / "articles").glob("*.md"):
        shutil.copy(article, root / "content" / "articles" / article.name)
    code, out, _ = ingest(root, capsys, str(SEEDS))
    assert code == 0 and out.count("wrote") == 3
    assert main(["--config", str(root / "config.yaml"), "--out", str(root / "site"), "--drafts"]) == 0
    err = capsys.readouterr().err
    assert "unknown key 'review'" not in err
    assert main(["--config", str(root / "config.yaml"), "--out", str(root / "site")]) == 0


def test_drafts_of_national_teams_and_womens_sides_build(tmp_path, capsys):
    root = project(tmp_path)
    texts = ROOT / "tests" / "data" / "ingest" / "eval"
    for name in ("it_nazionale.txt", "en_womens_match.txt", "it_femminile_titolo.txt"):
        shutil.copy(texts / name, tmp_path / name)
    code, out, _ = ingest(root, capsys, *(str(tmp_path / name) for name in
                                          ("it_nazionale.txt", "en_womens_match.txt", "it_femminile_titolo.txt")))
    assert code == 0 and out.count("wrote") == 3
    assert main(["--config", str(root / "config.yaml"), "--out", str(root / "site"), "--drafts"]) == 0
