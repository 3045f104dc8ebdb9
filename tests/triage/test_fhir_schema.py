"""The FHIR R4 JSON schema the exports are checked against is the one recorded, and it bites."""

from tests.triage import fhir_validation


def test_the_schema_kept_in_the_repository_has_the_recorded_checksum():
    assert fhir_validation.schema_sha256() == fhir_validation.SCHEMA_SHA256


def test_the_source_note_records_the_same_checksum():
    note = (fhir_validation.SCHEMA.parent / "SOURCE.md").read_text()

    assert fhir_validation.SCHEMA_SHA256 in note


def test_the_schema_refuses_an_unknown_element():
    bundle = {"resourceType": "Bundle", "type": "collection", "subjectName": "Jo"}

    assert fhir_validation.schema_problems(bundle)


def test_the_schema_refuses_a_bundle_type_r4_does_not_have():
    assert fhir_validation.schema_problems({"resourceType": "Bundle", "type": "bag"})


def test_the_models_refuse_an_observation_without_its_status():
    observation = {"resourceType": "Observation", "code": {"text": "Urgency"}}

    assert not fhir_validation.schema_problems(observation)
    assert fhir_validation.model_problems(observation)
