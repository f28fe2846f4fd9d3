# ruff: noqa: I001 - bench_zipper must set up Django before the Django imports
"""Benchmark the round report: 2 parties × 1,000 respondents × every ritsen-9 statement.

Run with ``.venv/bin/python benchmarks/bench_report.py``. Prints, as the median of 5
runs, the report page (end to end through the test client) and the PDF (WeasyPrint),
and the number of queries of each, which must not depend on the number of respondents.
Targets from the reports issue: page under 300 ms, PDF under 3 s.
"""

from __future__ import annotations

from bench_zipper import RESPONDENTS, RUNS, build, median_ms  # sets up Django

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import time

from ritsen.reports import services


def main() -> None:
    call_command("migrate", verbosity=0)
    user, round_, _parties = build()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    args = [round_.collaboration_id, round_.pk]
    page_url = reverse("reports:page", args=args)
    pdf_url = reverse("reports:pdf", args=args)
    counts = {}
    for name, url in (("page", page_url), ("pdf", pdf_url)):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        counts[name] = len(queries)
    print(f"Round: 2 parties × {RESPONDENTS} respondents (SQLite)")
    page_ms = median_ms(lambda: client.get(page_url))
    print(f"report page: {page_ms:7.1f} ms (median of {RUNS}), {counts['page']} queries")
    pdf_ms = median_ms(lambda: client.get(pdf_url))
    print(f"report PDF:  {pdf_ms:7.1f} ms (median of {RUNS}), {counts['pdf']} queries (stored)")
    # The first rendering of the shared report (stored afterwards; a new scoring
    # version, template, style sheet or translation makes it render again).
    report = services.build_report(round_, language="nl")
    started = time.perf_counter()
    content = services.render_pdf(report)
    render_ms = (time.perf_counter() - started) * 1000
    pages, tagged = pdf_facts(content)
    print(
        f"PDF rendering: {render_ms:7.1f} ms once ({render_ms / 3000:.2f}× the 3 s target), "
        f"{pages} pages, tagged: {tagged}"
    )


def pdf_facts(content: bytes) -> tuple[int, bool]:
    """Pages, and whether the PDF is tagged (a structure tree, marked content)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    tagged = "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked"))
    return len(reader.pages), tagged


if __name__ == "__main__":
    main()
