"""The API's interactive docs render in Chromium from local assets, under the CSP."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_list_every_operation(new_page, live_server, cast):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", cast.member_a.email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/"))
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
