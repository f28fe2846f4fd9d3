"""``validate`` reports every problem with its location; ``parse`` builds the spec."""

from decimal import Decimal

import pytest

from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import Problem, parse, validate


def problems_of(data):
    return [(p.location, p.message) for p in validate(data)]


def assert_problem(data, location, fragment):
    found = problems_of(data)
    assert any(loc == location and fragment in msg for loc, msg in found), found


def link(data, i=0):
    return data["links"][i]


def statement(data, i=0, j=0):
    return data["links"][i]["statements"][j]


def test_minimal_document_is_valid(minimal):
    assert validate(minimal) == []


# Each case: (change the minimal document, expected location, message fragment). The
# minimal document has link 1 (first) with statements 1.1 and 1.2, link 2 (second)
# with statement 2.1. Places are named as the author wrote them, never by list index.
CASES = {
    # wrong types
    "version is a string": (lambda d: d.update(version="1"), "version", "must be a whole number"),
    "name is a plain string": (
        lambda d: d.update(name="Mini"),
        "name",
        "must have a Dutch and an English text",
    ),
    "scale is a list": (lambda d: d.update(scale=[1, 5]), "scale", "must be a mapping"),
    "thresholds is a number": (lambda d: d.update(thresholds=3), "thresholds", "must be a mapping"),
    "links is a mapping": (lambda d: d.update(links={"a": 1}), "links", "must be a list"),
    "link is a string": (
        lambda d: d["links"].append("x"),
        "the link at position 3",
        "must be a mapping",
    ),
    "statements is a string": (
        lambda d: link(d).update(statements="1.1"),
        "link 1 (first), statements",
        "must be a list",
    ),
    "statement is a list": (
        lambda d: link(d)["statements"].append([]),
        "link 1 (first), the statement at position 3",
        "must be a mapping",
    ),
    "link key is a number": (
        lambda d: link(d).update(key=3),
        "link 1, key",
        "must be text, not a whole number",
    ),
    "reverse is a string": (
        lambda d: statement(d).update(reverse="yes"),
        "statement 1.1, reverse",
        "must be true or false",
    ),
    "translation is a number": (
        lambda d: d["name"].update(en=5),
        "name.en",
        "must be text, not a whole number",
    ),
    "weight is a string": (
        lambda d: link(d).update(weight="2"),
        "link 1 (first), weight",
        "must be a number, not text",
    ),
    "weight is negative": (
        lambda d: link(d).update(weight=-1),
        "link 1 (first), weight",
        "greater than 0",
    ),
    "strong is infinite": (
        lambda d: d["thresholds"].update(strong=float("inf")),
        "thresholds.strong",
        "finite",
    ),
    # bools where integers or numbers are expected
    "version is true": (lambda d: d.update(version=True), "version", "not true or false"),
    "link id is true": (lambda d: link(d).update(id=True), "link first, id", "not true or false"),
    "scale min is false": (
        lambda d: d["scale"].update(min=False),
        "scale.min",
        "not true or false",
    ),
    "min_respondents is true": (
        lambda d: d["thresholds"].update(min_respondents=True),
        "thresholds.min_respondents",
        "not true or false",
    ),
    "strong is true": (
        lambda d: d["thresholds"].update(strong=True),
        "thresholds.strong",
        "must be a number, not true or false",
    ),
    # missing required keys
    "missing thresholds": (lambda d: d.pop("thresholds"), "", "thresholds is missing"),
    "missing scale max": (lambda d: d["scale"].pop("max"), "scale", "max is missing"),
    "missing gap": (lambda d: d["thresholds"].pop("gap"), "thresholds", "gap is missing"),
    "missing link question": (
        lambda d: link(d).pop("question"),
        "link 1 (first)",
        "question is missing",
    ),
    "missing statement text": (
        lambda d: statement(d).pop("text"),
        "statement 1.1",
        "text is missing",
    ),
    # unknown keys at every level
    "unknown top key": (lambda d: d.update(colour="red"), "colour", "colour is not a key"),
    "unknown scale key": (lambda d: d["scale"].update(step=1), "scale.step", "not a key"),
    "unknown threshold": (
        lambda d: d["thresholds"].update(great=4.5),
        "thresholds.great",
        "great is not a key",
    ),
    "unknown link key": (
        lambda d: link(d).update(colour=1),
        "link 1 (first), colour",
        "not a key",
    ),
    "unknown statement key": (
        lambda d: statement(d).update(note="x"),
        "statement 1.1, note",
        "note is not a key",
    ),
    # translations
    "missing English": (
        lambda d: statement(d, 1, 0)["text"].pop("en"),
        "statement 2.1",
        "the English text is missing",
    ),
    "missing Dutch": (
        lambda d: link(d)["question"].pop("nl"),
        "link 1 (first), question",
        "the Dutch text is missing",
    ),
    "empty English": (
        lambda d: d["name"].update(en="   "),
        "name",
        "the English text is empty",
    ),
    "extra language": (
        lambda d: link(d)["name"].update(de="Erste"),
        "link 1 (first), name.de",
        "de is not a language of Ritsen",
    ),
    "description without translations": (
        lambda d: d.update(description={}),
        "description",
        "the Dutch text is missing",
    ),
    # identifiers and duplicates
    "bad slug": (lambda d: d.update(id="Ritsen 9"), "id", "not a valid identifier"),
    "bad link key": (
        lambda d: link(d).update(key="Business-case"),
        "link 1 (Business-case), key",
        "valid key",
    ),
    "duplicate link id": (
        lambda d: link(d, 1).update(id=1),
        "link 1 (second), id",
        "link id 1 is used twice",
    ),
    "duplicate link key": (
        lambda d: link(d, 1).update(key="first"),
        "link 2 (first), key",
        "link key first is used twice",
    ),
    "duplicate statement id across links": (
        lambda d: statement(d, 1, 0).update(id="1.2"),
        "statement 1.2, id",
        "statement id 1.2 is used twice",
    ),
    "statement id is a float": (
        lambda d: statement(d).update(id=1.1),
        "statement 1.1, id",
        'must be a quoted string such as "1.1"',
    ),
    "statement id is an integer": (
        lambda d: statement(d).update(id=7),
        "statement 7, id",
        "must be a quoted string",
    ),
    "statement id with spaces": (
        lambda d: statement(d).update(id="1 1"),
        "statement 1 1, id",
        "not a valid statement id",
    ),
    # scale and thresholds
    "scale min equals max": (
        lambda d: d["scale"].update(min=5),
        "scale",
        "min (5) must be less than max (5)",
    ),
    "scale min above max": (lambda d: d["scale"].update(min=7), "scale", "must be less than max"),
    "scale bound is a float": (
        lambda d: d["scale"].update(max=5.5),
        "scale.max",
        "must be a whole number, not a number",
    ),
    "label outside the scale": (
        lambda d: d["scale"].update(labels={6: {"nl": "Zes", "en": "Six"}}),
        "scale.labels.6",
        "outside the scale 1–5",
    ),
    "label key is a string": (
        lambda d: d["scale"].update(labels={"one": {"nl": "Een", "en": "One"}}),
        "scale.labels.one",
        "label keys must be whole numbers",
    ),
    "label key is a superscript digit": (
        lambda d: d["scale"].update(labels={"²": {"nl": "Twee", "en": "Two"}}),
        "scale.labels.²",
        "label keys must be whole numbers",
    ),
    "label without English": (
        lambda d: d["scale"].update(labels={1: {"nl": "Een"}}),
        "scale.labels.1",
        "the English text is missing",
    ),
    "weak equals strong": (
        lambda d: d["thresholds"].update(weak=4),
        "thresholds.weak",
        "weak (4) must be below strong (4.0)",
    ),
    "weak above strong": (
        lambda d: d["thresholds"].update(weak=4.5),
        "thresholds.weak",
        "must be below strong",
    ),
    "strong above the scale": (
        lambda d: d["thresholds"].update(strong=6),
        "thresholds.strong",
        "6 is outside the scale 1–5",
    ),
    "weak below the scale": (
        lambda d: d["thresholds"].update(weak=0.5),
        "thresholds.weak",
        "outside the scale",
    ),
    "gap wider than the scale": (
        lambda d: d["thresholds"].update(gap=4.5),
        "thresholds.gap",
        "larger than the width of the scale (4)",
    ),
    "gap zero": (lambda d: d["thresholds"].update(gap=0), "thresholds.gap", "greater than 0"),
    "min_respondents zero": (
        lambda d: d["thresholds"].update(min_respondents=0),
        "thresholds.min_respondents",
        "must be at least 3, not 0",
    ),
    "min_respondents one: suppression off": (
        lambda d: d["thresholds"].update(min_respondents=1),
        "thresholds.min_respondents",
        "one person's answers could be worked out",
    ),
    "min_respondents two": (
        lambda d: d["thresholds"].update(min_respondents=2),
        "thresholds.min_respondents",
        "must be at least 3, not 2",
    ),
    "min_respondents float": (
        lambda d: d["thresholds"].update(min_respondents=2.5),
        "thresholds.min_respondents",
        "must be a whole number",
    ),
    "min_answered zero": (
        lambda d: d["thresholds"].update(min_answered=0),
        "thresholds.min_answered",
        "greater than 0",
    ),
    "min_answered above one": (
        lambda d: d["thresholds"].update(min_answered=1.5),
        "thresholds.min_answered",
        "at most 1",
    ),
    "version zero": (lambda d: d.update(version=0), "version", "at least 1"),
    "version beyond the database": (
        lambda d: d.update(version=2**31),
        "version",
        "at most 2147483647",
    ),
    "name beyond the database": (
        lambda d: d["name"].update(nl="x" * 201),
        "name.nl",
        "at most 200 characters",
    ),
    # links and statements
    "empty links": (lambda d: d.update(links=[]), "links", "a framework needs at least one link"),
    "link without statements": (
        lambda d: link(d).update(statements=[]),
        "link 1 (first), statements",
        "a link needs at least one statement",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_kind_is_reported_with_its_location(minimal, case):
    change, location, fragment = CASES[case]
    change(minimal)
    assert_problem(minimal, location, fragment)


@pytest.mark.parametrize("data", [[], "ritsen-9", None, 3])
def test_top_level_must_be_a_mapping(data):
    assert problems_of(data) == [
        (
            "",
            "the file must contain a mapping with the keys id, version, name, … "
            f"(found {_type(data)})",
        )
    ]


def _type(value):
    return {list: "a list", str: "text", type(None): "nothing (null)", int: "a whole number"}[
        type(value)
    ]


def test_every_problem_is_reported_not_only_the_first(minimal):
    minimal["version"] = True
    minimal["thresholds"]["weak"] = 5
    link(minimal)["name"].pop("en")
    statement(minimal, 1, 0)["id"] = "1.1"
    minimal["links"][1]["statements"].append({"id": 2.2, "text": {"nl": "x", "en": ""}})
    locations = sorted(p.location for p in validate(minimal))
    assert locations == sorted(
        [
            "version",
            "thresholds.weak",
            "link 1 (first), name",
            "statement 1.1, id",  # the second 1.1, in link 2
            "statement 2.2, id",
            "statement 2.2",  # its empty English text
        ]
    )


def test_missing_link_fields_are_all_reported(minimal):
    minimal["links"][0] = {"colour": "blue"}
    found = problems_of(minimal)
    assert (
        "the link at position 1, colour",
        "colour is not a key of the framework format here",
    ) in found
    for key in ("id", "key", "name", "question", "statements"):
        assert ("the link at position 1", f"{key} is missing") in found


def test_problem_str_with_and_without_line():
    problem = Problem("statement 2.1", "the English text is missing")
    assert str(problem) == "statement 2.1: the English text is missing"
    with_line = Problem("link 2 (processes)", "a link needs at least one statement", line=46)
    assert str(with_line) == "line 46, link 2 (processes): a link needs at least one statement"
    assert str(Problem("", "bad", line=3, column=7)) == "line 3, column 7: bad"
    assert str(Problem("", "bad")) == "bad"


def test_parse_builds_a_normalised_spec(minimal):
    minimal["description"] = {"nl": "  Omschrijving\n", "en": "Description"}
    minimal["scale"]["labels"] = {5: {"nl": "Eens", "en": "Agree"}, 1: {"nl": "Nee", "en": "No"}}
    link(minimal)["weight"] = 2
    spec = parse(minimal)
    assert isinstance(spec, FrameworkSpec)
    assert spec.id == "mini"
    assert spec.description.nl == "Omschrijving"
    assert spec.thresholds.strong == Decimal("4.0")
    assert spec.thresholds.min_answered == Decimal("0.5")
    assert spec.scale_labels[1].en == "No"
    assert list(spec.scale_labels) == [1, 5]
    assert spec.links[0].weight == Decimal(2)
    assert spec.links[1].weight == Decimal(1)
    assert spec.links[1].description is None
    assert [s.id for s in spec.statements] == ["1.1", "1.2", "2.1"]
    assert [s.reverse for s in spec.statements] == [False, True, False]


def test_parse_rejects_invalid_data(minimal):
    minimal["thresholds"]["weak"] = 4.5
    with pytest.raises(ValueError, match=r"thresholds\.weak: weak \(4\.5\) must be below"):
        parse(minimal)


def test_spec_round_trips_through_dict(minimal):
    minimal["description"] = {"nl": "Omschrijving", "en": "Description"}
    minimal["scale"]["labels"] = {1: {"nl": "Nee", "en": "No"}}
    spec = parse(minimal)
    assert FrameworkSpec.from_dict(spec.to_dict()) == spec
