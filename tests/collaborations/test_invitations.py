import re

from django.core import mail
from django.urls import reverse

from ritsen.collaborations.models import Invitation, Membership


def _invite(client, cast, email, role="coordinator", party=None):
    return client.post(
        reverse("collaborations:invite", args=[cast.collab.pk]),
        {"email": email, "role": role, "party": party.pk if party else ""},
    )


def _link(message):
    return re.search(r"https?://\S+/collaborations/invitations/\S+/", message.body).group(0)


def party_without_people(cast):
    from tests.factories import OrganisationFactory, PartyFactory

    return PartyFactory(
        collaboration=cast.collab, organisation=OrganisationFactory(name="Zorg Cee")
    )


def test_facilitator_invites_the_first_coordinator_who_sets_own_password(
    client, login, cast, django_capture_on_commit_callbacks
):
    party_c = party_without_people(cast)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.facilitator), cast, "Nieuwe.Coordinator@Example.org", party=party_c)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuwe.coordinator@example.org"]
    url = _link(mail.outbox[0])
    path = url.split("8000", 1)[-1] if "8000" in url else url

    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path,
        {
            "name": "Nina Nieuw",
            "password1": "een-sterk-wachtwoord-42",
            "password2": "een-sterk-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nieuwe.coordinator@example.org")
    assert membership.role == "coordinator" and membership.party == party_c
    # The link is single-use.
    client.logout()
    assert client.get(path).status_code == 410


def test_password_mismatch_keeps_the_name(client, login, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.coord_a), cast, "x@example.org", party=cast.party_a)
    path = "/" + _link(mail.outbox[0]).split("/", 3)[3]
    client.logout()
    response = client.post(
        path, {"name": "Xander", "password1": "een-sterk-wachtwoord-42", "password2": "anders"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert 'value="Xander"' in response.content.decode()


def test_coordinator_can_only_invite_to_own_party(login, cast):
    client = login(cast.coord_a)
    response = _invite(client, cast, "b-lid@example.org", role="member", party=cast.party_b)
    assert response.status_code == 200
    assert response.context["form"].errors["party"]
    response = _invite(client, cast, "f@example.org", role="facilitator")
    assert response.context["form"].errors["role"]
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_is_refused(login, cast):
    response = _invite(
        login(cast.coord_a), cast, cast.member_a.email, role="member", party=cast.party_a
    )
    assert "heeft al een rol in deze samenwerking" in str(response.context["form"].errors["email"])


def test_existing_user_accepts_after_login(client, login, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.coord_b), cast, cast.outsider.email, role="member", party=cast.party_b)
    path = "/" + _link(mail.outbox[0]).split("/", 3)[3]
    client.logout()
    assert "existing_account" in client.get(path).context
    login(cast.outsider)
    response = client.post(path)
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=cast.outsider, collaboration=cast.collab).party == cast.party_b
    )


def test_wrong_account_cannot_accept(client, login, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.coord_b), cast, "iemand@example.org", role="member", party=cast.party_b)
    path = "/" + _link(mail.outbox[0]).split("/", 3)[3]
    login(cast.outsider)
    assert client.get(path).context["wrong_account"] is True
    client.post(path)
    assert not Membership.objects.filter(user=cast.outsider, collaboration=cast.collab).exists()


def test_revoked_and_unknown_tokens(client, login, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.coord_a), cast, "weg@example.org", role="member", party=cast.party_a)
    invitation = Invitation.objects.get()
    login(cast.coord_a).post(
        reverse("collaborations:invitation_revoke", args=[cast.collab.pk, invitation.pk])
    )
    path = "/" + _link(mail.outbox[0]).split("/", 3)[3]
    client.logout()
    assert client.get(path).status_code == 410
    assert (
        client.get(reverse("collaborations:invitation", args=["bestaat-niet"])).status_code == 404
    )


def test_only_a_hash_of_the_token_is_stored(login, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(cast.coord_a), cast, "hash@example.org", role="member", party=cast.party_a)
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_invite_form_starts_with_a_valid_choice_for_each_role(login, cast):
    url = reverse("collaborations:invite", args=[cast.collab.pk])
    form = login(cast.coord_a).get(url).context["form"]
    assert form["role"].value() == "member" and form["party"].value() == str(cast.party_a.pk)
    assert [value for value, _label in form.fields["role"].choices] == ["coordinator", "member"]
    party = party_without_people(cast)
    form = login(cast.facilitator).get(url).context["form"]
    # The facilitator invites facilitators, and first coordinators only.
    assert [value for value, _label in form.fields["role"].choices] == [
        "facilitator",
        "coordinator",
    ]
    assert form["role"].value() == "coordinator" and form["party"].value() == str(party.pk)
    # Submitting the form as it comes (with only an address) works.
    response = login(cast.coord_a).post(
        url, {"email": "nieuw@example.org", "role": "member", "party": cast.party_a.pk}
    )
    assert response.status_code == 302


def test_inviting_an_address_again_asks_before_replacing_its_open_invitation(login, cast):
    client = login(cast.coord_a)
    url = reverse("collaborations:invite", args=[cast.collab.pk])
    data = {"email": "dubbel@example.org", "role": "member", "party": cast.party_a.pk}
    client.post(url, data)
    first = Invitation.objects.get(email="dubbel@example.org")
    page = client.post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "heeft al een openstaande uitnodiging" in html
    assert 'name="send_again"' in html and 'value="dubbel@example.org"' in html  # kept
    first.refresh_from_db()
    assert first.is_pending and Invitation.objects.filter(email="dubbel@example.org").count() == 1
    client.post(url, {**data, "send_again": "1"})
    first.refresh_from_db()
    assert not first.is_pending
    assert Invitation.objects.filter(email="dubbel@example.org").count() == 2
