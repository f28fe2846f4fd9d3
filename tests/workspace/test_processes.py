"""The processes register (link 5): ordered steps, handovers between parties, when it is
complete, and the swimlane diagram with its text alternative."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.workspace import services
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import processes

A, B = PartyRef(1, "Aa"), PartyRef(2, "Bee")


def step(id_, number, party, deliverable="", criterion="", process=1):
    return {
        "id": id_, "process": process, "number": number, "party": party and party.id,
        "deliverable": deliverable, "criterion": criterion,
    }  # fmt: skip


def data(*steps, processes_=({"id": 1, "name": "Intake"},)) -> RegisterData:
    return RegisterData(parties=[A, B], items={"processes": list(processes_), "steps": list(steps)})


def test_an_empty_register_is_0_percent_and_asks_for_a_process_of_two_steps():
    with translation.override("en"):
        empty = processes.completeness(data(processes_=()))
        assert (empty.percent, empty.missing) == (0, ("Add a process with at least two steps.",))
        one = processes.completeness(data(step(1, 1, A)))
        assert not one.complete and "Add a process with at least two steps." in one.missing


def test_two_steps_of_one_party_are_complete_without_a_handover():
    assert processes.completeness(data(step(1, 1, A), step(2, 2, A))).complete


def test_every_step_needs_a_responsible_party():
    with translation.override("en"):
        found = processes.completeness(data(step(1, 1, A), step(2, 2, None), step(3, 3, None)))
        assert found.missing == ("2 steps have no responsible party.",)


def test_a_handover_to_another_party_names_its_deliverable_and_quality_criterion():
    with translation.override("en"):
        bare = processes.completeness(data(step(1, 1, A), step(2, 2, B)))
        assert bare.missing == (
            "“Intake”, step 1 is a handover but names no deliverable.",
            "“Intake”, step 1 is a handover without a quality criterion.",
        )
        half = processes.completeness(data(step(1, 1, A, deliverable="Dossier"), step(2, 2, B)))
        assert half.missing == ("“Intake”, step 1 is a handover without a quality criterion.",)
    named = data(step(1, 1, A, "Dossier", "Volledig"), step(2, 2, B))
    assert processes.completeness(named).complete


def test_the_order_is_the_step_number_not_the_order_of_entry():
    # Entered as 2 (B), then 1 (A): step 1 hands over to B; the last step never does.
    rows = [step(7, 2, B), step(8, 1, A)]
    assert [s["id"] for s in processes.ordered(rows, 1)] == [8, 7]
    assert [(s["id"], to) for s, to in processes.handovers(processes.ordered(rows, 1))] == [(8, 2)]
    assert processes.handovers(processes.ordered([step(1, 1, A), step(2, 2, A)], 1)) == []


@pytest.mark.django_db
def test_the_swimlane_shows_a_lane_per_party_and_says_the_same_in_text(login, cast):
    access = cast.access(cast.coord_a)
    made = services.create_item(
        access=access, kind=processes.PROCESSES, register=processes.REGISTER,
        data={"name": "Melding verwerken", "purpose": ""},
    )  # fmt: skip
    for number, title, party, deliverable in (
        (1, "Melding aannemen", cast.party_a, "Meldingsformulier"),
        (2, "Melding oplossen", cast.party_b, ""),
        (3, "Nabellen", None, ""),
    ):
        services.create_item(
            access=access, kind=processes.STEPS, register=processes.REGISTER,
            data={"process": made, "number": number, "title": title, "party": party,
                  "deliverable": deliverable, "criterion": ""},
        )  # fmt: skip
    cast.coord_a.language = "en"
    cast.coord_a.save()
    page = login(cast.coord_a).get(reverse("workspace:processes", args=[cast.collab.pk]))
    html = page.content.decode()
    start = html.index('<figure class="swimlane"')
    svg = html[html.index("<svg", start) : html.index("</svg>", start)]
    assert 'role="img"' in svg and "Swimlane diagram of “Melding verwerken”" in svg
    for lane in ("Gemeente Aa", "Leverancier Bee", "No party yet"):
        assert f">{lane}</text>" in svg
    assert ">Meldingsformulier</text>" in svg  # the handover's deliverable on its arrow
    assert svg.count('stroke-dasharray="6 4"') == 1  # the incomplete handover (no criterion)
    text = html[html.index('<ol class="swimlane__steps">') :]
    assert "Handover to Leverancier Bee" in text and "no quality criterion" in text
    assert "no responsible party" in text
    # Step 2 → 3 has no party on one side: not a handover, and no arrow label for it.
    assert "Handover to Gemeente Aa" not in text


@pytest.mark.django_db
def test_a_process_without_steps_and_no_processes_have_their_empty_states(login, cast):
    client = login(cast.member_a)
    url = reverse("workspace:processes", args=[cast.collab.pk])
    cast.member_a.language = "en"
    cast.member_a.save()
    assert "No processes yet." in client.get(url).content.decode()
    services.create_item(
        access=cast.access(cast.coord_a), kind=processes.PROCESSES,
        register=processes.REGISTER, data={"name": "Leeg", "purpose": ""},
    )  # fmt: skip
    assert "This process has no steps yet." in client.get(url).content.decode()


@pytest.mark.django_db
def test_numbers_have_the_same_limits_on_every_database(login, cast):
    from ritsen.workspace.registers import quality

    cast.coord_a.language = "en"
    cast.coord_a.save()
    client = login(cast.coord_a)
    made = services.create_item(
        access=cast.access(cast.coord_a), kind=processes.PROCESSES,
        register=processes.REGISTER, data={"name": "Intake", "purpose": ""},
    )  # fmt: skip
    step = client.post(
        reverse("workspace:steps_create", args=[cast.collab.pk]),
        {"process": made.pk, "number": 70000, "title": "Te ver"},
    )
    assert step.status_code == 200 and "less than or equal to 999" in step.content.decode()
    review = client.post(
        reverse("workspace:reviews_create", args=[cast.collab.pk]),
        {"held_on": "2026-11-01", "cadence_weeks": 600000},
    )
    assert review.status_code == 200 and "less than or equal to 104" in review.content.decode()
    assert not processes.Step.objects.exists() and not quality.Review.objects.exists()
    # The workspace overview, which computes the next review from the cadence, stands.
    assert client.get(reverse("workspace:index", args=[cast.collab.pk])).status_code == 200
