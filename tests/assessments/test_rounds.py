import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ritsen.assessments import services
from ritsen.core.errors import ServiceError
from tests.assessments.conftest import close, release


def test_facilitator_opens_a_round_with_the_pinned_framework(login, cast):
    response = login(cast.facilitator).post(
        reverse("assessments:round_create", args=[cast.collab.pk]),
        {"title": "Nulmeting", "language": "en"},
    )
    round_ = cast.collab.rounds.get()
    assert response["Location"] == round_.get_absolute_url()
    assert round_.framework == cast.collab.framework
    assert round_.language == "en" and round_.is_open


def test_only_one_open_round(cast):
    services.open_round(access=cast.access(cast.facilitator), title="Een")
    with pytest.raises(ServiceError):
        services.open_round(access=cast.access(cast.facilitator), title="Twee")


def test_round_with_expired_closing_date_makes_room_for_a_new_one(cast):
    first = services.open_round(access=cast.access(cast.facilitator), title="Een")
    first.closes_at = timezone.now() - datetime.timedelta(days=1)
    first.save()
    second = services.open_round(access=cast.access(cast.facilitator), title="Twee")
    first.refresh_from_db()
    assert first.closed_at == first.closes_at
    assert second.is_open


def test_closing_date_in_the_past_is_refused_with_a_message(login, cast):
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = login(cast.facilitator).post(
        reverse("assessments:round_create", args=[cast.collab.pk]),
        {"title": "Nulmeting", "language": "nl", "closes_at": past},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_at"]
    assert "Nulmeting" in response.content.decode()


def test_coordinator_invites_by_email_with_validation(
    login, cast, django_capture_on_commit_callbacks
):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    url = reverse("assessments:respondents", args=[cast.collab.pk, round_.pk, cast.party_a.pk])
    client = login(cast.coord_a)
    bad = client.post(url, {"add_emails": "1", "emails": "anna@example.org, geen-adres"})
    assert bad.status_code == 400
    assert "geen-adres" in str(bad.context["email_form"].errors["emails"])
    assert "anna@example.org, geen-adres" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"add_emails": "1", "emails": "anna@example.org;\nBob@Example.org anna@example.org"},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bob@example.org"]
    assert "/r/" in mail.outbox[0].body


def test_reminders_go_only_to_those_who_have_not_submitted(
    cast, django_capture_on_commit_callbacks
):
    from tests.assessments.conftest import answer_all

    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    services.invite_respondents(
        round_,
        cast.party_a,
        ["anna@example.org", "bob@example.org"],
        access=cast.access(cast.coord_a),
    )
    answer_all(services.invitation_token(round_.invitations.get(email="anna@example.org")), 4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # Queued for every open invitation; the mail task leaves out who submitted.
        assert services.send_reminders(round_, cast.party_a, access=cast.access(cast.coord_a)) == 2
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    # Both were addressed: the count does not depend on who answered.
    assert sorted(round_.invitations.values_list("sent_count", flat=True)) == [2, 2]


def test_generated_links_are_unguessable_and_distinct(cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    links = services.generate_links(round_, cast.party_a, 20, access=cast.access(cast.coord_a))
    tokens = [link.token for link in links]
    assert len(set(tokens)) == 20
    assert all(len(t) >= 32 for t in tokens)
    assert [link.number for link in links] == list(range(1, 21))
    # Not kept: the database holds only their hashes, nothing that can be decrypted.
    assert set(round_.invitations.values_list("token_encrypted", flat=True)) == {""}


def test_release_needs_a_closed_round(cast, scan):
    with pytest.raises(ServiceError):
        release(cast, scan.round, cast.party_a)


def test_release_redirects_to_zipper_when_last(login, cast, closed_scan):
    release(cast, closed_scan.round, cast.party_a)
    response = login(cast.coord_b).post(
        reverse("results:release", args=[cast.collab.pk, closed_scan.round.pk, cast.party_b.pk])
    )
    assert response["Location"] == reverse(
        "results:zipper", args=[cast.collab.pk, closed_scan.round.pk]
    )


def test_results_query_count_does_not_grow_with_respondents(cast, django_assert_max_num_queries):
    from ritsen.results.selectors import shared_results
    from tests.assessments.conftest import make_scan

    scan = make_scan(cast, respondents_a=3, respondents_b=30)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)
    release(cast, scan.round, cast.party_b)
    round_ = (
        type(scan.round).objects.select_related("framework", "collaboration").get(pk=scan.round.pk)
    )
    with django_assert_max_num_queries(5):
        results = shared_results(round_)
    assert results.result.link(1).parties[cast.party_b.pk].n == 30


def test_rounds_empty_state_tells_each_role_what_to_do(login, cast):
    url = reverse("assessments:rounds", args=[cast.collab.pk])
    facilitator = login(cast.facilitator).get(url).content.decode()
    assert reverse("assessments:round_create", args=[cast.collab.pk]) in facilitator
    member = login(cast.member_a).get(url).content.decode()
    assert reverse("assessments:round_create", args=[cast.collab.pk]) not in member
    assert "De procesbegeleider opent een ronde." in member  # Dutch by default
