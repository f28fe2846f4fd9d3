"""Nothing of a party's results reaches anyone outside it before every party released."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from ritsen.assessments import services
from ritsen.assessments.models import RespondentInvitation, Response
from ritsen.core.errors import ServiceError
from tests.assessments.conftest import COMMENT_A, COMMENT_B, answer_all, close, make_scan, release

PAGES = ["results:zipper", "results:agenda", "assessments:round", "assessments:rounds"]


def _pages(client, cast, round_):
    for name in PAGES:
        args = [cast.collab.pk] if name == "assessments:rounds" else [cast.collab.pk, round_.pk]
        yield name, client.get(reverse(name, args=args)).content.decode()
    yield (
        "link",
        client.get(reverse("results:link", args=[cast.collab.pk, round_.pk, 1])).content.decode(),
    )


def test_before_release_nobody_sees_another_partys_results(login, cast, closed_scan):
    round_ = closed_scan.round
    release(cast, round_, cast.party_a)  # only A released
    for user in (cast.facilitator, cast.coord_b, cast.member_b):
        client = login(user)
        for name, body in _pages(client, cast, round_):
            assert COMMENT_A not in body, (user, name)
            assert "4.00" not in body and "4,00" not in body, (user, name)
    for user in (cast.facilitator, cast.coord_a, cast.member_a):
        client = login(user)
        for name, body in _pages(client, cast, round_):
            assert COMMENT_B not in body, (user, name)
            assert "2.00" not in body and "2,00" not in body, (user, name)


def test_own_results_show_only_own_party(login, cast, closed_scan):
    page = login(cast.member_a).get(
        reverse("results:party", args=[cast.collab.pk, closed_scan.round.pk, cast.party_a.pk])
    )
    body = page.content.decode()
    assert COMMENT_A in body
    assert COMMENT_B not in body
    assert "Leverancier Bee" not in body
    assert [p.pk for p in page.context["results"].parties] == [cast.party_a.pk]


def test_release_by_all_shows_the_zipper_to_everyone(login, cast, released_scan):
    for user in (cast.facilitator, cast.member_a, cast.member_b):
        page = login(user).get(
            reverse("results:zipper", args=[cast.collab.pk, released_scan.round.pk])
        )
        results = page.context["results"]
        assert results is not None
        link = results.result.link(1)
        assert [str(c.mean_rounded) for c in link.parties.values()] == ["4.00", "2.00"]
        assert link.state == "weak"
        detail = login(user).get(
            reverse("results:link", args=[cast.collab.pk, released_scan.round.pk, 1])
        )
        body = detail.content.decode()
        assert COMMENT_A in body and COMMENT_B in body


def test_small_groups_are_suppressed_everywhere(login, cast):
    # B's two respondents answer 5 everywhere; "5,00" must never appear.
    scan = make_scan(cast, respondents_a=3, respondents_b=2, value_a=3, value_b=5)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)
    release(cast, scan.round, cast.party_b)
    client = login(cast.member_a)
    zipper = client.get(reverse("results:zipper", args=[cast.collab.pk, scan.round.pk]))
    results = zipper.context["results"]
    assert results.result.link(1).parties[cast.party_b.pk].mean is None
    assert results.result.link(1).state == "missing"
    for name, body in _pages(client, cast, scan.round):
        assert COMMENT_B not in body, name
        assert "5.00" not in body and "5,00" not in body, name
    # B's own coordinators see their own small group's results withheld too.
    own = login(cast.coord_b).get(
        reverse("results:party", args=[cast.collab.pk, scan.round.pk, cast.party_b.pk])
    )
    assert COMMENT_B not in own.content.decode()
    detail = own.context["results"].details[1][0]
    assert detail.suppressed and detail.comments is None


def test_responses_cannot_be_joined_to_email_addresses(cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    services.invite_respondents(
        round_, cast.party_a, ["anna@example.org"], access=cast.access(cast.coord_a)
    )
    invitation = round_.invitations.get()
    token = services.invitation_token(invitation)
    before = RespondentInvitation.objects.values().get()
    session = answer_all(token, 4, submit=False)
    response = Response.objects.get()
    # No column of the response refers to the invitation, its email or its token hash.
    values = {str(getattr(response, f.attname)) for f in Response._meta.concrete_fields}
    assert invitation.email not in values and invitation.token_hash not in values
    assert str(invitation.pk) not in {str(response.pk)}
    services.submit(session)
    response.refresh_from_db()
    assert response.lookup_hash is None
    assert response.submitted
    # Answering and submitting never wrote the invitation.
    assert RespondentInvitation.objects.values().get() == before


def test_progress_is_counts_only(login, cast, scan):
    import re

    services.invite_respondents(
        scan.round,
        cast.party_a,
        ["anna@example.org", "bob@example.org"],
        access=cast.access(cast.coord_a),
    )
    anna = scan.round.invitations.get(email="anna@example.org")
    answer_all(services.invitation_token(anna), 4)  # Anna submits, Bob does not
    page = login(cast.coord_a).get(
        reverse("assessments:respondents", args=[cast.collab.pk, scan.round.pk, cast.party_a.pk])
    )
    body = page.content.decode()
    assert page.context["progress"].invited == 5
    assert page.context["progress"].submitted == 4
    assert page.context["progress"].links_made == page.context["progress"].links_claimed == 3

    def row(email):
        found = re.search(r"<tr>\s*<td>" + re.escape(email) + r".*?</tr>", body, re.S).group(0)
        return re.sub(r"\d+", "N", found.replace(email, "EMAIL"))

    # Anna's row and Bob's row look exactly alike: nobody can tell who answered.
    assert row("anna@example.org") == row("bob@example.org")


def _scan_with_a_thin_statement(cast):
    """Three of A answer everything; on statement 1.1 two of them say "don't know", so
    its answers (1) are below the anonymity threshold while the link's group (3) is not."""
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Dun")
    for party, coordinator in ((cast.party_a, cast.coord_a), (cast.party_b, cast.coord_b)):
        links = services.generate_links(round_, party, 3, access=cast.access(coordinator))
        for index, link in enumerate(links):
            session = answer_all(link.token, 4, submit=False)
            if party == cast.party_a and index:
                answers = {s.id: 4 for s in session.round.framework.spec.link(1).statements}
                answers["1.1"] = None
                services.save_link_answers(session, 1, answers, "")
            services.submit(session)
    close(cast, round_)
    release(cast, round_)
    return round_


