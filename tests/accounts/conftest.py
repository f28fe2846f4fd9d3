"""Fixtures for the account pages: a person with a password, and a site administrator."""

import re
from html.parser import HTMLParser

import pytest

PASSWORD = "Zipper-links-9-strong"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        email="anna@example.org", password=PASSWORD, name="Anna de Vries"
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(email="admin@example.org", password=PASSWORD)


@pytest.fixture
def logged_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]*)"', response.content.decode())
    assert match, "no <html lang=…> in the page"
    return match.group(1)


class _CspScanner(HTMLParser):
    """Collects what a strict CSP (no inline scripts or styles) would block."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        if tag == "script" and "src" not in names:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")
        if "style" in names:
            self.problems.append(f"style= on <{tag}>")
        self.problems.extend(f"{name}= on <{tag}>" for name in names if name.startswith("on"))


def csp_violations(html: str) -> list[str]:
    scanner = _CspScanner()
    scanner.feed(html)
    return scanner.problems
