"""Questionnaire authoring in Chromium, as clinicians work: a reviewer starts a draft, changes one
weight in the rules grid, walks the draft in preview, saves the answers as a test case, reads the
accuracy panel and submits it for review; a second reviewer reviews it against the live version
and publishes it (two-person review). axe-core checks each page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_admin_editing import assert_accessible, log_in, watch_csp
from tests.browser.test_questionnaire import DISC_CLICKS, answer
from tests.editorial.clinicians import make_reviewer
from triage.models import Questionnaire, Rule, Submission

pytestmark = pytest.mark.browser

WORSE = "What makes the pain worse?"
COUGH = "Coughing or sneezing"
DISC = "Disc bulge or herniation (slipped disc)"


def test_a_reviewer_changes_a_weight_previews_saves_a_case_and_publishes(
    browser, live_server, content, tmp_path
):
    axe = Axe()
    make_reviewer(first_name="Rhea", last_name="Viewer")
    make_reviewer("second", first_name="Sam", last_name="Second")
    live = Questionnaire.objects.live()
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    violations = watch_csp(page)
    log_in(page, live_server)

    page.goto(live_server.url + reverse("admin:triage_questionnaire_changelist"))
    page.get_by_role("button", name="Start a new draft from the live version").click()
    expect(page.get_by_text("is a copy of live version")).to_be_visible()
    draft = Questionnaire.objects.exclude(pk=live.pk).get()

    page.get_by_role("link", name="Rules grid").click()
    cell = page.get_by_label(f"{WORSE} → {COUGH}: {DISC}", exact=True)
    expect(cell).to_have_value("4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    fits = (
        "document.querySelector('.rules-grid').offsetWidth"
        " <= document.querySelector('.grid-wrap').clientWidth"
    )
    assert page.evaluate(fits), "the whole grid fits a 1,366 px screen without scrolling sideways"
    page.screenshot(path=tmp_path / "grid-1366.png")
    assert_accessible(page, axe)
    cell.fill("2")
    page.get_by_role("button", name="Save the grid").click()
    expect(page.get_by_text("1 rule changed.")).to_be_visible()
    changed = Rule.objects.get(
        option__question__questionnaire=draft, option__label=COUGH, condition__name=DISC
    )
    assert changed.weight == 2

    page.get_by_role("link", name="Preview as a runner").click()
    expect(page.get_by_text(f"Preview of questionnaire version {draft.version}")).to_be_visible()
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()
    assert_accessible(page, axe)
    for labels in DISC_CLICKS:
        answer(page, labels)
    expect(page).to_have_url(re.compile(rf"/check/preview/{draft.version}/answers/$"))
    page.get_by_role("button", name="Get your result").click()
    expect(page.get_by_role("heading", name="Save these answers as a test case")).to_be_visible()
    assert_accessible(page, axe)

    page.get_by_label("Name").fill("C20 walked in preview")
    page.get_by_role("button", name="Save as a test case").click()
    expect(page.get_by_text("were saved as test case “C20 walked in preview”")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("C20 walked in preview"))).to_contain_text(
        "Pass"
    )
    assert_accessible(page, axe)

    page.get_by_role("link", name=f"Version {draft.version}", exact=True).click()
    expect(page.get_by_text("What this version changes against the live version")).to_be_visible()
    worse = page.locator(".draft-changes tr", has_text="Question “worse”")
    expect(worse.locator("ins")).to_have_text("+2")
    expect(page.locator(".draft-changes tr", has_text="C20 walked in preview")).to_be_visible()
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Awaiting review: locked.")).to_be_visible()
    page.get_by_role("link", name="Review and publish").click()
    expect(page.get_by_text("another clinical reviewer must publish it")).to_be_visible()
    assert page.get_by_role("button", name="Publish").count() == 0

    second = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(second, live_server, "second")
    second.get_by_role("link", name=f"Questionnaire version {draft.version}").first.click()
    expect(second.locator(".editorial-diff tr", has_text="Question “worse”")).to_be_visible()
    assert_accessible(second, axe)
    second.get_by_role("button", name="Publish", exact=True).click()
    expect(second.get_by_text(f"“Version {draft.version} (published)” is live.")).to_be_visible()

    assert Questionnaire.objects.live() == draft
    assert draft.test_cases.filter(name="C20 walked in preview").exists()
    assert Submission.objects.count() == 0
    assert violations == []


def test_the_rules_grid_and_accuracy_panel_work_on_a_phone(browser, live_server, content):
    axe = Axe()
    make_reviewer()
    live = Questionnaire.objects.live()
    page = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    log_in(page, live_server)

    for name in ("rules", "accuracy"):
        page.goto(live_server.url + reverse(f"admin:triage_questionnaire_{name}", args=[live.pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(page, axe)
