"""A version that results were made with while it was live is kept as it was once it is
replaced: none of its rows change, in admin or anywhere else, so its results and its FHIR
Questionnaire keep naming what runners were asked. On the small questionnaire the factories
build (``small_questionnaire``) and a draft copied from it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.editorial.forms import form_from_page
from tests.triage.answers import walk
from triage.models import Option, Question, Questionnaire, Rule, TriageTestCase
from triage.questionnaire.versions import copy_as_draft, is_editable

pytestmark = pytest.mark.django_db


@pytest.fixture
def replaced_with_results(small, live):
    """The small questionnaire after a runner's result, replaced by a newer live version."""
    walk(Client(), small.answers)
    publish_as(make_reviewer(), copy_as_draft(live))
    return Questionnaire.objects.get(pk=live.pk)


def rows_of(version):
    return {
        "question": Question.objects.filter(questionnaire=version).first(),
        "option": Option.objects.filter(question__questionnaire=version).first(),
        "rule": Rule.objects.filter(option__question__questionnaire=version).first(),
        "test case": TriageTestCase.objects.filter(questionnaire=version).first(),
    }


def test_no_row_of_a_version_with_results_passes_its_checks(replaced_with_results):
    rows = rows_of(replaced_with_results)

    assert replaced_with_results.status == "draft" and all(rows.values())
    for kind, row in rows.items():
        with pytest.raises(ValidationError, match="kept as it was"):
            row.clean()
        assert kind


def test_the_sweep_sees_a_version_without_results(draft):
    rows = rows_of(draft)

    for row in rows.values():
        row.clean()  # no error: a plain draft may change
    assert is_editable(draft)


def test_a_version_with_results_is_not_editable(replaced_with_results):
    assert not is_editable(replaced_with_results)


def test_admin_refuses_a_change_to_a_question_of_a_version_with_results(
    client, replaced_with_results
):
    question = replaced_with_results.questions.first()
    url = reverse("admin:triage_question_change", args=[question.pk])
    client.force_login(make_editor())
    data = form_from_page(client, url, text="Changed after it was live")

    response = client.post(url, data)

    assert response.status_code in (403, 409)
    assert Question.objects.get(pk=question.pk).text == question.text


def test_admin_lists_a_version_with_results_as_kept_not_as_a_draft_being_edited(
    client, replaced_with_results
):
    client.force_login(make_editor())

    page = client.get(reverse("admin:triage_questionnaire_changelist")).content.decode()

    assert "kept as it was for its results" in page


def test_its_fhir_questionnaire_is_still_served_as_retired(client, replaced_with_results):
    response = client.get(f"/fhir/Questionnaire/{replaced_with_results.version}")

    assert response.status_code == 200
    assert response.json()["status"] == "retired"
