"""An exported answers file, scored offline by ``ritsen score``, gives the web's results."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from ritsen.results.selectors import shared_results
from tests.assessments.conftest import close


def rename_parties(data: dict, names: dict[str, str]) -> dict:
    """The web's JSON keys parties by primary key; the export names them."""
    data = json.loads(json.dumps(data))
    data["parties"] = [names[p] for p in data["parties"]]
    for link in data["links"]:
        link["parties"] = {names[p]: cell for p, cell in link["parties"].items()}
    return data


def xlsx_to_csv(content: bytes) -> bytes:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["answers"]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    rows = list(sheet.iter_rows(values_only=True))
    width = len(rows[0])
    for row in rows:
        # An empty last cell (don't know) is not stored; pad like a spreadsheet does.
        values = ["" if value is None else value for value in row]
        writer.writerow(values + [""] * (width - len(values)))
    return out.getvalue().encode()


def score_file(path, framework: str) -> dict:
    out = io.StringIO()
    call_command("score", str(path), "--framework", framework, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_export_scored_offline_gives_the_webs_results(
    login, cast, released_round, tmp_path, extension
):
    url = reverse(f"exports:answers_{extension}", args=[cast.collab.pk, released_round.pk])
    content = login(cast.member_b).get(url).content
    path = tmp_path / "answers.csv"
    path.write_bytes(content if extension == "csv" else xlsx_to_csv(content))

    web = shared_results(released_round)
    spec = web.spec
    expected = rename_parties(
        web.result.to_json_dict(spec), {str(p.pk): p.name for p in web.parties}
    )
    assert score_file(path, f"{spec.id}@{spec.version}") == expected
    # The shipped framework file scores it the same way.
    assert score_file(path, "ritsen/frameworks/data/ritsen-9.yaml") == expected
    # Not a trivial comparison: the round has varied states and a withheld-free result.
    assert len({link["state"] for link in expected["links"]}) > 1


def test_own_party_export_scores_like_the_own_results_page(login, cast, tmp_path):
    from ritsen.results.selectors import own_results
    from tests.exports.conftest import varied_round

    round_ = varied_round(cast)
    close(cast, round_)
    url = reverse("exports:party_answers_csv", args=[cast.collab.pk, round_.pk, cast.party_a.pk])
    path = tmp_path / "own.csv"
    path.write_bytes(login(cast.coord_a).get(url).content)

    own = own_results(round_, cast.party_a)
    expected = rename_parties(
        own.result.to_json_dict(own.spec), {str(cast.party_a.pk): cast.party_a.name}
    )
    assert score_file(path, "ritsen-9") == expected
