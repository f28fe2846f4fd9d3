"""``validate`` reports every problem with its location; ``parse`` builds the spec."""

from decimal import Decimal

import pytest

from ritsen.frameworks.spec import FrameworkSpec
from ritsen.frameworks.validation import Problem, format_location, parse, validate


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


# Each case: (change the minimal document, expected location, message fragment).
CASES = {
    # wrong types
    "version is a string": (lambda d: d.update(version="1"), "version", "must be an integer"),
    "name is a plain string": (
        lambda d: d.update(name="Mini"),
        "name",
        "must have a Dutch and an English translation",
    ),
    "scale is a list": (lambda d: d.update(scale=[1, 5]), "scale", "must be a mapping"),
    "thresholds is a number": (lambda d: d.update(thresholds=3), "thresholds", "must be a mapping"),
    "links is a mapping": (lambda d: d.update(links={"a": 1}), "links", "must be a list"),
    "link is a string": (lambda d: d["links"].append("x"), "links[2]", "must be a mapping"),
    "statements is a string": (
        lambda d: link(d).update(statements="1.1"),
        "links[0].statements",
        "must be a list of statements",
    ),
    "statement is a list": (
        lambda d: link(d)["statements"].append([]),
        "links[0].statements[2]",
        "must be a mapping",
    ),
    "link key is a number": (lambda d: link(d).update(key=3), "links[0].key", "must be a string"),
    "reverse is a string": (
        lambda d: statement(d).update(reverse="yes"),
        "links[0].statements[0].reverse",
        "must be true or false",
    ),
    "translation is a number": (
        lambda d: d["name"].update(en=5),
        "name.en",
        "must be a string, not an integer",
    ),
    "weight is a string": (lambda d: link(d).update(weight="2"), "links[0].weight", "a number"),
    "weight is negative": (
        lambda d: link(d).update(weight=-1),
        "links[0].weight",
        "greater than 0",
    ),
    "strong is infinite": (
        lambda d: d["thresholds"].update(strong=float("inf")),
        "thresholds.strong",
        "finite",
    ),
    # bools where integers or numbers are expected
    "version is true": (lambda d: d.update(version=True), "version", "not a boolean"),
    "link id is true": (lambda d: link(d).update(id=True), "links[0].id", "not a boolean"),
    "scale min is false": (
        lambda d: d["scale"].update(min=False),
        "scale.min",
        "not a boolean",
    ),
    "min_respondents is true": (
        lambda d: d["thresholds"].update(min_respondents=True),
        "thresholds.min_respondents",
        "not a boolean",
    ),
    "strong is true": (
        lambda d: d["thresholds"].update(strong=True),
        "thresholds.strong",
        "must be a number, not a boolean",
    ),
    # missing required keys
    "missing thresholds": (lambda d: d.pop("thresholds"), "", "missing required key 'thresholds'"),
    "missing scale max": (lambda d: d["scale"].pop("max"), "scale", "missing required key 'max'"),
    "missing gap": (lambda d: d["thresholds"].pop("gap"), "thresholds", "'gap'"),
    "missing link question": (
        lambda d: link(d).pop("question"),
        "links[0]",
        "missing required key 'question'",
    ),
    "missing statement text": (
        lambda d: statement(d).pop("text"),
        "links[0].statements[0]",
        "missing required key 'text'",
    ),
    # unknown keys at every level
    "unknown top key": (lambda d: d.update(colour="red"), "colour", "unknown key 'colour'"),
    "unknown scale key": (lambda d: d["scale"].update(step=1), "scale.step", "unknown key"),
    "unknown threshold": (
        lambda d: d["thresholds"].update(great=4.5),
        "thresholds.great",
        "unknown key 'great'",
    ),
    "unknown link key": (lambda d: link(d).update(colour=1), "links[0].colour", "unknown key"),
    "unknown statement key": (
        lambda d: statement(d).update(note="x"),
        "links[0].statements[0].note",
        "unknown key 'note'",
    ),
    # translations
    "missing English": (
        lambda d: statement(d, 1, 0)["text"].pop("en"),
        "links[1].statements[0].text",
        "missing English translation (en)",
    ),
    "missing Dutch": (
        lambda d: link(d)["question"].pop("nl"),
        "links[0].question",
        "missing Dutch translation (nl)",
    ),
    "empty English": (
        lambda d: d["name"].update(en="   "),
        "name.en",
        "empty English translation (en)",
    ),
    "extra language": (
        lambda d: link(d)["name"].update(de="Erste"),
        "links[0].name.de",
        "unsupported language 'de'",
    ),
    "description without translations": (
        lambda d: d.update(description={}),
        "description",
        "missing Dutch translation",
    ),
    # identifiers and duplicates
    "bad slug": (lambda d: d.update(id="Ritsen 9"), "id", "not a valid identifier"),
    "bad link key": (lambda d: link(d).update(key="Business-case"), "links[0].key", "valid key"),
    "duplicate link id": (
        lambda d: link(d, 1).update(id=1),
        "links[1].id",
        "duplicate link id 1 (also used at links[0].id)",
    ),
    "duplicate link key": (
        lambda d: link(d, 1).update(key="first"),
        "links[1].key",
        "duplicate link key 'first' (also used at links[0].key)",
    ),
    "duplicate statement id across links": (
        lambda d: statement(d, 1, 0).update(id="1.2"),
        "links[1].statements[0].id",
        "duplicate statement id '1.2' (also used at links[0].statements[1].id)",
    ),
    "statement id is a float": (
        lambda d: statement(d).update(id=1.1),
        "links[0].statements[0].id",
        'must be a quoted string such as "1.1"',
    ),
    "statement id is an integer": (
        lambda d: statement(d).update(id=7),
        "links[0].statements[0].id",
        "must be a quoted string",
    ),
    "statement id with spaces": (
        lambda d: statement(d).update(id="1 1"),
        "links[0].statements[0].id",
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
        "must be an integer, not a number",
    ),
    "label outside the scale": (
        lambda d: d["scale"].update(labels={6: {"nl": "Zes", "en": "Six"}}),
        "scale.labels.6",
        "outside the scale 1–5",
    ),
    "label key is a string": (
        lambda d: d["scale"].update(labels={"one": {"nl": "Een", "en": "One"}}),
        "scale.labels.one",
        "label keys must be integers",
    ),
    "label without English": (
        lambda d: d["scale"].update(labels={1: {"nl": "Een"}}),
        "scale.labels.1",
        "missing English translation",
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
        "at least 1",
    ),
    "min_respondents float": (
        lambda d: d["thresholds"].update(min_respondents=2.5),
        "thresholds.min_respondents",
        "must be an integer",
    ),
    "min_answered zero": (
        lambda d: d["thresholds"].update(min_answered=0),
        "thresholds.min_answered",
        "greater than 0 and at most 1",
    ),
    "min_answered above one": (
        lambda d: d["thresholds"].update(min_answered=1.5),
        "thresholds.min_answered",
        "at most 1",
    ),
    "version zero": (lambda d: d.update(version=0), "version", "positive integer"),
    # links and statements
    "empty links": (lambda d: d.update(links=[]), "links", "at least one link"),
    "link without statements": (
        lambda d: link(d).update(statements=[]),
        "links[0].statements",
        "at least one statement",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_kind_is_reported_with_its_location(minimal, case):
    change, location, fragment = CASES[case]
    change(minimal)
    assert_problem(minimal, location, fragment)


@pytest.mark.parametrize("data", [[], "ritsen-9", None, 3])
def test_top_level_must_be_a_mapping(data):
    assert problems_of(data) == [("", f"must be a mapping, not {_type(data)}")]


def _type(value):
    return {list: "a list", str: "a string", type(None): "nothing (null)", int: "an integer"}[
        type(value)
    ]


def test_every_problem_is_reported_not_only_the_first(minimal):
    minimal["version"] = True
    minimal["thresholds"]["weak"] = 5
    link(minimal)["name"].pop("en")
    statement(minimal, 1, 0)["id"] = "1.1"
    minimal["links"][1]["statements"].append({"id": 2.2, "text": {"nl": "x", "en": ""}})
    locations = [p.location for p in validate(minimal)]
    assert locations == [
        "version",
        "thresholds.weak",
        "links[0].name",
        "links[1].statements[0].id",
        "links[1].statements[1].id",
        "links[1].statements[1].text.en",
    ]


def test_missing_link_fields_are_all_reported(minimal):
    minimal["links"][0] = {"colour": "blue"}
    found = problems_of(minimal)
    assert ("links[0].colour", found[0][1]) in found
    for key in ("id", "key", "name", "question", "statements"):
        assert ("links[0]", f"missing required key '{key}'") in found


def test_problem_str_with_and_without_line():
    problem = Problem("links[2].statements[0].text", "missing English translation (en)")
    assert str(problem) == "links[2].statements[0].text: missing English translation (en)"
    with_line = Problem("links[2].name", "boom", line=14)
    assert str(with_line) == "line 14, links[2].name: boom"
    assert str(Problem("", "bad", line=3, column=7)) == "line 3, column 7: bad"
    assert str(Problem("", "bad")) == "bad"


def test_format_location():
    assert format_location(()) == ""
    assert format_location(("links", 2, "statements", 0, "text")) == "links[2].statements[0].text"
    assert format_location(("scale", "labels", "1")) == "scale.labels.1"


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
