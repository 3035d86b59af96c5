"""A term link in a policy page shows the definition it leads to where one reads: on hover, on keyboard
focus and on a tap (which stays on the page), says whose definition it is, and Escape hides it; a link to
another department's definition looks different from one to the policy's own. Opened from disk in
headless Chromium on a desktop and on a phone."""

from __future__ import annotations

import pytest

from .conftest import OfflinePage
from .test_accessibility import tab_to, wcag_violations

pytestmark = pytest.mark.browser

DESKTOP, PHONE = (1366, 900), (390, 844)
SHOWN = ".term-popover:not([hidden])"
# Kansas City defines "social media"; the template links "internet", which it does not define: Kansas City does.
KC_SOCIAL_MEDIA = "On-line sources that allow people to communicate"
KC_INTERNET = "A computer network consisting of a worldwide network of computer networks"


class Sized(OfflinePage):
    """An offline page of one size (a phone's with a touch screen) that also records console errors."""

    def __init__(self, browser, size):
        width, height = size
        phone = width < 500
        super().__init__(browser, viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
        self.console = True  # whether errors in the console are recorded (axe-core makes its own)
        self.page.on("console", self._console)

    def _console(self, message):
        if self.console and message.type == "error":
            self.errors.append(message.text)


def opened(browser, size):
    page = Sized(browser, size)
    yield page
    page.context.close()
    assert page.outside == [], f"requests left the site: {page.outside}"
    assert page.errors == []


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized(browser, request):
    yield from opened(browser, request.param)


@pytest.fixture
def desktop(browser):
    yield from opened(browser, DESKTOP)


@pytest.fixture
def phone(browser):
    yield from opened(browser, PHONE)


def other_link(page):
    return page.locator("a.term-link-glossary", has_text="internet").first


def in_window(page, locator) -> bool:
    box, width = locator.bounding_box(), page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_hovering_a_term_shows_its_policys_definition_and_the_popover_can_be_hovered(desktop, site):
    page = desktop.open(site, "policies/kansas-city-mo.html")
    link = page.locator("a.term-link-own").filter(has_text="social media").first
    link.hover()
    popover = page.locator(SHOWN)
    popover.wait_for()
    text = popover.inner_text()
    assert "This policy's definition — Kansas City Missouri Police Department" in text
    assert KC_SOCIAL_MEDIA in text
    assert in_window(page, popover)
    popover.hover()  # the pointer moves onto it: it stays, to be read and its link reached
    page.wait_for_timeout(500)
    assert popover.is_visible()
    page.keyboard.press("Escape")  # dismissed without moving the pointer
    assert page.locator(SHOWN).count() == 0
    link.hover()
    popover.wait_for()
    page.mouse.move(1, 1)  # the pointer leaves both: it goes
    page.locator(SHOWN).wait_for(state="hidden")


def test_a_term_shows_its_definition_on_keyboard_focus_and_escape_keeps_focus_on_the_link(sized, site):
    page = sized.open(site, "policies/kansas-city-mo.html")
    tab_to(page, "a.term-link", limit=400)
    popover = page.locator(SHOWN)
    popover.wait_for()
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert described and described in " ".join(popover.text_content().split())
    assert in_window(page, popover)
    link = page.evaluate_handle("document.activeElement")
    page.keyboard.press("Escape")
    assert page.locator(SHOWN).count() == 0
    assert page.evaluate("(link) => document.activeElement === link && link.matches('a.term-link')", link)
    page.keyboard.press("Tab")  # on to the next stop: the popover of a term link there shows, and only that one
    assert page.locator(SHOWN).count() <= 1


def test_a_tap_on_a_phone_shows_the_definition_and_its_glossary_link_leads_on(phone, site):
    page = phone.open(site, "policies/massachusetts-template.html")
    address = page.url
    link = other_link(page)
    link.tap()
    popover = page.locator(SHOWN)
    popover.wait_for()
    assert page.url == address  # the tap did not leave the page
    text = popover.inner_text()
    assert "Not defined by this policy. Definition from Kansas City Missouri Police Department" in text
    assert KC_INTERNET in text
    assert in_window(page, popover)
    page.locator("h1").first.tap()  # a tap elsewhere hides it
    page.locator(SHOWN).wait_for(state="hidden")
    link.tap()
    with page.expect_navigation():
        popover.get_by_role("link").tap()
    assert page.url.endswith("/glossary.html#term-internet")


def test_a_second_tap_on_the_same_term_leads_to_the_glossary(phone, site):
    page = phone.open(site, "policies/massachusetts-template.html")
    link = other_link(page)
    link.tap()
    page.locator(SHOWN).wait_for()
    with page.expect_navigation():
        link.tap()
    assert page.url.endswith("/glossary.html#term-internet")


def test_a_link_to_another_departments_definition_looks_different_and_says_so(desktop, site):
    page = desktop.open(site, "policies/massachusetts-template.html")
    style = "(a) => { const s = getComputedStyle(a); return [s.textDecorationLine, s.textDecorationStyle]; }"
    own = page.locator("a.term-link-own").first.evaluate(style)
    other = other_link(page).evaluate(style)
    assert own[0] == other[0] == "underline"  # both read as links
    assert own[1] != other[1]  # by the line, not by colour alone
    other_link(page).hover()
    assert "Not defined by this policy" in page.locator(SHOWN).inner_text()
    page.mouse.move(1, 1)
    page.locator(SHOWN).wait_for(state="hidden")
    page.locator("a.term-link-own").first.hover()
    assert "This policy's definition" in page.locator(SHOWN).inner_text()


def test_a_page_with_a_definition_open_meets_wcag_21_aa(sized, site):
    page = sized.open(site, "policies/massachusetts-template.html")
    link = other_link(page)
    if page.viewport_size["width"] < 500:
        link.tap()
    else:
        link.hover()
    page.locator(SHOWN).wait_for()
    assert sized.errors == []
    sized.console = False  # from disk, the browser refuses axe-core's reading of the stylesheets, in the console
    assert wcag_violations(page) == []


def test_an_open_definition_is_not_printed(desktop, site):
    page = desktop.open(site, "policies/massachusetts-template.html")
    other_link(page).hover()
    page.locator(SHOWN).wait_for()
    page.emulate_media(media="print")
    assert page.locator(SHOWN).evaluate("(p) => getComputedStyle(p).display") == "none"
    assert other_link(page).is_visible()  # the term itself is printed, as text
