"""Reading answers from CSV (pure; no database)."""

from __future__ import annotations

import pytest
from django.utils import translation

from ritsen.results.csvinput import CsvInputError, parse_answers, read_answers

from .factories import make_spec

SPEC = make_spec([(False, False), (False, True)])  # statements 1.1, 1.2, 2.1, 2.2


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_answers(data, SPEC, filename="answers.csv")


def error(text: str | bytes) -> CsvInputError:
    with pytest.raises(CsvInputError) as exc:
        parse(text)
    return exc.value


def test_parses_answers_in_order_of_first_appearance():
    parsed = parse(
        "party,respondent,statement,score\n"
        "Leverancier,1,1.1,4\n"
        "Gemeente,1,1.1,5\n"
        "Leverancier,1,1.2,?\n"
        "Leverancier,2,2.1,\n"
    )
    assert parsed.parties == ["Leverancier", "Gemeente"]
    assert parsed.answers == {
        "Leverancier": {"1": {"1.1": 4, "1.2": None}, "2": {"2.1": None}},
        "Gemeente": {"1": {"1.1": 5}},
    }
    assert parsed.rows == 4


def test_same_respondent_id_in_two_parties_is_two_respondents():
    parsed = parse("party,respondent,statement,score\nA,r1,1.1,4\nB,r1,1.1,2\n")
    assert parsed.answers == {"A": {"r1": {"1.1": 4}}, "B": {"r1": {"1.1": 2}}}


def test_semicolons_bom_crlf_header_case_and_extra_columns():
    data = (
        "\ufeff Score ;Comment;STATEMENT;Respondent;Party\r\n"
        "3;fine, really;1.1;r1;Gemeente\r\n"
        " 4 ; ; 2.2 ; r1 ; Gemeente \r\n"
    ).encode()
    parsed = parse(data)
    assert parsed.answers == {"Gemeente": {"r1": {"1.1": 3, "2.2": 4}}}


def test_quoted_fields_and_empty_lines():
    parsed = parse(
        'party,respondent,statement,score,comment\n\nA,r1,1.1,4,"two\nlines"\n\nA,r2,1.1,5,x\n'
    )
    assert parsed.answers == {"A": {"r1": {"1.1": 4}, "r2": {"1.1": 5}}}


def test_header_only_gives_no_parties():
    parsed = parse("party,respondent,statement,score\n")
    assert (parsed.parties, parsed.answers) == ([], {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "party,respondent,statement,score\nA,r1,1.1,4\nA,r1,1.2,6\n",
            'answers.csv, line 3: score "6" is outside the scale 1–5',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,0\n",
            'answers.csv, line 2: score "0" is outside the scale 1–5',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,3.5\n",
            'answers.csv, line 2: score "3.5" is not a whole number from 1 to 5 or "?"',
        ),
        (
            "party;respondent;statement;score\nA;r1;1.1;3,0\n",
            'answers.csv, line 2: score "3,0" is not a whole number from 1 to 5 or "?"',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,drie\n",
            'answers.csv, line 2: score "drie" is not a whole number from 1 to 5 or "?"',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,4\n\nA,r1,9.9,4\n",
            'answers.csv, line 4: unknown statement "9.9" (not in framework test)',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,4\nB,r1,1.1,4\nA,r1,1.1,5\n",
            'answers.csv, line 4: respondent "r1" of party "A" answers statement "1.1" '
            "a second time (first on line 2)",
        ),
        (
            "party,respondent,stmt,value\nA,r1,1.1,4\n",
            'answers.csv, line 1: missing required column "statement", "score"',
        ),
        (
            "party,respondent,statement,score,party\nA,r1,1.1,4,B\n",
            'answers.csv, line 1: the column "party" appears twice',
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,4\n ,r2,1.1,4\n",
            "answers.csv, line 3: the party is empty",
        ),
        (
            "party,respondent,statement,score\nA,,1.1,4\n",
            "answers.csv, line 2: the respondent is empty",
        ),
        (
            "party,respondent,statement,score\nA,r1,,4\n",
            "answers.csv, line 2: the statement is empty",
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1\n",
            "answers.csv, line 2: expected 4 fields like the header, found 3",
        ),
        (
            "party,respondent,statement,score\nA,r1,1.1,3,5\n",
            "answers.csv, line 2: expected 4 fields like the header, found 5",
        ),
        (
            'party,respondent,statement,score\nA,r1,1.1,4\nA,"r2"x,1.1,4\n',
            "answers.csv, line 3: the line cannot be read as CSV",
        ),
        ("", "answers.csv, line 1: the file is empty"),
        ("\ufeff\r\n  \n", "answers.csv, line 1: the file is empty"),
    ],
)
def test_bad_input_names_the_problem_and_the_line(text, message):
    exc = error(text)
    assert str(exc).startswith(message)
    assert "\n" not in str(exc)


def test_line_numbers_count_physical_lines_with_crlf_and_quoted_newlines():
    exc = error(
        'party,respondent,statement,score,comment\r\nA,r1,1.1,4,"one\r\ntwo"\r\nA,r1,1.2,9,x\r\n'
    )
    assert exc.line == 4


def test_invalid_utf8_names_the_line():
    data = b"party,respondent,statement,score\nA,r1,1.1,4\nB\xe9,r1,1.1,4\n"
    exc = error(data)
    assert exc.line == 3
    assert str(exc).startswith("answers.csv, line 3: the file is not valid UTF-8")


def test_latin1_file_is_rejected_not_misread():
    exc = error("party,respondent,statement,score\nCaf\u00e9,r1,1.1,4\n".encode("latin-1"))
    assert exc.line == 2


def test_read_answers_reports_a_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(CsvInputError) as exc:
        read_answers(path, SPEC)
    assert str(exc.value).startswith(f"{path}: cannot read the file")
    assert exc.value.line is None


def test_read_answers_reads_a_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"party,respondent,statement,score\r\nA,r1,1.1,4\r\n")
    assert read_answers(path, SPEC).answers == {"A": {"r1": {"1.1": 4}}}


def test_read_answers_reports_a_directory(tmp_path):
    with pytest.raises(CsvInputError) as exc:
        read_answers(tmp_path, SPEC)
    assert str(exc.value).startswith(f"{tmp_path}: cannot read the file")
