"""The suite's outcome does not depend on what the developer's shell exports."""

import os
import subprocess
import sys

import pytest

from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.stack

SETTINGS_SENSITIVE = (
    "tests/config/test_security_headers.py::test_page_sends_strict_transport_security_over_https"
)


@pytest.mark.parametrize(
    "shell", [{"DEBUG": "1"}, {}], ids=["DEBUG=1 exported", "nothing exported"]
)
def test_a_settings_sensitive_test_passes_whatever_the_shell_exports(shell):
    # The nested run uses SQLite: on PostgreSQL it would clash with this run's test database.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(shell, SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="true")

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", SETTINGS_SENSITIVE],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 passed" in done.stdout
