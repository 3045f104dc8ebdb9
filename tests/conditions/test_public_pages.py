"""The public condition, guide, risk-factor and urgent-help pages."""

import json
import re

import pytest
from django.urls import reverse

from conditions.models import Condition, ConditionImage, RedFlag, Status
from tests.factories import (
    ConditionExerciseFactory,
    ConditionFactory,
    ConditionSymptomFactory,
    ConditionTreatmentFactory,
    GuideFactory,
    GuideQuestionFactory,
    RedFlagFactory,
    RiskFactorFactory,
    SourceFactory,
    complete_condition,
)
from tests.helpers import without_tags

pytestmark = pytest.mark.django_db

SECTION_IDS = [
    "what-it-is",
    "check-if-you-have-it",
    "causes",
    "what-you-can-do",
    "exercises",
    "prevention",
    "get-help",
    "related",
    "sources",
]


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.mark.usefixtures("seed")
def test_home_lists_every_published_condition_and_the_emergency_card(client):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    conditions = Condition.objects.published()
    assert conditions, "the seed content should have its conditions"
    for condition in conditions:
        assert condition.get_absolute_url() in html
    assert "Call 999 or go to A&amp;E now" in without_tags(html)
    assert "Check your symptoms" in html


@pytest.mark.usefixtures("seed")
def test_home_shows_when_to_get_help_urgently_before_the_list_of_conditions(client):
    html = client.get("/").content.decode()

    assert html.index("<h2>When to get help urgently</h2>") < html.index("<h2>Conditions</h2>")


def test_condition_page_shows_sections_in_the_fixed_order(client):
    response = client.get(complete_condition().get_absolute_url())

    html = response.content.decode()
    positions = [html.index(f'id="{section}"') for section in SECTION_IDS]
    assert positions == sorted(positions)
    for section in SECTION_IDS:
        assert f'href="#{section}"' in html, f"contents list misses {section}"


def test_condition_page_shows_red_flags_review_dates_and_sources(client):
    flag = RedFlagFactory(sign="Numbness in both legs")
    source = SourceFactory(title="Back pain in runners")
    condition = ConditionFactory()
    condition.sources.add(source)

    html = client.get(condition.get_absolute_url()).content.decode()

    assert flag.sign in html
    assert "Call 999 or go to A&amp;E now" in without_tags(html)
    assert "Page last reviewed:" in html
    assert "Next review due:" in html
    assert source.title in html


@pytest.mark.parametrize(
    ("publisher", "cited"),
    [
        ("Spine Clinic", "Article X, Spine Clinic. Accessed"),
        ("Running Weekly", "Article X, Spine Clinic. Running Weekly. Accessed"),
    ],
)
def test_a_source_names_its_publisher_once_when_it_is_also_the_author(client, publisher, cited):
    """ "Southwest Florida Neurosurgical Associates. Southwest Florida Neurosurgical Associates."""
    condition = ConditionFactory()
    condition.sources.add(
        SourceFactory(title="Article X", author="Spine Clinic", publisher=publisher)
    )

    page = " ".join(without_tags(client.get(condition.get_absolute_url()).content.decode()).split())

    assert cited in page


@pytest.mark.usefixtures("seed")
def test_every_condition_page_names_the_999_signs_before_its_first_section(client):
    """On a phone the warning signs came 6,000 to 7,000 px down every page (a fresh-eyes
    audit); the disc and sciatica pages list numbness and leg weakness well before them."""
    for condition in Condition.objects.live():
        html = client.get(condition.get_absolute_url()).content.decode()
        before = without_tags(html[html.index('class="lead"') : html.index('id="what-it-is"')])

        assert "Call 999 or go to A&amp;E now if you have back pain with" in before, condition.slug
        assert "weakness in a leg that is getting worse" in before, condition.slug


def test_condition_page_groups_exercises_by_phase_with_reasons(client):
    link = ConditionExerciseFactory(reason="Opens out the joints at the back of the spine.")
    condition = link.condition

    html = client.get(condition.get_absolute_url()).content.decode()

    assert link.reason in html.replace("&#x27;", "'")
    assert link.exercise.get_absolute_url() in html
    assert reverse("exercises:sheet") + "?e=" in html


