"""The operator's admin cannot bypass who may join a party: invitations are read-only,
and memberships added or removed there are recorded and mailed like in the app."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from ritsen.collaborations import services
from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Invitation, Membership, MembershipEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root@example.org", "pw-123456789")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_invitations_cannot_be_made_or_changed_in_the_admin(admin_client, cast):
    sent = services.invite(
        access=cast.access(cast.coord_a), email="x@example.org", role=Role.MEMBER,
        party=cast.party_a,
    )  # fmt: skip
    assert admin_client.get(reverse("admin:collaborations_invitation_add")).status_code == 403
    url = reverse("admin:collaborations_invitation_change", args=[sent.invitation.pk])
    assert 'name="_save"' not in admin_client.get(url).content.decode()
    admin_client.post(url, {"email": "mol@example.org", "role": Role.COORDINATOR})
    assert Invitation.objects.get(pk=sent.invitation.pk).email == "x@example.org"


def test_a_membership_added_or_removed_in_the_admin_is_recorded_and_mailed(
    admin_client, cast, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(email="nieuw@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:collaborations_membership_add"),
            {
                "user": newcomer.pk,
                "collaboration": cast.collab.pk,
                "party": cast.party_a.pk,
                "role": Role.MEMBER,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=newcomer)
    event = MembershipEvent.objects.get(party=cast.party_a, kind=MembershipEvent.Kind.JOINED)
    assert "nieuw@example.org" in event.person and event.by_name
    assert cast.coord_a.email in [m.to[0] for m in mail.outbox]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:collaborations_membership_delete", args=[membership.pk]),
            {"post": "yes"},
        )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert MembershipEvent.objects.filter(
        party=cast.party_a, kind=MembershipEvent.Kind.REMOVED
    ).exists()
