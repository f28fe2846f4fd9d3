"""The insiders' attacks on what results show (findings 1 and 2 of the attack).

Each test is named after the attack. The round is built from response rows directly:
how respondents reach those rows is tested in ``test_respondent_attacks``.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from ritsen.assessments.models import Response
from tests.assessments.conftest import close, release

LONER_COMMENT = "Alleen ik vind dat de technologie faalt"


def full(spec, value, links=None):
    """Answers with ``value`` to every statement of ``links`` (default: all links)."""
    return {
        s.id: value
        for link in spec.links
        if links is None or link.id in links
        for s in link.statements
    }


def respond(round_, party, answers, comments=None):
    return Response.objects.create(
        round=round_, party=party, answers=answers, comments=comments or {}, submitted=True
    )


def open_round(cast):
    from ritsen.assessments import services

    return services.open_round(access=cast.access(cast.facilitator), title="Nulmeting")


@pytest.fixture
def loner_round(cast):
    """A has three full respondents. B has three on link 1, and only one of them also
    answered links 2–9 (with a comment on link 9): every B group but link 1 has n = 1."""
    round_ = open_round(cast)
    spec = round_.framework.spec
    for value in (4, 4, 5):
        respond(round_, cast.party_a, full(spec, value))
    respond(round_, cast.party_b, full(spec, 2, links={1}))
    respond(round_, cast.party_b, full(spec, 3, links={1}))
    respond(round_, cast.party_b, full(spec, 1), comments={"9": LONER_COMMENT})
    return round_


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def b_statements(rows, party_name):
    return {row[2] for row in rows[1:] if row[0] == party_name}


def test_answer_export_leaks_a_lone_respondent_on_the_links_only_they_answered(
    login, cast, loner_round
):
    close(cast, loner_round)
    spec = loner_round.framework.spec
    link_1 = {s.id for s in spec.link(1).statements}
    b_name = cast.party_b.name

    # The party's own export before release (its coordinator) …
    client = login(cast.coord_b)
    for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        url = reverse(
            f"exports:party_answers_{extension}",
            args=[cast.collab.pk, loner_round.pk, cast.party_b.pk],
        )
        rows = read(client.get(url).content)
        assert b_statements(rows, b_name) == link_1
        assert len([row for row in rows[1:]]) == 3 * len(link_1)

    # … and the shared export, for every member of the collaboration.
    release(cast, loner_round)
    client = login(cast.member_a)
    for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        url = reverse(f"exports:answers_{extension}", args=[cast.collab.pk, loner_round.pk])
        rows = read(client.get(url).content)
        assert b_statements(rows, b_name) == link_1
        b_rows = [row for row in rows[1:] if row[0] == b_name]
        assert len(b_rows) == 3 * len(link_1)
        assert {row[3] for row in b_rows} == {"2", "3", "1"}  # link 1 only


def pages(client, cast, round_):
    """Every shared page, report and results file of ``round_``, as text."""
    args = [cast.collab.pk, round_.pk]
    urls = [
        reverse("results:zipper", args=args),
        reverse("results:agenda", args=args),
        reverse("reports:page", args=args),
        reverse("exports:results_csv", args=args),
        *(reverse("results:link", args=[*args, link]) for link in range(1, 10)),
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode("utf-8-sig")
    return texts


def test_a_withheld_group_never_tells_its_size(login, cast, loner_round):
    close(cast, loner_round)
    release(cast, loner_round)
    client = login(cast.member_a)
    for url, text in pages(client, cast, loner_round).items():
        assert "n = 1" not in text and "n=1" not in text, url
        assert LONER_COMMENT not in text, url
    link_9 = client.get(reverse("results:link", args=[cast.collab.pk, loner_round.pk, 9]))
    assert "minder dan 3 respondenten" in link_9.content.decode()
    # results.csv: B's n on links 2–9 is empty, not 1.
    rows = csv_rows(
        client.get(reverse("exports:results_csv", args=[cast.collab.pk, loner_round.pk])).content
    )
    n_column = rows[0].index(f"{cast.party_b.name}: n")
    assert [row[n_column] for row in rows[1:]] == ["3"] + [""] * 8


def without_codes(text: str) -> str:
    """Without what differs on every request: respondent codes, CSRF tokens, nonces,
    the numbers in chart element ids."""
    text = re.sub(r"R-[0-9A-Z]{5,}", "R-…", text)
    text = re.sub(r"(chart-[a-z_-]+?-)\d+", r"\1#", text)
    # The response table counts responses (invited, submitted, channel) by design.
    text = re.sub(r'<table class="table table--responses">.*?</table>', "", text, flags=re.S)
    text = re.sub(r'value="[A-Za-z0-9]{64}"', 'value="…"', text)
    return re.sub(r'nonce="[^"]*"', 'nonce="…"', text)


def test_differencing_statement_means_with_a_respondent_who_does_not_count(
    login, cast, loner_round
):
    """A fourth B respondent answers one statement of link 1 and "don't know" on
    another: too few to count for the link (3 of 5 needed). If statement figures
    included them, their answer would follow from the published statement mean and
    link mean. Nothing shown may change because of them."""
    close(cast, loner_round)
    release(cast, loner_round)
    client = login(cast.member_a)
    before = pages(client, cast, loner_round)

    loner_round.state = "closed"  # the same round, with one more response
    loner_round.save(update_fields=["state"])
    first, second = [s.id for s in loner_round.framework.spec.link(1).statements][:2]
    respond(
        loner_round,
        cast.party_b,
        {first: 5, second: None},
        comments={"1": "Ik tel niet mee maar praat wel"},
    )
    from ritsen.results import snapshots

    loner_round.state = "shared"
    loner_round.save(update_fields=["state"])
    snapshots.rebuild(loner_round)
    after = pages(client, cast, loner_round)
    for url in before:
        assert without_codes(after[url]) == without_codes(before[url]), url
    answers = client.get(
        reverse("exports:answers_csv", args=[cast.collab.pk, loner_round.pk])
    ).content
    assert len(csv_rows(answers)) == 1 + 3 * 45 + 3 * 5  # A: 3 × 45, B: 3 × link 1
