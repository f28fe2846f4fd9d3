# ruff: noqa: I001 - bench_zipper must set up Django before the Django imports
"""Benchmark the workspace of links 5–9 as it grows: the overview (nine completeness
figures and the cross-checks between registers), the processes page (a swimlane per
process), the roles page (the RACI grid) and the exit page.

Run with ``.venv/bin/python benchmarks/bench_workspace.py``. Starts from the demo and
multiplies its workspace (×1, then ×10 processes, activities, needs and systems), and
prints per page the median time and the number of queries: the queries must not grow
with the number of items (each page reads each kind once), and the time ratio shows
what the growth costs.
"""

from __future__ import annotations

from bench_zipper import RUNS, median_ms  # sets up Django

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ritsen.collaborations.access import access_for
from ritsen.demo.data import create_demo
from ritsen.workspace import services
from ritsen.workspace.registers import information, processes, roles, technology

PAGES = ("workspace:index", "workspace:processes", "workspace:roles", "workspace:exit")


def grow(collaboration, user, times: int) -> None:
    """Add ``times`` × (a process of 8 steps, 8 activities with letters, 8 needs, a
    system) to the demo's workspace."""
    access = access_for(user, collaboration)
    parties = list(collaboration.parties.all())

    def add(kind, register, **data):
        return services.create_item(access=access, kind=kind, register=register, data=data)

    for n in range(times):
        system = add(technology.SYSTEMS, technology.REGISTER, name=f"Systeem {n}",
                     owner_party=parties[n % 3])  # fmt: skip
        process = add(processes.PROCESSES, processes.REGISTER, name=f"Proces {n}")
        for i in range(8):
            need = add(information.NEEDS, information.REGISTER, item=f"Gegeven {n}.{i}",
                       needed_by=parties[i % 3], supplied_by=parties[(i + 1) % 3],
                       moment="Dagelijks", channel=system)  # fmt: skip
            step = add(processes.STEPS, processes.REGISTER, process=process, number=i + 1,
                       title=f"Stap {i + 1}", party=parties[i % 3], deliverable="Dossier",
                       criterion="Volledig", information=need)  # fmt: skip
            activity = add(roles.ACTIVITIES, roles.REGISTER, title=f"Taak {n}.{i}", step=step)
            add(roles.RACI, roles.REGISTER, activity=activity, party=parties[i % 3], letters="RA")


def measure(client: Client, collaboration) -> dict[str, tuple[float, int]]:
    found = {}
    for name in PAGES:
        url = reverse(name, args=[collaboration.pk])
        reset_queries()  # the log keeps 9,000 queries: growing the workspace filled it
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        found[name] = (median_ms(lambda url=url: client.get(url)), len(queries))
    return found


def main() -> None:
    call_command("migrate", verbosity=0)
    collaboration = create_demo()
    user = get_user_model().objects.get(email="facilitator@ritsen.demo")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    grow(collaboration, user, 1)
    small = measure(client, collaboration)
    grow(collaboration, user, 9)
    large = measure(client, collaboration)
    print(f"Workspace of links 5–9, ×1 then ×10 (SQLite, median of {RUNS})")
    for name in PAGES:
        (ms1, q1), (ms10, q10) = small[name], large[name]
        print(
            f"{name:22} ×1: {ms1:7.1f} ms, {q1:3} queries   ×10: {ms10:7.1f} ms, {q10:3} queries"
            f"   time ×{ms10 / ms1:.2f}, queries ×{q10 / max(q1, 1):.2f}"
        )


if __name__ == "__main__":
    main()
