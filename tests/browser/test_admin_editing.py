"""The editorial workflow in Chromium: an editor drafts, a reviewer publishes; every admin page
works under the Content Security Policy."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from conditions.models import Condition
from editorial import workflow
from exercises.models import Exercise
from tests.editorial.clinicians import PASSWORD, admin_url, make_editor, make_reviewer
from triage.models import Questionnaire
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.browser

NEW_SUMMARY = "Pain from the small joints at the back of the spine, often worse leaning back."


def watch_csp(page):
    """Collect every Content Security Policy violation the page reports."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def log_in(page, live_server, username="reviewer"):
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your drafts")).to_be_visible()


def assert_accessible(page, axe):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_editor_drafts_previews_and_submits_then_a_reviewer_publishes(
    browser, live_server, content
):
    """The whole workflow: the public page changes only at the reviewer's publish."""
    axe = Axe()
    condition = Condition.objects.get(slug="facet-joint-pain")
    old_summary = condition.summary
    make_editor(first_name="Eddie", last_name="Tor")
    make_reviewer(first_name="Rhea", last_name="Viewer")
    public = browser.new_context().new_page()
    public_url = live_server.url + condition.get_absolute_url()
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    violations = watch_csp(editor)

    log_in(editor, live_server, "editor")
    editor.goto(live_server.url + admin_url(condition))
    expect(editor.get_by_role("status").first).to_contain_text("This is the live page")
    editor.get_by_role("button", name="Edit: open a working draft").click()
    expect(editor.get_by_role("status").first).to_contain_text("working draft of a live page")
    editor.locator("#id_summary").fill(NEW_SUMMARY)

    with editor_context.expect_page() as preview_opened:
        editor.get_by_role("button", name="Preview (without saving)").click()
    preview = preview_opened.value
    expect(preview.locator("p.lead")).to_have_text(NEW_SUMMARY)
    expect(preview.get_by_role("status").first).to_contain_text("Preview of a draft")
    preview.close()
    public.goto(public_url)
    expect(public.locator("p.lead")).to_have_text(old_summary)

    editor.locator("#id__review_note").fill("Plainer summary for runners")
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messagelist")).to_contain_text("Sent to the clinical reviewers")
    public.goto(public_url)
    expect(public.locator("p.lead")).to_have_text(old_summary)

    reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer = reviewer_context.new_page()
    violations += watch_csp(reviewer)
    log_in(reviewer, live_server, "reviewer")
    awaiting = reviewer.locator(
        "section", has=reviewer.get_by_role("heading", name="Awaiting your review")
    )
    expect(awaiting).to_contain_text("Plainer summary for runners")
    assert_accessible(reviewer, axe)
    awaiting.get_by_role("link", name="Facet joint pain").click()
    expect(reviewer.locator("ins").first).to_be_visible()
    expect(reviewer.locator("tr.changed")).to_contain_text("Summary")
    assert_accessible(reviewer, axe)
    reviewer.screenshot(path="test-results/review-page-1280.png", full_page=True)
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("is live")

    public.goto(public_url)
    expect(public.locator("p.lead")).to_have_text(NEW_SUMMARY)
    expect(public.locator("body")).to_contain_text("Rhea Viewer")

    reviewer.get_by_role("link", name="Revisions").click()
    assert_accessible(reviewer, axe)
    reviewer.get_by_role("button", name="Compare the two chosen revisions").click()
    expect(reviewer.get_by_role("table", name="Changed fields")).to_be_visible()
    assert_accessible(reviewer, axe)
    for context in (editor_context, reviewer_context, public.context):
        context.close()
    assert violations == []


def test_the_unpublish_and_live_item_pages_have_no_accessibility_violations(
    page, live_server, content
):
    axe = Axe()
    condition = Condition.objects.get(slug="disc-herniation")
    make_reviewer()
    log_in(page, live_server)

    page.goto(live_server.url + admin_url(condition, "unpublish"))
    expect(page.locator("#content-main")).to_contain_text("blocks taking it off the site")
    assert_accessible(page, axe)
    page.goto(live_server.url + admin_url(condition))
    expect(page.get_by_role("status").first).to_contain_text("This is the live page")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_reviewer_cannot_publish_their_own_change_in_the_browser(page, live_server, content):
    condition = Condition.objects.get(slug="piriformis-syndrome")
    make_reviewer()
    log_in(page, live_server)
    page.goto(live_server.url + admin_url(condition))
    page.get_by_role("button", name="Edit: open a working draft").click()
    page.locator("#id_summary").fill("My own change.")
    page.get_by_role("button", name="Save draft").click()

    page.get_by_role("link", name="Review and publish").click()

    expect(page.locator(".errornote")).to_contain_text("another clinical reviewer must publish")
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)


def content_admin_pages(editor):
    """Change list, add, change, history, draft, review and unpublish pages of every
    conditions and exercises admin."""
    for model in admin.site._registry:
        if model._meta.app_label not in ("conditions", "exercises"):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        item = model.objects.published().first()
        draft = workflow.open_working_draft(item, by=editor)
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        yield reverse(f"{prefix}_change", args=[item.pk])
        yield reverse(f"{prefix}_history", args=[item.pk])
        yield reverse(f"{prefix}_change", args=[draft.pk])
        yield reverse(f"{prefix}_review", args=[draft.pk])
        yield reverse(f"{prefix}_unpublish", args=[item.pk])


