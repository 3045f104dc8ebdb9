"""The rule that holds everywhere: nothing an editor or reviewer does in admin changes what
runners see, except a reviewer's publish. Swept over every model registered in admin."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from reversion.models import Version

from conditions.models import Condition
from editorial import registry, workflow
from tests.conditions.clinicians import make_editor, make_reviewer
from tests.editorial.forms import form_from_page
from triage.models import Questionnaire
from triage.rulebook import cases_of, rulebook_for, run_case

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"conditions", "exercises", "triage"}


def public_urls():
    urls = [
        reverse("conditions:home"),
        reverse("conditions:list"),
        reverse("conditions:urgent_help"),
        reverse("conditions:risk_factors"),
        reverse("exercises:list"),
    ]
    for entry in registry.entries():
        for item in entry.model.objects.published():
            if hasattr(item, "get_absolute_url"):
                urls.append(item.get_absolute_url())
    return urls


def site_as_runners_see_it(client):
    client.logout()
    pages = {url: client.get(url).content for url in public_urls()}
    live = Questionnaire.objects.live()
    rules = rulebook_for(live)
    results = {case.name: run_case(case, rules) for case in cases_of(live)}
    return pages, results, live.threshold


def live_objects(model):
    """Every row runners see through ``model``: live items, and the live questionnaire's rows."""
    if registry.is_registered(model):
        return list(model.objects.published().filter(draft_of__isnull=True))
    live = Questionnaire.objects.live()
    paths = {
        "questionnaire": {"pk": live.pk},
        "question": {"questionnaire": live},
        "option": {"question__questionnaire": live},
        "rule": {"option__question__questionnaire": live},
        "triagetestcase": {"questionnaire": live},
    }
    lookup = paths.get(model._meta.model_name)
    return list(model.objects.filter(**lookup)) if lookup is not None else []


def admin_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def try_every_change(client, model, objects, *, unpublish):
    """Change (real form data, edited), add a child, delete, bulk-delete, restore an earlier
    revision, and (for editors) unpublish; a reviewer's unpublish is a deliberate publication
    decision, tested apart."""
    statuses = []
    for index, obj in enumerate(objects):
        url = reverse(admin_name(model, "change"), args=[obj.pk])
        data = form_from_page(client, url) if index == 0 else {}
        for name, value in list(data.items()):
            if isinstance(value, str) and name.endswith(
                ("summary", "text", "reason", "title", "label", "name")
            ):
                data[name] = value + " (changed)"
            if name.endswith("-TOTAL_FORMS"):
                data[name] = str(int(value) + 1)  # one more child row
        data.setdefault("threshold", "30")
        statuses.append(client.post(url, data).status_code)
        statuses.append(
            client.post(
                reverse(admin_name(model, "delete"), args=[obj.pk]), {"post": "yes"}
            ).status_code
        )
        if registry.is_registered(model):
            for version in Version.objects.get_for_object(obj)[:1]:
                restore = reverse(admin_name(model, "restore"), args=[obj.pk, version.pk])
                statuses.append(client.post(restore).status_code)
        if not unpublish:
            continue
        try:
            statuses.append(
                client.post(reverse(admin_name(model, "unpublish"), args=[obj.pk])).status_code
            )
        except NoReverseMatch:
            pass
    client.post(
        reverse(admin_name(model, "changelist")),
        {"action": "delete_selected", "post": "yes", "_selected_action": [o.pk for o in objects]},
    )
    return statuses


def content_models():
    return [model for model in admin.site._registry if model._meta.app_label in CONTENT_APPS]


@pytest.mark.parametrize("make_user", [make_editor, make_reviewer], ids=["editor", "reviewer"])
def test_no_admin_request_changes_what_runners_see(client, make_user):
    before = site_as_runners_see_it(client)
    user = make_user()
    swept = 0
    for model in content_models():
        objects = live_objects(model)
        client.force_login(user)
        try_every_change(client, model, objects, unpublish=make_user is make_editor)
        swept += len(objects)

    assert swept > 300  # every live item and every row of the live questionnaire was tried
    after = site_as_runners_see_it(client)
    assert after[2] == before[2]
    assert after[1] == before[1]
    changed = [url for url in before[0] if before[0][url] != after[0].get(url)]
    assert changed == []


def test_a_reviewers_change_lands_only_when_the_draft_is_published(client):
    condition = Condition.objects.published().first()
    editor, reviewer = make_editor(), make_reviewer()
    client.force_login(editor)
    client.post(reverse(admin_name(Condition, "edit"), args=[condition.pk]))
    draft = Condition.objects.get(draft_of=condition)
    url = reverse(admin_name(Condition, "change"), args=[draft.pk])
    client.post(url, form_from_page(client, url, summary="A clearer summary for runners."))
    client.logout()
    assert b"A clearer summary" not in client.get(condition.get_absolute_url()).content

    workflow.publish(draft, by=reviewer, reviewed=workflow.review_pin(draft))

    assert b"A clearer summary" in client.get(condition.get_absolute_url()).content
