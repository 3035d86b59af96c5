"""The hosted handbook as an app for reading with no signal: served from 127.0.0.1 under a sub-path with the
README's Content-Security-Policy, the first visit installs a service worker that keeps every file of the
build; with the network gone, pages never opened before, the site search and the compare search still
work; a new build replaces the copy. Opened from disk, nothing of it runs (and nothing is needed)."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.features.offline.worker import MANIFEST, WORKER, site_files, worker_script

from .conftest import compare_search, site_search
from .serving import served
from .test_csp import RECORD_VIOLATIONS, documented_policy

WAIT = 120_000  # ms: the first visit copies the whole site (a few MB) before the worker takes over

# Resolves once the page is controlled by the worker (which happens once it has copied the site). Awaited
# in the page: a polling wait_for_function would evaluate a string, which the page's policy forbids.
CONTROLLED = """(wait) => new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error("no service worker took over")), wait);
  const sw = navigator.serviceWorker;
  if (sw.controller) resolve(true);
  sw.addEventListener("controllerchange", () => resolve(true), {once: true});
})"""

# Resolves once the site's copy is kept under one cache other than `old`.
REPLACED = """([old, wait]) => new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error("the copy was not replaced")), wait);
  const check = () => caches.keys().then((names) => {
    if (names.length === 1 && names[0] !== old) resolve(names[0]); else setTimeout(check, 100);
  });
  check();
})"""


def offline_data(site) -> dict:
    return json.loads((site / WORKER).read_text(encoding="utf-8").split("self.OFFLINE = ", 1)[1].split(";\n", 1)[0])


def test_the_worker_lists_every_file_of_the_build_and_its_key_follows_their_content(site, tmp_path):
    data = offline_data(site)
    assert {"index.html", "404.html", "policies/kansas-city-mo.html", "search-index/index.js", MANIFEST} <= set(
        data["files"]
    )
    assert WORKER not in data["files"] and not any(f.endswith(".map") for f in data["files"])
    copy = shutil.copytree(site, tmp_path / "site")
    (copy / ".htaccess").write_text("a web team's file\n", encoding="utf-8")
    assert ".htaccess" not in site_files(copy)
    assert worker_script(copy) == (site / WORKER).read_text(encoding="utf-8")  # the same build, the same key
    page = copy / "policies" / "raymore-mo.html"
    page.write_bytes(page.read_bytes() + b"\n")
    assert offline_data_of(worker_script(copy))["key"] != data["key"]
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "index.html" and manifest["scope"] == "./"  # relative: any sub-path
    assert all((site / icon["src"]).is_file() for icon in manifest["icons"])


def offline_data_of(script: str) -> dict:
    return json.loads(script.split("self.OFFLINE = ", 1)[1].split(";\n", 1)[0])


class HostedPage:
    """A browser page on the served site with service workers allowed, recording policy violations and any
    request that leaves the site."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(service_workers="allow")
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _request(self, request):
        if not request.url.startswith((self.base, "data:", "blob:", "about:")):
            self.outside.append(request.url)

    def install(self, relative: str = "index.html"):
        """Opens a page and waits until the worker has copied the site and controls the page."""
        self.page.goto(self.base + relative)
        self.page.evaluate(CONTROLLED, WAIT)
        return self.page

    def cache_names(self) -> list[str]:
        return self.page.evaluate("caches.keys()")

    def close(self):
        self.context.close()
        assert self.outside == [], f"requests left the site: {self.outside}"
        assert self.errors == []


@pytest.mark.browser
def test_after_one_visit_the_hosted_site_works_with_no_network(browser, site):
    with served(site, "/handbook/", documented_policy()) as base:
        hosted = HostedPage(browser, base)
        page = hosted.install()
        copied = page.evaluate(
            "async () => (await (await caches.open((await caches.keys())[0])).keys()).map(r => r.url)"
        )
        assert set(copied) == {base + name for name in offline_data(site)["files"]}
        hosted.context.set_offline(True)
        assert page.evaluate("fetch('https://example.org/').then(() => 'online', () => 'offline')") == "offline"
        page.goto(base + "glossary.html")  # never opened online
        assert page.locator("h1").first.inner_text()
        page.goto(base + "policies/")  # a folder's address opens its index
        assert page.locator("h1").first.inner_text().startswith("Policies")
        page.goto(base + "index.html")
        items = site_search(page, "undercover")
        assert items.count() > 0
        page.goto(base + "compare/search.html?q=")
        assert "undercover" in compare_search(page, "undercover").first.inner_text().lower()
        page.goto(base + "no-such-page.html")
        assert page.locator("h1").first.inner_text() == "Page not found"
        assert page.evaluate("window.cspViolations") == []
        hosted.close()


@pytest.mark.browser
def test_a_new_build_replaces_the_offline_copy(browser, site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    with served(copy, "/policy-handbook/", documented_policy()) as base:
        hosted = HostedPage(browser, base)
        hosted.install("policies/raymore-mo.html")
        [old] = hosted.cache_names()
        changed = copy / "policies" / "raymore-mo.html"
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("<h1 ", '<p id="rebuilt">Rebuilt.</p><h1 ', 1),
            encoding="utf-8",
        )
        (copy / WORKER).write_text(worker_script(copy), encoding="utf-8")  # as the build writes it
        hosted.page.reload()  # the browser checks sw.js again on a visit
        hosted.page.evaluate(REPLACED, [old, WAIT])
        hosted.context.set_offline(True)
        hosted.page.goto(base + "policies/raymore-mo.html")
        assert hosted.page.locator("#rebuilt").count() == 1
        hosted.close()


@pytest.mark.browser
def test_from_disk_no_worker_is_registered(offline_page, site):
    page = offline_page.open(site, "index.html")
    page.wait_for_load_state("load")
    assert page.evaluate("Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)") is False
    assert offline_page.errors == []
