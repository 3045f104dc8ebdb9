"""A clinical reviewer edits, publishes and reverts a condition in the admin, in Chromium."""

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from conditions.models import Condition, Status
from tests.conditions.clinicians import PASSWORD, admin_url, make_reviewer

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


def log_in(page, live_server):
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Reviews due")).to_be_visible()


@pytest.fixture
def draft_condition(content):
    condition = Condition.objects.get(slug="facet-joint-pain")
    condition.status = Status.DRAFT
    condition.save()
    return condition


def test_reviewer_edits_publishes_and_reverts_a_condition_summary(
    browser, page, live_server, draft_condition
):
    condition = draft_condition
    old_summary = condition.summary
    make_reviewer()
    violations = watch_csp(page)
    public = browser.new_context().new_page()
    public_url = live_server.url + condition.get_absolute_url()

    log_in(page, live_server)

    page.goto(live_server.url + admin_url(condition))
    page.locator("#id_summary").fill(NEW_SUMMARY)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator(f'input[name="_selected_action"][value="{condition.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 item published")

    public.goto(public_url)
    expect(public.locator("p.lead")).to_have_text(NEW_SUMMARY)

    page.goto(live_server.url + admin_url(condition))
    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history")).to_contain_text("Summary:")
    page.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(page.locator("#id_summary")).to_have_value(old_summary)
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    public.goto(public_url)
    expect(public.locator("p.lead")).to_have_text(old_summary)
    public.context.close()
    assert violations == []


def test_review_dashboard_and_draft_preview_work_under_the_content_security_policy(
    page, live_server, draft_condition
):
    make_reviewer()
    violations = watch_csp(page)
    log_in(page, live_server)

    page.goto(live_server.url + admin_url(draft_condition))
    page.get_by_role("link", name="Preview draft").click()

    expect(page.get_by_role("status")).to_contain_text("this page is a draft")
    expect(page.locator("p.lead")).to_have_text(draft_condition.summary)
    assert violations == []


def content_admin_pages():
    """Change list, add, change and history page of every conditions and exercises admin."""
    for model in admin.site._registry:
        if model._meta.app_label not in ("conditions", "exercises"):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        item = model._default_manager.first()
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        yield reverse(f"{prefix}_change", args=[item.pk])
        yield reverse(f"{prefix}_history", args=[item.pk])


def test_every_content_admin_page_works_under_the_content_security_policy(
    page, live_server, content
):
    make_reviewer()
    violations = watch_csp(page)
    log_in(page, live_server)

    for url in content_admin_pages():
        response = page.goto(live_server.url + url)
        assert response.status == 200, url

    assert violations == []
