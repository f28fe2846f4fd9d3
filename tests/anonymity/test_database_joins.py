"""Finding 3: the joins a reader of the database tries, without the server's key.

Three people get a personal invitation (with their address) and answer through the
pages, in the opposite order of their invitations, one of them over several visits.
Then, from the rows alone: does any invitation share a transaction (PostgreSQL's
``xmin``), a value, a time or an order with a response or a mark?
"""

from __future__ import annotations

import pytest
from django.db import connection, models
from django.test import Client

from ritsen.assessments import selectors, services
from ritsen.assessments.models import RespondentInvitation, RespondentMark, Response
from tests.assessments.test_respond import open_link

EMAILS = ["anna@example.org", "bob@example.org", "carla@example.org"]


def answer_through_the_pages(token: str, value: int, *, visits: int = 1) -> None:
    for _ in range(visits):
        client = Client()
        open_link(client, token)
        for link_id in range(1, 10):
            page = client.get(f"/r/links/{link_id}/")
            data = {f"s-{row['statement'].id}": str(value) for row in page.context["statements"]}
            client.post(f"/r/links/{link_id}/", {**data, "comment": f"c{value}", "next": "1"})
    client.post("/r/review/")


def answered_round(cast) -> list[RespondentInvitation]:
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Meting")
    services.invite_respondents(round_, cast.party_a, EMAILS, access=cast.access(cast.coord_a))
    invitations = list(round_.invitations.order_by("pk"))
    tokens = [services.invitation_token(invitation) for invitation in invitations]
    for index, token in reversed(list(enumerate(tokens))):
        answer_through_the_pages(token, value=index + 2, visits=2 if index == 1 else 1)
    return invitations


def _values(model: type[models.Model]) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def test_answering_writes_no_invitation_row(cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Meting")
    services.invite_respondents(round_, cast.party_a, EMAILS, access=cast.access(cast.coord_a))
    before = _values(RespondentInvitation)
    for index, invitation in enumerate(round_.invitations.order_by("pk")):
        answer_through_the_pages(services.invitation_token(invitation), value=index + 2)
    assert _values(RespondentInvitation) == before
    assert Response.objects.filter(submitted=True).count() == 3


def test_no_value_of_an_invitation_appears_in_a_response_or_a_mark(cast):
    """Addresses, token hashes, encrypted tokens, times: nothing of an invitation (but
    the round and the party) is in a response or a mark — not even as a substring."""
    invitations = answered_round(cast)
    theirs = {
        str(value)
        for invitation in invitations
        for key, value in _values_of(invitation).items()
        if key not in ("id", "round_id", "party_id", "sent_count") and value not in (None, "")
    }
    assert len(theirs) >= 3 * 4  # email, hash, encrypted token, time of each
    for row in _values(Response) + _values(RespondentMark):
        text = repr(row)
        assert not any(value in text for value in theirs), row


def _values_of(invitation: RespondentInvitation) -> dict:
    return RespondentInvitation.objects.filter(pk=invitation.pk).values().get()


def test_responses_and_marks_keep_no_time(cast):
    for model in (Response, RespondentMark):
        kinds = {type(field) for field in model._meta.concrete_fields}
        assert not kinds & {models.DateTimeField, models.DateField, models.TimeField}, model
        # And no counting key: a random UUID, or a number that says nothing of whom.
    assert isinstance(Response._meta.pk, models.UUIDField)


def test_the_order_of_rows_joins_nothing_on_sqlite(cast):
    """On SQLite the ``rowid`` gives the order in which rows were written. Responses
    are written in the order people answered; invitations are never written by them,
    so nothing relates the two orders (and marks carry no invitation)."""
    if connection.vendor != "sqlite":
        pytest.skip("rowid is SQLite's")
    invitations = answered_round(cast)
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, id FROM assessments_respondentinvitation ORDER BY rowid")
        invitation_order = [row[1] for row in cursor.fetchall()]
        cursor.execute("SELECT rowid, answers FROM assessments_response ORDER BY rowid")
        response_order = [row[1] for row in cursor.fetchall()]
    assert invitation_order == [invitation.pk for invitation in invitations]
    # The responses were written in the opposite order of the invitations (the test
    # knows; a reader of the rows does not): their order matches the answering, which
    # is recorded nowhere next to an address.
    assert len(response_order) == 3
    assert _values(RespondentInvitation) == [_values_of(i) for i in invitations]


@pytest.mark.django_db(transaction=True)
def test_no_invitation_shares_a_transaction_with_a_response_on_postgresql(cast):
    """PostgreSQL stamps every row version with the id of the transaction that wrote
    it (``xmin``): an invitation and a response written together could be joined by
    it, without any key."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's; CI runs this file on PostgreSQL too")
    answered_round(cast)
    with connection.cursor() as cursor:

        def xmins(table: str) -> set[int]:
            cursor.execute(f"SELECT xmin::text::bigint FROM {table}")  # noqa: S608
            return {row[0] for row in cursor.fetchall()}

        invitations = xmins("assessments_respondentinvitation")
        responses = xmins("assessments_response")
        marks = xmins("assessments_respondentmark")
    assert len(responses) == 3 and len(marks) == 3
    assert not invitations & responses
    assert not invitations & marks
    # Closing the round erases what is left in separate transactions as well.
    from tests.assessments.conftest import close

    round_ = RespondentInvitation.objects.first().round
    close(cast, round_)  # a transactional test: the erasure runs after the commit
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text::bigint FROM assessments_respondentinvitation")
        after_close = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT xmin::text::bigint FROM assessments_response")
        responses_after = {row[0] for row in cursor.fetchall()}
    assert not after_close & responses_after
    # ... and writes the round's responses and marks anew in one transaction: the
    # order of the respondents' own writes is gone.
    assert len(responses_after) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text::bigint FROM assessments_respondentmark")
        assert {row[0] for row in cursor.fetchall()} <= responses_after


def test_closing_writes_the_rows_anew_in_a_random_order(cast, django_capture_on_commit_callbacks):
    from tests.assessments.conftest import close

    invitations = answered_round(cast)
    round_ = invitations[0].round
    link = services.generate_links(
        round_, cast.party_a, 1, access=cast.access(cast.coord_a)
    )[0]  # fmt: skip
    answer_through_the_pages(link.token, value=5)
    before = {r.pk: (r.answers, r.comments, r.submitted, r.channel) for r in Response.objects.all()}
    progress = selectors.party_progress(round_, cast.party_a)
    with django_capture_on_commit_callbacks(execute=True):
        close(cast, round_)
    after = {r.pk: (r.answers, r.comments, r.submitted, r.channel) for r in Response.objects.all()}
    assert not set(before) & set(after)  # new keys
    assert sorted(map(repr, before.values())) == sorted(map(repr, after.values()))
    assert sorted(channel for *_rest, channel in after.values()) == ["link", *["personal"] * 3]
    assert not Response.objects.filter(lookup_hash__isnull=False).exists()
    assert RespondentMark.objects.filter(kind=RespondentMark.Kind.CLAIMED).count() == 1
    assert selectors.party_progress(round_, cast.party_a) == progress
