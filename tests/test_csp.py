"""Strict Content-Security-Policy: no built page has inline code, and served from 127.0.0.1 with the header
README.md documents for web teams, the site search, the compare search, a glossary link and the template
page work with no violation of the policy."""

from __future__ import annotations

import functools
import re
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import ROOT, compare_search, site_search

# The nginx line of README.md's "Content-Security-Policy for web teams": the header tested is the one documented.
DOCUMENTED_HEADER = re.compile(r'add_header Content-Security-Policy "([^"]+)" always;')
DATA_TYPES = {"application/json"}  # script elements holding data, which browsers never run


def documented_policy() -> str:
    found = DOCUMENTED_HEADER.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md should show the nginx add_header line of the Content-Security-Policy once"
    return found[0]


class InlineCode(HTMLParser):
    """What a strict policy blocks in a page: script and style elements with content, style attributes,
    event-handler attributes and javascript: addresses."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.open_script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_TYPES:
            self.open_script = self.get_starttag_text()
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{name}= attribute on <{tag}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{name}={value!r} on <{tag}>")

    def handle_data(self, data):
        if self.open_script and data.strip():
            self.found.append(f"inline script {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.open_script = None


def inline_code(site: Path) -> list[str]:
    """Every piece of inline code in the built pages, as `page: what`."""
    found = []
    for path in sorted(site.rglob("*.html")):
        parser = InlineCode()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(site)}: {what}" for what in parser.found]
    return found


def test_no_built_page_has_inline_code(site):
    assert inline_code(site) == []


def test_readme_documents_default_src_self_and_only_the_image_exception():
    directives = dict(d.strip().split(" ", 1) for d in documented_policy().split(";") if d.strip())
    assert directives.pop("default-src") == "'self'"
    assert directives.pop("img-src") == "'self' data:"  # the theme's icons are SVG data: images in its CSS
    assert all("'self'" == value or "'none'" == value for value in directives.values()), directives


class PolicyHandler(SimpleHTTPRequestHandler):
    """Serves the site like a web server configured as README.md says: every response has the header."""

    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format, *args):  # the test output stays readable
        pass


@pytest.fixture(scope="module")
def served_site(site):
    """The built site at http://127.0.0.1:<free port>/, with the documented policy on every response."""
    handler = type("DocumentedPolicyHandler", (PolicyHandler,), {"policy": documented_policy()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


# Installed before any page script: every violation the browser reports to the page.
RECORD_VIOLATIONS = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));"""


class PolicyPage:
    """A browser page on the served site that records policy violations (from the page and, through the
    console, from its workers) and refuses every request that is not for the site."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.context.route("**/*", self._route)
        self.outside: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.base, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def open(self, relative: str):
        self.page.goto(self.base + relative)
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.cspViolations") + self.console


@pytest.fixture
def policy_page(browser, served_site):
    page = PolicyPage(browser, served_site)
    yield page
    page.context.close()
    assert page.outside == [], f"requests left the site: {page.outside}"
    assert page.errors == []


@pytest.mark.browser
def test_the_server_sends_the_policy_and_the_browser_enforces_it(policy_page):
    page = policy_page.open("index.html")
    response = page.request.get(policy_page.base + "index.html")
    assert response.headers["content-security-policy"] == documented_policy()
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.inlineRan = true"; document.body.append(s); }""")
    assert page.evaluate("window.inlineRan") is None  # the policy is in force ...
    assert any("script-src" in v for v in policy_page.violations())  # ... and its violations are seen


@pytest.mark.browser
def test_site_search_works_under_the_policy(policy_page):
    page = policy_page.open("index.html")
    site_search(page, "undercover")
    assert "raymore-mo.html" in " ".join(
        a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()
    )
    assert policy_page.violations() == []


@pytest.mark.browser
def test_compare_search_works_under_the_policy(policy_page):
    page = policy_page.open("compare/search.html")
    compare_search(page, "undercover")
    assert "undercover" in page.locator("#compare-results").inner_text().lower()
    assert policy_page.violations() == []


@pytest.mark.browser
def test_a_glossary_link_works_under_the_policy(policy_page):
    page = policy_page.open("policies/kansas-city-mo.html")
    link = page.locator("a.term-link").first
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/glossary.html#{anchor}")
    assert page.locator(f'[id="{anchor}"]').is_visible()
    assert policy_page.violations() == []


@pytest.mark.browser
def test_the_template_page_previews_answers_under_the_policy(policy_page):
    page = policy_page.open("draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    page.fill("#draft-city-town", "Town of Millbrook")
    page.locator("#draft-document .draft-fill", has_text="Town of Millbrook").first.wait_for()
    assert "Town of Millbrook" in page.locator("#draft-document").inner_text()
    assert policy_page.violations() == []
