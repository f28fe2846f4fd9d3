"""The API's interactive docs render in Chromium from local assets, under the CSP."""

import pytest

from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_list_every_operation(new_page, live_server, cast):
    page = log_in(new_page(), cast.member_a.email)
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert "/api/v1/collaborations" in page.content()
    assert [url for url in outside if not url.startswith("data:")] == []