def test_condition_page_carries_medical_condition_json_ld(client):
    response = client.get(complete_condition().get_absolute_url())

    (page,) = json_ld(response)
    assert page["@type"] == "MedicalWebPage"
    assert page["lastReviewed"]
    assert page["reviewedBy"]["name"]
    condition = page["mainEntity"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["signOrSymptom"]
    assert condition["possibleTreatment"]
    assert condition["riskFactor"]


def test_condition_page_has_meta_description_canonical_and_open_graph(client):
    condition = ConditionFactory(name="Spinal stenosis")

    html = client.get(condition.get_absolute_url()).content.decode()

    assert '<meta name="description" content="' in html
    assert f'<link rel="canonical" href="http://testserver{condition.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="Spinal stenosis">' in html


def test_draft_condition_is_404_for_the_public(client):
    draft = ConditionFactory(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_condition_is_404_on_the_public_site_even_for_staff(client, admin_user):
    # Staff preview drafts from the clinician workspace (tests/editorial/test_workflow.py).
    draft = ConditionFactory(status=Status.DRAFT)
    client.force_login(admin_user)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404


def test_draft_conditions_are_left_out_of_lists(client):
    draft = ConditionFactory(status=Status.DRAFT, name="Hidden draft condition")

    for url in ("/", reverse("conditions:list")):
        assert draft.name not in client.get(url).content.decode()


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/conditions/",
        "/running-factors/",
        "/running-factors/load-progression/",
        "/guides/about-this-site/",
        "/guides/medical-disclaimer/",
        "/urgent-help/",
    ],
)
def test_public_page_renders(client, url):
    assert client.get(url).status_code == 200


def test_draft_guide_and_risk_factor_are_404_for_the_public(client):
    assert client.get(GuideFactory(status=Status.DRAFT).get_absolute_url()).status_code == 404
    assert client.get(RiskFactorFactory(status=Status.DRAFT).get_absolute_url()).status_code == 404


def test_a_guide_of_questions_is_marked_up_as_an_faq_page(client):
    guide = GuideFactory()
    GuideQuestionFactory.create_batch(3, guide=guide, answer="Yes, gently.")

    response = client.get(guide.get_absolute_url())

    types = {block["@type"]: block for block in json_ld(response)}
    assert types["MedicalWebPage"]["lastReviewed"]
    faq = types["FAQPage"]
    assert len(faq["mainEntity"]) == 3
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "Yes, gently."


@pytest.mark.usefixtures("seed")
def test_urgent_help_lists_every_red_flag(client):
    html = client.get(reverse("conditions:urgent_help")).content.decode()

    assert html.count('class="panel panel--') == RedFlag.objects.published().count()
    assert "Call 999 or go to A&amp;E now" in without_tags(html)
    assert "call NHS 111" in without_tags(html)


def test_risk_factor_page_names_the_conditions_it_feeds(client):
    risk_factor = RiskFactorFactory()
    ConditionFactory(name="Facet joint pain").risk_factors.add(risk_factor)

    html = client.get(risk_factor.get_absolute_url()).content.decode()

    assert "Facet joint pain" in html


def test_condition_page_query_count_does_not_grow_with_linked_items(
    client, django_assert_max_num_queries
):
    condition = ConditionFactory()
    for _ in range(15):
        ConditionSymptomFactory(condition=condition)
        ConditionTreatmentFactory(condition=condition)
        ConditionExerciseFactory(condition=condition)
    condition.related_conditions.add(*ConditionFactory.create_batch(5))
    condition.risk_factors.add(*RiskFactorFactory.create_batch(5))
    for order in range(3):
        ConditionImage.objects.create(
            condition=condition, order=order, image=f"conditions/{order}.png", width=640, height=400
        )

    with django_assert_max_num_queries(9):
        response = client.get(condition.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 3),
        ("/conditions/", 2),
        ("/running-factors/", 3),
        ("/running-factors/worn-shoes/", 3),
        ("/guides/running-with-back-pain/", 4),
        ("/urgent-help/", 2),
    ],
)
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, url, budget):
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("signed", "expected"),
    [
        (
            "Priya Shah (clinical reviewer)",
            {"@type": "Person", "name": "Priya Shah", "jobTitle": "clinical reviewer"},
        ),
        (
            "Clinical reviewer",
            {"@type": "Organization", "name": "Runner's Back", "description": "Clinical reviewer"},
        ),
    ],
)
def test_the_json_ld_names_a_person_reviewer_as_a_person_and_a_role_as_the_site(signed, expected):
    from conditions.structured_data import reviewer

    assert reviewer(signed) == expected
