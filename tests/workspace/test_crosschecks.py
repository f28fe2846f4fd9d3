"""The cross-checks between registers and exit readiness: pure functions with their
boundary cases, and both on their pages — the demo's deliberate inconsistencies
included."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.collaborations.constants import PartyRole
from ritsen.workspace import crosschecks, exit
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import registry
from ritsen.workspace.selectors import chart_mark

A, B = PartyRef(1, "Aa", PartyRole.CLIENT), PartyRef(2, "Bee", PartyRole.CONTRACTOR)


def data(**items) -> RegisterData:
    return RegisterData(parties=[A, B], items=items)


def test_a_need_supplied_by_a_party_without_a_system_is_flagged():
    needs = [
        {"id": 5, "item": "Rooster", "supplied_by": 2},
        {"id": 6, "item": "X", "supplied_by": None},
    ]
    with translation.override("en"):
        found = crosschecks.supplier_without_system(data(needs=needs, systems=[]))
    assert [(f.kind, f.item, f.text) for f in found] == [
        ("needs", 5, "“Rooster” is supplied by Bee, which owns no system (link 9).")
    ]
    owned = [{"id": 1, "owner_party": 2}]
    assert crosschecks.supplier_without_system(data(needs=needs, systems=owned)) == []


def _steps(information):
    return [
        {"id": 1, "process": 9, "number": 1, "party": 1, "deliverable": "Dossier",
         "information": information},
        {"id": 2, "process": 9, "number": 2, "party": 2, "deliverable": "", "information": None},
    ]  # fmt: skip


def test_a_handover_whose_deliverable_is_no_information_item_is_flagged():
    processes = [{"id": 9, "name": "Intake"}]
    with translation.override("en"):
        found = crosschecks.handover_without_information(
            data(processes=processes, steps=_steps(None), needs=[])
        )
    assert [(f.kind, f.item, f.text) for f in found] == [
        (
            "steps",
            1,
            "“Intake”, step 1 hands over “Dossier”, which is no information item (link 8).",
        )
    ]
    linked = data(processes=processes, steps=_steps(7), needs=[{"id": 7}])
    assert crosschecks.handover_without_information(linked) == []
    # A removed need no longer counts as an information item.
    assert len(crosschecks.handover_without_information(
        data(processes=processes, steps=_steps(7), needs=[])
    )) == 1  # fmt: skip


def test_an_accountable_party_with_no_step_in_the_process_is_flagged():
    processes = [{"id": 9, "name": "Intake"}]
    steps = [{"id": 1, "process": 9, "number": 1, "party": 1}]
    activity = [{"id": 3, "title": "Intake doen", "step": 1}]
    accountable_b = [{"activity": 3, "party": 2, "letters": "A"}]
    with translation.override("en"):
        found = crosschecks.accountable_without_step(
            data(processes=processes, steps=steps, activities=activity, raci=accountable_b)
        )
    assert [f.text for f in found] == [
        "“Intake doen”: Bee is accountable but responsible for no step of “Intake” (link 5)."
    ]
    accountable_a = [{"activity": 3, "party": 1, "letters": "RA"}]
    fine = data(processes=processes, steps=steps, activities=activity, raci=accountable_a)
    assert crosschecks.accountable_without_step(fine) == []
    unlinked = [{"id": 3, "title": "Intake doen", "step": None}]
    assert crosschecks.accountable_without_step(
        data(processes=processes, steps=steps, activities=unlinked, raci=accountable_b)
    ) == []  # fmt: skip


def test_a_system_no_interface_and_no_need_uses_is_flagged():
    systems = [{"id": 1, "name": "KCS"}, {"id": 2, "name": "Zaak"}, {"id": 3, "name": "Oud"}]
    interfaces = [{"from_system": 1, "to_system": 2}]
    with translation.override("en"):
        found = crosschecks.unused_system(data(systems=systems, interfaces=interfaces, needs=[]))
    assert [(f.item, f.text) for f in found] == [
        (3, "System “Oud” is used by no interface and no information need.")
    ]
    used = data(systems=systems, interfaces=interfaces, needs=[{"channel": 3}])
    assert crosschecks.unused_system(used) == []


def test_exit_tasks_follow_each_register_s_rules_for_the_leaving_party():
    rows = {
        "steps": [{"id": 1, "party": 2, "label": "Intake · 1. Aannemen"}, {"id": 2, "party": 1}],
        "needs": [{"id": 4, "needed_by": 1, "supplied_by": 2, "label": "Rooster"}],
        "systems": [{"id": 6, "owner_party": 2, "label": "KCS"}],
    }
    leaving = RegisterData(parties=[A, B], items=rows)
    with translation.override("en"):
        steps = exit.tasks(registry.get("processes").on_exit, leaving, 2)
        needs = exit.tasks(registry.get("information").on_exit, leaving, 2)
        systems = exit.tasks(registry.get("technology").on_exit, leaving, 2)
        strategy = exit.tasks(registry.get("strategy").on_exit, leaving, 2)
    assert [(t.item, t.name, t.todo) for t in steps] == [
        (1, "Intake · 1. Aannemen", "Reassign this step to another party.")
    ]
    assert [(t.item, t.todo) for t in needs] == [(4, "Another party takes over supplying it.")]
    assert systems[0].item == 6 and "remove their access" in systems[0].todo
    # A party's private data is named as a whole, never counted or listed.
    assert [(t.item, t.todo) for t in strategy] == [
        (None, "Its strategic goals and their map leave with the party's own data.")
    ]
    assert exit.tasks(registry.get("quality").on_exit, leaving, 2) == []
    assert exit.tasks(registry.get("processes").on_exit, leaving, 3) == []


def test_a_link_without_a_register_is_not_available_rather_than_0_percent():
    with translation.override("en"):
        assert chart_mark(None).text == "register: not available yet"


@pytest.mark.django_db
def test_the_demo_lists_its_deliberate_inconsistencies_with_links_to_fix_them(client):
    from ritsen.demo.data import create_demo

    collaboration = create_demo()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="coordinator@lindenhoven.demo")
    user.language = "en"
    user.save()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("workspace:index", args=[collaboration.pk])).content.decode()
    section = html[html.index('id="inconsistencies-heading"') :]
    for text in (
        "which owns no system (link 9)",
        "which is no information item (link 8)",
        "is accountable but responsible for no step",
        "System “Oud intranet” is used by no interface and no information need.",
    ):
        assert text in section
    assert section.count('<a href="/collaborations/') == 4
    assert f"/collaborations/{collaboration.pk}/workspace/technology/systems/" in section
    # All nine links have a register with a completeness, none "not available".
    assert html.count("% complete") >= 9 and "not available yet" not in html


@pytest.mark.django_db
def test_the_exit_page_lists_what_happens_per_link_without_private_data(login, cast):
    from ritsen.workspace import services
    from ritsen.workspace.registers import processes, strategy

    access_a = cast.access(cast.coord_a)
    made = services.create_item(
        access=access_a, kind=processes.PROCESSES, register=processes.REGISTER,
        data={"name": "Intake", "purpose": ""},
    )  # fmt: skip
    services.create_item(
        access=access_a, kind=processes.STEPS, register=processes.REGISTER,
        data={"process": made, "number": 1, "title": "Aannemen", "party": cast.party_b},
    )  # fmt: skip
    services.create_item(  # party B's own strategy, not shared: nobody else sees it
        access=cast.access(cast.coord_b), kind=strategy.STRATEGIC_GOALS,
        register=strategy.REGISTER, data={"party": cast.party_b, "title": "Geheime groei"},
    )  # fmt: skip
    cast.facilitator.language = "en"
    cast.facilitator.save()
    client = login(cast.facilitator)
    url = reverse("workspace:exit", args=[cast.collab.pk])
    html = client.get(url, {"party": cast.party_b.pk}).content.decode()
    assert "If Leverancier Bee leaves" in html
    assert "Intake · 1. Aannemen</a>: Reassign this step to another party." in html
    assert "Its strategic goals and their map leave with the party&#x27;s own data." in html
    assert "Geheime groei" not in html
    other = client.get(url, {"party": cast.party_a.pk}).content.decode()
    assert "Reassign this step" not in other and "If Gemeente Aa leaves" in other
    assert client.get(url, {"party": "not-a-party"}).status_code == 200  # the first party


def _grow(cast, times: int) -> None:
    """``times`` × a process of two steps (a handover), a need, a system, an activity."""
    from ritsen.workspace import services
    from ritsen.workspace.registers import information, processes, roles, technology

    access = cast.access(cast.coord_a)

    def add(kind, register, **data):
        return services.create_item(access=access, kind=kind, register=register, data=data)

    for n in range(times):
        system = add(
            technology.SYSTEMS, technology.REGISTER, name=f"S{n}", owner_party=cast.party_a
        )
        need = add(information.NEEDS, information.REGISTER, item=f"N{n}", needed_by=cast.party_b,
                   supplied_by=cast.party_a, channel=system)  # fmt: skip
        process = add(processes.PROCESSES, processes.REGISTER, name=f"P{n}")
        first = add(processes.STEPS, processes.REGISTER, process=process, number=1, title="Een",
                    party=cast.party_a, deliverable="D", information=need)  # fmt: skip
        add(processes.STEPS, processes.REGISTER, process=process, number=2, title="Twee",
            party=cast.party_b)  # fmt: skip
        activity = add(roles.ACTIVITIES, roles.REGISTER, title=f"T{n}", step=first)
        add(roles.RACI, roles.REGISTER, activity=activity, party=cast.party_b, letters="A")


@pytest.mark.django_db
def test_the_workspace_pages_read_each_kind_once_however_many_items(login, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.coord_a)
    pages = ["workspace:index", "workspace:processes", "workspace:roles", "workspace:exit"]

    def counts() -> list[int]:
        found = []
        for name in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=[cast.collab.pk])).status_code == 200
            found.append(len(queries))
        return found

    _grow(cast, 1)
    one = counts()
    _grow(cast, 4)
    assert counts() == one


@pytest.mark.django_db
def test_a_leaving_party_s_open_actions_are_closed_or_handed_over(login, cast):
    from ritsen.workspace import services
    from ritsen.workspace.actions import ACTIONS

    access = cast.access(cast.coord_b)
    for title, status in (("Bellen", "open"), ("Mailen", "done"), ("Schrijven", "dropped")):
        services.create_item(
            access=access, kind=ACTIONS, register=None,
            data={"title": title, "link_key": "roles", "owner_party": cast.party_b,
                  "status": status},
        )  # fmt: skip
    cast.coord_a.language = "en"
    cast.coord_a.save()
    html = (
        login(cast.coord_a)
        .get(reverse("workspace:exit", args=[cast.collab.pk]), {"party": cast.party_b.pk})
        .content.decode()
    )
    assert "Bellen</a>: Close it, or hand it over to another party." in html
    assert "Mailen" not in html and "Schrijven" not in html


@pytest.mark.django_db
def test_a_need_naming_a_party_twice_counts_once_among_what_it_holds(cast):
    from ritsen.workspace import services
    from ritsen.workspace.registers import information
    from ritsen.workspace.selectors import party_items

    services.create_item(
        access=cast.access(cast.coord_a), kind=information.NEEDS, register=information.REGISTER,
        data={"item": "Eigen rooster", "needed_by": cast.party_a, "supplied_by": cast.party_a},
    )  # fmt: skip
    with translation.override("en"):
        assert party_items(cast.party_a) == ["1 workspace item"]
