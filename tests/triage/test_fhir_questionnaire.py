"""The questionnaire as a FHIR R4 Questionnaire and the site's own CodeSystem: only published
versions are served, linkIds are the question codes, and enableWhen says what show-if does."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conditions.urgency import Urgency
from tests.triage import fhir_validation
from tests.triage.fhir_export import BASE, bundle, resources, served_questionnaire, stored
from triage.engine import scoring
from triage.live import fhir
from triage.models import TriageTestCase

pytestmark = pytest.mark.django_db


def fetched(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_live_version_is_served_as_fhir_json(client, seed_live):
    response = client.get(f"/fhir/Questionnaire/{seed_live.version}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response.json()["version"] == str(seed_live.version)


def test_the_served_questionnaire_is_valid_fhir_r4(client, seed_live):
    questionnaire = fetched(client, f"/fhir/Questionnaire/{seed_live.version}")

    assert fhir_validation.problems(questionnaire) == []


def test_the_served_code_system_is_valid_fhir_r4(client, seed_live):
    code_system = fetched(client, f"/fhir/CodeSystem/{seed_live.version}")

    assert fhir_validation.problems(code_system) == []


def test_a_draft_version_answers_404_to_the_public(client, draft):
    assert client.get(f"/fhir/Questionnaire/{draft.version}").status_code == 404
    assert client.get(f"/fhir/CodeSystem/{draft.version}").status_code == 404


def test_the_canonical_url_leads_to_the_live_version(client, seed_live):
    response = client.get("/fhir/Questionnaire/back-pain-check")

    assert response.status_code == 302
    assert response["Location"] == f"/fhir/Questionnaire/{seed_live.version}"


def test_the_code_system_canonical_url_leads_to_the_live_version(client, seed_live):
    response = client.get("/fhir/CodeSystem/back-pain-check")

    assert response.status_code == 302
    assert response["Location"] == f"/fhir/CodeSystem/{seed_live.version}"


def test_an_unknown_version_answers_404_as_a_fhir_operation_outcome(client, seed_live):
    response = client.get("/fhir/Questionnaire/999")

    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_link_ids_are_the_question_codes_in_asking_order(seed_live, seed_rules):
    items = served_questionnaire(seed_live)["item"]

    assert [item["linkId"] for item in items] == [q.code for q in seed_rules.questions]


def test_the_canonical_url_is_the_same_for_every_version_and_the_version_is_stated(seed_live):
    questionnaire = served_questionnaire(seed_live)

    assert questionnaire["url"] == f"{BASE}/fhir/Questionnaire/back-pain-check"
    assert questionnaire["version"] == str(seed_live.version)
    assert questionnaire["status"] == "active"


def test_the_questionnaire_carries_the_clinical_sign_off(seed_live):
    questionnaire = served_questionnaire(seed_live)
    (sign_off,) = questionnaire["extension"]
    said = {
        part["url"]: next(v for k, v in part.items() if k != "url")
        for part in sign_off["extension"]
    }

    assert said["reviewedBy"] == seed_live.reviewed_by
    assert said["lastReviewed"] == seed_live.last_reviewed.isoformat()
    assert questionnaire["lastReviewDate"] == seed_live.last_reviewed.isoformat()


def test_question_kinds_become_fhir_item_types(seed_live):
    items = {item["linkId"]: item for item in served_questionnaire(seed_live)["item"]}

    assert items["age"]["type"] == "integer"
    assert items["where"]["type"] == "choice" and items["where"]["repeats"] is True
    assert items["bladder-bowel"]["type"] == "choice"  # it also offers "I'm not sure"


def test_every_answer_option_is_a_code_of_the_served_code_system(client, seed_live):
    questionnaire = fetched(client, f"/fhir/Questionnaire/{seed_live.version}")
    code_system = fetched(client, f"/fhir/CodeSystem/{seed_live.version}")
    codes = {concept["code"] for concept in code_system["concept"]}

    offered = [
        option["valueCoding"]
        for item in questionnaire["item"]
        for option in item.get("answerOption", [])
    ]

    assert offered
    assert {coding["system"] for coding in offered} == {code_system["url"]}
    assert {coding["code"] for coding in offered} <= codes


def test_the_code_system_urgency_codes_are_the_urgency_choices(seed_live, client):
    code_system = fetched(client, f"/fhir/CodeSystem/{seed_live.version}")
    urgency = [c["code"] for c in code_system["concept"] if c["code"].startswith("urgency.")]

    assert urgency == [f"urgency.{value}" for value in Urgency.values]


def test_the_code_system_counts_its_codes_once_each(seed_live, client):
    code_system = fetched(client, f"/fhir/CodeSystem/{seed_live.version}")
    codes = [concept["code"] for concept in code_system["concept"]]

    assert len(codes) == len(set(codes)) == code_system["count"]


# enableWhen, evaluated as a FHIR form filler would, against the walk's own show-if logic.


def fhir_answers(answers, rules):
    """The answers as a QuestionnaireResponse holds them: {linkId: [coding code or integer]}."""
    held = {}
    for question in rules.questions:
        if question.code not in answers:
            continue
        if question.kind == scoring.NUMBER:
            held[question.code] = [answers[question.code]]
        else:
            chosen = scoring.chosen(question, answers[question.code])
            held[question.code] = [fhir.answer_code(question.code, c.code) for c in chosen]
    return held


def holds(condition, given):
    if "answerCoding" in condition:
        return condition["answerCoding"]["code"] in given
    value = condition["answerInteger"]
    compare = {">=": lambda a: a >= value, "<=": lambda a: a <= value, "=": lambda a: a == value}
    return any(compare[condition["operator"]](answer) for answer in given)


def enabled_link_ids(items, held):
    """linkIds a FHIR form filler enables, in order: a disabled item's answers do not count."""
    enabled = {}
    for item in items:
        conditions = item.get("enableWhen")
        if not conditions:
            enabled[item["linkId"]] = True
            continue
        results = [
            enabled.get(c["question"], False) and holds(c, held.get(c["question"], []))
            for c in conditions
        ]
        enabled[item["linkId"]] = (
            all(results) if item.get("enableBehavior", "all") == "all" else any(results)
        )
    return [link for link, on in enabled.items() if on]


