"""Shared rounds are stored once, as an immutable snapshot that every shared page reads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ritsen.assessments import services
from ritsen.assessments.models import Response
from ritsen.results import snapshots
from ritsen.results.compute import compute
from ritsen.results.models import ResultSnapshot
from ritsen.results.selectors import shared_results
from tests.assessments.conftest import COMMENT_A, answer_all, close, release


def test_the_snapshot_is_stored_when_the_last_party_releases(cast, closed_scan):
    round_ = release(cast, closed_scan.round, cast.party_a)
    assert not ResultSnapshot.objects.filter(round=round_).exists()
    round_ = release(cast, round_, cast.party_b)
    snapshot = ResultSnapshot.objects.get(round=round_)
    assert snapshot.framework == round_.framework
    assert snapshot.scoring_version == snapshots.SCORING_VERSION


def test_the_snapshot_equals_computing_from_the_answers(cast, released_scan):
    round_ = released_scan.round
    stored = shared_results(round_)
    fresh = compute(round_, stored.parties)
    assert stored.result == fresh.result
    assert stored.details == fresh.details


def test_shared_pages_read_the_snapshot_not_the_answers(login, cast, released_scan):
    client = login(cast.member_b)
    args = [cast.collab.pk, released_scan.round.pk]
    response_table = Response._meta.db_table
    for name, extra in (
        ("results:zipper", []),
        ("results:link", [1]),
        ("results:agenda", []),
        ("reports:page", []),
        ("exports:answers_csv", []),
        ("exports:results_csv", []),
        ("trends:index", None),
    ):
        url_args = [cast.collab.pk] if extra is None else [*args, *extra]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, args=url_args))
        assert response.status_code == 200, name
        read_answers = [q["sql"] for q in queries if response_table in q["sql"]]
        assert read_answers == [], name


def test_later_answers_do_not_change_a_shared_round(cast, released_scan):
    """An answer saved into a shared round's rows by any means leaves the snapshot as it
    was: shared results are what the parties released."""
    before = shared_results(released_scan.round).result
    Response.objects.filter(round=released_scan.round).update(answers={})
    assert shared_results(released_scan.round).result == before


def test_a_snapshot_cannot_be_changed(cast, released_scan):
    snapshot = ResultSnapshot.objects.get(round=released_scan.round)
    snapshot.results = {}
    with pytest.raises(ValueError, match="immutable"):
        snapshot.save()


def test_new_scoring_rules_rebuild_outdated_snapshots(cast, released_scan, monkeypatch):
    ResultSnapshot.objects.filter(round=released_scan.round).update(scoring_version=0)
    assert snapshots.outdated_rounds() == [released_scan.round]
    assert snapshots.rebuild_outdated() == 1
    assert snapshots.outdated_rounds() == []
    assert ResultSnapshot.objects.get(round=released_scan.round).scoring_version == (
        snapshots.SCORING_VERSION
    )


def test_the_snapshot_keeps_small_groups_out(cast):
    from tests.assessments.conftest import make_scan

    scan = make_scan(cast, respondents_a=3, respondents_b=2)
    round_ = release(cast, close(cast, scan.round))
    snapshot = ResultSnapshot.objects.get(round=round_)
    assert str(cast.party_b.pk) not in snapshot.answers
    assert COMMENT_A in str(snapshot.results)
    text = str(snapshot.results)
    assert "Opmerking van de leverancier" not in text


def test_exportable_answers_carry_no_response_ids(cast, released_scan):
    snapshot = ResultSnapshot.objects.get(round=released_scan.round)
    ids = {str(pk) for pk in Response.objects.values_list("pk", flat=True)}
    assert not any(response_id in str(snapshot.answers) for response_id in ids)
    assert not any(response_id in str(snapshot.results) for response_id in ids)


def test_answers_saved_before_closing_count_in_the_snapshot(cast):
    from tests.assessments.conftest import make_scan

    scan = make_scan(cast)
    extra = services.generate_links(scan.round, cast.party_a, 1, access=cast.access(cast.coord_a))
    answer_all(extra[0].token, 1, submit=False)
    round_ = release(cast, close(cast, scan.round))
    result = shared_results(round_).result
    assert result.link(1).parties[cast.party_a.pk].n == 4
