"""The workspace's pages: every link with its completeness ("not available yet" where
its register comes later), a register's items with what is missing, adding, editing
and removing with the one rule (a party's own items are its people's; the facilitator
moderates), each item's history, and actions with filters and overdue marks."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ritsen.workspace.models import Action, ExpectedValue, SharedGoal

pytestmark = pytest.mark.django_db


def url(name, cast, *args):
    return reverse(f"workspace:{name}", args=[cast.collab.pk, *args])


def test_the_workspace_shows_each_link_with_its_completeness(login, cast):
    cast.member_b.language = "en"
    cast.member_b.save()
    page = login(cast.member_b).get(url("index", cast)).content.decode()
    assert "1. Business case" in page and "4. Agreements and contracts" in page
    assert page.count(">0% complete") == 9  # every link has its register
    assert page.count("not available yet") == 0
    assert "Gemeente Aa" in page  # what is missing names the party
    assert login(cast.outsider).get(url("index", cast)).status_code == 404


def test_a_member_adds_a_shared_goal_and_it_completes_part_of_the_link(login, cast):
    cast.member_a.language = "en"
    cast.member_a.save()
    client = login(cast.member_a)
    form = client.get(url("goals_create", cast))
    assert form.status_code == 200 and 'type="date"' in form.content.decode()
    response = client.post(
        url("goals_create", cast),
        {
            "title": "Eén loket voor inwoners",
            "indicator": "Wachttijd in dagen",
            "target_value": "5",
            "target_unit": "dagen",
            "target_date": "2027-06-30",
            "owner_party": cast.party_a.pk,
        },
    )
    assert response.status_code == 302
    goal = SharedGoal.objects.get()
    assert goal.created_by == cast.member_a and goal.link_key == "business_case"
    page = client.get(url("business_case", cast)).content.decode()
    assert "Eén loket voor inwoners" in page and "20% complete" in page
    assert "Add a shared goal with an indicator" not in page


def test_invalid_input_keeps_what_was_entered_and_says_where(login, cast):
    cast.coord_a.language = "en"
    cast.coord_a.save()
    response = login(cast.coord_a).post(
        url("goals_create", cast),
        {"title": "", "indicator": "Tevredenheid", "target_value": "veel"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and not SharedGoal.objects.exists()
    assert "This field is required." in body and "Enter a number." in body
    assert 'value="Tevredenheid"' in body


def test_a_party_s_own_items_are_its_people_s_and_the_facilitator_moderates(login, cast):
    client = login(cast.member_a)
    form = client.get(url("values_create", cast)).content.decode()
    assert "Gemeente Aa" in form and "Leverancier Bee" not in form  # only their party
    client.post(url("values_create", cast), {"party": cast.party_a.pk, "kind": "money"})
    value = ExpectedValue.objects.get()
    # Party B can see it, but neither edit nor remove it — not even by posting B's party.
    other = login(cast.coord_b)
    assert "Gemeente Aa" in other.get(url("business_case", cast)).content.decode()
    assert other.get(url("values_edit", cast, value.pk)).status_code == 403
    assert other.post(url("values_delete", cast, value.pk)).status_code == 403
    # Adding one in party A's name: not a choice B has (the form says so, nothing made).
    posed = other.post(url("values_create", cast), {"party": cast.party_a.pk, "kind": "time"})
    assert posed.status_code == 200 and 'class="field-error' in posed.content.decode()
    assert ExpectedValue.objects.count() == 1
    # The facilitator moderates: may change and remove it.
    moderator = login(cast.facilitator)
    moderator.post(
        url("values_edit", cast, value.pk),
        {"party": cast.party_a.pk, "kind": "quality", "estimate": "betere zorg"},
    )
    value.refresh_from_db()
    assert value.kind == "quality" and value.updated_by == cast.facilitator
    assert moderator.get(url("values_delete", cast, value.pk)).status_code == 200  # asks
    assert moderator.post(url("values_delete", cast, value.pk)).status_code == 302
    assert not ExpectedValue.objects.exists()


def test_each_item_keeps_its_history_with_who_changed_what(login, cast):
    client = login(cast.coord_a)
    client.post(url("goals_create", cast), {"title": "Sneller", "indicator": "Dagen"})
    goal = SharedGoal.objects.get()
    login(cast.coord_b).post(
        url("goals_edit", cast, goal.pk), {"title": "Sneller helpen", "indicator": "Dagen"}
    )
    page = login(cast.member_b).get(url("goals_history", cast, goal.pk)).content.decode()
    # escaped: generated names may hold an apostrophe ('s Gravensande)
    assert page.index(escape(cast.coord_b.display_name)) < page.index(
        escape(cast.coord_a.display_name)
    )
    assert "<del>Sneller</del>" in page and "<ins>Sneller helpen</ins>" in page


def test_a_party_with_workspace_items_is_not_removed(login, cast):
    client = login(cast.facilitator)
    party = client.post(
        reverse("collaborations:party_add", args=[cast.collab.pk]),
        {"new_organisation": "Derde", "role": "partner"},
    )
    assert party.status_code == 302
    third = cast.collab.parties.get(organisation__name="Derde")
    client.post(url("contributions_create", cast), {"party": third.pk, "kind": "assets"})
    refused = client.post(reverse("collaborations:party_remove", args=[cast.collab.pk, third.pk]))
    assert refused.status_code == 409 and "workspace item" in refused.content.decode().replace(
        "werkruimte-item", "workspace item"
    )


def test_actions_are_filtered_marked_overdue_and_prefilled_from_a_link(login, cast):
    client = login(cast.member_a)
    form = client.get(url("actions_create", cast) + "?link=processes&title=Proces+tekenen")
    body = form.content.decode()
    assert 'value="processes" selected' in body and 'value="Proces tekenen"' in body
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for title, link, status in (
        ("Proces tekenen", "processes", "open"),
        ("Contract lezen", "agreements", "done"),
    ):
        client.post(
            url("actions_create", cast),
            {
                "title": title,
                "link_key": link,
                "owner_party": cast.party_a.pk,
                "owner": cast.member_a.pk,
                "due_date": yesterday.isoformat(),
                "status": status,
            },
        )
    assert Action.objects.count() == 2
    assert Action.objects.get(title="Contract lezen").done_at is not None
    page = client.get(url("actions", cast)).content.decode()
    assert page.count("row-overdue") == 1  # a done action is not overdue
    filtered = client.get(url("actions", cast) + "?link=agreements").content.decode()
    assert "Contract lezen" in filtered and "Proces tekenen" not in filtered
    pending = client.get(url("actions", cast) + "?status=pending").content.decode()
    assert "Proces tekenen" in pending and "Contract lezen" not in pending
    # The owner must be one of the owner party's people.
    wrong = client.post(
        url("actions_create", cast),
        {"title": "X", "link_key": "roles", "owner_party": cast.party_b.pk,
         "owner": cast.member_a.pk, "status": "open"},
    )  # fmt: skip
    assert wrong.status_code == 200 and Action.objects.count() == 2


def test_the_empty_actions_list_says_how_to_add_one(login, cast):
    cast.member_b.language = "en"
    cast.member_b.save()
    page = login(cast.member_b).get(url("actions", cast)).content.decode()
    assert "No actions yet." in page
    assert (
        "No actions match these filters."
        in login(cast.member_b).get(url("actions", cast) + "?status=done").content.decode()
    )
