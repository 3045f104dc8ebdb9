"""The insights page in Chromium: readable on a phone and a desktop, no horizontal scrolling,
nothing the Content Security Policy blocks, and no axe-core violation."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_admin_editing import watch_csp
from tests.editorial.clinicians import PASSWORD, make_reviewer
from tests.factories import SubmissionFactory
from tests.triage.answers import DISC
from triage.insights.report import count_reach
from triage.models import Questionnaire
from triage.questionnaire.rulebooks import rulebook_for

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("test-results")


@pytest.fixture
def kept_results(content):
    SubmissionFactory.create_batch(12, answers=DISC)
    SubmissionFactory.create_batch(3, answers={"bladder-bowel": "yes"})
    version = Questionnaire.objects.live()
    for position, ask in enumerate(rulebook_for(version).questions):
        for _ in range(30 - position):
            count_reach(version, ask.code, consent=True)
    make_reviewer()


@pytest.mark.parametrize("width", [375, 1280])
def test_insights_page_reads_at_phone_and_desktop_widths_with_no_axe_violation(
    browser, live_server, kept_results, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    violations = watch_csp(page)
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + reverse("admin:triage_insights"))

    expect(page.get_by_role("heading", name="Insights from kept results")).to_be_visible()
    expect(page.get_by_role("img", name="Bar chart: The condition shown first")).to_be_visible()
    expect(page.locator("svg.insights-chart text", has_text="Disc bulge")).to_have_count(1)
    page.get_by_text("The figures as a table").first.click()
    expect(page.get_by_role("table", name="Kept results per week")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert violations == []
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"insights-{width}.png", full_page=True)
    context.close()
