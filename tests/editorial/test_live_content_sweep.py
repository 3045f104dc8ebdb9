"""The rule that holds everywhere: nothing an editor, or a clinical reviewer acting alone, does
in admin changes what runners see. Swept over every model registered in admin: every form,
delete, action, workflow address and questionnaire page, on live rows, on drafts the person
wrote, on new shared rows a draft links to, and on a shared row taken off the site, with text
and numbers changed and the hidden edit counters kept. Every public page and two walked results
are read before and after, from the database (caches emptied), and must be the same.

A clinical reviewer's "Take off the site" and "Mark as reviewed" are deliberate decisions one
reviewer may take alone (taking wrong advice down must not wait for a second person; a review
sign-off changes no content): the sweep leaves them out for reviewers and
``test_workflow_rules.py`` covers them.
"""

import re
from datetime import datetime, time

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from reversion.models import Version

from conditions.models import Condition, Symptom, Treatment
from editorial import registry, workflow
from editorial.models import Source, Status
from tests.editorial.clinicians import make_editor, make_reviewer, publish_as
from tests.editorial.forms import form_from_page
from tests.editorial.public_site import changed_pages, site_as_runners_see_it
from tests.factories import SourceFactory
from triage.models import Option, Question, Questionnaire, Rule, TriageTestCase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


