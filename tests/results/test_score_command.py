"""``ritsen score``: offline scoring of a CSV file, without a database."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH
from tests.cli import run_ritsen

# The in-process runs find the framework in the test database.
pytestmark = pytest.mark.django_db

RITSEN = Path(sys.executable).parent / "ritsen"
NO_DATABASE = "sqlite:////nonexistent/dir/x.sqlite3"

# Respondent link scores per party and link (ritsen-9: 5 statements per link, x.5 is
# reversed, min_respondents 3, min_answered 0.5). ``None``: answers only 2 of 5.
GEMEENTE = {
    1: [4, 4, 5],
    2: [3, 3, 3],
    3: [5, 5, 5],
    4: [4, 4, 4],
    5: [2, 3, 4],
    6: [4, 5, 5],
    7: [2, 2, 2],
    8: [4, 4, 4],
    9: [5, 4, 5],
}
LEVERANCIER = {
    1: [4, 4, 4],
    2: [4, 4, 4],
    3: [3, 3, 3],
    4: [4, 4, 4],
    5: [3, 3, 3],
    6: [5, 5, None],
    7: [4, 4, 4],
    8: [5, 5, 5],
    9: [4, 4, 4],
}


def ritsen9_rows() -> list[list[str]]:
    """Rows (party, respondent, statement, score, comment) for the tables above."""
    rows = []
    for party, table in (("Gemeente", GEMEENTE), ("Leverancier", LEVERANCIER)):
        for respondent in range(3):
            for link_id, scores in table.items():
                value = scores[respondent]
                for j in range(1, 6):
                    statement = f"{link_id}.{j}"
                    if value is None:
                        score = "5" if j <= 2 else "?"
                    else:
                        score = str(6 - value if j == 5 else value)
                    rows.append([party, str(respondent + 1), statement, score, ""])
    # "Don't know" and blank do not change respondent 1's score on link 1 (3 of 5 left).
    rows[0][3] = "?"
    rows[1][3] = ""
    rows[2][4] = "a comment, with a comma"
    return rows


def ritsen9_csv(delimiter: str = ",", newline: str = "\n", bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["Party", " respondent", "STATEMENT ", "Score", "comment"])
    writer.writerows(ritsen9_rows())
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def party(mean, n, sd):
    return {"mean": mean, "n": n, "sd": sd}


def link(link_id, key, gemeente, leverancier, gap, state):
    return {
        "id": link_id,
        "key": key,
        "parties": {"Gemeente": party(*gemeente), "Leverancier": party(*leverancier)},
        "gap": gap,
        "state": state,
    }


EXPECTED = {
    "framework": {"id": "ritsen-9", "version": 1},
    "parties": ["Gemeente", "Leverancier"],
    "links": [
        link(1, "business_case", (4.33, 3, 0.58), (4.0, 3, 0.0), 0.33, "strong"),
        link(2, "culture", (3.0, 3, 0.0), (4.0, 3, 0.0), 1.0, "misaligned"),
        link(3, "strategy", (5.0, 3, 0.0), (3.0, 3, 0.0), 2.0, "misaligned"),
        link(4, "agreements", (4.0, 3, 0.0), (4.0, 3, 0.0), 0.0, "strong"),
        link(5, "processes", (3.0, 3, 1.0), (3.0, 3, 0.0), 0.0, "attention"),
        link(6, "roles", (4.67, 3, 0.58), (None, None, None), None, "missing"),
        link(7, "quality", (2.0, 3, 0.0), (4.0, 3, 0.0), 2.0, "weak"),
        link(8, "information", (4.0, 3, 0.0), (5.0, 3, 0.0), 1.0, "misaligned"),
        link(9, "technology", (4.67, 3, 0.58), (4.0, 3, 0.0), 0.67, "strong"),
    ],
    "zipper": {"state": "jammed", "weakest_link": 7, "jams_at": [6, 7]},
    "agenda": [6, 7, 3, 2, 8, 5, 9, 1, 4],
}

TINY_YAML = """\
id: tiny
version: 3
name: {nl: "Klein", en: "Tiny"}
scale: {min: 0, max: 10}
thresholds: {strong: 7, weak: 5, gap: 2, min_respondents: 3, min_answered: 1}
links:
  - id: 1
    key: first
    name: {nl: "Eerste", en: "First"}
    question: {nl: "Waarom?", en: "Why?"}
    statements:
      - {id: "a1", text: {nl: "A1", en: "A1"}}
      - {id: "a2", text: {nl: "A2", en: "A2"}, reverse: true}
  - id: 2
    key: second
    name: {nl: "Tweede", en: "Second"}
    question: {nl: "Hoe?", en: "How?"}
    statements:
      - {id: "b1", text: {nl: "B1", en: "B1"}}
