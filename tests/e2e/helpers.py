"""What the browser tests share: logging in through the real login page."""

import re

from tests.conftest import PASSWORD


def log_in(page, email: str, password: str = PASSWORD):
    """Log ``page`` in as ``email`` and wait for Mijn samenwerkingen; returns ``page``."""
    page.goto("/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/"))
    return page
