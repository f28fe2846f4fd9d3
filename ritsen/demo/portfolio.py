"""``ritsen demo --portfolio N``: N more collaborations of the demo municipality, each
with partners, two shared rounds (snapshots from real answers: 2 parties × 3
respondents × every statement, per round), workspace items, actions and a stage — for
the portfolio page and its benchmark. Idempotent: collaborations are numbered, and a
number that exists is left alone. Written in bulk, past the services (demo data)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from ritsen.assessments.models import PartyRelease, Response, Round, RoundState
from ritsen.collaborations.constants import PartyRole, Role, Stage
from ritsen.collaborations.models import Collaboration, Membership, Organisation, Party
from ritsen.frameworks.services import ensure_default_framework
from ritsen.portfolio.refresh import refresh
from ritsen.results import snapshots
from ritsen.workspace.actions import Action, ActionStatus
from ritsen.workspace.registers.business_case import SharedGoal
from ritsen.workspace.registers.technology import System

PREFIX = "Portfolio-samenwerking"
RESPONDENTS = 3  # per party and round: the anonymity threshold
PARTNERS = [
    "Zorggroep Noord", "Woonstichting De Linde", "Sportbedrijf Lindenhoven", "GGD Regio Oost",
    "ROC Lindenhoven", "Stichting Jeugdwerk", "Digitaal Loket B.V.", "Bibliotheek Lindenhoven",
    "Werkbedrijf Regio", "Cultuurhuis De Brug", "Provincie Oostland", "Waterschap Oostland",
]  # fmt: skip
STAGES = [Stage.ACTIVE] * 5 + [Stage.ALIGNING] * 2 + [Stage.PREPARING, Stage.UNZIPPING]


def create_portfolio(count: int, progress: Callable[[int, int], None] | None = None) -> int:
    """Up to ``count`` portfolio collaborations; returns how many were made now."""
    from ritsen.demo.data import ORGANISATIONS, USERS

    framework = ensure_default_framework()
    spec = framework.spec
    municipality = Organisation.objects.get(name__iexact=ORGANISATIONS[0][0])
    partners = [Organisation.objects.get_or_create(name=name)[0] for name in PARTNERS]
    from django.contrib.auth import get_user_model

    facilitator = get_user_model().objects.get(email=USERS[0].email)
    existing = set(
        Collaboration.objects.filter(name__startswith=PREFIX).values_list("name", flat=True)
    )
    made = 0
    for number in range(1, count + 1):
        name = f"{PREFIX} {number:05}"
        if name not in existing:
            _one(name, number, framework, spec, municipality, partners, facilitator)
            made += 1
        if progress is not None:
            progress(number, count)
    return made


@transaction.atomic
def _one(name, number, framework, spec, municipality, partners, facilitator) -> None:  # noqa: ANN001, PLR0913
    rng = random.Random(number)  # noqa: S311 - demo data
    now = timezone.now()
    collaboration = Collaboration.objects.create(
        name=name, purpose="Samen een opgave in de wijk oppakken.", framework=framework,
        created_by=facilitator, stage=STAGES[number % len(STAGES)], stage_since=now,
    )  # fmt: skip
    partner = partners[number % len(partners)]
    parties = [
        Party.objects.create(collaboration=collaboration, organisation=municipality,
                             role=PartyRole.CLIENT),
        Party.objects.create(collaboration=collaboration, organisation=partner,
                             role=PartyRole.CONTRACTOR),
    ]  # fmt: skip
    Membership.objects.create(user=facilitator, collaboration=collaboration, role=Role.FACILITATOR)
    # Each collaboration leans its own way: mostly sound, with none, one or two weak links.
    base = {link.id: rng.uniform(3.6, 4.7) for link in spec.links}
    for link in rng.sample(list(spec.links), rng.choice([0, 0, 1, 1, 2])):
        base[link.id] = rng.uniform(1.8, 3.3)
    for round_number, days_ago in ((1, 200), (2, 30)):
        opened = now - timedelta(days=days_ago)
        round_ = Round.objects.create(
            collaboration=collaboration, framework=framework, title=f"Ronde {round_number}",
            opened_at=opened, closed_at=opened + timedelta(days=14), created_by=facilitator,
            state=RoundState.SHARED, shared_at=opened + timedelta(days=15),
        )  # fmt: skip
        responses = []
        for party in parties:
            for _respondent in range(RESPONDENTS):
                answers: dict[str, int | None] = {}
                for link in spec.links:
                    drift = rng.uniform(-0.4, 0.8) if round_number == 2 else 0.0
                    centre = base[link.id] + drift
                    for statement in link.statements:
                        value = min(
                            spec.scale_max, max(spec.scale_min, round(rng.gauss(centre, 0.7)))
                        )
                        answers[statement.id] = value
                responses.append(
                    Response(round=round_, party=party, answers=answers, submitted=True)
                )
        with scopes_disabled():
            Response.objects.bulk_create(responses)
        PartyRelease.objects.bulk_create([PartyRelease(round=round_, party=p) for p in parties])
        snapshots.store(round_)
    made = {"collaboration": collaboration, "created_by": facilitator, "updated_by": facilitator}
    SharedGoal.objects.create(**made, link_key="business_case", title="Minder wachttijd",
                              indicator="Dagen", target_value=rng.randint(5, 30))  # fmt: skip
    if number % 3:
        System.objects.create(**made, link_key="technology", name="Zaaksysteem",
                              owner_party=parties[0])  # fmt: skip
    Action.objects.bulk_create(
        [
            Action(
                **made,
                link_key=spec.links[rng.randrange(len(spec.links))].key,
                title=f"Actie {index}",
                owner_party=parties[index % 2],
                status=ActionStatus.OPEN,
                due_date=(now + timedelta(days=rng.randint(-40, 60))).date(),
            )  # fmt: skip
            for index in range(rng.randint(0, 4))
        ]
    )
    refresh(collaboration)
