"""Benchmark the zipper: 2 parties × 1,000 respondents × every ritsen-9 statement on SQLite.

Run with ``.venv/bin/python benchmarks/bench_zipper.py``. It builds the round in a
throw-away SQLite database and prints, as the median of 5 runs:

* computing the round's results (the call the zipper view makes) and its query count;
* the zipper page end to end (Django test client: routing, access checks, results,
  charts and template rendering).

Targets from the rits-scan issue: results under 300 ms; queries independent of the
number of respondents (also asserted in tests/assessments/test_rounds.py).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["RITSEN_DATA_DIR"] = tempfile.mkdtemp(prefix="ritsen-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
import django  # noqa: E402

import tests.testing_env  # noqa: E402,F401 - test-like settings (no HTTPS redirect)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

RESPONDENTS = 1_000
RUNS = 5


def build():
    from django.contrib.auth import get_user_model

    from ritsen.assessments import services as rounds
    from ritsen.assessments.models import Response
    from ritsen.collaborations import services
    from ritsen.collaborations.constants import Role
    from ritsen.collaborations.models import Membership
    from ritsen.frameworks.services import ensure_default_framework

    user = get_user_model().objects.create_user(email="bench@example.org", password="x")
    collaboration = services.create_collaboration(
        user=user, name="Bench", purpose="Benchmark", framework=ensure_default_framework()
    )
    parties = [
        services.add_party(collaboration, organisation=services.find_or_create_organisation(n))
        for n in ("Gemeente", "Leverancier")
    ]
    round_ = rounds.open_round(collaboration=collaboration, title="Bench", user=user)
    spec = round_.framework.spec
    rng = random.Random(42)
    Response.objects.bulk_create(
        Response(
            round=round_,
            party=party,
            answers={
                s.id: None if rng.random() < 0.1 else rng.randint(1, 5) for s in spec.statements
            },
            comments={"1": "Opmerking"} if i % 10 == 0 else {},
            submitted=True,
        )
        for party in parties
        for i in range(RESPONDENTS)
    )
    rounds.close_round(round_)
    for party in parties:
        rounds.release(round_, party, user)
    Membership.objects.filter(user=user).update(role=Role.FACILITATOR)
    return user, round_


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    user, round_ = build()
    from ritsen.assessments.models import Round
    from ritsen.results.selectors import shared_results

    def results():
        fresh = Round.objects.select_related("framework", "collaboration").get(pk=round_.pk)
        return shared_results(fresh)

    with CaptureQueriesContext(connection) as queries:
        results()
    query_count = len(queries)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("results:zipper", args=[round_.collaboration_id, round_.pk])
    assert client.get(url).status_code == 200

    statements = len(round_.framework.spec.statements)
    print(f"Round: 2 parties × {RESPONDENTS} respondents × {statements} statements (SQLite)")
    compute_ms = median_ms(results)
    print(f"results computation: {compute_ms:7.1f} ms (median of {RUNS}), {query_count} queries")
    print(f"zipper page:         {median_ms(lambda: client.get(url)):7.1f} ms (median of {RUNS})")


if __name__ == "__main__":
    main()
