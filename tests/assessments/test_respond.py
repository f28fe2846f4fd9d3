"""The respondent's questionnaire: no account, one page per link, save and resume."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ritsen.assessments import services
from ritsen.assessments.models import Response
from tests.assessments.conftest import close


def _token(cast, email=None):
    round_ = services.current_round(cast.collab) or services.open_round(
        access=cast.access(cast.facilitator), title="Ronde"
    )
    if email:
        services.invite_respondents(round_, cast.party_a, [email], access=cast.access(cast.coord_a))
        invitation = round_.invitations.get(email=email)
    else:
        invitation = services.generate_links(
            round_, cast.party_a, 1, access=cast.access(cast.coord_a)
        )[0]
    return round_, services.invitation_token(invitation)


def test_answer_save_resume_and_submit(client, cast):
    round_, token = _token(cast)
    start = client.get(reverse("respond:start", args=[token]))
    assert start.status_code == 200
    assert start["Referrer-Policy"] == "same-origin"
    spec = round_.framework.spec
    link = spec.links[0]
    data = {f"s-{s.id}": "4" for s in link.statements}
    data[f"s-{link.statements[0].id}"] = "?"
    data["comment"] = "Goed begin"
    data["next"] = "1"
    response = client.post(reverse("respond:link", args=[token, link.id]), data)
    assert response["Location"] == reverse("respond:link", args=[token, spec.links[1].id])

    # Another device: a fresh client with the same link sees the saved answers.
    from django.test import Client

    other = Client()
    page = other.get(reverse("respond:link", args=[token, link.id]))
    body = page.content.decode()
    assert "Goed begin" in body
    assert body.count("checked") == len(link.statements)
    stored = Response.objects.get()
    assert stored.answers[link.statements[0].id] is None
    assert stored.answers[link.statements[1].id] == 4

    review = other.post(reverse("respond:review", args=[token]))
    assert review.status_code == 200
    again = other.get(reverse("respond:link", args=[token, link.id]))
    assert "Goed begin" not in again.content.decode()  # submitted: no more access
    assert again.context["reason"] == "submitted"


def test_invalid_answer_is_reported_and_nothing_is_lost(client, cast):
    round_, token = _token(cast)
    link = round_.framework.spec.links[0]
    data = {f"s-{s.id}": "3" for s in link.statements}
    data[f"s-{link.statements[1].id}"] = "9"
    data["comment"] = "Mijn opmerking"
    response = client.post(reverse("respond:link", args=[token, link.id]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn opmerking" in body
    assert response.context["errors"].keys() == {link.statements[1].id}
    assert body.count("checked") == len(link.statements) - 1
    assert not Response.objects.exists()


def test_closed_round_says_so_and_keeps_saved_answers(client, cast):
    round_, token = _token(cast)
    link = round_.framework.spec.links[0]
    client.post(
        reverse("respond:link", args=[token, link.id]),
        {f"s-{s.id}": "5" for s in link.statements},
    )
    close(cast, round_)
    page = client.get(reverse("respond:link", args=[token, link.id]))
    assert page.context["reason"] == "closed"
    post = client.post(
        reverse("respond:link", args=[token, link.id]),
        {f"s-{s.id}": "1" for s in link.statements},
    )
    assert post.context["reason"] == "closed"
    assert set(Response.objects.get().answers.values()) == {5}


def test_closing_date_in_the_past_closes_the_link(client, cast):
    round_, token = _token(cast)
    round_.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()
    page = client.get(reverse("respond:start", args=[token]))
    assert page.context["reason"] == "closed"


def test_revoked_link_no_longer_works(client, cast):
    round_, token = _token(cast, email="x@example.org")
    services.revoke_invitation(round_.invitations.get(), access=cast.access(cast.coord_a))
    page = client.get(reverse("respond:start", args=[token]))
    assert page.context["reason"] == "revoked"


def test_unknown_token_is_404(client, cast):
    assert client.get(reverse("respond:start", args=["onzin"])).status_code == 404


def test_link_of_an_old_round_does_not_open_the_new_round(client, cast):
    old_round, token = _token(cast)
    close(cast, old_round)
    new_round = services.open_round(access=cast.access(cast.facilitator), title="Nieuw")
    page = client.get(reverse("respond:start", args=[token]))
    assert page.context["reason"] == "closed"
    assert page.context["round"] == old_round != new_round


def test_respondent_chooses_english(client, cast):
    round_, token = _token(cast)
    client.post(reverse("respond:language", args=[token]), {"language": "en"})
    page = client.get(reverse("respond:link", args=[token, 1]))
    assert page["Content-Language"] == "en"
    link = round_.framework.spec.links[0]
    assert link.statements[0].text.en in page.content.decode()


def test_works_without_javascript_forms_are_plain(client, cast):
    round_, token = _token(cast)
    body = client.get(reverse("respond:link", args=[token, 1])).content.decode()
    assert '<form method="post"' in body
    assert 'type="radio"' in body