def valid_answers(rules):
    def answer(question):
        codes = [choice.code for choice in question.choices]
        if question.kind == scoring.NUMBER:
            return st.integers(min_value=question.low or 0, max_value=question.high or 120)
        if question.kind == scoring.MULTIPLE:
            return st.lists(st.sampled_from(codes), unique=True, min_size=1)
        return st.sampled_from(codes)

    return st.fixed_dictionaries(
        {}, optional={question.code: answer(question) for question in rules.questions}
    )


def test_enable_when_enables_exactly_the_questions_the_walk_shows(seed_live, seed_rules):
    items = served_questionnaire(seed_live)["item"]

    @settings(max_examples=30, deadline=None)
    @given(answers=valid_answers(seed_rules))
    def check(answers):
        shown = [q.code for q in scoring.visible_questions(answers=answers, rules=seed_rules)]
        assert enabled_link_ids(items, fhir_answers(answers, seed_rules)) == shown

    check()


def test_enable_when_follows_every_show_if_of_the_seed_questionnaire(seed_live, seed_rules):
    items = {item["linkId"]: item for item in served_questionnaire(seed_live)["item"]}

    for question in seed_rules.questions:
        if question.show_if is None:
            assert "enableWhen" not in items[question.code]
            continue
        earlier, option = question.show_if
        (condition,) = items[question.code]["enableWhen"]
        assert condition["question"] == earlier
        assert condition["answerCoding"]["code"] == fhir.answer_code(earlier, option)


