"""Pictures and printouts in Chromium: the body map question passes axe-core at both widths,
images load, and printed pages carry the site name, address, date and warning signs."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.triage.answers import DISC

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 375}
PRINTED = ["/conditions/sciatica/", "/exercises/dead-bug/", "/exercises/sheet/?e=dead-bug&e=cobra"]


def session_at(code, answers):
    """A questionnaire session (Django's test client) that has reached the given question."""
    client = Client()
    response = client.post("/check/", {})
    while response.status_code == 302 and "/q/" in response.url:
        if response.url.rstrip("/").endswith(f"/{code}"):
            return client.cookies, response.url
        current = response.url.rstrip("/").split("/")[-1]
        response = client.post(response.url, {"answer": answers.get(current, "no")})
    raise AssertionError(f"never reached {code}")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("code", ["where", "figure-four"])
def test_question_pictures_pass_axe_and_fit_the_screen(browser, live_server, content, code, width):
    cookies, url = session_at(code, {**DISC, "where": ["buttock", "one-side"]})
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in cookies.items()
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + url)

    picture = page.locator("figure.diagram img")
    assert picture.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.get_by_role("checkbox").count() >= 1 or page.get_by_role("radio").count() >= 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_every_exercise_picture_loads(page, live_server, content):
    page.goto(live_server.url + "/exercises/slump-slider/")
    page.locator(".exercise-picture img").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")

    loaded = page.locator(".exercise-picture img").evaluate_all(
        "images => images.map(image => image.complete && image.naturalWidth > 0)"
    )
    assert loaded and all(loaded)


@pytest.mark.parametrize("path", PRINTED)
def test_printed_pages_show_site_address_date_and_warning_signs(
    page, live_server, content, path, tmp_path
):
    page.goto(live_server.url + path)
    page.emulate_media(media="print")
    page.screenshot(path=tmp_path / "print.png", full_page=True)

    header = page.locator(".print-header")
    footer = page.locator(".print-footer")
    expect(header).to_be_visible()
    expect(footer).to_be_visible()
    assert "Runner's Back" in header.inner_text()
    assert live_server.url + path in header.inner_text()
    assert timezone.localdate().strftime("%-d %B %Y") in header.inner_text()
    assert "999" in footer.inner_text() and "111" in footer.inner_text()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()


A4_INSIDE_MARGINS = {"width": 688, "height": 1047}  # 182 × 277 mm (site.css @page) at 96 px an inch


@pytest.mark.parametrize("path", [*PRINTED, "/urgent-help/", "result"])
def test_every_printed_page_keeps_room_for_the_header_and_footer_it_repeats(
    page, live_server, content, path
):
    """Found by an audit: the warning signs at the foot of each printed page (fixed, so
    repeated) had outgrown the room the page keeps for them and covered body text. A result's
    header names its long private address."""
    from tests.triage.answers import finish

    if path == "result":
        path = finish(Client(), DISC)
    page.set_viewport_size(A4_INSIDE_MARGINS)
    page.goto(live_server.url + path)
    page.emulate_media(media="print")

    top, bottom = page.evaluate(
        """() => { const style = getComputedStyle(document.querySelector('.page-body'));
                   return [parseFloat(style.paddingTop), parseFloat(style.paddingBottom)]; }"""
    )
    header = page.locator(".print-header").bounding_box()["height"]
    footer = page.locator(".print-footer").bounding_box()["height"]

    assert header <= top, f"header {header:.0f} px, room {top:.0f} px"
    assert footer <= bottom, f"footer {footer:.0f} px, room {bottom:.0f} px"


def test_printed_result_and_question_pages_name_their_own_address(page, live_server, content):
    from tests.triage.answers import finish

    client = Client()
    question = client.post("/check/", {}).url
    result = finish(Client(), DISC)
    page.context.add_cookies(
        [{"name": n, "value": m.value, "url": live_server.url} for n, m in client.cookies.items()]
    )
    for path in (question, result):
        page.goto(live_server.url + path)
        page.emulate_media(media="print")

        assert live_server.url + path in page.locator(".print-header").inner_text()


def test_print_header_and_footer_are_hidden_on_screen(page, live_server, content):
    page.goto(live_server.url + "/conditions/sciatica/")

    expect(page.locator(".print-header")).to_be_hidden()
    expect(page.locator(".print-footer")).to_be_hidden()


def test_focused_navigation_links_are_dark_on_yellow(page, live_server, content):
    page.goto(live_server.url + "/")
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Conditions")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    colour = link.evaluate("element => getComputedStyle(element).color")
    background = link.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(33, 43, 50)"
    assert background == "rgb(255, 235, 59)"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(
    "answers",
    [DISC, {"bladder-bowel": "yes"}, {**DISC, "fever-unwell": "yes"}],
    ids=["self-care-or-soon", "emergency", "urgent"],
)
def test_result_pages_pass_axe_at_both_widths(browser, live_server, content, answers, width):
    from tests.triage.answers import finish

    url = finish(Client(), {**DISC, **answers})
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + url)

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
