"""Files as they come into content/articles: symlinked folders, editor backups and
swap files, a folder named like an article, the same file name in two folders."""
import gc
import os
import time

import pytest

from recaps.errors import Problems
from recaps.sources import parse_registries

from tests.sites.test_fixture_sites import copy_fixture, data, run_build  # noqa: F401 (fixtures)
from tests.sites.test_mistake_sites import project, refused  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

RECAP = "---\ntitle: {title}\ndate: 2025-02-20\n---\nBody.\n"


def articles_of(project):  # noqa: F811
    return project / "content" / "articles"


def built_slugs(project) -> list[str]:  # noqa: F811
    return sorted(article["slug"] for article in data(project / "site", "articles"))


@pytest.mark.parametrize("name", ["~recap.md", "~$recap.md", "#recap.md#", "recap.md~", ".recap.md.swp",
                                  ".#recap.md", "recap.md.orig", "recap.md.bak", "._recap.md"])
def test_editor_backups_and_swap_files_are_not_articles(name, project, run_build):  # noqa: F811
    before = built_slugs_of_valid(project, run_build)
    (articles_of(project) / name).write_bytes(b"\x00 not a recap, not even text \xff")
    result = run_build(project)
    assert result.code == 0, result.stderr
    assert built_slugs(project) == before
    assert name not in result.stderr


def built_slugs_of_valid(project, run_build) -> list[str]:  # noqa: F811
    assert run_build(project).code == 0
    return built_slugs(project)


def test_a_folder_named_like_an_article_is_a_folder(project, run_build):  # noqa: F811
    folder = articles_of(project) / "extra.md"
    folder.mkdir()
    (folder / "inside.md").write_text(RECAP.format(title="Inside a folder named extra.md"))
    result = run_build(project)
    assert result.code == 0, result.stderr
    assert "inside" in built_slugs(project) and "extra" not in built_slugs(project)


def test_the_same_file_name_in_two_folders_is_a_duplicate_slug_naming_both(project, run_build):  # noqa: F811
    for season in ("2023-24", "2024-25"):
        (articles_of(project) / season).mkdir()
        (articles_of(project) / season / "derby.md").write_text(RECAP.format(title=f"Derby {season}"))
    assert refused(run_build(project), project) == [
        "content/articles/2024-25/derby.md:2: slug 'derby' is already used by content/articles/2023-24/derby.md:2: "
        "two articles would write the same page; give one a different `slug`"]


def test_a_symlinked_folder_inside_the_project_is_followed(project, run_build):  # noqa: F811
    kept = project / "more-recaps"
    kept.mkdir()
    (kept / "linked.md").write_text(RECAP.format(title="From a linked folder"))
    os.symlink(kept, articles_of(project) / "more")
    result = run_build(project)
    assert result.code == 0, result.stderr
    assert "linked" in built_slugs(project)


def test_a_symlinked_folder_outside_the_project_is_refused(project, run_build, tmp_path):  # noqa: F811
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "stray.md").write_text(RECAP.format(title="Not from the project"))
    os.symlink(outside, articles_of(project) / "elsewhere")
    assert refused(run_build(project), project) == [
        f"content/articles/elsewhere: a symlink to the folder {outside}, outside the project: content comes "
        "from the project; copy the folder in instead"]


@pytest.mark.parametrize("target", [".", "..", "../.."], ids=["itself", "its-parent", "the-content-folder"])
def test_a_symlinked_folder_that_loops_is_refused(target, project, run_build):  # noqa: F811
    os.symlink(target, articles_of(project) / "loop")
    errors = refused(run_build(project), project)
    assert errors == ["content/articles/loop: a symlink to a folder that holds the articles folder or is inside "
                      "it: its recaps would be read twice; remove the link"]


def test_a_dangling_folder_link_is_refused(project, run_build, tmp_path):  # noqa: F811
    os.symlink(tmp_path / "gone", articles_of(project) / "gone")
    assert refused(run_build(project), project) == [
        "content/articles/gone: a symlink to nothing: its target does not exist (or links back to itself)"]


def test_a_fifo_named_like_an_article_is_refused_without_waiting(project, run_build):  # noqa: F811
    os.mkfifo(articles_of(project) / "pipe.md")
    assert refused(run_build(project), project) == [
        "content/articles/pipe.md: not a regular file (a pipe, socket or device): sources are text files"]


def test_a_registry_that_is_a_pipe_or_a_folder_is_refused(project, run_build):  # noqa: F811
    (project / "content" / "teams.yaml").unlink()
    os.mkfifo(project / "content" / "teams.yaml")
    (project / "content" / "competitions.yaml").unlink()
    (project / "content" / "competitions.yaml").mkdir()
    assert refused(run_build(project), project) == [
        "content/competitions.yaml: a folder, not a file",
        "content/teams.yaml: not a regular file (a pipe, socket or device): sources are text files"]


def test_links_that_lead_round_in_a_circle_are_refused_once(project, run_build):  # noqa: F811
    other = project / "other"
    other.mkdir()
    (other / "linked.md").write_text(RECAP.format(title="Linked once"))
    os.symlink("../other", other / "again")
    os.symlink(other, articles_of(project) / "other")
    assert refused(run_build(project), project) == [
        f"content/articles/other/again: a symlink to the folder {other.resolve()}, which is read already: its "
        "recaps would be read twice; remove the link"]


def registry_of(teams: int) -> bytes:
    rows = []
    for number in range(teams):
        rows += [f"- name: Club {number:05d} Town", f"  short: C{number % 1000:03d}", "  country: ITA",
                 f"  aliases: [Club {number:05d}, C{number:05d} FC]", f"  colors: ['#{number % 4096:03x}']"]
    return ("\n".join(rows) + "\n").encode()


def test_a_long_registry_takes_linear_time():
    """20,000 teams (100,000 lines) built once in 24 s and 211 MB (2 shared cores): linear, so timed small.
    A guard against quadratic work (4 times the teams would take 16 times as long), not a speed test:
    CPU time of this process, best of three, so that other work on the machine does not count."""
    def seconds(teams: int) -> float:
        raw = registry_of(teams)
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()  # the collector's passes scale with the whole test process's heap, not with this work
            try:
                started, problems = time.process_time(), Problems()
                registry = parse_registries([("teams.yaml", "teams.yaml", raw)], problems)
                best = min(best, time.process_time() - started)
            finally:
                gc.enable()
            assert len(registry.teams) == teams and not problems.errors
        return best

    small, large = seconds(800), seconds(3200)
    assert large < 10 * small, f"4 times the teams took {large / small:.1f} times as long"
