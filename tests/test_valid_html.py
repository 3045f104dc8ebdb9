"""Every kind of page is valid HTML by the W3C Nu HTML Checker (vnu.jar from the vnu-jar npm
package, run with the machine's Java; ``make .venv/.vnu`` installs it). All pages go through one
checker process. Without the checker the test skips with the reason, unless REQUIRE_VNU is set
(as CI does), when a missing checker fails the run."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pages import every_page_type

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR",
        Path(__file__).parent.parent / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)


def checker():
    """The command that runs the checker, or a failure or skip saying what is missing."""
    java = shutil.which("java")
    missing = [f"{VNU_JAR} (make .venv/.vnu)"] if not VNU_JAR.exists() else []
    missing += ["java (apt-get install default-jre-headless)"] if not java else []
    if missing:
        reason = "the Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("REQUIRE_VNU"):
            pytest.fail(f"REQUIRE_VNU is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]


def checker_errors(pages, folder):
    """{page name: [error messages]} from one run of the checker over all pages."""
    command = checker()
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        files[name] = folder / f"page-{number}.html"
        files[name].write_text(html, encoding="utf-8")
    done = subprocess.run(
        [*command, *map(str, files.values())], capture_output=True, text=True, timeout=120
    )
    messages = json.loads(done.stderr)["messages"]
    by_file = {str(path): name for name, path in files.items()}
    errors = {name: [] for name in pages}
    for message in messages:
        name = by_file.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '')}]"
        )
    return errors


@pytest.mark.usefixtures("seed")
@pytest.mark.django_db
def test_every_kind_of_page_has_no_html_errors(tmp_path):
    errors = checker_errors(every_page_type(), tmp_path)

    assert {name: found for name, found in errors.items() if found} == {}


@pytest.mark.django_db
def test_the_checker_finds_a_footer_before_the_table_body(tmp_path):
    table = "<table><tfoot><tr><td>a</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody></table>"
    page = (
        f'<!doctype html><html lang="en"><head><title>t</title></head><body>{table}</body></html>'
    )

    errors = checker_errors({"planted": page}, tmp_path)

    assert any("tbody" in error for error in errors["planted"])
