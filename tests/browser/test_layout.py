import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_shows_the_main_navigation(page, live_server):
    page.goto(live_server.url + "/")

    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Conditions")).to_be_visible()
    expect(nav.get_by_role("link", name="Exercises")).to_be_visible()
    expect(nav.get_by_role("link", name="Check your symptoms")).to_be_visible()
    expect(page.get_by_role("link", name="Need urgent help?")).to_be_visible()


def test_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main-content"


def test_page_fits_a_320_pixel_screen_without_sideways_scrolling(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
