"""Each step of a round tells the people who must act, by email through the task
queue after the commit, in their language — and each kind can be turned off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ritsen.accounts.notifications import Notice
from ritsen.assessments import services
from ritsen.assessments.models import Round
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db


def to(*users) -> list[str]:
    return sorted(user.email for user in users)


def recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_opening_a_round_asks_the_coordinators_to_invite(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.open_round(access=cast.access(cast.facilitator), title="Nulmeting")
    assert recipients() == to(cast.coord_a, cast.coord_b)
    message = next(m for m in mail.outbox if m.to == [cast.coord_a.email])
    assert "Nulmeting" in message.body and "nodig" in message.body.lower()
    respondents = reverse(
        "assessments:respondents", args=[cast.collab.pk, round_.pk, cast.party_a.pk]
    )
    assert respondents in message.body
    assert reverse("accounts:profile") in message.body  # where to turn it off


def test_nothing_is_sent_when_the_transaction_rolls_back(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.open_round(access=cast.access(cast.facilitator), title="Nulmeting")
    assert mail.outbox == [] and callbacks  # queued only at the commit


def test_closing_asks_to_release_and_sharing_tells_everyone(
    cast, django_capture_on_commit_callbacks
):
    scan = make_scan(cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close(cast, scan.round)
    assert recipients() == to(cast.coord_a, cast.coord_b)
    release_url = reverse("results:party", args=[cast.collab.pk, scan.round.pk, cast.party_b.pk])
    assert release_url in next(m.body for m in mail.outbox if m.to == [cast.coord_b.email])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        release(cast, scan.round)
    everyone = (cast.facilitator, cast.coord_a, cast.member_a, cast.coord_b, cast.member_b)
    assert recipients() == to(*everyone)


def test_a_round_closing_in_three_days_is_announced_once(cast, django_capture_on_commit_callbacks):
    round_ = services.open_round(
        access=cast.access(cast.facilitator),
        title="Meting",
        closes_at=timezone.now() + timedelta(days=10),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cron", verbosity=0)
    assert mail.outbox == []  # not yet
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cron", verbosity=0)
        call_command("cron", verbosity=0)
    assert recipients() == to(cast.coord_a, cast.coord_b)
    assert "Meting" in mail.outbox[0].subject


def test_each_notice_can_be_turned_off_on_the_profile_page(
    login, cast, django_capture_on_commit_callbacks
):
    client = login(cast.coord_a)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert page.count('name="notices"') == len(Notice.values)
    kept = [value for value in Notice.values if value != Notice.ROUND_OPENED]
    response = client.post(
        reverse("accounts:profile"), {"name": "Anna", "language": "nl", "notices": kept}
    )
    assert response.status_code == 302
    cast.coord_a.refresh_from_db()
    assert cast.coord_a.muted_notices == [Notice.ROUND_OPENED]
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(access=cast.access(cast.facilitator), title="Nulmeting")
    assert recipients() == to(cast.coord_b)


def test_a_notice_speaks_the_recipient_s_language(cast, django_capture_on_commit_callbacks):
    cast.coord_b.language = "en"
    cast.coord_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(access=cast.access(cast.facilitator), title="Baseline")
    english = next(m for m in mail.outbox if m.to == [cast.coord_b.email])
    dutch = next(m for m in mail.outbox if m.to == [cast.coord_a.email])
    assert "invite your respondents" in english.subject
    assert "nodig je respondenten uit" in dutch.subject


def test_the_password_reset_mail_goes_through_the_queue(client, cast, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post(reverse("accounts:password_reset"), {"email": cast.coord_a.email})
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
