"""The business case's completeness rule, as a pure function, at its boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from ritsen.workspace.completeness import Completeness, PartyRef, RegisterData
from ritsen.workspace.registers.business_case import completeness

A, B = PartyRef(1, "Gemeente Aa"), PartyRef(2, "Leverancier Bee")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


GOAL = {"indicator": "Wachttijd in dagen", "target_value": Decimal("5"), "party": None}


def data(goals=(), values=(), contributions=()) -> RegisterData:
    return RegisterData(
        parties=[A, B],
        items={
            "goals": list(goals),
            "values": [{"party": p} for p in values],
            "contributions": [{"party": p} for p in contributions],
        },
    )


def test_an_empty_register_is_0_percent_and_says_all_that_is_missing():
    result = completeness(data())
    assert (result.done, result.total, result.percent) == (0, 5, 0)
    assert result.missing[0] == "Add a shared goal with an indicator and a target value."
    assert "Gemeente Aa has not stated what it expects to gain." in result.missing
    assert "Leverancier Bee has not stated what it contributes." in result.missing


def test_a_goal_counts_only_with_both_an_indicator_and_a_target():
    for goal in ({**GOAL, "indicator": "  "}, {**GOAL, "target_value": None}):
        assert completeness(data(goals=[goal])).done == 0
    assert completeness(data(goals=[{**GOAL, "target_value": Decimal("0")}])).done == 1


def test_complete_when_every_party_states_a_value_and_a_contribution():
    almost = completeness(data(goals=[GOAL], values=[1, 2], contributions=[1]))
    assert (almost.percent, almost.complete) == (80, False)
    assert almost.missing == ("Leverancier Bee has not stated what it contributes.",)
    done = completeness(data(goals=[GOAL], values=[1, 2], contributions=[1, 2, 2]))
    assert (done.percent, done.complete, done.missing) == (100, True, ())


def test_percent_rounds_down_so_100_means_nothing_missing():
    assert Completeness(done=2, total=3).percent == 66
    assert Completeness(done=0, total=0).percent == 100
