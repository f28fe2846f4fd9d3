"""The roles register (link 6): the RACI matrix's rules, when it is complete — also as
a property over random edits — and the grid that saves it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from ritsen.collaborations.constants import PartyRole
from ritsen.workspace import services
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import roles

CLIENT = PartyRef(1, "Gemeente", PartyRole.CLIENT)
CONTRACTOR = PartyRef(2, "Leverancier", PartyRole.CONTRACTOR)
PARTNER = PartyRef(3, "Stichting", PartyRole.PARTNER)
PARTIES = [CLIENT, CONTRACTOR, PARTNER]


def data(cells: dict[int, dict[int, str]], parties=PARTIES) -> RegisterData:
    """``{activity id: {party id: letters}}``."""
    return RegisterData(
        parties=parties,
        items={
            "activities": [{"id": a, "title": f"Taak {a}"} for a in cells],
            "raci": [
                {"activity": a, "party": p, "letters": letters}
                for a, row in cells.items()
                for p, letters in row.items()
                if letters
            ],
        },
    )


GOOD = {1: {1: "A", 2: "R"}, 2: {1: "A", 2: "R", 3: "C"}, 3: {2: "RA", 3: "I"}}


def test_three_activities_that_keep_every_rule_are_complete():
    assert roles.completeness(data(GOOD)).complete
    assert roles.breaches(data(GOOD)) == []


def test_fewer_than_three_activities_are_not_complete_even_when_the_rules_hold():
    two = {key: GOOD[key] for key in (1, 2)}
    assert roles.breaches(data(two)) == []
    with translation.override("en"):
        found = roles.completeness(data(two))
        assert found.missing == ("Add at least 3 activities to the RACI matrix (there are 2).",)
        assert roles.completeness(data({})).percent == 0


def test_each_activity_has_exactly_one_accountable_and_a_responsible_party():
    with translation.override("en"):
        two_a = {**GOOD, 1: {1: "A", 2: "RA"}}
        assert [b.text for b in roles.breaches(data(two_a))] == [
            "“Taak 1” needs exactly one accountable party (A); it has 2."
        ]
        no_r = {**GOOD, 2: {1: "A", 3: "C"}}
        assert [(b.text, b.activity) for b in roles.breaches(data(no_r))] == [
            ("“Taak 2” has no responsible party (R).", 2)
        ]
        empty = {**GOOD, 4: {}}
        assert [b.text for b in roles.breaches(data(empty))] == ["“Taak 4” has no letter at all."]


def test_the_opdrachtgever_is_accountable_and_the_opdrachtnemer_responsible_somewhere():
    with translation.override("en"):
        swapped = {1: {1: "R", 2: "A"}, 2: {1: "R", 2: "A"}, 3: {1: "R", 2: "A"}}
        assert [(b.text, b.party) for b in roles.breaches(data(swapped))] == [
            ("Gemeente is opdrachtgever but accountable (A) for no activity.", 1),
            ("Leverancier is opdrachtnemer but responsible (R) for no activity.", 2),
        ]
    # A partner has no such rule; a party that left the collaboration no longer counts.
    assert roles.breaches(data({1: {3: "RA"}, 2: {1: "A", 2: "R"}, 3: {9: "A", 1: "AR"}})) == []


def test_letters_are_written_in_raci_order_and_others_are_refused():
    assert roles.normalise("ar") == "RA" and roles.normalise("i, c") == "CI"
    assert roles.normalise("A/R") == "RA" and roles.normalise("") == ""
    with translation.override("en"), pytest.raises(Exception, match="not X"):
        roles.normalise("RX")


def rules_hold(cells: dict[int, dict[int, str]], parties=PARTIES) -> bool:
    """The rules, written again from the issue, to check the register against."""
    if len(cells) < roles.MIN_ACTIVITIES:
        return False
    ids = {party.id for party in parties}
    for row in cells.values():
        letters = {p: set(text) for p, text in row.items() if p in ids and text}
        if not letters:
            return False
        if sum("A" in own for own in letters.values()) != 1:
            return False
        if not any("R" in own for own in letters.values()):
            return False
    for party in parties:
        mine = "".join(row.get(party.id, "") for row in cells.values())
        if party.role == PartyRole.CLIENT and "A" not in mine:
            return False
        if party.role == PartyRole.CONTRACTOR and "R" not in mine:
            return False
    return True


LETTERS = st.sampled_from(["", "R", "A", "C", "I", "RA", "RC", "AI", "CI", "RACI"])
EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 6)),
        st.tuples(st.just("remove"), st.integers(1, 6)),
        st.tuples(st.just("set"), st.integers(1, 6), st.sampled_from([1, 2, 3]), LETTERS),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(EDITS)
def test_a_matrix_built_by_random_edits_is_complete_exactly_when_the_rules_hold(edits):
    cells: dict[int, dict[int, str]] = {}
    for edit in edits:
        if edit[0] == "add":
            cells.setdefault(edit[1], {})
        elif edit[0] == "remove":
            cells.pop(edit[1], None)
        elif edit[1] in cells:
            cells[edit[1]][edit[2]] = edit[3]
    found = roles.completeness(data(cells))
    assert found.complete == rules_hold(cells)
    assert (found.percent == 100) == found.complete


def _activity(cast, title):
    return services.create_item(
        access=cast.access(cast.coord_a), kind=roles.ACTIVITIES, register=roles.REGISTER,
        data={"title": title, "step": None},
    )  # fmt: skip


@pytest.mark.django_db
def test_the_grid_saves_what_changed_and_shows_the_rules_then(login, cast):
    first, second = _activity(cast, "Intake"), _activity(cast, "Besluit")
    a, b = cast.party_a.pk, cast.party_b.pk
    cast.member_b.language = "en"
    cast.member_b.save()
    client = login(cast.member_b)
    page = reverse("workspace:roles", args=[cast.collab.pk])
    grid = reverse("workspace:raci_grid", args=[cast.collab.pk])
    before = client.get(page).content.decode()
    assert before.count("has no letter at all") == 2 * 2  # what is missing, and in its row
    assert "Gemeente Aa is opdrachtgever but accountable (A) for no activity." in before
    saved = client.post(
        grid,
        {f"cell-{first.pk}-{a}": "a", f"cell-{first.pk}-{b}": "r", f"cell-{second.pk}-{a}": ""},
    )
    assert saved.status_code == 302 and saved["Location"].endswith("/workspace/roles/#raci")
    cells = {(c.activity_id, c.party_id): c for c in roles.Assignment.objects.all()}
    assert {key: c.letters for key, c in cells.items()} == {(first.pk, a): "A", (first.pk, b): "R"}
    assert cells[(first.pk, a)].history.get().history_user == cast.member_b
    after = client.get(page).content.decode()
    assert after.count("has no letter at all") == 1 * 2 and "rules hold" in after
    assert "accountable (A) for no activity" not in after
    # Emptying a cell removes it; a cell of another collaboration's id is ignored.
    client.post(grid, {f"cell-{first.pk}-{b}": "", f"cell-{first.pk}-999999": "R"})
    assert list(roles.Assignment.objects.values_list("letters", flat=True)) == ["A"]


@pytest.mark.django_db
def test_other_letters_are_refused_and_the_grid_keeps_what_was_typed(login, cast):
    first = _activity(cast, "Intake")
    a, b = cast.party_a.pk, cast.party_b.pk
    cast.coord_a.language = "en"
    cast.coord_a.save()
    client = login(cast.coord_a)
    refused = client.post(
        reverse("workspace:raci_grid", args=[cast.collab.pk]),
        {f"cell-{first.pk}-{a}": "AX", f"cell-{first.pk}-{b}": "r"},
    )
    html = refused.content.decode()
    assert refused.status_code == 400 and roles.Assignment.objects.count() == 0
    assert 'value="AX"' in html and 'value="r"' in html and 'aria-invalid="true"' in html
    assert "Use only the letters R, A, C and I (not X)." in html


@pytest.mark.django_db
def test_a_cell_made_on_its_own_page_is_written_in_raci_order(login, cast):
    first = _activity(cast, "Intake")
    client = login(cast.coord_a)
    create = reverse("workspace:raci_create", args=[cast.collab.pk])
    bad = client.post(create, {"activity": first.pk, "party": cast.party_a.pk, "letters": "Q"})
    assert bad.status_code == 200 and roles.Assignment.objects.count() == 0
    client.post(create, {"activity": first.pk, "party": cast.party_a.pk, "letters": "ar"})
    assert roles.Assignment.objects.get().letters == "RA"
    twice = client.post(create, {"activity": first.pk, "party": cast.party_a.pk, "letters": "C"})
    assert twice.status_code == 200 and roles.Assignment.objects.count() == 1


@pytest.mark.django_db
def test_only_the_grid_s_own_cell_names_are_saved_and_each_once(login, cast):
    first = _activity(cast, "Intake")
    a = cast.party_a.pk
    client = login(cast.coord_a)
    grid = reverse("workspace:raci_grid", args=[cast.collab.pk])
    for aliases in (
        {f"cell-{first.pk}-{a}-x": "XYZ"},
        {f"cell-0{first.pk}-{a}": "Q"},
        {f"cell-+{first.pk}-{a}": "R"},
        {f"cell-{first.pk}-{a}": "R", f"cell-{first.pk}-{a}-2": "A"},
        {f"cell-{first.pk}-{a}": "", f"cell-0{first.pk}-{a}": "A", f"cell-{first.pk}-{a}-": ""},
        {"cell-abc": "R", "cell-": "R", f"cell-{first.pk}": "R", "cell-1-2\x00": "R"},
    ):
        response = client.post(grid, aliases)
        assert response.status_code == 302, aliases
    # Only the exact name counted: R was set once, then emptied.
    assert not roles.Assignment.objects.exists()
    assert roles.Assignment.history.count() == 2  # created once, removed once
