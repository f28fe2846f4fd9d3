"""``load_file``: YAML errors and line numbers, and the shipped ritsen-9 framework."""

from decimal import Decimal

import pytest

from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import (
    BUILTIN_DIR,
    DEFAULT_FRAMEWORK_PATH,
    load_file,
    load_string,
    validate,
)

GOOD = """\
id: small
version: 2
name: {nl: Klein, en: Small}
scale: {min: 1, max: 5}
thresholds:
  strong: 4
  weak: 3
  gap: 1
  min_respondents: 3
  min_answered: 0.5
links:
  - id: 1
    key: only
    name: {nl: Enige, en: Only}
    question: {nl: "Vraag?", en: "Question?"}
    statements:
      - id: "1.1"
        text: {nl: Stelling., en: Statement.}
"""


def test_valid_file(write):
    spec, problems = load_file(write(GOOD))
    assert problems == []
    assert spec.id == "small"
    assert spec.version == 2
    assert spec.thresholds.strong == Decimal(4)


def test_yaml_syntax_error_has_line_and_column(write):
    path = write("id: small\nversion: 1\nname: {nl: a, en: b\nlinks: []\n")
    spec, problems = load_file(path)
    assert spec is None
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == 4
    assert problem.column is not None
    assert "YAML syntax error" in problem.message
    assert str(problem).startswith("line 4, column ")


def test_bad_indentation_is_a_syntax_error(write):
    _spec, problems = load_file(write("id: x\n  version: 1\n"))
    assert problems[0].line == 2
    assert "mapping values are not allowed here" in problems[0].message


def test_problems_carry_yaml_line_numbers(write):
    text = GOOD.replace("  weak: 3", "  weak: 5").replace('id: "1.1"', "id: 1.1")
    text = text.replace("text: {nl: Stelling., en: Statement.}", "text: {nl: Stelling.}")
    text += "extra: true\n"
    spec, problems = load_file(write(text))
    assert spec is None
    assert [str(p) for p in problems] == [
        "line 7, thresholds.weak: weak (5) must be below strong (4)",
        'line 17, statement 1.1, id: must be a quoted string such as "1.1": '
        "YAML reads an unquoted 1.1 as a number",
        "line 18, statement 1.1: the English text is missing",
        "line 19, extra: extra is not a key of the framework format here",
    ]


def test_messages_name_links_and_statements_as_the_author_wrote_them(write):
    text = GOOD.replace(
        """    statements:
      - id: "1.1"
        text: {nl: Stelling., en: Statement.}
""",
        "    statements: []\n",
    )
    _spec, problems = load_file(write(text))
    assert [str(p) for p in problems] == [
        "line 16, link 1 (only), statements: a link needs at least one statement"
    ]


def test_missing_key_points_at_the_enclosing_mapping(write):
    text = GOOD.replace('    question: {nl: "Vraag?", en: "Question?"}\n', "")
    _spec, problems = load_file(write(text))
    assert [(p.line, p.location) for p in problems] == [(12, "link 1 (only)")]
    assert problems[0].message == "question is missing"


def test_block_value_reports_the_key_line(write):
    text = GOOD.replace("name: {nl: Klein, en: Small}", "name:\n  nl: Klein\n  de: Klein")
    _spec, problems = load_file(write(text))
    assert [(p.line, p.location, p.message) for p in problems] == [
        (3, "name", "the English text is missing"),
        (5, "name.de", "de is not a language of Ritsen; only nl and en are"),
    ]


def test_duplicate_yaml_keys_are_reported(write):
    text = GOOD.replace("version: 2\n", "version: 2\nversion: 3\n")
    spec, problems = load_file(write(text))
    assert spec is None
    assert str(problems[0]) == "line 3, version: version appears twice (first on line 2)"


def test_top_level_must_be_a_mapping(write):
    _spec, problems = load_file(write("- id: small\n"))
    assert len(problems) == 1
    assert "must contain a mapping" in problems[0].message
    assert "a list" in problems[0].message


