"""Benchmark the shared pages of a round: 2 parties × 1,000 respondents × 45 statements.

Run with ``.venv/bin/python benchmarks/bench_zipper.py``. It builds the round in a
throw-away SQLite database (or the database of ``BENCH_DATABASE_URL``) and prints, as the
median of 7 runs, in one process:

* reading the round's answers once from the database (the yardstick);
* computing the shared results from those answers (what every page did before
  snapshots) and reading them from the snapshot (what every page does now);
* the zipper page and the report page end to end (test client: routing, access checks,
  the snapshot, charts and templates) — and each as a ratio to reading the answers;
  the report's body is rendered on its first view and stored (``reports.storage``), so
  the first view is printed too.

Target (architecture issue): the zipper and report pages cost no more than reading the
round's answers once — ratio ≤ 1.0.
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
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
# A throw-away development configuration (no secret key of any installation).
os.environ.setdefault("RITSEN_DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
import django  # noqa: E402

import tests.testing_env  # noqa: E402,F401 - test-like settings (no HTTPS redirect)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

RESPONDENTS = 1_000
RUNS = 7


def build():
    """A shared round with ``RESPONDENTS`` answers per party; its facilitator."""
    from django.contrib.auth import get_user_model

    from ritsen.assessments import services as rounds
    from ritsen.assessments.models import Response
    from ritsen.collaborations import services
    from ritsen.collaborations.access import access_for
    from ritsen.collaborations.constants import Role
    from ritsen.collaborations.models import Membership
    from ritsen.frameworks.services import ensure_default_framework

    users = get_user_model().objects
    facilitator = users.create_user(email="bench@example.org", password="x")
    collaboration = services.create_collaboration(
        user=facilitator, name="Bench", purpose="Benchmark", framework=ensure_default_framework()
    )
    as_facilitator = access_for(facilitator, collaboration)
    parties = [
        services.add_party(access=as_facilitator, organisation_name=name)
        for name in ("Gemeente", "Leverancier")
    ]
    coordinators = []
    for index, party in enumerate(parties):
        coordinator = users.create_user(email=f"coordinator{index}@example.org", password="x")
        Membership.objects.create(
            user=coordinator, collaboration=collaboration, party=party, role=Role.COORDINATOR
        )
        coordinators.append(access_for(coordinator, collaboration))
    round_ = rounds.open_round(access=as_facilitator, title="Bench")
    spec = round_.framework.spec
    rng = random.Random(42)
    with scopes_disabled():
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
    round_ = rounds.close_round(round_, access=as_facilitator)
    for party, coordinator in zip(parties, coordinators, strict=True):
        rounds.release(round_, party, access=coordinator)
    round_.refresh_from_db()
    return facilitator, round_, parties


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    user, round_, parties = build()
    from ritsen.assessments.models import Round
    from ritsen.results import snapshots
    from ritsen.results.compute import collect_answers, compute

    def fresh_round():
        return Round.objects.select_related("framework", "collaboration").get(pk=round_.pk)

    def read_answers():
        return collect_answers(fresh_round(), parties)

    def compute_results():
        return compute(fresh_round(), parties)

    def from_snapshot():
        return snapshots.load(fresh_round())

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    args = [round_.collaboration_id, round_.pk]
    pages = {
        "zipper page": reverse("results:zipper", args=args),
        "report page": reverse("reports:page", args=args),
    }
    counts = {}
    first = {}
    for name, url in pages.items():
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        first[name] = (time.perf_counter() - start) * 1000
        counts[name] = len(queries)

    statements = len(round_.framework.spec.statements)
    vendor = connection.vendor
    print(f"Round: 2 parties × {RESPONDENTS} respondents × {statements} statements ({vendor})")
    yardstick = median_ms(read_answers)
    print(f"reading the answers once:   {yardstick:7.1f} ms (median of {RUNS})")
    computed = median_ms(compute_results)
    print(
        f"computing shared results:   {computed:7.1f} ms  "
        f"({computed / yardstick:.2f}× reading the answers; before snapshots, every page)"
    )
    loaded = median_ms(from_snapshot)
    print(f"reading the snapshot:       {loaded:7.1f} ms  ({loaded / yardstick:.2f}×)")
    for name, url in pages.items():
        page = median_ms(lambda url=url: client.get(url))
        print(
            f"{name + ':':27} {page:7.1f} ms  ({page / yardstick:.2f}× reading the answers; "
            f"target ≤ 1.00), {counts[name]} queries"
        )
    print(
        f"first view of the report:   {first['report page']:7.1f} ms  "
        f"({first['report page'] / yardstick:.2f}×; renders and stores the report body once)"
    )


if __name__ == "__main__":
    main()
