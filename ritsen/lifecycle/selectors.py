"""Reading the lifecycle: where the collaboration stands and what it may do next, and
its timeline — stages, scale events, rounds, agreements agreed, actions done."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext as _

from ritsen.assessments.models import Round
from ritsen.collaborations import sharing
from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import PartyProfile
from ritsen.workspace import selectors as workspace
from ritsen.workspace.actions import ActionStatus
from ritsen.workspace.models import CultureProfile
from ritsen.workspace.registers.agreements import AGREEMENTS, AgreementState

from . import departure, facts, rules
from .models import AuditEvent, AuditKind, ScaleEvent, ScaleKind


@dataclass(frozen=True)
class Step:
    """A transition from the current stage: what is still missing, who approved."""

    to: Stage
    missing: list[str]
    needs_approval: bool
    approved: list[str]  # the parties that approved
    approved_ids: frozenset[int]  # the same parties, to ask "has mine?"
    may_override: bool


def next_steps(access: Access) -> list[Step]:
    start = Stage(access.collaboration.stage)
    found = []
    for to in rules.targets(start):
        # The reason is asked in the form; here only what else is missing shows.
        gathered = facts.gather(access, to, reason="—")
        approved = (
            facts.approvals(access, start, to) if (start, to) in rules.NEEDS_APPROVAL else set()
        )
        found.append(
            Step(
                to=to,
                missing=rules.missing(start, to, gathered),
                needs_approval=(start, to) in rules.NEEDS_APPROVAL,
                approved=[p.name for p in access.parties() if p.pk in approved],
                approved_ids=frozenset(approved),
                may_override=(start, to) in rules.MAY_OVERRIDE
                and access.can(Perm.MANAGE_LIFECYCLE),
            )
        )
    return found


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    kind: str  # stage, scale, round, agreement, action
    title: str
    detail: str = ""


def _detail(event: AuditEvent) -> str:
    """A transition's reason, and the facilitator's override reason when it differs."""
    override = event.data.get("override", "")
    if override and override != event.reason:
        return f"{event.reason} — {override}" if event.reason else override
    return event.reason


def timeline(access: Access) -> list[Entry]:
    """Everything that shaped the collaboration, oldest first."""
    collaboration = access.collaboration
    entries = [Entry(collaboration.created_at, "stage", _("The collaboration was started."))]
    for event in AuditEvent.objects.filter(
        collaboration=collaboration, kind=AuditKind.STAGE_CHANGED
    ).select_related("actor"):
        entries.append(
            Entry(
                event.created_at,
                "stage",
                _("From “%(start)s” to “%(to)s”")
                % {"start": Stage(event.from_stage).label, "to": Stage(event.to_stage).label},
                _detail(event),
            )
        )
    for scale in ScaleEvent.objects.filter(collaboration=collaboration).select_related(
        "party__organisation"
    ):
        title = scale.get_kind_display()
        if scale.party is not None:
            title = f"{title}: {scale.party.name}"
        entries.append(
            Entry(
                datetime.datetime.combine(scale.effective_on, datetime.time(), tzinfo=datetime.UTC),
                "scale",
                title,
                scale.description,
            )
        )
    for round_ in Round.objects.filter(collaboration=collaboration):
        entries.append(
            Entry(
                round_.opened_at, "round", _("Round “%(round)s” opened") % {"round": round_.title}
            )
        )
        if round_.shared_at is not None:
            entries.append(
                Entry(
                    round_.shared_at,
                    "round",
                    _("The results of “%(round)s” were shared") % {"round": round_.title},
                )
            )
    # Through the workspace's own reading, so its visibility rule holds here too.
    agreed = (
        workspace.items(access, AGREEMENTS)
        .filter(**{"state": AgreementState.AGREED})
        .annotate(agreed_at=Max("acceptances__accepted_at"))
        .exclude(agreed_at=None)
    )
    for agreement in agreed:
        entries.append(Entry(agreement.agreed_at, "agreement", _("Agreed"), agreement.text))  # type: ignore[attr-defined]
    for action in workspace.actions(access).filter(status=ActionStatus.DONE, done_at__isnull=False):
        entries.append(Entry(action.done_at, "action", _("Action done"), action.title))  # type: ignore[arg-type]
    return sorted(entries, key=lambda entry: entry.when)


@dataclass(frozen=True)
class Joining:
    """A party that joined while active, and how far it is on its way in: a coordinator,
    its shared profile and culture profile, and the first round since it joined (every
    round includes every party of the collaboration). Whether a party shared is what
    every party sees already; never what it shared."""

    event: ScaleEvent
    has_coordinator: bool
    profile_shared: bool
    culture_shared: bool
    first_round: Round | None

    @property
    def done(self) -> bool:
        return self.has_coordinator and self.profile_shared and self.culture_shared


def joining(access: Access) -> list[Joining]:
    """The parties that joined while active and are still in the collaboration."""
    if access.collaboration.stage in (Stage.UNZIPPING, Stage.CLOSED):
        return []  # nobody is on the way in any more
    leaving = departure.leaving_parties(access.collaboration) or set()
    events = list(
        ScaleEvent.objects.filter(
            collaboration=access.collaboration, kind=ScaleKind.JOIN, party__isnull=False
        )
        .exclude(party__in=leaving)
        .select_related("party__organisation")
    )
    if not events:
        return []
    parties = access.parties()
    none = facts.without_coordinator(access)
    profiles = sharing.shared_parties(PartyProfile, parties)
    cultures = sharing.shared_parties(CultureProfile, parties)
    rounds = sorted(Round.objects.filter(collaboration=access.collaboration), key=_opened)
    return [
        Joining(
            event=event,
            has_coordinator=event.party_id not in none,
            profile_shared=event.party_id in profiles,
            culture_shared=event.party_id in cultures,
            first_round=next((r for r in rounds if r.opened_at >= event.created_at), None),
        )
        for event in events
    ]


def _opened(round_: Round) -> datetime.datetime:
    return round_.opened_at


def scale_events_for(round_: Round) -> list[ScaleEvent]:
    """The scale events since the round before ``round_``, up to ``round_``'s close:
    what its report lists (the parties and the scope it was measured on)."""
    earlier = (
        Round.objects.filter(
            collaboration_id=round_.collaboration_id, opened_at__lt=round_.opened_at
        )
        .order_by("-opened_at")
        .first()
    )
    query = ScaleEvent.objects.filter(collaboration_id=round_.collaboration_id)
    if earlier is not None:  # after it was measured: once it closed (or opened, if open)
        query = query.filter(effective_on__gt=(earlier.closed_at or earlier.opened_at).date())
    if round_.closed_at is not None:
        query = query.filter(effective_on__lte=round_.closed_at.date())
    return list(query.select_related("party__organisation"))
