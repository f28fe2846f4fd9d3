"""What the lifecycle's guards look at, gathered from the database for one transition."""

from __future__ import annotations

from django.db.models import Count, Q

from ritsen.collaborations import sharing
from ritsen.collaborations.access import Access
from ritsen.collaborations.constants import Role, Stage
from ritsen.collaborations.models import PartyProfile
from ritsen.results.next_steps import standing
from ritsen.results.scoring import JAMMING
from ritsen.workspace import selectors
from ritsen.workspace.registers import registry

from . import checklist, rules
from .models import Approval

#: The registers that must be complete before the collaboration goes active.
REQUIRED_REGISTERS = ("business_case", "agreements")


def approvals(access: Access, start: Stage, to: Stage) -> set[int]:
    """The parties whose coordinator approved ``start`` → ``to`` in the current stage."""
    collaboration = access.collaboration
    return set(
        Approval.objects.filter(
            collaboration=collaboration,
            from_stage=start,
            to_stage=to,
            stage_since=collaboration.stage_since,
        ).values_list("party_id", flat=True)
    )


def without_coordinator(access: Access) -> set[int]:
    """The collaboration's parties that have no coordinator (yet)."""
    counted = access.collaboration.parties.annotate(
        coordinators=Count("memberships", filter=Q(memberships__role=Role.COORDINATOR))
    ).values_list("pk", "coordinators")
    return {pk for pk, count in counted if not count}


def gather(access: Access, to: Stage, *, reason: str = "", override: str = "") -> rules.Facts:
    collaboration = access.collaboration
    start = Stage(collaboration.stage)
    parties = access.parties()
    facts: dict[str, object] = {"parties": [p.name for p in parties], "reason": reason}
    if (start, to) == (Stage.EXPLORING, Stage.PREPARING):
        none = without_coordinator(access)
        facts["without_coordinator"] = [p.name for p in parties if p.pk in none]
    if (start, to) == (Stage.PREPARING, Stage.ALIGNING):
        shared = sharing.shared_parties(PartyProfile, parties)
        facts["profile_not_shared"] = [p.name for p in parties if p.pk not in shared]
    if (start, to) == (Stage.ALIGNING, Stage.ACTIVE):
        found = standing(collaboration)
        facts["shared_round"] = found is not None
        if found is not None:
            spec = found.round.framework.spec
            facts["weak_links"] = [
                str(spec.link(link_id).name)
                for link_id, state in found.link_states.items()
                if state in JAMMING
            ]
        facts["override"] = override
        facts["incomplete_registers"] = [
            str(registry.get(key).title)
            for key in REQUIRED_REGISTERS
            if not selectors.completeness_of(access, registry.get(key)).complete
        ]
        approved = approvals(access, start, to)
        facts["not_approved"] = [p.name for p in parties if p.pk not in approved]
    if (start, to) == (Stage.UNZIPPING, Stage.CLOSED):
        facts["exit_open"] = checklist.open_count(access, parties)
    return rules.Facts(**facts)  # type: ignore[arg-type]
