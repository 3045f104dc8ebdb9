"""The example bundle in docs/ is the fhir_example command's output, and valid FHIR R4."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.triage import fhir_validation

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "fhir-example-bundle.json"


def test_the_example_bundle_in_docs_is_what_the_command_prints_now(seed_live):
    out = StringIO()

    call_command("fhir_example", stdout=out)

    assert out.getvalue().strip() == EXAMPLE.read_text().strip(), (
        "run: manage.py fhir_example > docs/fhir-example-bundle.json"
    )


def test_the_example_bundle_is_valid_fhir_r4():
    assert fhir_validation.problems(json.loads(EXAMPLE.read_text())) == []
