"""The respondent's questionnaire: no account, one page per link, save and resume."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ritsen.assessments import services
from ritsen.assessments.models import Response
from tests.assessments.conftest import close


def _round(cast):
    return services.current_round(cast.collab) or services.open_round(
        access=cast.access(cast.facilitator), title="Ronde"
    )


def personal_token(cast, email="x@example.org"):
    """A personal invitation's token (as in the email it is sent in)."""
    round_ = _round(cast)
    services.invite_respondents(round_, cast.party_a, [email], access=cast.access(cast.coord_a))
    return round_, services.invitation_token(round_.invitations.get(email=email))


def anonymous_token(cast):
    round_ = _round(cast)
    link = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))[0]
    return round_, link.token


def open_link(client, token):
    """Open a link as a respondent does (starting with an anonymous one): the secret
    is traded for a cookie and the browser lands on the overview."""
    url = reverse("respond:enter", args=[token])
    response = client.get(url)
    if response.status_code == 200 and "respond/claim.html" in [t.name for t in response.templates]:
        response = client.post(url)
    return response


def test_the_first_request_trades_the_secret_for_a_cookie(client, cast):
    _round_, token = personal_token(cast)
    response = open_link(client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("respond:start")
    assert response["Referrer-Policy"] == "no-referrer"
    cookie = response.cookies["ritsen_respondent"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/r/"
    assert token not in cookie.value  # sealed
    start = client.get(reverse("respond:start"))
    assert start.status_code == 200
    assert token not in start.content.decode()


def test_answer_save_resume_and_submit(client, cast):
    round_, token = personal_token(cast)
    open_link(client, token)
    spec = round_.framework.spec
    link = spec.links[0]
    data = {f"s-{s.id}": "4" for s in link.statements}
    data[f"s-{link.statements[0].id}"] = "?"
    data["comment"] = "Goed begin"
    data["next"] = "1"
    response = client.post(reverse("respond:link", args=[link.id]), data)
    assert response["Location"] == reverse("respond:link", args=[spec.links[1].id])

    # Another device: a fresh browser with the same personal link sees the answers.
    other = Client()
    open_link(other, token)
    page = other.get(reverse("respond:link", args=[link.id]))
    body = page.content.decode()
    assert "Goed begin" in body
    assert body.count("checked") == len(link.statements)
    stored = Response.objects.get()
    assert stored.answers[link.statements[0].id] is None
    assert stored.answers[link.statements[1].id] == 4

    review = other.post(reverse("respond:review"))
    assert review.status_code == 200
    assert review.cookies["ritsen_respondent"].value == ""  # the browser forgets it
    again = open_link(Client(), token)
    assert again.status_code == 302
    later = Client()
    open_link(later, token)
    page = later.get(reverse("respond:link", args=[link.id]))
    assert "Goed begin" not in page.content.decode()  # submitted: no more access
    assert page.context["reason"] == "submitted"


def test_invalid_answer_is_reported_and_nothing_is_lost(client, cast):
    round_, token = anonymous_token(cast)
    open_link(client, token)
    link = round_.framework.spec.links[0]
    data = {f"s-{s.id}": "3" for s in link.statements}
    data[f"s-{link.statements[1].id}"] = "9"
    data["comment"] = "Mijn opmerking"
    response = client.post(reverse("respond:link", args=[link.id]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn opmerking" in body
    assert response.context["errors"].keys() == {link.statements[1].id}
    assert body.count("checked") == len(link.statements) - 1
    assert Response.objects.get().answers == {}  # the claimed link's empty response


def test_closed_round_says_so_and_keeps_saved_answers(client, cast):
    round_, token = personal_token(cast)
    open_link(client, token)
    link = round_.framework.spec.links[0]
    client.post(
        reverse("respond:link", args=[link.id]), {f"s-{s.id}": "5" for s in link.statements}
    )
    close(cast, round_)
    page = client.get(reverse("respond:link", args=[link.id]))
    assert page.context["reason"] == "closed"
    post = client.post(
        reverse("respond:link", args=[link.id]), {f"s-{s.id}": "1" for s in link.statements}
    )
    assert post.context["reason"] == "closed"
    assert set(Response.objects.get().answers.values()) == {5}


def test_closing_date_in_the_past_closes_the_link(client, cast):
    round_, token = personal_token(cast)
    round_.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()
    open_link(client, token)
    page = client.get(reverse("respond:start"))
    assert page.context["reason"] == "closed"


def test_closed_round_anonymous_link_cannot_be_claimed(client, cast):
    round_, token = anonymous_token(cast)
    close(cast, round_)
    page = open_link(client, token)
    assert page.context["reason"] == "closed"
    assert "ritsen_respondent" not in page.cookies


def test_revoked_link_no_longer_works(client, cast):
    round_, token = personal_token(cast)
    services.revoke_invitation(round_.invitations.get(), access=cast.access(cast.coord_a))
    open_link(client, token)
    page = client.get(reverse("respond:start"))
    assert page.context["reason"] == "revoked"


def test_unknown_token_is_404(client, cast):
    assert client.get(reverse("respond:enter", args=["onzin"])).status_code == 404


def test_pages_without_a_session_ask_to_open_the_link(client, cast):
    for url in (reverse("respond:start"), reverse("respond:link", args=[1])):
        page = client.get(url)
        assert page.status_code == 403
        assert page.context["reason"] == "no_session"
    assert client.post(reverse("respond:review")).context["reason"] == "no_session"


def test_link_of_an_old_round_does_not_open_the_new_round(client, cast):
    old_round, token = personal_token(cast)
    close(cast, old_round)
    new_round = services.open_round(access=cast.access(cast.facilitator), title="Nieuw")
    open_link(client, token)
    page = client.get(reverse("respond:start"))
    assert page.context["reason"] == "closed"
    assert page.context["round"] == old_round != new_round


def test_respondent_chooses_english(client, cast):
    round_, token = anonymous_token(cast)
    open_link(client, token)
    client.post(reverse("respond:language"), {"language": "en"})
    page = client.get(reverse("respond:link", args=[1]))
    assert page["Content-Language"] == "en"
    link = round_.framework.spec.links[0]
    assert link.statements[0].text.en in page.content.decode()


def test_works_without_javascript_forms_are_plain(client, cast):
    _round_, token = anonymous_token(cast)
    open_link(client, token)
    body = client.get(reverse("respond:link", args=[1])).content.decode()
    assert '<form method="post"' in body
    assert 'type="radio"' in body


def test_a_cross_site_form_is_refused(client, cast):
    round_, token = anonymous_token(cast)
    open_link(client, token)
    link = round_.framework.spec.links[0]
    response = client.post(
        reverse("respond:link", args=[link.id]),
        {f"s-{s.id}": "1" for s in link.statements},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert Response.objects.get().answers == {}


def test_continue_opens_the_first_link_not_answered_completely(client, cast):
    round_, token = personal_token(cast)
    open_link(client, token)
    spec = round_.framework.spec
    first, second, third = spec.links[:3]
    # Link 1 in full (one "don't know"), link 2 for two of its statements only.
    full = {f"s-{s.id}": "3" for s in first.statements} | {f"s-{first.statements[0].id}": "?"}
    client.post(reverse("respond:link", args=[first.id]), {**full, "next": "1"})
    part = {f"s-{s.id}": "4" for s in second.statements[:2]}
    client.post(reverse("respond:link", args=[second.id]), {**part, "save": "1"})
    page = client.get(reverse("respond:start"))
    assert page.context["resume_link"] == second.id
    html = page.content.decode()
    assert f'class="btn btn-primary" href="{reverse("respond:link", args=[second.id])}"' in html
    # Only the complete link is "answered"; the partial one says how far it got.
    assert html.count("✓ beantwoord") == 1
    assert f"2 van {len(second.statements)} beantwoord" in html
    assert third.id != page.context["resume_link"]


def test_when_every_link_is_answered_the_next_step_is_review(client, cast):
    round_, token = personal_token(cast)
    open_link(client, token)
    for link in round_.framework.spec.links:
        client.post(
            reverse("respond:link", args=[link.id]),
            {**{f"s-{s.id}": "2" for s in link.statements}, "next": "1"},
        )
    page = client.get(reverse("respond:start"))
    assert page.context["resume_link"] is None
    assert 'class="btn btn-primary" href="/r/review/"' in page.content.decode()


def test_link_progress_counts_dont_know_as_answered_and_absent_as_open(db):
    from ritsen.frameworks.services import ensure_default_framework

    spec = ensure_default_framework().spec
    link = spec.links[0]
    answers = {s.id: None for s in link.statements}  # all "don't know"
    progress = services.link_progress(spec, answers)
    assert progress[0].complete and not progress[1].started
    assert services.resume_link(spec, answers) == spec.links[1].id
    answers.pop(link.statements[-1].id)
    assert services.resume_link(spec, answers) == link.id
