"""A real headless Chromium (Debian's) driven by Playwright against the live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("RITSEN_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required for browser tests in CI ({CHROMIUM} not found)")
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/bootstrap --test as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page()`` opens a page in a fresh browser context (its own cookies)."""
    contexts = []

    def _new_page():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def pytest_collection_modifyitems(items):
    # With pytest-xdist, one worker runs the browser tests (one Chromium) while the
    # others share the rest; they go first, so the slowest group does not come last.
    browser = [item for item in items if item.get_closest_marker("browser")]
    for item in browser:
        item.add_marker(pytest.mark.xdist_group("browser"))
    items[:] = browser + [item for item in items if not item.get_closest_marker("browser")]