def test_a_withheld_statement_shows_no_count_at_all(login, cast):
    """Answers + "don't know" = the link's group: showing either would tell the number."""
    round_ = _scan_with_a_thin_statement(cast)
    client = login(cast.member_b)
    page = client.get(reverse("results:link", args=[cast.collab.pk, round_.pk, 1]))
    text = round_.framework.spec.link(1).statements[0].text.get("nl")
    row = page.content.decode().split(str(text), 1)[1].split("</tr>", 1)[0]
    assert 'class="num"' in row and '<td class="num">2</td>' not in row
    assert 'colspan="3"' in row
    body = client.get(f"/api/v1/collaborations/{cast.collab.pk}/rounds/{round_.pk}/results").json()
    cell = next(p for p in body["links"][0]["parties"] if p["party_id"] == cast.party_a.pk)
    statement = next(s for s in cell["statements"] if s["id"] == "1.1")
    assert statement == {"id": "1.1", "mean": None, "n": None, "dont_know": None}


def test_a_save_that_races_a_submission_changes_nothing(cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Race")
    link = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))[0]
    first = answer_all(link.token, 4, submit=False)
    late = services.open_session(first.secret)  # read before the submission
    services.submit(services.open_session(first.secret))
    with pytest.raises(ServiceError):
        services.save_link_answers(late, 1, {"1.1": 1}, "te laat")
    with scopes_disabled():
        stored = Response.objects.get(round=round_)
    assert stored.submitted and stored.answers["1.1"] == 4 and "1" not in stored.comments
