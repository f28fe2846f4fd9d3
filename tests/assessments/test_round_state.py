"""Round state is a field set by services: open → closed → shared. Rounds past their
closing date are closed by the periodic job (`ritsen cron`), never by a page view."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from ritsen.assessments import services, visibility
from ritsen.assessments.models import Round, RoundState
from ritsen.core import periodic
from ritsen.core.errors import ServiceError
from tests.assessments.conftest import close, make_scan, release, session_for


def _past_due(round_):
    Round.objects.filter(pk=round_.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    round_.refresh_from_db()
    return round_


def test_a_page_view_does_not_close_a_round_past_its_date(login, cast, scan):
    round_ = _past_due(scan.round)
    for name in ("assessments:rounds", "assessments:round"):
        args = [cast.collab.pk] + ([round_.pk] if name == "assessments:round" else [])
        assert login(cast.facilitator).get(reverse(name, args=args)).status_code == 200
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN


def _started_session(cast, round_):
    link = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))[0]
    return session_for(link.token)


def test_respondents_cannot_answer_once_the_date_has_passed(cast, scan):
    session = _started_session(cast, scan.round)
    round_ = _past_due(scan.round)
    assert not visibility.accepts_answers(round_)
    assert not services.open_session(session.secret).can_answer


def test_cron_closes_rounds_past_their_date_at_that_date(cast, scan):
    round_ = _past_due(scan.round)
    out = StringIO()
    call_command("cron", stdout=out)
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert round_.closed_at == round_.closes_at
    assert "close-due-rounds: 1 round(s) closed" in out.getvalue()
    # Nothing more to do the second time.
    out = StringIO()
    call_command("cron", stdout=out)
    assert out.getvalue() == ""


def test_the_periodic_job_is_registered():
    assert "close-due-rounds" in [job.name for job in periodic.jobs()]


def test_a_round_before_its_date_stays_open(cast, scan):
    Round.objects.filter(pk=scan.round.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=1)
    )
    services.close_due_rounds()
    scan.round.refresh_from_db()
    assert scan.round.state == RoundState.OPEN


def test_closed_then_shared_when_the_last_party_releases(cast, scan):
    round_ = close(cast, scan.round)
    assert round_.state == RoundState.CLOSED and round_.shared_at is None
    round_ = release(cast, round_, cast.party_a)
    assert round_.state == RoundState.CLOSED
    round_ = release(cast, round_, cast.party_b)
    assert round_.state == RoundState.SHARED and round_.shared_at is not None


def test_opening_closes_a_round_that_is_past_its_date_first(cast, scan):
    _past_due(scan.round)
    new = services.open_round(access=cast.access(cast.facilitator), title="Volgende")
    scan.round.refresh_from_db()
    assert scan.round.state == RoundState.CLOSED and new.state == RoundState.OPEN


def test_the_database_allows_one_open_round_per_collaboration(cast, scan):
    with pytest.raises(IntegrityError):
        Round.objects.create(
            collaboration=cast.collab, framework=cast.collab.framework, title="Tweede"
        )


def test_an_answer_after_closing_is_refused(cast):
    scan = make_scan(cast)
    session = _started_session(cast, scan.round)
    close(cast, scan.round)
    later = services.open_session(session.secret)
    assert not later.can_answer
    with pytest.raises(ServiceError):
        services.save_link_answers(later, 1, {}, "")
    # After the close a link says only that the round is closed — used or not.
    assert services.enter(scan.tokens_a[0]).refused == services.Refusal.CLOSED
