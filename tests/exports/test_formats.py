"""The export rows and encodings, without a database."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
from django.utils import translation

from ritsen.exports import formats
from ritsen.results.csvinput import parse_answers
from ritsen.results.scoring import score
from tests.charts.builders import make_spec

SPEC = make_spec(["Een", "Twee", "Drie"])
CODE = re.compile(r"^R-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{5}$")


def answers():
    return [
        ("Gemeente Aa", {"first": {"2.1": 4, "1.1": None}, "second": {"1.1": 2, "3.1": 5}}),
        ("Leverancier Bee", {"x": {"1.1": 3, "9.9": 1}}),
    ]


def test_codes_are_random_distinct_and_new_every_time():
    first, second = formats.respondent_codes(50), formats.respondent_codes(50)
    assert len(set(first)) == 50
    assert all(CODE.match(code) for code in first)
    assert set(first) != set(second)


def test_codes_grow_longer_for_very_many_respondents():
    assert formats.code_length(300_000) == 5  # 32 ** 5 is over 33 million
    assert formats.code_length(400_000) == 6


def test_answer_rows_replace_respondents_and_hide_answer_order():
    rows = formats.answer_rows(SPEC, answers())
    assert [row[0] for row in rows] == ["Gemeente Aa"] * 4 + ["Leverancier Bee"]
    respondents = {row[1] for row in rows}
    assert not respondents & {"first", "second", "x"}
    assert all(CODE.match(code) for code in respondents)
    # Party order, then code, then framework order of the statements.
    a_rows = rows[:4]
    assert [row[1] for row in a_rows] == sorted(row[1] for row in a_rows)
    by_code = {}
    for _party, code, statement, value in a_rows:
        by_code.setdefault(code, []).append((statement, value))
    assert sorted(by_code.values(), key=str) == [
        [("1.1", 2), ("3.1", 5)],
        [("1.1", None), ("2.1", 4)],
    ]
    # Unknown statement ids are dropped: ritsen score would reject them.
    assert "9.9" not in {row[2] for row in rows}


def test_codes_differ_between_two_exports():
    one = {row[1] for row in formats.answer_rows(SPEC, answers())}
    two = {row[1] for row in formats.answer_rows(SPEC, answers())}
    assert not one & two


def test_csv_opens_in_dutch_excel_and_reads_back_in_ritsen_score():
    content = formats.to_csv(formats.answers_header(), formats.answer_rows(SPEC, answers()))
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM makes Excel read UTF-8
    text = content.decode("utf-8-sig")
    # In the user's language, with the Dutch list separator; `ritsen score` reads it.
    assert text.splitlines()[0] == "partij;respondent;stelling;score"
    assert "\r\n" in text
    assert ";;" not in text and text.count(";\r\n") == 1  # one don't know: a blank score
    parsed = parse_answers(content, SPEC)
    assert parsed.parties == ["Gemeente Aa", "Leverancier Bee"]
    assert sorted(parsed.answers["Gemeente Aa"].values(), key=str) == sorted(
        [{"2.1": 4, "1.1": None}, {"1.1": 2, "3.1": 5}], key=str
    )


def test_xlsx_has_one_answers_sheet_with_numbers_and_blanks():
    rows = formats.answer_rows(SPEC, answers())
    book = openpyxl.load_workbook(
        io.BytesIO(formats.to_xlsx("answers", formats.answers_header(), rows))
    )
    assert book.sheetnames == ["answers"]
    values = list(book["answers"].iter_rows(values_only=True))
    assert values[0] == formats.answers_header()
    assert [tuple(v) for v in values[1:]] == [tuple(r) for r in rows]
    assert {type(v[3]) for v in values[1:]} == {int, type(None)}


def test_text_that_looks_like_a_formula_stays_text():
    rows = [('=HYPERLINK("x")', "R-AAAAA", "1.1", 3), ("@SUM(A1)", "R-BBBBB", "1.1", None)]
    text = formats.to_csv(formats.answers_header(), rows).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    sheet = openpyxl.load_workbook(
        io.BytesIO(formats.to_xlsx("answers", formats.answers_header(), rows))
    )["answers"]
    assert sheet["A2"].value == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"


def test_result_rows_show_means_and_withhold_small_groups():
    spec = make_spec(["Een", "Twee"], min_respondents=2)
    data = {
        "A": {"r1": {"1.1": 4, "2.1": 5}, "r2": {"1.1": 5}},
        "B": {"s1": {"1.1": 2, "2.1": 2}, "s2": {"1.1": 3}},
    }
    result = score(spec, data, parties=["A", "B"])
    with translation.override("en"):
        header = formats.results_header(["A", "B"])
        rows = formats.result_rows(spec, result, language="en")
    assert header == (
        "link", "key", "name",
        "A: mean", "A: n", "A: sd",
        "B: mean", "B: n", "B: sd",
        "gap", "state",
    )  # fmt: skip
    assert rows[0] == (
        1, "link_1", "Een",
        Decimal("4.50"), 2, Decimal("0.71"),
        Decimal("2.50"), 2, Decimal("0.71"),
        Decimal("2.00"), "weak",
    )  # fmt: skip
    assert rows[1] == (
        2,
        "link_2",
        "Twee",
        "fewer than 2 respondents",
        None,
        None,
        "fewer than 2 respondents",
        None,
        None,
        None,
        "missing",
    )
    text = formats.to_csv(header, rows).decode("utf-8-sig")
    assert "1;link_1;Een;4,50;2;0,71;2,50;2;0,71;2,00;weak" in text
    sheet = openpyxl.load_workbook(io.BytesIO(formats.to_xlsx("results", header, rows)))["results"]
    assert sheet["D2"].value == 4.5 and sheet["D2"].number_format == "0.00"


def test_result_rows_name_links_in_the_chosen_language():
    from dataclasses import replace

    from ritsen.frameworks.spec import Text

    spec = make_spec(["Een"])
    spec = replace(spec, links=(replace(spec.links[0], name=Text(nl="Schakel", en="Link")),))
    result = score(spec, {"A": {}}, parties=["A"])
    assert formats.result_rows(spec, result, language="nl")[0][2] == "Schakel"
    assert formats.result_rows(spec, result, language="en")[0][2] == "Link"


def test_csv_fields_with_separators_are_quoted():
    rows = [("Zorg; en welzijn", "R-AAAAA", "1.1", 2)]
    content = formats.to_csv(formats.answers_header(), rows)
    back = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert back[1] == ["Zorg; en welzijn", "R-AAAAA", "1.1", "2"]
    assert parse_answers(content, SPEC).parties == ["Zorg; en welzijn"]


def test_answer_headers_follow_the_language_and_are_read_in_either():
    with translation.override("en"):
        english = formats.to_csv(formats.answers_header(), formats.answer_rows(SPEC, answers()))
    assert english.decode("utf-8-sig").splitlines()[0] == "party;respondent;statement;score"
    dutch = formats.to_csv(formats.answers_header(), formats.answer_rows(SPEC, answers()))
    for content in (english, dutch):
        parsed = parse_answers(content, SPEC, filename="answers.csv")
        assert parsed.answers


def test_xlsx_columns_are_as_wide_as_their_values():
    from openpyxl import load_workbook

    rows = formats.answer_rows(SPEC, answers())
    sheet = load_workbook(
        io.BytesIO(formats.to_xlsx("answers", formats.answers_header(), rows))
    ).active
    assert sheet.freeze_panes == "A2"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert all(width >= 8 for width in widths)
    assert widths[0] >= len(max((row[0] for row in rows), key=len))
