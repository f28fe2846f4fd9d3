"""100 respondents at once through the respondent API against ``ritsen serve``
(gunicorn), on the database the suite runs on (SQLite in WAL mode, or PostgreSQL with
``DATABASE_URL``): nothing lost, nothing twice, the shared results equal to scoring
the same answers offline — also when a worker is killed with SIGKILL in the middle of
the submissions. The figures are in ``benchmarks/bench_respondents.py``."""

from __future__ import annotations

import os

import pytest

from benchmarks import load

KIND = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
pytestmark = [pytest.mark.xdist_group("servers")]


def test_100_concurrent_respondents_lose_nothing_and_score_as_offline():
    with load.serve(KIND, workers=2) as server:
        outcome = load.run(server, respondents=100)
        assert load.check(outcome) == []
    assert outcome.statuses[204] == 100  # one submission each, none refused
    assert set(outcome.statuses) == {200, 204}


def test_a_worker_killed_during_the_submissions_loses_nothing_committed():
    with load.serve(KIND, workers=2) as server:
        before = set(server.workers())
        outcome = load.run(server, respondents=40, kill_after=10)
        assert outcome.kills and outcome.kills[0] in before
        assert load.check(outcome) == []
        # gunicorn replaced the killed worker: the server still answers.
        assert outcome.kills[0] not in server.workers()
        assert load.request(server.url, "GET", "/healthz")[0] == 200