"""


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def answers_csv(tmp_path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_bytes(ritsen9_csv())
    return path


def call(*args: str) -> str:
    """Run the command in-process against the shipped ritsen-9 file (no database)."""
    out = io.StringIO()
    if not any(a.startswith("--framework") for a in args):
        args = ("--framework", str(DEFAULT_FRAMEWORK_PATH), *args)
    call_command("score", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


CLI_LANGUAGE_VARIABLES = ("RITSEN_CLI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(*args: str, language: str | None = "en"):
    """``ritsen score ARGS…`` as a user runs it (in this process, see ``tests/cli.py``)."""
    return run_ritsen("score", *args, language=language)


def run_process(
    *args: str, cwd: Path | None = None, language: str | None = "en"
) -> subprocess.CompletedProcess:
    """Run ``ritsen score`` in a new process, with a database that cannot exist.

    ``language`` is passed as ``RITSEN_CLI_LANGUAGE`` (English by default, so the
    assertions read like the source strings); ``None`` removes every variable that
    chooses the language, which gives the script's default (Dutch).
    """
    env = {k: v for k, v in os.environ.items() if k not in CLI_LANGUAGE_VARIABLES}
    env["DATABASE_URL"] = NO_DATABASE
    if language is not None:
        env["RITSEN_CLI_LANGUAGE"] = language
    return subprocess.run(
        [str(RITSEN), "score", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


# --- output ---------------------------------------------------------------------------


def test_cli_scores_ritsen9_without_a_database(answers_csv):
    result = run_process(str(answers_csv))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout) == EXPECTED
    assert result.stdout.endswith("}\n")
    assert result.stdout.startswith('{\n  "framework": {\n    "id": "ritsen-9",')


def test_call_command_gives_the_same_json(answers_csv):
    assert json.loads(call(str(answers_csv))) == EXPECTED


def test_semicolons_bom_and_crlf_give_the_same_result(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(ritsen9_csv(delimiter=";", newline="\r\n", bom=True))
    assert json.loads(call(str(path))) == EXPECTED


def test_non_ascii_party_names_are_kept(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "party,respondent,statement,score\n"
        + "".join(f"Zorg één,{r},1.{j},4\n" for r in "abc" for j in (1, 2, 3)),
        encoding="utf-8",
    )
    output = call(str(path))
    assert '"Zorg één"' in output
    assert json.loads(output)["links"][0]["parties"]["Zorg één"]["n"] == 3


def test_min_respondents_overrides_the_framework(answers_csv):
    data = json.loads(call("--min-respondents", "2", str(answers_csv)))
    roles = data["links"][5]
    assert roles["parties"]["Leverancier"] == {"mean": 5.0, "n": 2, "sd": 0.0}
    assert (roles["gap"], roles["state"]) == (0.33, "strong")
    assert data["zipper"] == {"state": "jammed", "weakest_link": 7, "jams_at": [7]}
    # Equal gaps (1/3): link 1 (lowest mean 4) before link 6 (lowest mean 14/3).
    assert data["agenda"] == [7, 3, 2, 8, 5, 9, 1, 6, 4]


def test_min_respondents_above_every_group_withholds_everything(answers_csv):
    data = json.loads(call("--min-respondents", "4", str(answers_csv)))
    assert {link["state"] for link in data["links"]} == {"missing"}
    # A withheld group never tells its size.
    assert data["links"][0]["parties"]["Gemeente"] == {"mean": None, "n": None, "sd": None}
    assert data["zipper"]["weakest_link"] is None


def test_framework_from_a_yaml_file(tmp_path):
    framework = tmp_path / "tiny.yaml"
    framework.write_text(TINY_YAML, encoding="utf-8")
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "respondent,party,statement,score\n"
        "r1,P,a1,8\n"
        "r1,P,a2,2\n"  # reverse on 0–10: counts as 8
        "r1,P,b1,6\n"
        "r1,Q,a1,10\n"
        "r1,Q,a2,0\n"
        "r1,Q,b1,?\n",
        encoding="utf-8",
    )
    # One respondent per party: scored with the threshold lowered to 1 (offline only).
    data = json.loads(call("--framework", str(framework), "--min-respondents", "1", str(answers)))
    assert data == {
        "framework": {"id": "tiny", "version": 3},
        "parties": ["P", "Q"],
        "links": [
            {
                "id": 1,
                "key": "first",
                "parties": {
                    "P": {"mean": 8.0, "n": 1, "sd": None},
                    "Q": {"mean": 10.0, "n": 1, "sd": None},
                },
                "gap": 2.0,
                "state": "misaligned",
            },
            {
                "id": 2,
                "key": "second",
                "parties": {
                    "P": {"mean": 6.0, "n": 1, "sd": None},
                    "Q": {"mean": None, "n": None, "sd": None},
                },
                "gap": None,
                "state": "missing",
            },
        ],
        "zipper": {"state": "jammed", "weakest_link": 1, "jams_at": [2]},
        "agenda": [2, 1],
    }


def test_output_file(answers_csv, tmp_path):
    out = tmp_path / "out.json"
    result = run(str(answers_csv), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == EXPECTED
    assert text.endswith("}\n")


def test_table_format(answers_csv):
    text = call("--format", "table", str(answers_csv))
    lines = text.splitlines()
    assert lines[0] == "Framework: ritsen-9 (version 1)"
    header = lines[2]
    assert header.split() == ["#", "link", "Gemeente", "Leverancier", "gap", "state"]
    rows = lines[4:13]
    assert [row.split()[1] for row in rows] == [
        "business_case",
        "culture",
        "strategy",
        "agreements",
        "processes",
        "roles",
        "quality",
        "information",
        "technology",
    ]
    # Fixed width: every column starts at the same position as its header.
    for column in ("Gemeente", "Leverancier", "state"):
        start = header.index(column)
        assert all(row[start - 1] == " " and row[start] != " " for row in rows)
    assert "4.33 (n=3, sd 0.58)" in rows[0]
    assert "— (fewer than 3 respondents)" in rows[5]
    assert "n=2" not in rows[5]
    assert rows[5].endswith("missing")
    assert lines[-4:] == [
        "Zipper: jammed",
        "Weakest link: 7 quality",
        "Jams at: 6, 7",
        "Agenda: 6, 7, 3, 2, 8, 5, 9, 1, 4",
    ]


def test_table_format_on_the_command_line(answers_csv):
    result = run("--format", "table", str(answers_csv))
    assert result.returncode == 0, result.stderr
    assert "Weakest link: 7 quality" in result.stdout


# --- bad input ------------------------------------------------------------------------

HEADER = "party,respondent,statement,score\n"
BAD_CSV = [
    ("off_scale", HEADER + "A,1,1.1,4\nA,1,1.2,5\nA,1,1.3,6\n", 4, 'score "6" is outside'),
    ("decimal", HEADER + "A,1,1.1,3.5\n", 2, 'score "3.5"'),
    ("word", HEADER + "A,1,1.1,4\nA,1,1.2,drie\n", 3, 'score "drie"'),
    ("unknown_statement", HEADER + "A,1,1.1,4\nA,1,10.1,4\n", 3, 'unknown statement "10.1"'),
    ("duplicate", HEADER + "A,1,1.1,4\nB,1,1.1,4\nA,1,1.1,2\n", 4, 'answers statement "1.1"'),
    (
        "missing_column",
        "party,respondent,statement\nA,1,1.1\n",
        1,
        'missing required column "score"',
    ),
    ("empty_party", HEADER + "A,1,1.1,4\n,2,1.1,4\n", 3, "the party is empty"),
    ("empty_respondent", HEADER + "A, ,1.1,4\n", 2, "the respondent is empty"),
    ("invalid_utf8", (HEADER + "A,1,1.1,4\nB\udce9,1,1.1,4\n"), 3, "not valid UTF-8"),
    ("empty_file", "", 1, "the file is empty"),
]


def _write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "answers.csv"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    return path


@pytest.mark.parametrize(
    ("name", "content", "line", "fragment"), BAD_CSV, ids=[c[0] for c in BAD_CSV]
)
def test_bad_input_on_the_command_line(tmp_path, name, content, line, fragment):
    path = _write(tmp_path, content)
    out = tmp_path / "out.json"
    result = run(str(path), "-o", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert not out.exists()
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"{path}, line {line}: ")
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert "CommandError" not in result.stderr


def test_bad_input_on_the_command_line_is_dutch_by_default(tmp_path):
    path = _write(tmp_path, HEADER + "A,1,1.1,4\nA,1,1.2,drie\n")
    result = run_process(str(path), language=None)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"{path}, regel 3: ")
    assert ", line " not in result.stderr
    assert 'score "drie" is geen geheel getal van 1 tot en met 5' in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "line", "fragment"), BAD_CSV, ids=[c[0] for c in BAD_CSV]
)
def test_bad_input_in_process(tmp_path, name, content, line, fragment):
    path = _write(tmp_path, content)
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("score", "--framework", str(DEFAULT_FRAMEWORK_PATH), str(path), stdout=out)
    assert exc.value.returncode == 2
    assert str(exc.value).startswith(f"{path}, line {line}: ")
    assert fragment in str(exc.value)
    assert out.getvalue() == ""


def test_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    result = run(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{path}: cannot read the file")


def test_min_respondents_must_be_at_least_one(answers_csv):
    result = run("--min-respondents", "0", str(answers_csv))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "--min-respondents must be at least 1, not 0\n"


def test_invalid_framework_file(tmp_path, answers_csv):
    framework = tmp_path / "bad.yaml"
    framework.write_text(TINY_YAML.replace("weak: 5", "weak: 8"), encoding="utf-8")
    result = run("--framework", str(framework), str(answers_csv))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"framework {framework}: line 5")
    assert "weak (8) must be below strong (7)" in result.stderr


def test_unknown_framework(answers_csv):
    with pytest.raises(CommandError) as exc:
        call("--framework", "no such framework!", str(answers_csv))
    assert exc.value.returncode == 2
    assert str(exc.value).startswith("framework no such framework!: ")


def test_unwritable_output_file(answers_csv, tmp_path):
    with pytest.raises(CommandError) as exc:
        call(str(answers_csv), "-o", str(tmp_path / "missing-dir" / "out.json"))
    assert exc.value.returncode == 2
    assert "cannot write the file" in str(exc.value)


def test_the_dutch_table_writes_a_decimal_comma(answers_csv):
    result = run("--format", "table", str(answers_csv), language="nl")
    assert result.returncode == 0, result.stderr
    assert "4,33 (n=3, sd 0,58)" in result.stdout
    english = run("--format", "table", str(answers_csv), language="en")
    assert "4.33 (n=3, sd 0.58)" in english.stdout
