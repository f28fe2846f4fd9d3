"""Bulk factories: a whole collaboration with every kind of data, in a few queries.

For tests that are not about the services that would normally make the data — the
site-wide permission matrix above all, which needs one world and hundreds of requests
against it. Rows are written with ``bulk_create``; only the snapshot of the shared
round goes through its real builder, since every shared page reads it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from ritsen.assessments.models import (
    PartyRelease,
    RespondentInvitation,
    Response,
    Round,
    RoundState,
)
from ritsen.assessments.models.respondents import token_hash
from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models import (
    Collaboration,
    Invitation,
    Membership,
    Organisation,
    OrganisationRole,
    OrganisationRoleKind,
    Party,
    PartyProfile,
)
from ritsen.core import crypto
from ritsen.frameworks.services import ensure_default_framework
from ritsen.results import snapshots
from ritsen.workspace.models import (
    Acceptance,
    Action,
    Activity,
    Agreement,
    Assignment,
    Contribution,
    CultureBridge,
    ExpectedValue,
    GoalMapping,
    Improvement,
    InformationNeed,
    Interface,
    Process,
    Review,
    SharedGoal,
    Step,
    StrategicGoal,
    System,
)

#: Everyone the matrix asks about: (name, role in the collaboration, party, site admin).
#: A site administrator was given the transfer permission; ``plain_staff`` has staff
#: status and nothing else — which must not count for anything.
CAST = [
    ("outsider", None, None, False),
    ("facilitator", Role.FACILITATOR, None, False),
    ("site_admin", Role.FACILITATOR, None, True),
    ("plain_staff", Role.FACILITATOR, None, False),
    ("coord_a", Role.COORDINATOR, "a", False),
    ("member_a", Role.MEMBER, "a", False),
    ("coord_b", Role.COORDINATOR, "b", False),
    ("member_b", Role.MEMBER, "b", False),
]
#: The states a round can be in, as the matrix names them.
ROUND_STATES = ("open", "closed", "partly", "shared")


@dataclass
class World:
    collab: Collaboration
    parties: dict[str, Party]
    users: dict[str, object]
    rounds: dict[str, Round]
    people_invitation: Invitation
    respondent_invitation: RespondentInvitation
    removable_membership: Membership
    tokens: dict[str, str] = field(default_factory=dict)
    # One item of each kind of the workspace (party A's, where a party owns it).
    workspace: dict[str, int] = field(default_factory=dict)

    def party(self, key: str) -> Party:
        return self.parties[key]


def _answers(spec, value: int) -> dict[str, int]:
    lo, hi = spec.scale_min, spec.scale_max
    return {s.id: (lo + hi - value if s.reverse else value) for s in spec.statements}


def build_world(*, respondents: int = 3) -> World:
    framework = ensure_default_framework()
    spec = framework.spec
    now = timezone.now()
    user_model = get_user_model()
    users = {
        name: user_model(
            email=f"{name}@matrix.example", name=name, is_staff=admin or name == "plain_staff"
        )
        for name, _role, _party, admin in CAST
    }
    for user in users.values():
        user.set_unusable_password()
    user_model.objects.bulk_create(users.values())
    transfer = Permission.objects.get(codename="transfer_collaboration")
    for name, _role, _party, admin in CAST:
        if admin:
            users[name] = user_model.objects.get(email=f"{name}@matrix.example")
            users[name].user_permissions.add(transfer)

    collab = Collaboration.objects.create(
        name="Matrix", purpose="Alles, voor iedereen.", framework=framework
    )
    elsewhere = Collaboration.objects.create(name="Elders", purpose="—", framework=framework)
    organisations = Organisation.objects.bulk_create(
        [Organisation(name="Gemeente Matrix"), Organisation(name="Leverancier Matrix")]
    )
    parties = {
        "a": Party(collaboration=collab, organisation=organisations[0], role=PartyRole.CLIENT),
        "b": Party(collaboration=collab, organisation=organisations[1], role=PartyRole.CONTRACTOR),
    }
    Party.objects.bulk_create(parties.values())
    memberships = []
    for name, role, party, _staff in CAST:
        if role is None:
            memberships.append(
                Membership(user=users[name], collaboration=elsewhere, role=Role.FACILITATOR)
            )
        else:
            memberships.append(
                Membership(
                    user=users[name],
                    collaboration=collab,
                    role=role,
                    party=parties[party] if party else None,
                )
            )
    Membership.objects.bulk_create(memberships)
    # Party A's coordinator is also an administrator of its organisation (its roles).
    OrganisationRole.objects.create(
        organisation=organisations[0], user=users["coord_a"],
        role=OrganisationRoleKind.ADMINISTRATOR,
    )  # fmt: skip

    PartyProfile.objects.create(
        party=parties["a"], who_we_are="Wij zijn de gemeente", updated_by=users["coord_a"]
    )
    people_invitation = Invitation(
        collaboration=collab,
        party=parties["a"],
        role=Role.MEMBER,
        email="nieuw@matrix.example",
        invited_by=users["coord_a"],
        expires_at=now + timedelta(days=14),
    )
    people_invitation.set_token(Invitation.new_token())
    people_invitation.save()

    rounds = {}
    for offset, state in enumerate(ROUND_STATES):
        opened = now - timedelta(days=100 - 10 * offset)
        rounds[state] = Round(
            collaboration=collab,
            framework=framework,
            title=f"Ronde {state}",
            opened_at=opened,
            state=RoundState.OPEN if state == "open" else RoundState.CLOSED,
            closed_at=None if state == "open" else opened + timedelta(days=7),
        )
    Round.objects.bulk_create(rounds.values())

    invitations, responses = [], []
    for round_ in rounds.values():
        for key, value in (("a", 4), ("b", 2)):
            for _ in range(respondents):
                invitations.append(
                    RespondentInvitation(
                        round=round_,
                        party=parties[key],
                        token_hash=token_hash("invitation", uuid.uuid4().hex),
                    )
                )
                responses.append(
                    Response(
                        round=round_,
                        party=parties[key],
                        answers=_answers(spec, value),
                        comments={"1": f"Opmerking van {key}"},
                        submitted=True,
                    )
                )
    token = RespondentInvitation.new_token()
    respondent_invitation = RespondentInvitation(
        round=rounds["open"],
        party=parties["a"],
        email="respondent@matrix.example",
        token_hash=token_hash("invitation", token),
        token_encrypted=crypto.encrypt(token),
        sent_count=1,
    )
    invitations.append(respondent_invitation)
    RespondentInvitation.objects.bulk_create(invitations)
    Response.objects.bulk_create(responses)

    PartyRelease.objects.bulk_create(
        [
            PartyRelease(round=rounds["partly"], party=parties["a"]),
            PartyRelease(round=rounds["shared"], party=parties["a"]),
            PartyRelease(round=rounds["shared"], party=parties["b"]),
        ]
    )
    shared = rounds["shared"]
    shared.state = RoundState.SHARED
    shared.shared_at = shared.closed_at
    shared.save(update_fields=["state", "shared_at"])
    snapshots.store(shared)

    a, by = parties["a"], users["coord_a"]
    made = {"collaboration": collab, "created_by": by, "updated_by": by}
    workspace = {
        "goals": SharedGoal.objects.create(
            **made, link_key="business_case", title="Eén loket", owner_party=a
        ).pk,
        "values": ExpectedValue.objects.create(
            **made, link_key="business_case", party=a, kind="money", estimate="€ 1"
        ).pk,
        "contributions": Contribution.objects.create(
            **made, link_key="business_case", party=a, kind="people", amount="1 FTE"
        ).pk,
        "actions": Action.objects.create(
            **made, link_key="processes", title="Proces tekenen", owner_party=a
        ).pk,
        # Proposed by party A (which accepted it), waiting for party B.
        "agreements": Agreement.objects.create(
            **made,
            link_key="roles",
            text="A levert elke maand de cijfers aan B.",
            from_party=a,
            to_party=parties["b"],
            proposed_by=a,
        ).pk,
    }
    Acceptance.objects.create(agreement_id=workspace["agreements"], party=a, accepted_by=by)
    workspace["bridges"] = CultureBridge.objects.create(
        **made, link_key="culture", type_key="market", note="Wij praten eerst over doelen."
    ).pk
    workspace["improvements"] = Improvement.objects.create(
        **made, link_key="processes", kind="incident", description="Levering te laat"
    ).pk
    workspace["reviews"] = Review.objects.create(
        **made, link_key="quality", held_on=timezone.localdate(), cadence_weeks=6
    ).pk
    system = System.objects.create(**made, link_key="technology", name="KCS", owner_party=a)
    other = System.objects.create(**made, link_key="technology", name="Zaaksysteem")
    workspace["systems"] = system.pk
    interface = Interface.objects.create(
        **made, link_key="technology", from_system=system, to_system=other, status="live"
    )
    workspace["interfaces"] = interface.pk
    need = InformationNeed.objects.create(
        **made, link_key="information", item="Aanmelding", needed_by=parties["b"],
        supplied_by=a, channel=system, carried_by=interface,
    )  # fmt: skip
    workspace["needs"] = need.pk
    process = Process.objects.create(**made, link_key="processes", name="Intake")
    workspace["processes"] = process.pk
    step = Step.objects.create(
        **made, link_key="processes", process=process, number=1, title="Aannemen", party=a
    )
    workspace["steps"] = step.pk
    activity = Activity.objects.create(**made, link_key="roles", title="Intake", step=step)
    workspace["activities"] = activity.pk
    workspace["raci"] = Assignment.objects.create(
        **made, link_key="roles", activity=activity, party=a, letters="RA"
    ).pk
    # Party A's strategy, not shared yet: private to A.
    strategic_goal = StrategicGoal.objects.create(
        **made, link_key="strategy", party=a, title="Zorg dichtbij huis"
    )
    workspace["strategic_goals"] = strategic_goal.pk
    workspace["mappings"] = GoalMapping.objects.create(
        **made,
        link_key="strategy",
        strategic_goal=strategic_goal,
        shared_goal_id=workspace["goals"],
        stance="supports",
    ).pk
    return World(
        collab=collab,
        parties=parties,
        users=users,
        rounds=rounds,
        people_invitation=people_invitation,
        respondent_invitation=respondent_invitation,
        removable_membership=Membership.objects.get(user=users["member_a"]),
        tokens={"respondent": token},
        workspace=workspace,
    )
