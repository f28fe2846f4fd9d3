"""Random damage to valid files: every reader answers with its documented error only.

Three readers take files from people: framework YAML (``ritsen framework``), transfer
JSON (``ritsen import`` and the web import) and answers CSV (``ritsen score``). Each
valid file is mutated at random — a value replaced by something of another type or
size, a key removed or added, the text cut or sprinkled with other characters — and
the reader must either accept it or refuse it with its own error whose message is one
line. A refused import leaves the database exactly as it was.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH, load_string
from ritsen.results.csvinput import CsvInputError, parse_answers
from ritsen.transfer.services import TransferError, export_collaboration, import_collaboration
from tests.frameworks.conftest import MINIMAL
from tests.transfer.conftest import build_rich, row_counts

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that stress types, sizes and the database.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -1, 2**31, 2**63, 10**18]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "²",
            "x" * 300,
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59Z",
            "2026-02-30T10:00:00Z",
            "2026-01-01T10:00:00",
            "not-a-uuid",
            "1.1",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(data: Any, path: tuple) -> tuple[Any, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


@st.composite
def mutated(draw, original: dict) -> Any:
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [path for path in _paths(data) if path]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path)
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(ODD_VALUES)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(ODD_VALUES)
        else:
            parent.append(draw(ODD_VALUES))
    return data


@st.composite
def damaged_text(draw, text: str) -> str:
    """Cut the text, or put other characters somewhere in it."""
    if draw(st.booleans()):
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    position = draw(st.integers(min_value=0, max_value=len(text)))
    noise = draw(st.text(alphabet=st.sampled_from(list(":{}[],\"'-\n\t#&*!|>%@`?")), max_size=4))
    return text[:position] + noise + text[position:]


def _one_line(message: str) -> None:
    assert message and "\n" not in message.strip(), message
    assert "Traceback" not in message


# --- framework files --------------------------------------------------------------------

SHIPPED = yaml.safe_load(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))


def _check_framework_text(text: str) -> None:
    spec, problems = load_string(text)
    if spec is None:
        assert problems
        for problem in problems:
            _one_line(str(problem))
            # Places by id, never by list index.
            assert not re.search(r"\[\d+\]", problem.location), problem.location
    else:
        assert problems == []


@FUZZ
@given(st.data())
def test_damaged_framework_files_give_problems_not_tracebacks(data):
    original = data.draw(st.sampled_from([MINIMAL, SHIPPED]))
    document = data.draw(mutated(original))
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    _check_framework_text(text)
    _check_framework_text(data.draw(damaged_text(text)))


# --- transfer files ---------------------------------------------------------------------


@pytest.fixture
def exported(cast):
    build_rich(cast)
    return export_collaboration(cast.collab)


def _check_import(raw: str | bytes) -> None:
    before = row_counts()
    try:
        with transaction.atomic():
            import_collaboration(raw)
            transaction.set_rollback(True)  # an accepted file: undo, for the next example
    except TransferError as error:
        _one_line(str(error))
        assert row_counts() == before


@FUZZ
@given(st.data())
def test_damaged_transfer_files_are_refused_and_change_nothing(exported, data):
    document = data.draw(mutated(exported))
    text = json.dumps(document, ensure_ascii=False)
    _check_import(text)
    if data.draw(st.booleans()):
        _check_import(data.draw(damaged_text(text)))


# --- answers files ----------------------------------------------------------------------

CSV = "party,respondent,statement,score\nA,1,1.1,4\nA,1,1.2,?\nB,7,2.1,\n"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_answer_files_give_one_line_errors(data):
    from tests.results.factories import make_spec

    spec = make_spec([(False, True), (False,)])
    text = data.draw(damaged_text(CSV))
    cells = text.split(",")
    if data.draw(st.booleans()) and cells:
        index = data.draw(st.integers(min_value=0, max_value=len(cells) - 1))
        cells[index] = str(data.draw(ODD_VALUES))
        text = ",".join(cells)
    raw = text.encode("utf-8", errors="surrogateescape")
    if data.draw(st.booleans()):
        raw = raw + data.draw(st.binary(max_size=4))
    try:
        parse_answers(raw, spec, filename="answers.csv")
    except CsvInputError as error:
        _one_line(str(error))
