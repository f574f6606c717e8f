"""Hardening end to end: a copy of the valid fixture, one mistake, a build that names it
without a traceback and leaves the previous site as it was."""
import os
import shutil

import pytest

from tests.sites.test_fixture_sites import copy_fixture, run_build  # noqa: F401 (fixtures)


@pytest.fixture
def project(copy_fixture, run_build):  # noqa: F811
    root = copy_fixture("valid")
    (root / "site").mkdir()
    (root / "site" / ".nojekyll").write_text("")  # a site built before
    (root / "site" / "keep.txt").write_text("the previous site\n")
    return root


def refused(result, root) -> list[str]:
    assert result.code == 1 and "Traceback" not in result.stdout + result.stderr
    assert sorted(path.name for path in (root / "site").iterdir()) == [".nojekyll", "keep.txt"]
    return result.errors


def test_a_symlink_to_a_file_outside_the_project_is_refused(project, run_build, tmp_path):  # noqa: F811
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: T\ndate: 2025-01-01\n---\nBody.\n")
    os.symlink(outside, project / "content" / "articles" / "linked.md")
    assert refused(run_build(project), project) == [
        f"content/articles/linked.md: a symlink to {outside}, outside the project: content comes from the "
        "project; copy the file in instead"]


def test_a_template_that_includes_itself_is_a_message(project, run_build):  # noqa: F811
    templates = project.parent.parent.parent / "templates"
    page = templates / "404.html"
    page.write_text(page.read_text().replace("{% endblock %}", "{% include '404.html' %}{% endblock %}", 1))
    errors = refused(run_build(project), project)
    assert len(errors) == 1 and "RecursionError" in errors[0]
    assert errors[0].startswith(f"{os.path.relpath(page, project)}:")
