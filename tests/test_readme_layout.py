"""README's "Layout" names every app and every package inside one, as the tree has them."""

import re

from tests.helpers import PROJECT_DIR

NOT_PACKAGES = {"migrations", "management", "templatetags", "commands", "static", "__pycache__"}


def layout_block(readme):
    return re.search(r"^## Layout\n+```\n(.*?)^```", readme, flags=re.DOTALL | re.MULTILINE).group(
        1
    )


def named_folders(block):
    """(indent, name) of each folder the block lists: ``name/`` at a line's start."""
    return {(len(indent), name) for indent, name in re.findall(r"^( *)(\w+)/", block, re.M)}


def packages_of_the_tree(root):
    apps = {path.parent for path in root.glob("*/apps.py")} | {root / "config"}
    found = {(0, app.name) for app in apps}
    for app in apps:
        for init in app.glob("*/__init__.py"):
            if init.parent.name not in NOT_PACKAGES:
                found.add((2, init.parent.name))
    return found


def missing_from_layout(root, readme):
    return sorted(packages_of_the_tree(root) - named_folders(layout_block(readme)))


def test_readme_layout_names_every_app_and_every_package_inside_one():
    readme = (PROJECT_DIR / "README.md").read_text()

    assert missing_from_layout(PROJECT_DIR, readme) == []


def test_the_layout_check_sees_a_package_the_readme_leaves_out(tmp_path):
    (tmp_path / "triage" / "engine").mkdir(parents=True)
    (tmp_path / "triage" / "apps.py").write_text("")
    (tmp_path / "triage" / "engine" / "__init__.py").write_text("")
    (tmp_path / "config").mkdir()
    readme = "## Layout\n\n```\nconfig/   settings\ntriage/   the questionnaire\n```\n"

    assert missing_from_layout(tmp_path, readme) == [(2, "engine")]
