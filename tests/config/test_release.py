"""A deploy changes every key of the shared page cache, so no page rendered by the release
before it is served; the questionnaire runs keep theirs, so no walk in progress ends."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import caches

from config.release import release_digest


@pytest.fixture
def tree(tmp_path):
    for name, text in {
        "triage/views.py": "x = 1\n",
        "templates/base.html": "<main></main>\n",
        "static/css/site.css": "body {}\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_same_files_anywhere_are_the_same_release(tree, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("another-machine") / "app"
    shutil.copytree(tree, elsewhere)
    assert release_digest(elsewhere) == release_digest(tree)


@pytest.mark.parametrize(
    "changed", ["triage/views.py", "templates/base.html", "static/css/site.css"]
)
def test_a_changed_template_view_or_stylesheet_is_a_new_release(tree, changed):
    before = release_digest(tree)
    (tree / changed).write_text((tree / changed).read_text() + " ")
    assert release_digest(tree) != before


def test_tests_and_the_virtualenv_are_not_part_of_the_release(tree):
    before = release_digest(tree)
    for ignored in ("tests/test_x.py", ".venv/lib/site.py", "triage/__pycache__/views.pyc"):
        (tree / ignored).parent.mkdir(parents=True, exist_ok=True)
        (tree / ignored).write_text("y = 2\n")
    assert release_digest(tree) == before


def test_page_cache_keys_carry_the_release_and_the_runs_keep_their_own():
    assert settings.RELEASE in caches["default"].make_key("content-version")
    assert settings.RELEASE not in caches["runs"].make_key("run:abc")