def test_every_content_admin_page_works_under_the_content_security_policy(
    page, live_server, content
):
    make_reviewer()
    violations = watch_csp(page)
    log_in(page, live_server)

    for url in content_admin_pages(make_editor()):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url

    assert violations == []


def draft_change_pages(editor):
    """The change page of a working draft of every editorial admin with rows edited inline,
    and of a question of a draft questionnaire (its options are inline)."""
    for model, model_admin in admin.site._registry.items():
        if not getattr(model_admin, "inlines", None) or not hasattr(model.objects, "published"):
            continue
        item = model.objects.published().first()
        if item is None or model._meta.app_label == "triage":
            continue
        draft = workflow.open_working_draft(item, by=editor)
        yield reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[draft.pk]
        )
    questionnaire = copy_as_draft(Questionnaire.objects.get(status="published"))
    question = questionnaire.questions.get(code="where")
    yield reverse("admin:triage_question_change", args=[question.pk])


@pytest.mark.parametrize("width", [1280, 375])
def test_no_admin_change_page_is_wider_than_the_window(browser, live_server, content, width):
    make_reviewer()
    page = browser.new_page(viewport={"width": width, "height": 900})
    log_in(page, live_server)
    urls = list(draft_change_pages(make_editor()))

    wider = {}
    for url in urls:
        page.goto(live_server.url + url)
        if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
            wider[url] = scroll_width

    assert len(urls) >= 5
    assert wider == {}


LINES_OF_TEXT = """cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set(Array.from(range.getClientRects(), rect => Math.round(rect.top))).size;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_taken_off_list_keeps_each_kind_and_date_on_one_line(
    browser, live_server, content, width
):
    """Five columns on a phone left one letter a line, and "Exercise" broke on a desktop."""
    reviewer = make_reviewer(first_name="Rita", last_name="Reyes")
    exercise = Exercise.objects.published().first()
    workflow.unpublish(exercise, by=reviewer, reason="The dose is under review by the team")
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server)

    row = page.locator("table.off-site tbody tr").first

    assert row.locator("td").nth(0).inner_text().endswith("Exercise")
    for cell in range(2):  # the kind and the date
        assert row.locator("td").nth(cell).evaluate(LINES_OF_TEXT) == 1
    assert_accessible(page, Axe())


CLINICAL_APPS = ("conditions", "exercises", "running", "search", "triage")


def clinician_admin_pages(app_label, editor):
    """Every admin page of ``app_label`` a clinician works on: each model's change list and add
    page, a working draft's change, review and history pages (an item's, where the model has no
    drafts), and the questionnaire's and programme's own tools."""
    request = type("Request", (), {"user": editor})
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label != app_label:
            continue
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{prefix}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"{prefix}_add")
        if model is Questionnaire:
            item = copy_as_draft(Questionnaire.objects.get(status="published"))
            yield reverse("admin:triage_questionnaire_rules", args=[item.pk])
            yield reverse("admin:triage_questionnaire_accuracy", args=[item.pk])
            yield reverse("admin:triage_insights")
        elif hasattr(model.objects, "published") and model.objects.published().exists():
            item = workflow.open_working_draft(model.objects.published().first(), by=editor)
        else:
            item = model.objects.order_by("pk").last()
        if item is None:
            continue
        yield reverse(f"{prefix}_change", args=[item.pk])
        yield reverse(f"{prefix}_history", args=[item.pk])
        for tool in ("review", "simulate"):
            try:
                yield reverse(f"{prefix}_{tool}", args=[item.pk])
            except NoReverseMatch:
                pass


def axe_violations(page, axe):
    """{rule id: [the elements it fails on]} for the page as shown."""
    results = axe.run(page)
    return {
        violation["id"]: [node["target"] for node in violation["nodes"]]
        for violation in results.response["violations"]
    }


@pytest.mark.parametrize("app_label", CLINICAL_APPS)
def test_no_clinician_admin_page_has_an_accessibility_violation(
    page, live_server, content, app_label
):
    """axe-core over every admin page a clinician works on, not a chosen few (Django's own
    tabular rows, autocomplete boxes and two-list pickers had no names for screen readers)."""
    axe = Axe()
    editor = make_editor()
    make_reviewer()
    log_in(page, live_server)
    urls = list(dict.fromkeys(clinician_admin_pages(app_label, editor)))
    found = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        if violations := axe_violations(page, axe):
            found[url] = violations

    assert len(urls) >= 3
    assert found == {}


def test_the_admin_accessibility_sweep_sees_an_unnamed_field(page, live_server, content):
    """The sweep above finds what it looks for: a field planted without a label."""
    make_reviewer()
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:search_synonym_add"))
    page.evaluate(
        "document.querySelector('#content-main form').insertAdjacentHTML("
        "'afterbegin', '<input type=text name=planted>')"
    )

    assert "label" in axe_violations(page, Axe())
