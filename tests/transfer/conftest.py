"""A rich collaboration to export: shared profiles with versions, people invitations in
every state, a released round and an open round with emailed and anonymous links."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from ritsen.assessments import services as assessments
from ritsen.assessments.models import RespondentInvitation
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Organisation
from ritsen.collaborations.selectors import profile_of
from ritsen.results.selectors import shared_results
from ritsen.transfer.services import dump, export_collaboration
from tests.assessments.conftest import answer_all, close, make_scan, release


@dataclass
class Rich:
    cast: object
    released_round: object
    open_round: object
    tokens: list


def build_rich(cast) -> Rich:
    facilitator, coord_a, coord_b = (
        cast.access(cast.facilitator),
        cast.access(cast.coord_a),
        cast.access(cast.coord_b),
    )
    profile_a = profile_of(cast.party_a)
    collaborations.save_profile(
        profile_a,
        {"who_we_are": "Wij zijn de gemeente Aa.", "what_we_want": "Eén loket voor iedereen."},
        access=coord_a,
    )
    collaborations.share_profile(profile_a, access=coord_a)
    collaborations.save_profile(
        profile_a,
        {"who_we_are": "Wij zijn de gemeente Aa — bijgewerkt.", "why": "Omdat het moet."},
        access=coord_a,
    )
    profile_b = profile_of(cast.party_b)
    collaborations.save_profile(profile_b, {"excellent_at": "Software bouwen."}, access=coord_b)

    collaborations.invite(
        access=coord_a, email="nieuw@example.org", role=Role.MEMBER, party=cast.party_a
    )
    accepted = collaborations.invite(
        access=coord_b, email="later@example.org", role=Role.MEMBER, party=cast.party_b
    )
    collaborations.accept_invitation_as_new_user(
        accepted.invitation, name="Lotte Later", password="correct-horse-battery"
    )
    revoked = collaborations.invite(
        access=facilitator, email="weg@example.org", role=Role.FACILITATOR, party=None
    )
    collaborations.revoke_invitation(revoked.invitation, access=facilitator)

    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)

    open_round = assessments.open_round(
        access=facilitator,
        title="Vervolgmeting",
        language="en",
        closes_at=timezone.now() + timedelta(days=7),
    )
    assessments.invite_respondents(
        open_round, cast.party_a, ["resp.een@example.org", "resp.twee@example.org"], access=coord_a
    )
    links = assessments.generate_links(open_round, cast.party_b, 2, access=coord_b)
    emailed = RespondentInvitation.objects.get(round=open_round, email="resp.een@example.org")
    answer_all(assessments.invitation_token(emailed), 5, "Heel goed")
    started = links[0].token
    session = answer_all(started, 3, "Halverwege", submit=False)
    twee = RespondentInvitation.objects.get(round=open_round, email="resp.twee@example.org")
    assessments.revoke_invitation(twee, access=coord_a)
    fill_workspace(cast, scan.round)
    return Rich(
        cast=cast,
        released_round=scan.round,
        open_round=open_round,
        tokens=[*scan.tokens_a, *scan.tokens_b, started, session.secret],
    )


def fill_workspace(cast, round_) -> None:
    """One item of every kind (numbers, dates, references between items), party sheets
    shared and not, an agreement accepted by both and one waiting, an outcome."""
    from django_scopes import scope

    from ritsen.collaborations import sharing
    from ritsen.workspace import consent
    from ritsen.workspace import services as workspace
    from ritsen.workspace.actions import ACTIONS, AgendaOutcome
    from ritsen.workspace.registers import (
        agreements,
        business_case,
        culture,
        information,
        processes,
        quality,
        roles,
        strategy,
        technology,
    )

    coord_a, coord_b = cast.access(cast.coord_a), cast.access(cast.coord_b)

    def add(access, item_kind, register, /, **data):
        return workspace.create_item(access=access, kind=item_kind, register=register, data=data)

    goals, values, contributions = business_case.REGISTER.kinds
    goal = add(
        coord_a, goals, business_case.REGISTER, title="Eén loket", indicator="Dagen",
        target_value="12.50", target_unit="dagen", owner_party=cast.party_b,
        target_date=timezone.localdate() + timedelta(days=300),
    )  # fmt: skip
    add(coord_a, values, business_case.REGISTER, party=cast.party_a, kind="money", estimate="€ 1")
    add(coord_b, contributions, business_case.REGISTER, party=cast.party_b, kind="people")
    add(coord_a, culture.BRIDGES, culture.REGISTER, type_key="clan", note="Maandelijks overleg")
    with scope(party=[cast.party_a.pk]):
        profile = culture.CultureProfile.objects.create(
            party=cast.party_a, scores={"now": {"leadership": {"clan": 40}}}
        )
        sharing.share(profile, access=coord_a, ready=True, not_ready="")
    own = add(
        coord_b, strategy.STRATEGIC_GOALS, strategy.REGISTER, party=cast.party_b, title="Groei"
    )
    add(
        coord_b, strategy.MAPPINGS, strategy.REGISTER, strategic_goal=own, shared_goal=goal,
        stance="conflicts", decision_note="We kiezen voor het loket.",
    )  # fmt: skip
    with scope(party=[cast.party_b.pk]):
        strategy.StrategySheet.objects.create(party=cast.party_b)
    both = {"from_party": cast.party_a, "to_party": cast.party_b, "link_key": "roles"}
    agreed = add(coord_a, agreements.AGREEMENTS, agreements.REGISTER, text="Ja", **both)
    consent.accept(agreed, access=coord_b)
    add(coord_b, agreements.AGREEMENTS, agreements.REGISTER, text="Nee", kind="may_not", **both)
    add(
        coord_a, ACTIONS, None, title="Bellen", link_key="processes", owner_party=cast.party_a,
        owner=cast.coord_a, due_date=timezone.localdate(), status="done",
    )  # fmt: skip
    add(
        coord_b, quality.IMPROVEMENTS, quality.REGISTER, kind="lesson", link_key="roles",
        description="Te laat gemeld", root_cause="Geen vast moment",
    )  # fmt: skip
    add(
        coord_a, quality.REVIEWS, quality.REGISTER, held_on=timezone.localdate(),
        cadence_weeks=6, minutes="Goed gesprek",
    )  # fmt: skip
    tech, info, proc = technology.REGISTER, information.REGISTER, processes.REGISTER
    kcs = add(coord_a, technology.SYSTEMS, tech, name="KCS", owner_party=cast.party_a,
              hosting="cloud")  # fmt: skip
    zaak = add(coord_b, technology.SYSTEMS, tech, name="Zaaksysteem", owner_party=cast.party_b)
    line = add(
        coord_a, technology.INTERFACES, tech, from_system=kcs, to_system=zaak,
        standard="ZGW API", status="live",
    )  # fmt: skip
    need = add(
        coord_b, information.NEEDS, info, item="Aanmelding", needed_by=cast.party_b,
        supplied_by=cast.party_a, moment="Dagelijks", channel=kcs, carried_by=line,
        sensitivity="personal", legal_basis="public_task",
    )  # fmt: skip
    intake = add(coord_a, processes.PROCESSES, proc, name="Intake", purpose="Vraag naar besluit")
    first = add(
        coord_a, processes.STEPS, proc, process=intake, number=1, title="Aannemen",
        party=cast.party_a, deliverable="Aanmelding", criterion="Volledig", information=need,
        duration="1 dag",
    )  # fmt: skip
    add(coord_a, processes.STEPS, proc, process=intake, number=2, title="Besluiten",
        party=cast.party_b)  # fmt: skip
    activity = add(coord_b, roles.ACTIVITIES, roles.REGISTER, title="Intake doen", step=first)
    add(coord_b, roles.RACI, roles.REGISTER, activity=activity, party=cast.party_a, letters="RA")
    add(coord_b, roles.RACI, roles.REGISTER, activity=activity, party=cast.party_b, letters="CI")
    _lifecycle(cast)
    AgendaOutcome.objects.create(
        collaboration=cast.collab, round=round_, link_key="culture", note="Afgesproken",
        created_by=cast.coord_a, updated_by=cast.coord_a,
    )  # fmt: skip


def _lifecycle(cast) -> None:
    """A stage moved to (with its audit event), a scale event, an approval, a tick —
    stored as rows: the guards have their own tests."""
    from ritsen.collaborations.models import Collaboration
    from ritsen.lifecycle import services as lifecycle
    from ritsen.lifecycle.models import Approval, ExitTick, ScaleEvent

    lifecycle.transition(cast.access(cast.facilitator), "preparing", reason="Iedereen is er")
    since = Collaboration.objects.get(pk=cast.collab.pk).stage_since
    ScaleEvent.objects.create(
        collaboration=cast.collab, kind="grow", description="Ook jeugdzorg",
        link_keys=["processes"], effective_on=timezone.localdate(), reason="De raad vroeg het",
        created_by=cast.facilitator,
    )  # fmt: skip
    Approval.objects.create(
        collaboration=cast.collab, party=cast.party_a, from_stage="preparing",
        to_stage="aligning", stage_since=since, approved_by=cast.coord_a,
    )  # fmt: skip
    from ritsen.workspace.models import Step

    step = Step.objects.get(collaboration=cast.collab, number=1)
    ExitTick.objects.create(
        collaboration=cast.collab, party=cast.party_b, task=f"processes:0:steps:{step.pk}",
        done_by=cast.coord_b,
    )  # fmt: skip
    ExitTick.objects.create(  # a tick of an item deleted since: of no task any more
        collaboration=cast.collab, party=cast.party_b, task="processes:0:steps:987654",
        done_by=cast.coord_b,
    )  # fmt: skip
    from ritsen.lifecycle.models import Departure

    Departure.objects.create(
        collaboration=cast.collab, party=cast.party_b, retention_days=14,
        erase_on=timezone.localdate() + timedelta(days=14), confirmed_by=cast.coord_b,
    )  # fmt: skip


@pytest.fixture
def rich(cast) -> Rich:
    return build_rich(cast)


def export_text(collaboration) -> str:
    return dump(export_collaboration(collaboration))


def results_by_party_name(round_) -> dict:
    """The shared results with party ids replaced by organisation names."""
    results = shared_results(round_)
    data = results.result.to_json_dict(results.spec)
    names = {str(party.pk): party.name for party in results.parties}
    data["parties"] = [names[key] for key in data["parties"]]
    for link in data["links"]:
        link["parties"] = {names[key]: value for key, value in link["parties"].items()}
    return data


def wipe(collaboration, emails) -> None:
    """Remove the collaboration, its organisations and the people in ``emails``."""
    organisations = list(
        Organisation.objects.filter(parties__collaboration=collaboration).values_list(
            "pk", flat=True
        )
    )
    collaboration.delete()
    Organisation.objects.filter(pk__in=organisations, parties__isnull=True).delete()
    get_user_model().objects.filter(email__in=emails).delete()


def row_counts() -> dict[str, int]:
    """The number of rows of every model, to show that a refused import changed nothing."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def use_new_framework(data: dict, slug: str = "eigen-kader") -> dict:
    """Give the exported framework another slug, so it is new to the database."""
    collaboration = data["collaboration"]
    framework = collaboration["frameworks"][0]
    framework["slug"] = framework["data"]["id"] = slug
    collaboration["framework"]["slug"] = slug
    for round_ in collaboration["rounds"]:
        round_["framework"]["slug"] = slug
    return data
