"""Validate exported FHIR resources without Java: the R4 JSON schema kept beside the tests
(``fhir/fhir.schema.json``, see ``fhir/SOURCE.md``) and ``fhirclient``'s R4 models."""

import hashlib
import importlib
import json
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).parent / "fhir" / "fhir.schema.json"
SCHEMA_SHA256 = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"
MODELS = {
    "Bundle": "bundle",
    "CodeSystem": "codesystem",
    "Observation": "observation",
    "OperationOutcome": "operationoutcome",
    "Questionnaire": "questionnaire",
    "QuestionnaireResponse": "questionnaireresponse",
}


def schema_sha256():
    return hashlib.sha256(SCHEMA.read_bytes()).hexdigest()


@cache
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema)


def schema_problems(resource):
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in validator().iter_errors(resource)
    ]


def model_problems(resource):
    """What fhirclient's R4 model refuses, and whether it reads the resource back unchanged."""
    name = resource["resourceType"]
    module = importlib.import_module(f"fhirclient.models.{MODELS[name]}")
    try:
        parsed = getattr(module, name)(resource, strict=True)
        again = parsed.as_json()
    except Exception as error:  # FHIRValidationError and the errors it wraps
        return [f"{name}: {error}"]
    return [] if again == resource else [f"{name}: not read back unchanged"]


def problems(resource):
    """Every reason the resource is not valid FHIR R4; empty when it is."""
    return schema_problems(resource) + model_problems(resource)