def test_empty_file(write):
    _spec, problems = load_file(write(""))
    assert "must contain a mapping" in problems[0].message


def test_unreadable_file(tmp_path):
    spec, problems = load_file(tmp_path / "missing.yaml")
    assert spec is None
    assert "cannot read" in problems[0].message
    assert "missing.yaml" in problems[0].message


def test_directory_is_unreadable(tmp_path):
    _spec, problems = load_file(tmp_path)
    assert "cannot read" in problems[0].message


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\nname: {nl: Één}\n".encode("latin-1"))
    _spec, problems = load_file(path)
    assert problems[0].line == 2
    assert "not valid UTF-8" in problems[0].message


def test_python_tags_are_not_executed(write):
    _spec, problems = load_file(write("id: !!python/object/apply:os.system ['echo hi']\n"))
    assert len(problems) == 1
    assert "YAML syntax error" in problems[0].message
    assert problems[0].line == 1


def test_multiple_documents_are_rejected():
    _spec, problems = load_string("id: a\n---\nid: b\n")
    assert "YAML syntax error" in problems[0].message


def test_recursive_alias_does_not_hang():
    _spec, problems = load_string("id: x\nlinks: &a [*a]\n")
    assert any(p.location == "the link at position 1" for p in problems)


# --- the shipped framework ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ritsen9() -> FrameworkSpec:
    spec, problems = load_file(DEFAULT_FRAMEWORK_PATH)
    assert problems == []
    return spec


def test_shipped_file_location():
    assert DEFAULT_FRAMEWORK_PATH == BUILTIN_DIR / "ritsen-9.yaml"
    assert DEFAULT_FRAMEWORK_PATH.is_file()


def test_shipped_document_is_valid(shipped):
    assert validate(shipped) == []


def test_shipped_framework_identity(ritsen9):
    assert ritsen9.id == "ritsen-9"
    assert ritsen9.version == 1
    assert ritsen9.name.nl.startswith("Ritsen 9")
    assert (ritsen9.scale_min, ritsen9.scale_max) == (1, 5)
    assert ritsen9.scale_labels[1].nl == "Helemaal oneens"
    assert ritsen9.scale_labels[5].en == "Strongly agree"
    assert set(ritsen9.scale_labels) == {1, 2, 3, 4, 5}


def test_shipped_thresholds(ritsen9):
    t = ritsen9.thresholds
    assert t.strong == Decimal("4.0")
    assert t.weak == Decimal("3.0")
    assert t.gap == Decimal("1.0")
    assert t.min_respondents == 3
    assert t.min_answered == Decimal("0.5")


def test_shipped_links_in_order(ritsen9):
    assert [(link.id, link.key) for link in ritsen9.links] == [
        (1, "business_case"),
        (2, "culture"),
        (3, "strategy"),
        (4, "agreements"),
        (5, "processes"),
        (6, "roles"),
        (7, "quality"),
        (8, "information"),
        (9, "technology"),
    ]
    assert ritsen9.link(4).name.nl == "Afspraken en contracten"
    assert ritsen9.link(6).name.nl == "Opdrachtgever- en opdrachtnemerschap"
    assert ritsen9.link(7).question.nl.startswith("Ben je in staat om (samen) fouten te maken")


def test_shipped_links_have_enough_statements_and_a_reverse_one(ritsen9):
    for link in ritsen9.links:
        assert len(link.statements) >= 4, link.key
        assert any(s.reverse for s in link.statements), link.key
        assert not all(s.reverse for s in link.statements), link.key
        assert link.description is not None, link.key
        for index, statement in enumerate(link.statements, start=1):
            assert statement.id == f"{link.id}.{index}"
    assert len(ritsen9.statements) == 45


def test_shipped_framework_round_trips(ritsen9):
    assert FrameworkSpec.from_dict(ritsen9.to_dict()) == ritsen9
