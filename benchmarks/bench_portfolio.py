# ruff: noqa: I001 - bench_zipper must set up Django before the Django imports
"""Benchmark the portfolio page as the portfolio grows.

Run with ``.venv/bin/python benchmarks/bench_portfolio.py 1000 10000`` (sizes to
measure at; PostgreSQL: ``BENCH_DATABASE_URL=postgres://… ``). Makes the demo, then
``ritsen demo --portfolio N`` up to each size (two shared rounds each, 2 parties × 3
respondents × every statement per round: about 540 answers a collaboration), and prints
the municipality's portfolio page (its portfolio manager, the first page of 50) as the
median of 7: time, queries, and the ratio to the first size. Targets from the issue: at
most 1 s, the same queries at every size, and at most 1.5× the time of the first size.
"""

from __future__ import annotations

import sys
import time

from bench_zipper import RUNS, median_ms  # sets up Django

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ritsen.assessments.models import Response
from ritsen.collaborations.models import Organisation
from ritsen.demo.data import ORGANISATIONS, create_demo
from ritsen.demo.portfolio import create_portfolio
from ritsen.portfolio.refresh import refresh_stale
from django_scopes import scopes_disabled


def main(sizes: list[int]) -> None:
    call_command("migrate", verbosity=0)
    create_demo()
    manager = get_user_model().objects.get(email="coordinator@lindenhoven.demo")
    municipality = Organisation.objects.get(name=ORGANISATIONS[0][0])
    client = Client()
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("portfolio:organisation", args=[municipality.pk])
    first_ms = None
    print(f"Portfolio page ({connection.vendor}, median of {RUNS}, first page of 50)")
    for size in sizes:
        started = time.perf_counter()
        create_portfolio(size, progress=_progress)
        refresh_stale()  # rows an upgrade marked stale (``ritsen cron`` does this)
        built = time.perf_counter() - started
        client.get(url)  # stale rows made anew once
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        ms = median_ms(lambda: client.get(url))
        first_ms = first_ms or ms
        with scopes_disabled():
            answers = sum(
                len(row) for row in Response.objects.values_list("answers", flat=True).iterator()
            )
        print(
            f"\r{size:6} collaborations ({answers:,} answers, built in {built:.0f} s): "
            f"{ms:7.1f} ms ({ms / 1000:.2f}× the 1 s target), {len(queries)} queries, "
            f"{ms / first_ms:.2f}× the first size"
        )


def _progress(done: int, total: int) -> None:
    if done % 50 == 0 or done == total:
        print(f"\r  building {done}/{total}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [100, 1000])
