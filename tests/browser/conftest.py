"""Playwright driving Debian's Chromium, with an axe accessibility check on every page a test visits.

`playwright install` cannot download browsers here, so the system Chromium is launched directly.
Each test gets a `visit` helper; every page it navigates to must pass axe, and a test that navigates to
a page without checking it fails at teardown.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by fixtures there
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make system-packages` (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visitor:
    """Drives one browser page and checks each page it lands on with axe."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.navigated: list[str] = []
        self.checked: set[str] = set()
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.navigated.append(frame.url))

    def goto(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.axe()
        return self.page

    def axe(self, context: str = "") -> None:
        """Run axe on the page as it is now; fail with the rules and elements that broke."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "where": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]  # fmt: skip
        assert violations == [], f"axe found problems on {self.page.url} {context}:\n" + json.dumps(
            violations, indent=1
        )
        self.checked.add(self.page.url)

    def sign_in(self, username: str, password: str) -> Page:
        self.goto("/sign-in/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.axe("after signing in")
        return self.page

    def unchecked(self) -> list[str]:
        return [
            url for url in dict.fromkeys(self.navigated) if url not in self.checked and url != "about:blank"
        ]


@pytest.fixture
def visit(browser: Browser, live_server) -> Iterator[Visitor]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = Visitor(context.new_page(), live_server.url)
    yield visitor
    unchecked = visitor.unchecked()
    context.close()
    assert unchecked == [], f"pages visited without an axe check: {unchecked}"