def test_a_show_if_on_a_number_band_becomes_the_bands_bounds_all_to_hold():
    rules = scoring.RuleBook(
        version=1,
        questions=(
            scoring.Ask(
                code="age", kind=scoring.NUMBER, choices=(scoring.Choice("over-50", low=50),)
            ),
            scoring.Ask(code="bones", kind=scoring.YES_NO, show_if=("age", "over-50")),
        ),
    )

    said = fhir.enable_when(BASE, 1, rules.questions[1], rules)

    assert said == {
        "enableWhen": [{"question": "age", "operator": ">=", "answerInteger": 50}],
        "enableBehavior": "all",
    }


def test_admin_shows_each_version_as_a_fhir_questionnaire_beside_it(admin_client, seed_live):
    page = admin_client.get(f"/admin/triage/questionnaire/{seed_live.pk}/change/")
    content = page.content.decode()

    assert page.status_code == 200
    assert "http://testserver/fhir/Questionnaire/back-pain-check" in content
    assert f'href="http://testserver/fhir/Questionnaire/{seed_live.version}"' in content
    assert "&quot;resourceType&quot;: &quot;Questionnaire&quot;" in content


def test_admin_says_a_draft_is_not_served_until_published(admin_client, draft):
    content = admin_client.get(f"/admin/triage/questionnaire/{draft.pk}/change/").content.decode()

    assert "served once this version is published" in content
    assert f'href="http://testserver/fhir/Questionnaire/{draft.version}"' not in content


def publish(draft, reviewer):
    from editorial import workflow

    return workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))


@pytest.fixture
def replaced(draft):
    """A version that was live and has been replaced by a newer one."""
    from tests.editorial.clinicians import make_reviewer
    from triage.models import Questionnaire
    from triage.questionnaire.versions import copy_as_draft

    reviewer = make_reviewer()
    was_live = publish(draft, reviewer)
    publish(copy_as_draft(was_live), reviewer)
    return Questionnaire.objects.get(pk=was_live.pk)


def test_a_replaced_version_is_still_served_as_retired_for_the_results_made_with_it(
    client, replaced
):
    questionnaire = fetched(client, f"/fhir/Questionnaire/{replaced.version}")
    code_system = fetched(client, f"/fhir/CodeSystem/{replaced.version}")

    assert replaced.status == "draft"
    assert questionnaire["status"] == code_system["status"] == "retired"
    assert fhir_validation.problems(questionnaire) == []


def test_a_replaced_version_edited_since_answers_404(client, replaced):
    question = replaced.questions.first()
    question.help_text = "Changed after the version was taken off the site."
    question.save()

    assert client.get(f"/fhir/Questionnaire/{replaced.version}").status_code == 404
    assert client.get(f"/fhir/CodeSystem/{replaced.version}").status_code == 404


def test_no_item_is_required_since_an_emergency_answer_ends_the_questionnaire(seed_live):
    items = served_questionnaire(seed_live)["item"]

    assert not [item["linkId"] for item in items if item.get("required")]


def test_every_shipped_case_response_answers_every_required_item_of_its_questionnaire(seed_live):
    required = {
        item["linkId"] for item in served_questionnaire(seed_live)["item"] if item.get("required")
    }
    cases = TriageTestCase.objects.filter(questionnaire=seed_live)
    emergencies = 0

    for case in cases:
        submission = stored(seed_live, case.answers)
        (response,) = resources(bundle(submission), "QuestionnaireResponse")
        answered = {item["linkId"] for item in response["item"]}
        assert response["status"] == "completed"
        assert required <= answered, case.name
        emergencies += submission.disposition == Urgency.EMERGENCY
    assert emergencies  # a walk that stopped early is among them


@pytest.mark.parametrize("kind", ["Questionnaire", "CodeSystem"])
def test_a_published_definition_may_be_read_by_any_origin_and_cached_briefly(
    client, seed_live, kind
):
    response = client.get(f"/fhir/{kind}/{seed_live.version}")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize("path", ["/fhir/Questionnaire/999", "/fhir/CodeSystem/back-pain-check"])
def test_a_definition_404_or_redirect_is_readable_by_any_origin_and_never_cached(
    client, seed_live, path
):
    response = client.get(path)

    assert response.status_code in (302, 404)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]