@pytest.fixture(autouse=True)
def one_day(time_machine):
    """Every page names today's date (a printout's header, a result's retention): a sweep that
    began before midnight and read the site again after it saw every page changed (CI,
    23:59). Run at noon today, the clock still ticking."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    time_machine.move_to(noon, tick=True)


CONTENT_APPS = set(registry.apps_with_content())
TEXT_ENDINGS = (
    "summary", "text", "reason", "title", "label", "name", "description", "what_to_do",
    "advice", "body", "answer", "sign", "purpose", "cautions", "easier", "harder", "caption",
    "alt_text", "notes", "author", "publisher", "frequency", "when_to_avoid",
)  # fmt: skip
NUMBER_ENDINGS = ("weight", "threshold", "order", "sets", "reps", "hold_seconds", "number")
ROWS_PER_KIND = 3  # full forms and every workflow address for this many live rows of each
# model (and all the person's own rows); the next live rows, up to LIVE_ROWS_TRIED, get a bare
# POST and a delete, and the list actions take every live row
LIVE_ROWS_TRIED = 12


def admin_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def url_of(model, view, *args):
    try:
        return reverse(admin_name(model, view), args=args)
    except NoReverseMatch:
        return None


def edited(data):
    """The form data with every text and number changed and the hidden edit counters left as
    the page gave them."""
    data = dict(data)
    for name, value in list(data.items()):
        if not isinstance(value, str) or name.startswith(("opened_", "stamp")):
            continue
        field = name.rsplit("-", 1)[-1]
        if field.endswith(TEXT_ENDINGS) and value:
            data[name] = value + " (changed)"
        elif field.endswith(NUMBER_ENDINGS) and value.lstrip("-").isdigit():
            data[name] = str(int(value) + 1 if int(value) < 4 else int(value) - 1)
        elif re.fullmatch(r"[wd]-\d+(-\d+)?", name):  # a cell of the rules grid
            data[name] = "2" if name.startswith("w") and value != "2" else value
    return data


class Sweep:
    """Posts everything to the admin as one signed-in person and counts what it sent."""

    def __init__(self, client, user, *, reviewer):
        self.client, self.user, self.reviewer = client, user, reviewer
        self.statuses, self.saved = [], set()

    def post(self, url, data=None):
        if url is None:
            return None
        response = self.client.post(url, data or {})
        assert response.status_code < 500, (url, response.status_code)
        self.statuses.append(response.status_code)
        return response

    def get(self, url):
        if url is None:
            return None
        response = self.client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        return response

    def change_form(self, obj, *, full, extra=None):
        url = url_of(type(obj), "change", obj.pk)
        data = edited(form_from_page(self.client, url)) if full else {}
        if self.post(url, {**data, **(extra or {})}).status_code == 302:
            self.saved.add(type(obj))

    def every_workflow_address(self, obj):
        model = type(obj)
        self.post(url_of(model, "edit", obj.pk))
        self.post(url_of(model, "withdraw", obj.pk))
        review = url_of(model, "review", obj.pk)
        if review and registry.is_registered(model):
            page = self.get(review)
            pin = re.search(rb'name="reviewed" value="([0-9a-f]+)"', page.content)
            self.post(review, {"_publish": "1", "reviewed": pin.group(1).decode() if pin else ""})
            self.post(review, {"_send_back": "1", "comment": "Please change it."})
        if not self.reviewer:
            self.post(url_of(model, "unpublish", obj.pk))
        if registry.is_registered(model):
            for version in Version.objects.get_for_object(obj)[:2]:
                self.post(url_of(model, "restore", obj.pk, version.pk))
        self.get(url_of(model, "history", obj.pk))
        self.get(url_of(model, "preview", obj.pk))

    def every_action(self, model, objects):
        model_admin = admin.site.get_model_admin(model)
        request = self.client.get(url_of(model, "changelist") or "/").wsgi_request
        names = list(model_admin.get_actions(request) or {})
        if self.reviewer:
            names = [name for name in names if name != "mark_reviewed"]
        for name in names:
            self.post(
                url_of(model, "changelist"),
                {"action": name, "post": "yes", "_selected_action": [o.pk for o in objects]},
            )

    def delete(self, obj):
        self.post(url_of(type(obj), "delete", obj.pk), {"post": "yes"})


def content_models():
    return [model for model in admin.site._registry if model._meta.app_label in CONTENT_APPS]


def live_rows(model):
    live = Questionnaire.objects.live()
    paths = {
        Question: {"questionnaire": live},
        Option: {"question__questionnaire": live},
        Rule: {"option__question__questionnaire": live},
        TriageTestCase: {"questionnaire": live},
    }
    if registry.is_registered(model):
        return [row for row in model.objects.published() if workflow.is_live(row)]
    if model in paths:
        return list(model.objects.filter(**paths[model]))
    return list(model.objects.all()[:5])  # view-only rows, e.g. kept questionnaire results


def rows_of_version(model, version):
    paths = {
        Questionnaire: {"pk": version.pk},
        Question: {"questionnaire": version},
        Option: {"question__questionnaire": version},
        Rule: {"option__question__questionnaire": version},
        TriageTestCase: {"questionnaire": version},
    }
    return list(model.objects.filter(**paths[model])) if model in paths else []


def prepare_own_drafts(sweep):
    """What the person writes themselves before the sweep: a working draft of one live row of
    each content model, new shared rows linked from their condition draft, and a new
    questionnaire version. All of it is theirs, so two-person review must stop them publishing
    any of it."""
    client = sweep.client
    drafts = []
    for entry in registry.entries():
        first = next((row for row in live_rows(entry.model)), None)
        if first is None or entry.model is Questionnaire:
            continue
        client.post(url_of(entry.model, "edit", first.pk))
        drafts.extend(entry.model.objects.filter(draft_of=first))
    new_rows = []
    for model, fields in (
        (Source, {"key": "sweep-new", "title": "Sweep new source", "author": "A. Author",
                  "publisher": "Sweep Press", "accessed": "2026-12-01"}),
        (Symptom, {"name": "Sweep new symptom", "slug": "sweep-new-symptom",
                   "description": "Sweep new symptom text"}),
        (Treatment, {"name": "Sweep new treatment", "slug": "sweep-new-treatment",
                     "description": "Sweep new treatment text"}),
    ):  # fmt: skip
        client.post(url_of(model, "add"), fields)
        new_rows.append(
            model.objects.get(**{k: v for k, v in fields.items() if k in ("key", "slug")})
        )
    condition_draft = next(d for d in drafts if isinstance(d, Condition))
    url = url_of(Condition, "change", condition_draft.pk)
    data = form_from_page(client, url)
    data["sources"] = [*as_list(data.get("sources")), str(new_rows[0].pk)]
    for prefix, field, row, extra in (
        ("conditionsymptom_set", "symptom", new_rows[1], {"typicality": "common"}),
        ("conditiontreatment_set", "treatment", new_rows[2], {"phase": "early"}),
    ):
        index = int(data[f"{prefix}-TOTAL_FORMS"])
        data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
        data[f"{prefix}-{index}-{field}"] = str(row.pk)
        data[f"{prefix}-{index}-order"] = "99"
        for key, value in extra.items():
            data[f"{prefix}-{index}-{key}"] = value
    response = client.post(url, data)
    assert response.status_code == 302, "the condition draft links the new shared rows"
    assert {row.pk for row in workflow.going_live_with(condition_draft)} == {
        row.pk for row in new_rows
    }
    client.post(reverse("admin:triage_questionnaire_new_draft"))
    version = Questionnaire.objects.exclude(status=Status.PUBLISHED).order_by("-version").first()
    return drafts, new_rows, version


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def unpublished_shared_row():
    """A source a reviewer took off the site earlier (nothing live used it)."""
    source = SourceFactory(title="Taken off earlier")
    workflow.unpublish(source, by=make_reviewer("earlier-reviewer"), reason="Link broken")
    return Source.objects.get(pk=source.pk)


def sweep_everything(sweep, drafts, new_rows, version, unpublished):
    targets = {}
    for model in content_models():
        own = [d for d in drafts if isinstance(d, model)]
        own += [r for r in new_rows if isinstance(r, model)] + rows_of_version(model, version)
        if model is Source:
            own.append(unpublished)
        targets[model] = (live_rows(model), own)
    # Every form and workflow address, on live rows and on the person's own rows.
    for live, own in targets.values():
        for index, obj in enumerate(live[:LIVE_ROWS_TRIED]):
            sweep.change_form(obj, full=index < ROWS_PER_KIND)
            if index < ROWS_PER_KIND:
                sweep.every_workflow_address(obj)
        for index, obj in enumerate(own):
            if type(obj).objects.filter(pk=obj.pk).exists():
                sweep.change_form(obj, full=index < ROWS_PER_KIND)
                sweep.every_workflow_address(obj)
    # The questionnaire's rules grid, on the draft version and on the live one.
    for questionnaire in (version, Questionnaire.objects.live()):
        grid = reverse("admin:triage_questionnaire_rules", args=[questionnaire.pk])
        sweep.post(grid, edited(form_from_page(sweep.client, grid)))
    # Submitted for review, then every workflow address again: still nothing goes live.
    for draft in [*drafts, version]:
        if type(draft).objects.filter(pk=draft.pk).exists():
            sweep.change_form(draft, full=True, extra={"_submit_review": "1"})
            sweep.every_workflow_address(draft)
    # Every list action, then every delete.
    for model, (live, own) in targets.items():
        sweep.every_action(model, live + own)
    for live, own in targets.values():
        for obj in live[:LIVE_ROWS_TRIED] + own:
            if type(obj).objects.filter(pk=obj.pk).exists():
                sweep.delete(obj)


@pytest.mark.slow
@pytest.mark.parametrize("make_user", [make_editor, make_reviewer], ids=["editor", "lone-reviewer"])
def test_no_admin_request_changes_what_runners_see(client, make_user):
    unpublished = unpublished_shared_row()
    before = site_as_runners_see_it(client)
    user = make_user()
    client.force_login(user)
    sweep = Sweep(client, user, reviewer=make_user is make_reviewer)
    drafts, new_rows, version = prepare_own_drafts(sweep)

    sweep_everything(sweep, drafts, new_rows, version, unpublished)

    assert len(sweep.statuses) > 700  # live rows, drafts and shared rows of every model tried
    # and the person's own drafts of every kind were really saved with the changed text
    assert {Condition, Source, Symptom, Treatment, Questionnaire, Question, Rule} <= sweep.saved
    client.logout()
    assert changed_pages(before, site_as_runners_see_it(client)) == []


def test_the_sweep_sees_a_direct_database_change_to_a_shared_row_and_a_rule(client):
    before = site_as_runners_see_it(client)
    live = Questionnaire.objects.live()
    Treatment.objects.filter(conditions__status=Status.PUBLISHED).update(
        description="Planted treatment text"
    )
    Source.objects.filter(key="nhs-back-pain").update(title="Planted source title")
    Rule.objects.filter(option__question__questionnaire=live, condition__isnull=False).update(
        reason="Planted reason"
    )

    changed = changed_pages(before, site_as_runners_see_it(client))

    assert any(key.startswith("/conditions/") for key in changed)
    assert "result: disc" in changed
    assert reverse("conditions:urgent_help") in changed


def test_the_sweep_sees_a_lone_reviewers_publish_when_two_person_review_is_off(client, settings):
    settings.EDITORIAL_FOUR_EYES = False  # the rule the sweep guards, switched off
    before = site_as_runners_see_it(client)
    reviewer = make_reviewer()
    client.force_login(reviewer)
    sweep = Sweep(client, reviewer, reviewer=True)
    drafts, _new_rows, _version = prepare_own_drafts(sweep)
    condition_draft = next(d for d in drafts if isinstance(d, Condition))
    sweep.change_form(condition_draft, full=True)

    sweep.every_workflow_address(condition_draft)

    changed = changed_pages(before, site_as_runners_see_it(client))
    assert condition_draft.draft_of.get_absolute_url() in changed


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

    publish_as(reviewer, draft)

    assert b"A clearer summary" in client.get(condition.get_absolute_url()).content
