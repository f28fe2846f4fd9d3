"""The cast every test can use (after healthchecks' Alice/Bob/Charlie).

* ``facilitator`` runs the collaboration ``collab``;
* ``coord_a`` and ``member_a`` belong to party A (the municipality, opdrachtgever);
* ``coord_b`` and ``member_b`` belong to party B (the supplier, opdrachtnemer);
* ``outsider`` has no role in ``collab`` (but facilitates a collaboration of their own).
"""

from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django_scopes import scopes_disabled

from ritsen.collaborations.access import access_for
from ritsen.collaborations.constants import PartyRole, Role
from tests.factories import (
    CollaborationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)

PASSWORD = "correct-horse-battery"

# WhiteNoise indexes every static file whenever its middleware is built, and the test
# client builds the middleware for every test. The test client fetches no static files,
# and the live server of the browser tests serves them through Django's own handler.
django_settings.WHITENOISE_USE_FINDERS = False


@dataclass
class Cast:
    collab: object
    party_a: object
    party_b: object
    facilitator: object
    coord_a: object
    member_a: object
    coord_b: object
    member_b: object
    outsider: object

    def by_role(self, name):
        return getattr(self, name)

    def access(self, user):
        """The user's :class:`Access` to ``collab`` — the actor services expect."""
        return access_for(user, self.collab)


@pytest.fixture
def cast(db) -> Cast:
    collab = CollaborationFactory(name="Eén loket")
    party_a = PartyFactory(
        collaboration=collab,
        organisation=OrganisationFactory(name="Gemeente Aa"),
        role=PartyRole.CLIENT,
    )
    party_b = PartyFactory(
        collaboration=collab,
        organisation=OrganisationFactory(name="Leverancier Bee"),
        role=PartyRole.CONTRACTOR,
    )

    def member(email, role, party):
        user = UserFactory(email=email)
        MembershipFactory(user=user, collaboration=collab, role=role, party=party)
        return user

    outsider = UserFactory(email="outsider@example.org")
    MembershipFactory(user=outsider, collaboration=CollaborationFactory(name="Elders"))
    return Cast(
        collab=collab,
        party_a=party_a,
        party_b=party_b,
        facilitator=member("facilitator@example.org", Role.FACILITATOR, None),
        coord_a=member("coord.a@example.org", Role.COORDINATOR, party_a),
        member_a=member("member.a@example.org", Role.MEMBER, party_a),
        coord_b=member("coord.b@example.org", Role.COORDINATOR, party_b),
        member_b=member("member.b@example.org", Role.MEMBER, party_b),
        outsider=outsider,
    )


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def _unscoped_test_code():
    """Test code reads any party's rows to check what happened; requests do not: the
    middleware starts each one without a scope, so the safety net stays armed there."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch, whatever a previous test activated in this thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; production keeps it, tests need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Rits-scan fixtures (an open, closed or released round with answers) for every folder.
from tests.assessments.conftest import closed_scan, released_scan, scan  # noqa: E402,F401
