"""The ORM safety net: party-private rows cannot be read outside a party scope."""

import pytest
from django.urls import reverse
from django_scopes import ScopeError, scope
from django_scopes.state import state

from ritsen.assessments.models import RespondentInvitation, Response
from ritsen.collaborations.models import PartyProfile, ProfileVersion


@pytest.fixture
def no_scope():
    """Undo the test suite's own ``scopes_disabled`` for one test."""
    token = state.set(None)
    yield
    state.reset(token)


@pytest.mark.parametrize("model", [Response, RespondentInvitation, PartyProfile, ProfileVersion])
def test_a_query_outside_a_scope_fails_loudly(db, no_scope, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


def test_a_scope_returns_only_that_partys_rows(cast, scan, no_scope):
    with scope(party=[cast.party_a.pk]):
        parties = set(Response.objects.filter(round=scan.round).values_list("party", flat=True))
    assert parties == {cast.party_a.pk}


def test_a_request_does_not_inherit_the_callers_scope(login, cast, monkeypatch):
    """The test suite runs with scopes disabled; a request must still start without."""
    from ritsen.collaborations.views import collaborations

    seen = {}
    original = collaborations.render

    def spy(request, template, context):
        try:
            list(PartyProfile.objects.all())
        except ScopeError:
            seen["scope_error"] = True
        return original(request, template, context)

    monkeypatch.setattr(collaborations, "render", spy)
    login(cast.coord_a).get(reverse("collaborations:detail", args=[cast.collab.pk]))
    assert seen == {"scope_error": True}
