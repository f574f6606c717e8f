"""Search in the preview: the Pagefind bundle is made again, in the background,
after a rebuild that changed a recap, team or tie page, and not otherwise."""
import gzip
import json
import tempfile
from pathlib import Path

import pytest

from recaps.serve.indexer import indexed
from tests.serving import ROOT, Served, copy_project
from tests.sites.test_serve import request

pytestmark = pytest.mark.slow

FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
INDEXED = r"search index made again, \d+ ms \(Pagefind ran for (\d+) of (\d+) shards?\)"


@pytest.mark.parametrize("url, searched", [
    ("/articles/final/", True), ("/teams/atalanta/", True),
    ("/ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/", True),
    ("/articles/", False), ("/articles/page/2/", False), ("/teams/", False), ("/", False),
    ("/feed.xml", False), ("/teams/atalanta/feed.xml", False), ("/data/ties.json", False),
])
def test_the_pages_search_reads(url, searched):
    assert indexed(url) is searched


def fragments_text(folder) -> str:
    """The text of every page in the bundle (Pagefind's fragments are gzipped JSON)."""
    texts = []
    for fragment in sorted((folder / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        texts.append(json.loads(data[data.index(b"{"):])["content"])
    return "\n".join(texts)


def preview_folder(server: Served):
    """The server's preview folder: its temporary folder, named after its process id."""
    found = list(Path(tempfile.gettempdir()).glob(f"recaps-preview-{server.process.pid}-*"))
    assert len(found) == 1
    return found[0]


def test_a_changed_recap_is_found_by_the_preview_search_and_a_style_edit_indexes_nothing(tmp_path):
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    server = Served(config)
    try:
        server.wait_for(INDEXED, timeout=60)
        status, _, _ = request(server.url, "/recaps/pagefind/shards.json")
        assert status == 200
        folder = preview_folder(server)
        assert "Quizzically" not in fragments_text(folder)
        recap = config.parent / "content" / "articles" / "final.md"
        recap.write_text(recap.read_text(encoding="utf-8").replace("\n---\n", "\n---\nQuizzically late winner.\n", 1),
                         encoding="utf-8")
        server.wait_for(r"final\.md changed: \d+ pages? rendered", timeout=30)
        assert server.wait_for(INDEXED, timeout=60).group(1) == "1"  # the shard of the recap alone
        assert "Quizzically" in fragments_text(folder)
        style = config.parent / "static" / "style.css"
        style.write_text(style.read_text(encoding="utf-8") + "\n/* a style edit */\n", encoding="utf-8")
        server.wait_for(r"style\.css changed: 0 pages rendered, 1 static copied", timeout=30)
        with pytest.raises(AssertionError):
            server.wait_for(INDEXED, timeout=3)
        assert request(server.url, "/recaps/pagefind/shards.json")[0] == 200
    finally:
        server.stop()
