"""Information provision (link 8) and technology (link 9): the needs matrix with its
unmet needs, the systems and interfaces, and when each register is complete."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.workspace import services
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import information, technology

A, B = PartyRef(1, "Aa"), PartyRef(2, "Bee")


def need(id_=1, **given):
    row = {
        "id": id_, "item": f"Gegeven {id_}", "needed_by": 1, "supplied_by": 2,
        "moment": "Dagelijks", "channel": 10, "carried_by": 20,
        "sensitivity": "internal", "legal_basis": "",
    }  # fmt: skip
    return {**row, **given}


SYSTEMS = [{"id": 10, "name": "KCS", "owner_party": 2}, {"id": 11, "name": "Zaak"}]
LIVE = {"id": 20, "from_system": 10, "to_system": 11, "status": "live"}


def data(needs, systems=SYSTEMS, interfaces=(LIVE,)) -> RegisterData:
    return RegisterData(
        parties=[A, B],
        items={"needs": list(needs), "systems": list(systems), "interfaces": list(interfaces)},
    )


def test_an_empty_needs_matrix_is_0_percent():
    with translation.override("en"):
        empty = information.completeness(data([]))
        assert (empty.percent, empty.missing) == (0, ("Add the information each party needs.",))


def test_every_need_has_a_supplier_a_moment_and_a_system():
    assert information.completeness(data([need()])).complete
    with translation.override("en"):
        bare = need(supplied_by=None, moment=" ", channel=None)
        assert information.completeness(data([bare])).missing == (
            "“Gegeven 1”: no supplier, no moment, no system.",
        )
        assert information.completeness(data([need(moment="")])).missing == (
            "“Gegeven 1”: no moment.",
        )


def test_personal_data_needs_a_legal_basis():
    with translation.override("en"):
        personal = information.completeness(data([need(sensitivity="personal")]))
        assert personal.missing == ("“Gegeven 1” holds personal data but has no legal basis.",)
    based = need(sensitivity="personal", legal_basis="public_task")
    assert information.completeness(data([based])).complete
    assert information.completeness(data([need(sensitivity="confidential")])).complete


def test_technology_needs_a_system_and_every_channel_must_be_one():
    with translation.override("en"):
        assert technology.completeness(data([], systems=[], interfaces=[])).missing == (
            "Add the systems the collaboration works with.",
        )
        assert technology.completeness(data([])).complete
        unknown = technology.completeness(data([need(channel=None)]))
        assert unknown.missing == ("“Gegeven 1”: its channel is no known system.",)


def test_a_need_between_two_parties_is_carried_by_a_live_or_planned_interface():
    message = (
        "“Gegeven 1” goes from one party to another but no live or planned interface carries it."
    )
    with translation.override("en"):
        assert technology.completeness(data([need(carried_by=None)])).missing == (message,)
        retired = {**LIVE, "status": "retired"}
        assert technology.completeness(data([need()], interfaces=[retired])).missing == (message,)
    planned = {**LIVE, "status": "planned"}
    assert technology.completeness(data([need()], interfaces=[planned])).complete
    # Within one party, or without a supplier, no interface is needed.
    assert technology.completeness(data([need(supplied_by=1, carried_by=None)])).complete
    assert technology.completeness(data([need(supplied_by=None, carried_by=None)])).complete


@pytest.mark.django_db
def test_unmet_needs_are_flagged_in_the_list(login, cast):
    access = cast.access(cast.coord_a)
    services.create_item(
        access=access, kind=information.NEEDS, register=information.REGISTER,
        data={"item": "Wachtlijst", "needed_by": cast.party_a, "supplied_by": None,
              "moment": "", "channel": None, "carried_by": None,
              "sensitivity": "personal", "legal_basis": ""},
    )  # fmt: skip
    cast.member_b.language = "en"
    cast.member_b.save()
    page = login(cast.member_b).get(reverse("workspace:information", args=[cast.collab.pk]))
    html = page.content.decode()
    for flag in ("unmet: no supplier", "unmet: no system", "personal data without a legal basis"):
        assert f"! {flag}</span>" in html
    assert 'class="row-flagged"' in html


@pytest.mark.django_db
def test_the_forms_refuse_a_legal_basis_for_other_data_and_an_interface_to_itself(login, cast):
    client = login(cast.coord_a)
    cast.coord_a.language = "en"
    cast.coord_a.save()
    refused = client.post(
        reverse("workspace:needs_create", args=[cast.collab.pk]),
        {"item": "Rooster", "needed_by": cast.party_a.pk, "sensitivity": "internal",
         "legal_basis": "consent", "moment": "Wekelijks"},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "A legal basis belongs to personal data only." in refused.content.decode()
    assert 'value="Wekelijks"' in refused.content.decode()  # nothing typed is lost
    system = services.create_item(
        access=cast.access(cast.coord_a), kind=technology.SYSTEMS, register=technology.REGISTER,
        data={"name": "KCS", "owner_party": cast.party_a, "purpose": "", "hosting": ""},
    )  # fmt: skip
    loop = client.post(
        reverse("workspace:interfaces_create", args=[cast.collab.pk]),
        {"from_system": system.pk, "to_system": system.pk, "status": "planned"},
    )
    assert "An interface connects two different systems." in loop.content.decode()
    assert not technology.Interface.objects.exists()
