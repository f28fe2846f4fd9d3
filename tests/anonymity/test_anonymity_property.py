"""Property: nothing shown or exported depends on a respondent who does not count for
a link, or on a (party, link) group below the threshold.

For random frameworks and answers, every answer that must not matter is rewritten —
scores changed, "don't know" and "not answered" swapped, comments changed — without
changing who counts. Every figure, every exported row and every comment must stay the
same. First on the pure engine (many examples), then through the database: the
results a page computes, the party's own export and the shared snapshot.
"""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ritsen.exports import formats
from ritsen.results.scoring import anonymise, respondent_sets, score, statement_stats
from tests.results.test_scoring_properties import rounds

SETTINGS = settings(max_examples=200, deadline=None, database=None)


def rewrite_what_must_not_matter(spec, answers, rng: random.Random):
    """A copy of ``answers`` in which every answer of a respondent to a link they do not
    count for (or whose group is below the threshold) is rewritten."""
    sets = respondent_sets(spec, answers)
    changed = copy.deepcopy(answers)
    for party, respondents in answers.items():
        for key, given_answers in respondents.items():
            for link in spec.links:
                if key in sets[party][link.id]:
                    continue
                for statement in link.statements:
                    value = given_answers.get(statement.id, "absent")
                    target = changed[party][key]
                    if value == "absent":
                        target[statement.id] = None  # not answered -> don't know
                    elif value is None:
                        del target[statement.id]  # don't know -> not answered
                    else:
                        target[statement.id] = rng.randint(spec.scale_min, spec.scale_max)
    return changed


def shown(spec, answers):
    """Everything a page or file shows of ``answers``, without the random codes."""
    used = anonymise(spec, answers)
    result = score(spec, used, parties=list(answers))
    stats = statement_stats(
        spec, used, parties=list(answers), min_respondents=spec.thresholds.min_respondents
    )
    rows = formats.answer_rows(spec, [(party, used[party]) for party in answers])
    by_code: dict[str, list] = {}
    for party, code, statement, value in rows:
        by_code.setdefault(code, []).append((party, statement, value))
    respondents = Counter(tuple(sorted(group, key=repr)) for group in by_code.values())
    return result, stats, respondents, formats.result_rows(spec, result)


@SETTINGS
@given(rounds(), st.randoms(use_true_random=False))
def test_nothing_shown_depends_on_who_does_not_count(round_, rng):
    spec, answers = round_
    changed = rewrite_what_must_not_matter(spec, answers, rng)
    assert respondent_sets(spec, changed) == respondent_sets(spec, answers)
    assert shown(spec, changed) == shown(spec, answers)


@SETTINGS
@given(rounds())
def test_scoring_the_anonymised_answers_changes_nothing(round_):
    spec, answers = round_
    used = anonymise(spec, answers)
    assert score(spec, used, parties=list(answers)) == score(spec, answers)
    assert anonymise(spec, used) == used


@SETTINGS
@given(rounds())
def test_no_group_below_the_threshold_leaves_a_trace(round_):
    spec, answers = round_
    k = spec.thresholds.min_respondents
    used = anonymise(spec, answers)
    for party, respondents in used.items():
        for link in spec.links:
            ids = {s.id for s in link.statements}
            group = [key for key, given in respondents.items() if ids & set(given)]
            assert not group or len(group) >= k
            cell = score(spec, used).link(link.id).parties[party]
            assert cell.withheld == (not group) and (cell.n == len(group))


# --- through the database -----------------------------------------------------------


@st.composite
def db_rounds(draw):
    """Answers of two parties to the built-in framework: each respondent answers a
    random subset of the links, some of them too sparsely to count, with comments."""
    responses = []
    for party in (0, 1):
        for _ in range(draw(st.integers(0, 5))):
            links = draw(st.sets(st.integers(1, 9), max_size=9))
            sparse = draw(st.sets(st.integers(1, 9), max_size=3))
            seed = draw(st.integers(0, 10**6))
            responses.append((party, links, sparse, seed))
    return responses


def create(round_, parties, responses, rng_shift=0):
    from ritsen.assessments.models import Response

    spec = round_.framework.spec
    for party_index, links, sparse, seed in responses:
        rng = random.Random(seed)
        noise = random.Random(seed + rng_shift)
        answers, comments = {}, {}
        for link in spec.links:
            if link.id in links:
                for statement in link.statements:
                    answers[statement.id] = rng.choice([1, 2, 3, 4, 5, None])
                comments[str(link.id)] = f"opmerking {seed} {link.id}"
            elif link.id in sparse:
                # One answer: too few to count (3 of 5 needed); it must not matter.
                answers[link.statements[0].id] = noise.randint(1, 5)
                comments[str(link.id)] = f"telt niet {seed + rng_shift} {link.id}"
        Response.objects.create(
            round=round_,
            party=parties[party_index],
            answers=answers,
            comments=comments,
            submitted=True,
        )


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(db_rounds())
def test_pages_and_exports_ignore_who_does_not_count(cast, responses):
    from django.db import transaction

    from ritsen.assessments import services
    from ritsen.exports.services import party_export
    from ritsen.results.compute import compute

    def everything(shift):
        with transaction.atomic():
            round_ = services.open_round(access=cast.access(cast.facilitator), title="Ronde")
            create(round_, [cast.party_a, cast.party_b], responses, rng_shift=shift)
            services.close_round(round_, access=cast.access(cast.facilitator))
            round_.refresh_from_db()
            results = compute(round_, [cast.party_a, cast.party_b])
            export = party_export(round_, cast.party_b)
            seen = (
                results.result,
                results.details,
                Counter(row[2:] for row in export.answer_rows()),
                export.result_rows(),
            )
            transaction.set_rollback(True)
        return seen

    # Only the sparse answers (and their comments) differ between the two runs.
    assert everything(0) == everything(7919)
