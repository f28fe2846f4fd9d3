"""Rounds with varied answers for the export tests.

``make_scan`` gives every respondent the same score; exports need the awkward cases
too: "don't know", unanswered statements, reverse statements, a response with only
"don't know" and one without answers.
"""

import random

import pytest

from ritsen.assessments import services
from ritsen.assessments.models import Response
from tests.assessments.conftest import close, release


def add_responses(round_, party, count, *, seed, dont_know_only=0, empty=0):
    """``count`` responses with random answers, plus some without a real answer."""
    rng = random.Random(seed)
    spec = round_.framework.spec
    for _ in range(count):
        answers = {}
        for statement in spec.statements:
            roll = rng.random()
            if roll < 0.1:
                continue  # not answered
            answers[statement.id] = None if roll < 0.2 else rng.randint(1, 5)
        Response.objects.create(round=round_, party=party, answers=answers, submitted=True)
    for _ in range(dont_know_only):
        answers = {s.id: None for s in spec.statements[:5]}
        Response.objects.create(round=round_, party=party, answers=answers, submitted=True)
    for _ in range(empty):
        Response.objects.create(round=round_, party=party, answers={}, submitted=False)


def varied_round(cast, *, count_a=6, count_b=4, title="Nulmeting"):
    round_ = services.open_round(access=cast.access(cast.facilitator), title=title)
    add_responses(round_, cast.party_a, count_a, seed=1, dont_know_only=1, empty=1)
    add_responses(round_, cast.party_b, count_b, seed=2)
    return round_


def release_all(round_, cast):
    close(cast, round_)
    release(cast, round_, cast.party_a)
    release(cast, round_, cast.party_b)
    return round_


@pytest.fixture
def released_round(cast):
    return release_all(varied_round(cast), cast)
