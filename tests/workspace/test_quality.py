"""The quality register (link 7): the improvement log and the review meetings, and when
the register is complete."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import quality

TODAY = datetime.date(2026, 12, 2)


def data(reviews=(), improvements=()) -> RegisterData:
    return RegisterData(
        parties=[PartyRef(1, "Aa")],
        items={"reviews": list(reviews), "improvements": list(improvements)},
        today=TODAY,
    )


def review(held_on, cadence=6, next_on=None):
    return {"held_on": held_on, "cadence_weeks": cadence, "next_on": next_on}


def incident(days_ago, root_cause="", action="", kind="incident"):
    created = datetime.datetime.combine(TODAY - datetime.timedelta(days=days_ago), datetime.time())
    return {"kind": kind, "created_at": created, "root_cause": root_cause, "action": action}


def test_without_a_review_and_a_cadence_the_register_is_not_complete():
    with translation.override("en"):
        empty = quality.completeness(data())
        assert empty.missing == (
            "Hold a review meeting and set how often you review (every N weeks).",
            "The next review meeting is overdue.",
        )
        no_cadence = quality.completeness(data([review(TODAY, cadence=None)]))
        assert not no_cadence.complete


def test_the_last_review_is_overdue_the_day_after_its_cadence_ran_out():
    six_weeks = TODAY - datetime.timedelta(weeks=6)
    assert quality.completeness(data([review(six_weeks)])).complete  # due today
    late = quality.completeness(data([review(six_weeks - datetime.timedelta(days=1))]))
    assert late.done == 2 and late.total == 3
    # An explicit next date counts over the cadence; only the latest review counts.
    planned = review(six_weeks - datetime.timedelta(days=1), next_on=TODAY)
    assert quality.completeness(data([planned])).complete
    older = review(TODAY - datetime.timedelta(weeks=20))
    assert quality.completeness(data([older, review(TODAY)])).complete


def test_an_incident_needs_a_root_cause_or_an_action_after_30_days():
    fresh = [review(TODAY)]
    assert quality.completeness(data(fresh, [incident(29)])).complete
    with translation.override("en"):
        old = quality.completeness(data(fresh, [incident(30), incident(40)]))
        assert old.missing == ("2 incidents older than 30 days have no root cause or action.",)
    handled = [incident(30, root_cause="Geen afspraak"), incident(40, action="Elke week bellen")]
    assert quality.completeness(data(fresh, handled)).complete
    assert quality.completeness(data(fresh, [incident(60, kind="idea")])).complete


@pytest.mark.django_db
def test_a_member_logs_an_incident_on_a_link_and_holds_a_review(login, cast):
    client = login(cast.member_b)
    create = reverse("workspace:improvements_create", args=[cast.collab.pk])
    refused = client.post(create, {"kind": "incident", "link_key": "roles", "description": ""})
    assert refused.status_code == 200 and quality.Improvement.objects.count() == 0
    made = client.post(
        create, {"kind": "incident", "link_key": "roles", "description": "Data kwam te laat"}
    )
    assert made.status_code == 302
    entry = quality.Improvement.objects.get()
    assert (entry.link_key, entry.created_by) == ("roles", cast.member_b)
    review_url = reverse("workspace:reviews_create", args=[cast.collab.pk])
    client.post(review_url, {"held_on": "2026-12-01", "cadence_weeks": "6"})
    page = client.get(reverse("workspace:quality", args=[cast.collab.pk])).content.decode()
    assert "Data kwam te laat" in page
