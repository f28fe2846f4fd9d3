"""The layout holds (WCAG 1.4.10 reflow): no demo page, for any role, is wider than the
window at 1366 px (a laptop) or 390 px (a phone), and no heading breaks a word in two;
and every one of those pages passes axe's WCAG 2.2 A/AA checks.

The test crawls every page a role can reach from its start page by following links,
so a new page is checked without being listed here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from ritsen.demo.data import DEMO_PASSWORD, create_demo
from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["facilitator@ritsen.demo", "coordinator@lindenhoven.demo", "member@digitaalloket.demo"]
WIDTHS = [(1366, 768), (390, 844)]
SKIP = re.compile(
    r"/(accounts/logout|admin|static|media|r)/|/(exports|download)/|(/pdf/|\.pdf|\.csv|\.xlsx|\.json)$|[?&]as="
)

MEASURE = (Path(__file__).parent / "layout_problems.js").read_text()


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]",
        "els => els.filter(e => !e.hasAttribute('download'))"
        ".map(e => new URL(e.getAttribute('href'), location.href).href)",
    )
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(
            parts.path + "?" + parts.query
        ):
            continue
        found.append(parts.path)
    return found


@pytest.mark.parametrize("email", ROLES)
def test_no_page_overflows_or_breaks_a_heading_word(browser, live_server, email):
    create_demo()
    problems: dict[str, list[str]] = {}
    for width, height in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": height}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        log_in(page, email, DEMO_PASSWORD)
        queue, seen = ["/collaborations/"], set()
        while queue and len(seen) < 80:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            try:
                response = page.goto(path)
            except PlaywrightError:  # a download, not a page
                continue
            if (
                response is None
                or response.status != 200
                or "text/html" not in response.headers.get("content-type", "")
            ):
                continue
            found = page.evaluate(MEASURE)
            if width == WIDTHS[0][0]:  # and WCAG 2.2 AA (axe), once per page
                found += violations(page)
            if found:
                problems[f"{width}px {path}"] = found
            queue.extend(link for link in _links(page, live_server.url) if link not in seen)
        context.close()
        assert len(seen) > 10, seen
    assert not problems, "\n".join(
        f"{where}: {'; '.join(found)}" for where, found in problems.items()
    )


def _measure(browser, live_server, width: int, height: int, visit) -> dict[str, list[str]]:
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = {
        f"{width}px {name}": found for name in visit(page) if (found := page.evaluate(MEASURE))
    }
    context.close()
    return problems


def test_public_and_respondent_pages_fit_too(browser, live_server):
    from ritsen.accounts.models import User
    from ritsen.assessments import services
    from ritsen.collaborations.access import access_for

    collaboration = create_demo()
    party = collaboration.parties.order_by("pk").first()
    facilitator = access_for(User.objects.get(email=ROLES[0]), collaboration)
    coordinator = access_for(User.objects.get(email=ROLES[1]), collaboration)
    round_ = services.open_round(access=facilitator, title="Derde meting")
    tokens = [link.token for link in services.generate_links(round_, party, 2, access=coordinator)]

    def visit(page):
        for path in ("/accounts/login/", "/accounts/password_reset/", "/bestaat-niet/"):
            page.goto(path)
            yield path
        page.goto(f"/r/{tokens.pop()}/")
        yield "claim"
        page.locator("main form button.btn-primary").click()
        page.wait_for_load_state()
        yield "start"
        for link_id in (1, 4, 8):
            page.goto(f"/r/links/{link_id}/")
            yield f"link {link_id}"
        page.goto("/r/review/")
        yield "review"

    problems = {}
    for width, height in WIDTHS:
        problems |= _measure(browser, live_server, width, height, visit)
    assert not problems, problems
