"""What an export may contain: parties, thresholds, and a fixed number of queries."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ritsen.exports import services
from tests.assessments.conftest import COMMENT_A, COMMENT_B, close, make_scan, release
from tests.exports.conftest import add_responses, release_all, varied_round


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def text_of(content: bytes, extension: str) -> str:
    """Everything a file says, as text (an XLSX is a zip: look inside its cells)."""
    if extension == "csv":
        return content.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        ";".join("" if v is None else str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_party_below_threshold_has_no_answer_rows(login, cast):
    # B has two real respondents (and one who only ticked "don't know"): below 3.
    round_ = varied_round(cast, count_b=2)
    add_responses(round_, cast.party_b, 0, seed=3, dont_know_only=1, empty=2)
    release_all(round_, cast)
    export = services.shared_export(round_)
    assert [p.pk for p in export.omitted] == [cast.party_b.pk]

    client = login(cast.coord_a)
    rows = csv_rows(
        client.get(reverse("exports:answers_csv", args=[cast.collab.pk, round_.pk])).content
    )
    assert {row[0] for row in rows[1:]} == {"Gemeente Aa"}
    # In the results B's cells are withheld, and so is their size.
    results = csv_rows(
        client.get(reverse("exports:results_csv", args=[cast.collab.pk, round_.pk])).content
    )
    b_mean = results[0].index("Leverancier Bee: gemiddelde")
    assert {row[b_mean] for row in results[1:]} == {"minder dan 3 respondenten"}
    assert {row[b_mean + 1] for row in results[1:]} == {""}  # n
    assert {row[b_mean + 2] for row in results[1:]} == {""}  # sd
    assert {row[-1] for row in results[1:]} == {"ontbreekt"}


def test_party_at_threshold_is_exported(cast):
    round_ = release_all(varied_round(cast, count_b=3), cast)
    assert services.shared_export(round_).omitted == []


def test_dont_know_only_responses_do_not_count_as_respondents(cast):
    round_ = varied_round(cast, count_a=2)
    add_responses(round_, cast.party_a, 0, seed=4, dont_know_only=3)
    close(cast, round_)
    export = services.party_export(round_, cast.party_a)
    assert export.omitted == [cast.party_a] and export.answer_rows() == []


def test_own_export_before_release_holds_nothing_of_the_other_party(login, cast):
    scan = make_scan(cast, value_a=4, value_b=2)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_b)  # B released, A did not
    client = login(cast.member_a)
    texts = {}
    for kind in ("answers", "results"):
        for extension in ("csv", "xlsx"):
            name = f"exports:party_{kind}_{extension}"
            url = reverse(name, args=[cast.collab.pk, scan.round.pk, cast.party_a.pk])
            response = client.get(url)
            assert response.status_code == 200
            texts[kind, extension] = text_of(response.content, extension)
    for text in texts.values():
        assert "Gemeente Aa" in text
        assert "Leverancier" not in text and COMMENT_B not in text
        assert COMMENT_A not in text  # comments are never exported
        assert "2,00" not in text and "2.0" not in text  # B's means
    answers_csv = texts["answers", "csv"].encode("utf-8-sig")
    results_csv = texts["results", "csv"].encode("utf-8-sig")
    assert {row[0] for row in csv_rows(answers_csv)[1:]} == {"Gemeente Aa"}
    header = csv_rows(results_csv)[0]
    assert [h for h in header if ":" in h] == [
        "Gemeente Aa: gemiddelde", "Gemeente Aa: n", "Gemeente Aa: spreiding (sd)"
    ]  # fmt: skip


@pytest.mark.parametrize("per_party", [3, 12])
def test_queries_do_not_grow_with_respondents(cast, per_party):
    round_ = varied_round(cast, count_a=per_party, count_b=per_party)
    release_all(round_, cast)
    round_ = cast.collab.rounds.select_related("framework").get(pk=round_.pk)
    with CaptureQueriesContext(connection) as queries:
        export = services.shared_export(round_)
        export.answer_rows()
        export.result_rows("nl")
        export.filename("answers", "csv")
    assert len(queries) <= 4, [q["sql"] for q in queries]


def test_filename_names_collaboration_round_and_party(login, cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    response = login(cast.coord_a).get(
        reverse("exports:party_results_xlsx", args=[cast.collab.pk, scan.round.pk, cast.party_a.pk])
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="ritsen-een-loket-nulmeting-gemeente-aa-results.xlsx"'
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
