"""Golden output: the small valid fixture site, built and compared file by file
with the committed result in tests/golden/valid/. After an intended change to
templates or output, regenerate with:

    RECAPS_UPDATE_GOLDEN=1 python -m pytest tests/sites/test_golden.py

and review the diff like any other change.
"""
import os
import shutil
from pathlib import Path

from recaps.cli import main

HERE = Path(__file__).resolve().parents[1]
FIXTURE = HERE / "fixtures" / "valid"
GOLDEN = HERE / "golden" / "valid"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not {"static", "pagefind"} & set(p.relative_to(folder).parts)}  # copied; indexed in test_search


def test_golden_site(tmp_path):
    out = tmp_path / "site"
    assert main(["--config", str(FIXTURE / "config.yaml"), "--out", str(out),
                 "--base-url", "https://example.org/recaps/"]) == 0
    built = _files(out)
    if os.environ.get("RECAPS_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, content in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(content)
    expected = _files(GOLDEN)
    assert sorted(built) == sorted(expected), "pages added or missing"
    for name in expected:
        assert built[name].decode("utf-8") == expected[name].decode("utf-8"), name
