import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from ritsen.assessments import selectors
from ritsen.assessments import services as assessments
from ritsen.assessments.models import RespondentInvitation, Response, Round
from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Collaboration, Invitation, Membership, Organisation
from ritsen.transfer.services import (
    FORMAT,
    FORMAT_VERSION,
    TransferError,
    dump,
    export_collaboration,
    import_collaboration,
)
from tests.factories import UserFactory

from .conftest import export_text, results_by_party_name, row_counts, use_new_framework, wipe

User = get_user_model()


def _without_volatile(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


# --- the file -------------------------------------------------------------------------


def test_export_has_the_envelope_and_canonical_json(rich):
    text = export_text(rich.cast.collab)
    data = json.loads(text)
    assert data["format"] == FORMAT
    assert data["format_version"] == FORMAT_VERSION
    assert data["ritsen_version"]
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert "Eén loket" in text  # UTF-8, not \u escapes
    collaboration = data["collaboration"]
    assert [p["organisation"] for p in collaboration["parties"]] == [
        "Gemeente Aa",
        "Leverancier Bee",
    ]
    assert collaboration["framework"] == {"slug": "ritsen-9", "version": 1}
    assert [r["title"] for r in collaboration["rounds"]] == ["Nulmeting", "Vervolgmeting"]
    profile_a = collaboration["parties"][0]["profile"]
    assert [v["number"] for v in profile_a["versions"]] == [1, 2]
    assert profile_a["versions"][1]["created_by"] == "coord.a@example.org"
    assert collaboration["parties"][1]["profile"]["shared_at"] is None
    statuses = sorted(i["status"] for i in collaboration["invitations"])
    assert statuses == ["accepted", "pending", "revoked"]


def test_export_is_deterministic(rich):
    first = export_text(rich.cast.collab)
    second = export_text(rich.cast.collab)
    assert _without_volatile(first) == _without_volatile(second)


def test_export_uses_natural_keys_not_database_ids(rich):
    data = export_collaboration(rich.cast.collab)["collaboration"]
    membership = next(m for m in data["memberships"] if m["user"] == "coord.a@example.org")
    assert membership == {
        "user": "coord.a@example.org",
        "role": "coordinator",
        "party": "Gemeente Aa",
        "created_at": membership["created_at"],
    }
    assert "id" not in data and all("id" not in party for party in data["parties"])


def test_no_secrets_in_the_export(rich):
    text = export_text(rich.cast.collab)
    secrets = [
        *User.objects.exclude(password="").values_list("password", flat=True),
        *Invitation.objects.values_list("token_hash", flat=True),
        *RespondentInvitation.objects.values_list("token_hash", flat=True),
        *RespondentInvitation.objects.exclude(token_encrypted="").values_list(
            "token_encrypted", flat=True
        ),
        *Response.objects.exclude(lookup_hash=None).values_list("lookup_hash", flat=True),
        *rich.tokens,
    ]
    assert Response.objects.exclude(lookup_hash=None).exists()  # the test can fail
    assert RespondentInvitation.objects.exclude(token_encrypted="").exists()
    for secret in secrets:
        assert secret not in text
    for forbidden in ("password", "token", "lookup_hash"):
        assert f'"{forbidden}' not in text


def test_respondent_invitations_and_responses_share_no_key(rich):
    data = export_collaboration(rich.cast.collab)["collaboration"]
    for round_ in data["rounds"]:
        invitation_keys = {key for row in round_["respondent_invitations"] for key in row}
        response_keys = {key for row in round_["responses"] for key in row}
        assert invitation_keys & response_keys == {"party"}
        ids = [row["id"] for row in round_["responses"]]
        assert ids == sorted(ids)
        invitations = round_["respondent_invitations"]
        parties = [row["party"] for row in invitations]
        assert parties == sorted(parties)  # Gemeente Aa before Leverancier Bee
    emailed = data["rounds"][1]["respondent_invitations"]
    assert [row["email"] for row in emailed if row["email"]] == [
        "resp.een@example.org",
        "resp.twee@example.org",
    ]


# --- round trip -----------------------------------------------------------------------


def test_export_import_export_in_a_clean_database_gives_the_same_file(rich):
    collab = rich.cast.collab
    first = export_text(collab)
    emails = [user["email"] for user in json.loads(first)["collaboration"]["users"]]
    wipe(collab, emails)
    assert not Collaboration.objects.filter(name="Eén loket").exists()

    result = import_collaboration(first)
    second = export_text(result.collaboration)

    expected, actual = _without_volatile(first), _without_volatile(second)
    # Documented: a pending people invitation comes back revoked at the moment of import.
    invitations = expected["collaboration"]["invitations"]
    pending = [i for i, row in enumerate(invitations) if row["status"] == "pending"]
    assert len(pending) == 1
    for index in pending:
        got = actual["collaboration"]["invitations"][index]
        assert got["status"] == "revoked"
        assert got["revoked_at"] is not None
        invitations[index].update(status="revoked", revoked_at=got["revoked_at"])
    assert dump(actual) == dump(expected)

    assert sorted(result.created_users) == sorted(email.lower() for email in emails)
    assert result.existing_users == []
    assert result.created_organisations == ["Gemeente Aa", "Leverancier Bee"]
    assert result.created_frameworks == []  # the identical ritsen-9 was reused
    assert result.revoked_invitations == 1
    assert result.added_facilitator is False


def test_imported_round_has_the_same_results(rich):
    collab = rich.cast.collab
    before = results_by_party_name(rich.released_round)
    text = export_text(collab)
    wipe(collab, [u["email"] for u in json.loads(text)["collaboration"]["users"]])

    imported = import_collaboration(text).collaboration
    round_ = imported.rounds.get(title="Nulmeting")
    assert results_by_party_name(round_) == before
    assert before["zipper"]["state"]  # a real result, not an empty one


def test_importing_a_copy_next_to_the_original_reuses_people_and_organisations(rich):
    collab = rich.cast.collab
    text = export_text(collab)
    organisations = Organisation.objects.count()

    first = import_collaboration(text)
    second = import_collaboration(text)

    assert first.collaboration.pk != second.collaboration.pk != collab.pk
    assert first.collaboration.name == collab.name
    assert Organisation.objects.count() == organisations
    assert first.created_users == []
    assert "coord.a@example.org" in first.existing_users
    assert first.existing_organisations == ["Gemeente Aa", "Leverancier Bee"]
    # Response keys are unique: the copies got new random ones.
    original = set(
        Response.objects.filter(round__collaboration=collab).values_list("pk", flat=True)
    )
    copied = set(
        Response.objects.filter(round__collaboration=first.collaboration).values_list(
            "pk", flat=True
        )
    )
    assert len(copied) == len(original) and not copied & original
    round_ = first.collaboration.rounds.get(title="Nulmeting")
    assert results_by_party_name(round_) == results_by_party_name(rich.released_round)
    # The facilitator of the original sees the copy too.
    assert Membership.objects.filter(
        user=rich.cast.facilitator, collaboration=first.collaboration, role=Role.FACILITATOR
    ).exists()


def test_created_users_are_active_without_a_usable_password(rich):
    text = export_text(rich.cast.collab)
    wipe(rich.cast.collab, ["later@example.org"])
    result = import_collaboration(text)
    assert result.created_users == ["later@example.org"]
    user = User.objects.get(email="later@example.org")
    assert user.is_active
    assert not user.has_usable_password()
    assert user.name == "Lotte Later"


def test_user_map_puts_someone_else_in_the_role(rich):
    text = export_text(rich.cast.collab)
    result = import_collaboration(
        text, user_map={"Coord.A@example.org": "nieuwe.coord@example.org"}
    )
    assert result.mapped_users == {"coord.a@example.org": "nieuwe.coord@example.org"}
    assert "nieuwe.coord@example.org" in result.created_users
    membership = Membership.objects.get(
        collaboration=result.collaboration, user__email="nieuwe.coord@example.org"
    )
    assert membership.role == Role.COORDINATOR
    assert membership.party.organisation.name == "Gemeente Aa"
    assert not Membership.objects.filter(
        collaboration=result.collaboration, user__email="coord.a@example.org"
    ).exists()


def site_admin(user):
    from tests.transfer.test_views import staff

    return staff(user)


def test_importing_user_becomes_facilitator(rich):
    importer = site_admin(UserFactory(email="importeur@example.org"))
    result = import_collaboration(export_text(rich.cast.collab), created_by=importer)
    assert result.added_facilitator
    assert Membership.objects.get(user=importer, collaboration=result.collaboration).role == (
        Role.FACILITATOR
    )


def test_importing_user_with_a_role_in_the_file_keeps_it(rich):
    coord_b = site_admin(rich.cast.coord_b)
    result = import_collaboration(export_text(rich.cast.collab), created_by=coord_b)
    assert not result.added_facilitator
    assert Membership.objects.get(
        user=rich.cast.coord_b, collaboration=result.collaboration
    ).role == (Role.COORDINATOR)


def test_only_a_site_administrator_may_import(rich):
    from django.core.exceptions import PermissionDenied

    before = row_counts()
    with pytest.raises(PermissionDenied):
        import_collaboration(export_text(rich.cast.collab), created_by=rich.cast.facilitator)
    # Staff status is not the permission.
    rich.cast.facilitator.is_staff = True
    rich.cast.facilitator.save(update_fields=["is_staff"])
    with pytest.raises(PermissionDenied):
        import_collaboration(export_text(rich.cast.collab), created_by=rich.cast.facilitator)
    assert row_counts() == before


def test_imported_links_cannot_be_used(rich):
    text = export_text(rich.cast.collab)
    imported = import_collaboration(text).collaboration
    open_round = imported.rounds.get(closed_at=None)
    invitations = RespondentInvitation.objects.filter(round__collaboration=imported)
    assert (
        invitations.count()
        == RespondentInvitation.objects.filter(round__collaboration=rich.cast.collab).count()
    )
    assert not invitations.exclude(token_encrypted="").exists()
    assert (
        not Response.objects.filter(round__collaboration=imported)
        .exclude(lookup_hash=None)
        .exists()
    )
    for token in rich.tokens:
        session = assessments.open_session(token)
        assert session is None or session.round.collaboration_id == rich.cast.collab.pk
    # Counts survive, so the coordinators still see where the round stands.
    progress = {p.party.organisation.name: p for p in selectors.progress(open_round)}
    gemeente, leverancier = progress["Gemeente Aa"], progress["Leverancier Bee"]
    assert (gemeente.invited, gemeente.submitted, gemeente.personal) == (1, 1, 1)
    assert (leverancier.invited, leverancier.started, leverancier.anonymous) == (2, 1, 1)
    assert (leverancier.links_made, leverancier.links_claimed) == (2, 1)


def test_a_new_framework_in_the_file_is_stored(rich):
    data = use_new_framework(json.loads(export_text(rich.cast.collab)))
    result = import_collaboration(data)
    assert result.created_frameworks == ["eigen-kader v1"]
    assert result.collaboration.framework.slug == "eigen-kader"
    assert (
        Round.objects.filter(
            collaboration=result.collaboration, framework__slug="eigen-kader"
        ).count()
        == 2
    )


# --- refusals ------------------------------------------------------------------------


def _set(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _twice(data, path):
    """The first entry of the list at ``path`` once more."""
    target = data
    for key in path:
        target = target[key]
    target.append(dict(target[0]))


def _delete(data, path):
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]


def _first_answer(data):
    return data["collaboration"]["rounds"][0]["responses"][0]["answers"]


def _bad_answer(value):
    def change(data):
        answers = _first_answer(data)
        answers[sorted(answers)[0]] = value

    return change


def _unknown_statement(data):
    _first_answer(data)["99.9"] = 3


def _framework_conflict(data):
    _set(data, ["collaboration", "frameworks", 0, "data", "links", 0, "name", "nl"], "Iets anders")


def _two_roles(data):
    # Two people in the file become one person here: the writing fails halfway.
    data["_map"] = {"member.a@example.org": "coord.a@example.org"}


WS = ["collaboration", "workspace", "items"]
REFUSALS = [
    ("malformed_json", lambda text: text[:-20], "is not valid JSON"),
    ("not_utf8", lambda text: text.encode("latin-1", "replace") + b"\xff", "not UTF-8"),
    ("not_a_mapping", lambda text: "[1, 2, 3]", "does not contain a Ritsen collaboration"),
    (
        "wrong_format",
        lambda data: _set(data, ["format"], "ritsen-framework"),
        'format is "ritsen-framework"',
    ),
    (
        "future_version",
        lambda data: _set(data, ["format_version"], FORMAT_VERSION + 1),
        "made by a newer Ritsen",
    ),
    (
        "missing_field",
        lambda data: _delete(data, ["collaboration", "parties", 1, "organisation"]),
        "the party at position 2: organisation is missing.",
    ),
    (
        "ill_typed_field",
        lambda data: _set(data, ["collaboration", "parties", 0, "created_at"], 12),
        "party “Gemeente Aa”, created_at: must be a date and time",
    ),
    (
        "unknown_party",
        lambda data: _set(data, ["collaboration", "memberships", 1, "party"], "Nergens BV"),
        "party: refers to the party “Nergens BV”, which is not among the parties",
    ),
    (
        "unknown_user",
        lambda data: _set(data, ["collaboration", "rounds", 0, "created_by"], "x@example.org"),
        "round “Nulmeting”, created_by: refers to x@example.org, who is not among the users",
    ),
    ("off_scale_answer", _bad_answer(6), "must be a whole number from 1 to 5 or null"),
    ("boolean_answer", _bad_answer(True), "answers.1.1: must be a whole number, not true or false"),
    ("unknown_statement", _unknown_statement, "statement 99.9 is not in framework ritsen-9"),
    ("framework_conflict", _framework_conflict, "already exists here with different content"),
    ("two_roles_for_one_person", _two_roles, "would get a second role"),
    (
        "workspace_unknown_kind",
        lambda data: _set(data, ["collaboration", "workspace", "items", "wensen"], []),
        "workspace.items.wensen: this is not a kind of item of the workspace.",
    ),
    (
        "workspace_reference_to_no_item",
        lambda data: _set(data, [*WS, "mappings", 0, "shared_goal"], 99),
        "relation to a shared goal 1, shared_goal: refers to item 99, which is not in the file.",
    ),
    (
        "workspace_number_too_long",
        lambda data: _set(data, [*WS, "goals", 0, "target_value"], "1" * 40),
        "shared goal 1, target_value: must be a number as text with at most 14 digits",
    ),
    (
        "workspace_unknown_party",
        lambda data: _set(data, [*WS, "agreements", 0, "from_party"], "Nergens BV"),
        "agreement 1, from_party: refers to the party “Nergens BV”",
    ),
    (
        "workspace_unknown_link",
        lambda data: _set(data, [*WS, "actions", 0, "link_key"], "nergens"),
        "action 1, link_key: this is not a link of the framework.",
    ),
    (
        "workspace_date_out_of_range",
        lambda data: _set(data, [*WS, "actions", 0, "due_date"], "9999-12-31"),
        "action 1, due_date: must be a date from 1970 to 2999.",
    ),
    (
        "workspace_second_sheet",
        lambda data: data["collaboration"]["workspace"]["sheets"]["culture"].append(
            data["collaboration"]["workspace"]["sheets"]["culture"][0]
        ),
        "party: this party has a second sheet.",
    ),
    (
        "workspace_same_raci_cell_twice",
        lambda data: data["collaboration"]["workspace"]["items"]["raci"].append(
            {**data["collaboration"]["workspace"]["items"]["raci"][0], "ref": 99, "letters": "C"}
        ),
        "an item like this occurs twice (the same activity, party).",
    ),
    (
        "workspace_interface_to_itself",
        lambda data: _set(
            data,
            [*WS, "interfaces", 0, "to_system"],
            data["collaboration"]["workspace"]["items"]["interfaces"][0]["from_system"],
        ),
        "to_system: An interface connects two different systems.",
    ),
    (
        "workspace_legal_basis_for_public_data",
        lambda data: _set(data, [*WS, "needs", 0, "sensitivity"], "public"),
        "legal_basis: A legal basis belongs to personal data only.",
    ),
    (
        "workspace_other_raci_letters",
        lambda data: _set(data, [*WS, "raci", 0, "letters"], "RXY"),
        "letters: Use only the letters R, A, C and I (not X, Y).",
    ),
    (
        "workspace_step_number_out_of_range",
        lambda data: _set(data, [*WS, "steps", 0, "number"], 70000),
        "number: must be at most 999",
    ),
    (
        "lifecycle_unknown_stage",
        lambda data: _set(data, ["collaboration", "lifecycle", "stage"], "somewhere"),
        "lifecycle.stage: must be one of exploring, preparing",
    ),
    (
        "lifecycle_unknown_link",
        lambda data: _set(
            data, ["collaboration", "lifecycle", "scale_events", 0, "link_keys"], ["nergens"]
        ),
        "item 1 of scale_events, item 1 of link_keys: this is not a link of the framework.",
    ),
    (
        "lifecycle_tick_of_an_unknown_item",
        lambda data: _set(
            data, ["collaboration", "lifecycle", "exit_ticks", 0, "task"], "processes:0:steps:99"
        ),
        "item 1 of exit_ticks, task: this task's item is not in the file.",
    ),
    (
        "lifecycle_approval_twice",
        lambda data: _twice(data, ["collaboration", "lifecycle", "approvals"]),
        "item 2 of approvals: this approval occurs twice",
    ),
    (
        "lifecycle_tick_twice",
        lambda data: _twice(data, ["collaboration", "lifecycle", "exit_ticks"]),
        "item 2 of exit_ticks: this task is ticked twice",
    ),
    (
        "lifecycle_departure_twice",
        lambda data: _twice(data, ["collaboration", "lifecycle", "departures"]),
        "item 2 of departures: this party departs twice",
    ),
    (
        "lifecycle_unknown_party",
        lambda data: _set(data, ["collaboration", "lifecycle", "approvals", 0, "party"], "Niemand"),
        "refers to the party “Niemand”",
    ),
    (
        "two_open_rounds",
        lambda data: _set(data, ["collaboration", "rounds", 0, "closed_at"], None),
        "round “Vervolgmeting”, closed_at: only one round at a time can be open",
    ),
]


@pytest.mark.parametrize(("name", "change", "fragment"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused_file_changes_nothing(rich, name, change, fragment):
    text = export_text(rich.cast.collab)
    user_map = None
    if name in ("malformed_json", "not_utf8", "not_a_mapping"):
        payload = change(text)
    else:
        payload = json.loads(text)
        change(payload)
        user_map = payload.pop("_map", None)
    before = row_counts()
    with translation.override("en"), pytest.raises(TransferError) as exc:
        import_collaboration(payload, user_map=user_map)
    assert fragment in str(exc.value)
    assert "\n" not in str(exc.value)
    assert row_counts() == before


def test_refusal_is_translated(rich):
    data = json.loads(export_text(rich.cast.collab))
    _delete(data, ["collaboration", "name"])
    with translation.override("nl"), pytest.raises(TransferError) as exc:
        import_collaboration(data)
    assert str(exc.value) == "collaboration: name ontbreekt."


def test_user_map_must_name_someone_in_the_file(rich):
    before = row_counts()
    with translation.override("en"), pytest.raises(TransferError, match="not in the file"):
        import_collaboration(
            export_text(rich.cast.collab), user_map={"nobody@example.org": "x@example.org"}
        )
    assert row_counts() == before


def test_new_frameworks_can_be_refused(rich):
    data = use_new_framework(json.loads(export_text(rich.cast.collab)))
    before = row_counts()
    with translation.override("en"), pytest.raises(TransferError, match="is not installed here"):
        import_collaboration(data, allow_new_frameworks=False)
    assert row_counts() == before
    # A framework that is already stored is fine.
    assert import_collaboration(export_text(rich.cast.collab), allow_new_frameworks=False)


def test_a_format_2_file_without_a_workspace_still_imports(rich):
    data = json.loads(export_text(rich.cast.collab))
    data["format_version"] = 2
    del data["collaboration"]["workspace"]
    del data["collaboration"]["lifecycle"]  # format 4's, as the workspace is format 3's
    for round_ in data["collaboration"]["rounds"]:
        del round_["outcomes"]
    result = import_collaboration(data)
    again = json.loads(export_text(result.collaboration))
    assert again["format_version"] == FORMAT_VERSION == 4
    assert all(rows == [] for rows in again["collaboration"]["workspace"]["items"].values())
    assert result.collaboration.rounds.count() == 2


FORMAT_4_KINDS = ("systems", "interfaces", "needs", "processes", "steps", "activities", "raci")


def test_a_format_3_file_without_the_registers_of_links_5_6_8_and_9_still_imports(rich):
    data = json.loads(export_text(rich.cast.collab))
    items = data["collaboration"]["workspace"]["items"]
    assert all(items[kind] for kind in FORMAT_4_KINDS)  # the rich world has each of them
    data["format_version"] = 3
    for kind in FORMAT_4_KINDS:
        del items[kind]
    del data["collaboration"]["lifecycle"]  # format 4's too (its tick names a step)
    result = import_collaboration(data)
    again = json.loads(export_text(result.collaboration))["collaboration"]["workspace"]["items"]
    assert all(again[kind] == [] for kind in FORMAT_4_KINDS)
    assert again["goals"] and again["agreements"] and again["reviews"]  # the rest arrived


def test_the_lifecycle_travels_and_an_older_file_starts_exploring(rich):
    from ritsen.lifecycle.models import Approval, AuditEvent, ExitTick, ScaleEvent

    data = json.loads(export_text(rich.cast.collab))
    lifecycle = data["collaboration"]["lifecycle"]
    assert lifecycle["stage"] == "preparing" and lifecycle["stage_since"]
    assert [e["reason"] for e in lifecycle["audit"]] == ["Iedereen is er"]
    result = import_collaboration(export_text(rich.cast.collab))
    copy = result.collaboration
    assert (copy.stage, copy.stage_since) == (
        "preparing", Collaboration.objects.get(pk=rich.cast.collab.pk).stage_since
    )  # fmt: skip
    assert ScaleEvent.objects.get(collaboration=copy).link_keys == ["processes"]
    approval = Approval.objects.get(collaboration=copy)
    assert approval.stage_since == copy.stage_since  # so it still counts in that stage
    assert approval.party.name == rich.cast.party_a.name
    # The tick names the copy's step (its id there), not the original's id.
    from ritsen.workspace.models import Step

    copied_step = Step.objects.get(collaboration=copy, number=1)
    assert ExitTick.objects.get(collaboration=copy).task == f"processes:0:steps:{copied_step.pk}"
    assert copied_step.pk != Step.objects.get(collaboration=rich.cast.collab, number=1).pk
    assert lifecycle["exit_ticks"][0]["task"] == "processes:0:steps:1"  # its ref in the file
    assert len(lifecycle["exit_ticks"]) == 1
    from ritsen.lifecycle.models import Departure

    gone = Departure.objects.get(collaboration=copy)
    assert (gone.party.name, gone.retention_days, gone.erased_at) == (
        rich.cast.party_b.name, 14, None
    )  # fmt: skip
    assert AuditEvent.objects.get(collaboration=copy).created_at == (
        AuditEvent.objects.get(collaboration=rich.cast.collab).created_at
    )
    older = json.loads(export_text(rich.cast.collab))
    older["format_version"] = 3
    del older["collaboration"]["lifecycle"]
    assert import_collaboration(older).collaboration.stage == "exploring"


def test_the_registers_of_links_5_6_8_and_9_travel_with_their_references(rich):
    from ritsen.workspace.models import Assignment, InformationNeed, Step

    result = import_collaboration(export_text(rich.cast.collab))
    collaboration = result.collaboration
    need = InformationNeed.objects.get(collaboration=collaboration)
    assert (need.channel.name, need.carried_by.to_system.name) == ("KCS", "Zaaksysteem")
    assert (need.supplied_by.name, need.legal_basis) == (rich.cast.party_a.name, "public_task")
    first = Step.objects.get(collaboration=collaboration, number=1)
    assert (first.information, first.process.name, first.criterion) == (need, "Intake", "Volledig")
    cells = Assignment.objects.filter(collaboration=collaboration).order_by("letters")
    assert [(c.party.name, c.letters, c.activity.step) for c in cells] == [
        (rich.cast.party_b.name, "CI", first),
        (rich.cast.party_a.name, "RA", first),
    ]


def test_the_imported_workspace_is_complete_and_keeps_its_references(rich):
    from django_scopes import scopes_disabled

    from ritsen.workspace.models import Acceptance, Agreement, CultureProfile, GoalMapping

    result = import_collaboration(export_text(rich.cast.collab))
    copy = result.collaboration
    mapping = GoalMapping.objects.get(collaboration=copy)
    assert mapping.shared_goal.collaboration == copy and mapping.strategic_goal.title == "Groei"
    agreed = Agreement.objects.get(collaboration=copy, state="agreed")
    assert Acceptance.objects.filter(agreement=agreed).count() == 2
    with scopes_disabled():
        profile = CultureProfile.objects.get(party__collaboration=copy)
    assert profile.is_shared and profile.party.name == "Gemeente Aa"
    # Each item's history starts with the import.
    assert [record.history_change_reason for record in mapping.history.all()] == ["import"]
