"""The lifecycle's transition table (pure): every guard passing and failing, and the
facilitator's override of the round's guard."""

from __future__ import annotations

import pytest
from django.utils import translation

from ritsen.collaborations.constants import Stage
from ritsen.lifecycle import rules
from ritsen.lifecycle.rules import Facts

TWO = ("Gemeente", "Leverancier")
READY = Facts(parties=TWO, shared_round=True)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_stages_go_in_order_and_active_goes_back_to_aligning():
    assert rules.targets(Stage.EXPLORING) == [Stage.PREPARING]
    assert rules.targets(Stage.PREPARING) == [Stage.ALIGNING]
    assert rules.targets(Stage.ALIGNING) == [Stage.ACTIVE]
    assert rules.targets(Stage.ACTIVE) == [Stage.ALIGNING, Stage.UNZIPPING]
    assert rules.targets(Stage.UNZIPPING) == [Stage.CLOSED]
    assert rules.targets(Stage.CLOSED) == []
    assert rules.missing(Stage.EXPLORING, Stage.ACTIVE, READY) == [
        "A collaboration cannot go from “exploring” to “active”."
    ]


def test_preparing_needs_two_parties_each_with_a_coordinator():
    assert rules.missing(Stage.EXPLORING, Stage.PREPARING, Facts(parties=TWO)) == []
    assert rules.missing(Stage.EXPLORING, Stage.PREPARING, Facts(parties=TWO[:1])) == [
        "A collaboration needs at least two parties."
    ]
    alone = Facts(parties=TWO, without_coordinator=("Leverancier",))
    assert rules.missing(Stage.EXPLORING, Stage.PREPARING, alone) == [
        "Every party needs a coordinator: Leverancier has none yet."
    ]
    both = Facts(parties=TWO, without_coordinator=TWO)
    assert rules.missing(Stage.EXPLORING, Stage.PREPARING, both) == [
        "Every party needs a coordinator: Gemeente, Leverancier have none yet."
    ]


def test_aligning_needs_every_party_s_shared_profile():
    assert rules.missing(Stage.PREPARING, Stage.ALIGNING, Facts(parties=TWO)) == []
    waiting = Facts(parties=TWO, profile_not_shared=("Gemeente",))
    assert rules.missing(Stage.PREPARING, Stage.ALIGNING, waiting) == [
        "Every party shares its profile first: Gemeente has not yet."
    ]


def test_active_needs_a_round_without_weak_links_complete_registers_and_every_approval():
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, READY) == []
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, Facts(parties=TWO)) == [
        "Share the results of a round of the rits-scan first."
    ]
    weak = Facts(parties=TWO, shared_round=True, weak_links=("Cultuur", "Techniek"))
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, weak) == [
        "The latest shared round has weak or missing links: Cultuur, Techniek."
    ]
    everything = Facts(
        parties=TWO, shared_round=True, weak_links=("Cultuur",),
        incomplete_registers=("Business case",), not_approved=("Leverancier",),
    )  # fmt: skip
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, everything) == [
        "The latest shared round has a weak or missing link: Cultuur.",
        "The register “Business case” is not complete yet.",
        "A coordinator of every party approves: Leverancier has not yet.",
    ]


def test_the_override_passes_the_round_s_guard_only():
    overridden = Facts(
        parties=TWO, weak_links=("Cultuur",), override="We gaan door en werken eraan.",
        not_approved=("Gemeente",),
    )  # fmt: skip
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, overridden) == [
        "A coordinator of every party approves: Gemeente has not yet."
    ]
    blank = Facts(parties=TWO, weak_links=("Cultuur",), shared_round=True, override="  ")
    assert rules.missing(Stage.ALIGNING, Stage.ACTIVE, blank) != []
    assert (Stage.ALIGNING, Stage.ACTIVE) in rules.MAY_OVERRIDE
    assert rules.MAY_OVERRIDE == rules.NEEDS_APPROVAL == {(Stage.ALIGNING, Stage.ACTIVE)}


def test_unzipping_and_refounding_need_a_reason_and_closing_an_empty_checklist():
    for to in (Stage.UNZIPPING, Stage.ALIGNING):
        assert rules.missing(Stage.ACTIVE, to, Facts(reason=" ")) == ["Give a reason."]
        assert rules.missing(Stage.ACTIVE, to, Facts(reason="De opdracht is klaar.")) == []
    assert rules.missing(Stage.UNZIPPING, Stage.CLOSED, Facts(exit_open=0)) == []
    assert rules.missing(Stage.UNZIPPING, Stage.CLOSED, Facts(exit_open=1)) == [
        "1 task of the exit checklist is not done yet."
    ]


def test_a_task_key_s_item_is_renumbered_and_a_whole_part_s_key_stays():
    from ritsen.lifecycle.checklist import renumber

    refs = {("steps", 41): 1}
    assert renumber("processes:0:steps:41", lambda kind, pk: refs.get((kind, pk))) == (
        "processes:0:steps:1"
    )
    assert renumber("processes:0:steps:42", lambda kind, pk: refs.get((kind, pk))) is None
    assert renumber("agreements:2::", lambda kind, pk: None) == "agreements:2::"
    assert renumber("processes:0:steps:²", lambda kind, pk: 1) is None
