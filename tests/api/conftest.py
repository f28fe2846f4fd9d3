import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Token ids repeat between tests: each test starts with no requests counted."""
    cache.clear()
    yield
    cache.clear()
