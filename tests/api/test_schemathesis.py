"""schemathesis against the live schema: every operation, with generated input (as a
member of a collaboration with a shared round), answers without a server error and as
its schema says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from ritsen.accounts import tokens
from ritsen.wsgi import application

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "ritsen" / "api" / "openapi.json").read_text()
)
schema = schemathesis.openapi.from_dict(SCHEMA)
schema.app = application  # type: ignore[attr-defined]


@pytest.fixture
def _connections_kept():
    """The WSGI app closes "old" connections around each request; in a test that would
    close the test's own transaction (Django's test client does the same as this)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(cast, _connections_kept):
    from tests.assessments.conftest import close, make_scan, release

    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    return {"Authorization": "Bearer " + tokens.create_token(cast.coord_a, name="fuzz").secret}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_fails_or_breaks_its_schema(case, headers):
    # Well-formed input may still be refused by the domain (a framework that does not
    # exist, a link into a closed round): 400 with a message is right there.
    case.call_and_validate(
        headers=headers, app=application, excluded_checks=[checks.positive_data_acceptance]
    )
