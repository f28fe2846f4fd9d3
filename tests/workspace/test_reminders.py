"""An action falling due reminds its owner once (or the owner party's coordinators);
once past its due date, webhooks hear action.overdue, once; a new due date starts
afresh; done actions are left alone."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from ritsen.core import periodic
from ritsen.webhooks.models import Delivery
from ritsen.webhooks.services import add_webhook
from ritsen.workspace import services
from ritsen.workspace.actions import ACTIONS, Action
from ritsen.workspace.reminders import remind_due_actions

pytestmark = pytest.mark.django_db


def action(cast, *, due, owner=None, status="open", title="Cijfers delen"):
    return services.create_item(
        access=cast.access(cast.coord_a),
        kind=ACTIONS,
        register=None,
        data={"title": title, "link_key": "information", "owner_party": cast.party_a,
              "owner": owner, "due_date": due, "status": status},
    )  # fmt: skip


def test_due_actions_remind_their_owner_once(cast, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    action(cast, due=today, owner=cast.member_a)
    action(cast, due=today, title="Zonder eigenaar")
    action(cast, due=today, status="done", title="Al klaar")
    action(cast, due=today + datetime.timedelta(days=1), title="Morgen")
    assert "remind-due-actions" in [job.name for job in periodic.jobs()]
    with django_capture_on_commit_callbacks(execute=True):
        report = remind_due_actions()
    assert report == "2 action(s) due reminded"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.member_a.email, cast.coord_a.email])
    assert any("Cijfers delen" in message.subject for message in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_due_actions() == ""  # once


def test_an_overdue_action_tells_the_webhooks_once_and_a_new_date_starts_afresh(
    cast, django_capture_on_commit_callbacks
):
    add_webhook(
        access=cast.access(cast.facilitator), url="https://example.org/h", events=["action.overdue"]
    )
    late = action(cast, due=timezone.localdate() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks():
        assert "1 action(s) overdue reported" in remind_due_actions()
        remind_due_actions()
    delivery = Delivery.objects.get()
    assert delivery.payload["data"]["action"] == {
        "id": late.pk,
        "title": "Cijfers delen",
        "link_key": "information",
        "owner_party_id": cast.party_a.pk,
        "due_date": late.due_date.isoformat(),
        "status": "open",
    }
    services.update_item(
        Action.objects.get(pk=late.pk),
        access=cast.access(cast.coord_a),
        kind=ACTIONS,
        data={"due_date": timezone.localdate()},
    )
    late.refresh_from_db()
    assert late.reminded_on is None and late.overdue_sent_on is None
