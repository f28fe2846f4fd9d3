"""Benchmark the respondent API: 100 respondents at once against ``ritsen serve``.

Run with ``.venv/bin/python benchmarks/bench_respondents.py [RESPONDENTS]``. For SQLite
(WAL) and — when it answers at ``DATABASE_URL`` or 127.0.0.1:5432 — PostgreSQL, it
starts gunicorn on a fresh database (``RITSEN_WORKERS`` workers, default 2 per core),
lets every respondent claim an anonymous link and then, all at the same moment, save
each of the 9 links (one PUT each) and submit (``benchmarks/load.py``). It prints:

* requests per second of the respondents' saves and submissions, and of ``GET
  /healthz`` with as many clients on the same server — and their ratio (the cost of a
  respondent's request in health checks);
* responses lost and stored twice (target 0 and 0), and whether the shared results
  equal scoring the sent answers offline (target: yes).

The CI test ``tests/api/test_concurrency.py`` asserts the same on both databases, and
that a worker killed with SIGKILL during the submissions loses nothing committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")
os.environ.setdefault("RITSEN_DEBUG", "true")  # only for this process's imports
import django  # noqa: E402

django.setup()

from benchmarks import load  # noqa: E402


def _postgres_reachable() -> bool:
    try:
        import psycopg

        base = os.environ.get("DATABASE_URL") or load.PG_DEFAULT
        if not base.startswith("postgres"):
            return False
        with psycopg.connect(base.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - no server, no figures for it
        return False


def bench(kind: str, respondents: int, workers: int) -> None:
    with load.serve(kind, workers=workers) as server:
        outcome = load.run(server, respondents=respondents)
        problems = load.check(outcome)
        counts = load.stored_counts(server)
        health = load.healthz_rate(server, clients=respondents)
    sent: dict[int, int] = {}
    for person in outcome.respondents:
        sent[person.party] = sent.get(person.party, 0) + 1
    lost = sum(max(0, n - counts.get(p, (0, 0))[0]) for p, n in sent.items())
    twice = sum(max(0, counts.get(p, (0, 0))[0] - n) for p, n in sent.items())
    rate = outcome.requests / outcome.elapsed
    scored = not [p for p in problems if p.startswith(("link", "zipper", "agenda"))]
    print(f"\n{kind}, {workers} gunicorn workers, {respondents} respondents at once")
    print(f"  saves and submissions   {outcome.requests:6d} requests in {outcome.elapsed:6.2f} s")
    print(f"  respondent API          {rate:8.1f} requests/s")
    print(f"  GET /healthz            {health:8.1f} requests/s")
    print(f"  ratio                   {rate / health:8.2f} (respondent request / health check)")
    print(f"  lost / stored twice     {lost} / {twice}")
    print(f"  retried connections     {sum(p.retries for p in outcome.respondents)}")
    print(f"  results = offline score {'yes' if scored else 'NO'}")
    for problem in problems:
        print("  !", problem)


def main() -> None:
    respondents = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    workers = int(os.environ.get("RITSEN_WORKERS") or 2 * (os.cpu_count() or 1))
    bench("sqlite", respondents, workers)
    if _postgres_reachable():
        bench("postgres", respondents, workers)
    else:
        print("\npostgres: not reachable (set DATABASE_URL), skipped")


if __name__ == "__main__":
    main()
