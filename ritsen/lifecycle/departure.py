"""A party that leaves takes its own data along and leaves nothing private behind.

Its coordinator downloads the party's own file (:func:`own_file`: its profile and every
version, its culture profile, its strategy, the workspace items that name it, its
results per shared round) and confirms the erasure after a retention period it
chooses (default 30 days). Then :func:`erase` (``ritsen cron``) removes what is the
party's own: its profile and versions, culture profile, strategy sheet, strategic
goals and their map (with the change history of these), its respondents' answers,
invitations and marks, its people's memberships of this collaboration, the invitations
it sent and the record of who joined it.

What remains — what the other parties need, with the leaving party's consent given by
confirming: the party's name in the collaboration, the shared rounds' stored results
as they were shared (the aggregates and the anonymised answer rows and comments, which
name no respondent; a rebuild under new scoring rules finds none of its answers, so
its cells then show as withheld), the shared workspace items as the exit checklist
left them, and the audit log. The README says the same.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from ritsen.assessments.models import RespondentInvitation, RespondentMark, Response, Round
from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import (
    Collaboration,
    Invitation,
    Membership,
    MembershipEvent,
    Party,
    PartyProfile,
)
from ritsen.core import periodic
from ritsen.core.errors import ServiceError
from ritsen.results.models import ResultSnapshot
from ritsen.workspace import selectors
from ritsen.workspace.registers import registry
from ritsen.workspace.registers.culture import CultureProfile
from ritsen.workspace.registers.strategy import GoalMapping, StrategicGoal, StrategySheet

from .models import AuditEvent, AuditKind, Departure, ScaleEvent, ScaleKind

MIN_DAYS, MAX_DAYS, DEFAULT_DAYS = 1, 365, 30


def may_leave(access: Access, party: Party) -> bool:
    """A party's own coordinators decide on its departure."""
    return access.can(Perm.APPROVE_LIFECYCLE, party)


def leaving_parties(collaboration: Collaboration) -> set[int] | None:
    """The parties on their way out: those with a recorded "leave" — or, while the whole
    collaboration unzips, every party (``None``)."""
    if collaboration.stage == Stage.UNZIPPING:
        return None
    return set(
        ScaleEvent.objects.filter(
            collaboration=collaboration, kind=ScaleKind.LEAVE, party__isnull=False
        ).values_list("party_id", flat=True)
    )


def leaving(party: Party) -> bool:
    """Whether ``party`` is on its way out (see :func:`leaving_parties`)."""
    found = leaving_parties(party.collaboration)
    return found is None or party.pk in found


def own_file(access: Access, party: Party) -> dict[str, Any]:
    """The party's own data, for the party (its coordinators)."""
    if not may_leave(access, party):
        raise PermissionDenied
    with scope(party=[party.pk]):
        profile = PartyProfile.objects.filter(party=party).first()
        culture = CultureProfile.objects.filter(party=party).first()
        sheet = StrategySheet.objects.filter(party=party).first()
        goals = list(StrategicGoal.objects.filter(party=party).prefetch_related("mappings"))
    items: dict[str, list[dict[str, Any]]] = {}
    for kind, _register in registry.kinds():
        names_it = None if kind.private else selectors.naming(kind, party)
        if names_it is None:
            continue
        rows = [
            {
                name: str(value)
                for name in kind.fields
                if (value := getattr(item, name)) not in (None, "")
            }
            for item in selectors.items(access, kind).filter(names_it)
        ]
        if rows:
            items[kind.key] = rows
    results = []
    for snapshot in ResultSnapshot.objects.filter(
        round__collaboration=party.collaboration
    ).select_related("round"):
        ids = [entry.get("id") for entry in snapshot.results.get("parties", [])]
        if party.pk in ids:
            index = ids.index(party.pk)
            results.append(
                {
                    "round": snapshot.round.title,
                    "links": {
                        link["key"]: link["parties"][index]
                        for link in snapshot.results.get("links", [])
                    },
                }
            )
    return {
        "format": "ritsen-party",
        "collaboration": party.collaboration.name,
        "party": party.name,
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "answers": profile.content if profile else {},
            "versions": [
                {
                    "number": v.number,
                    "kind": v.kind,
                    "content": v.content,
                    "at": v.created_at.isoformat(),
                }
                for v in (profile.versions.order_by("number") if profile else [])
            ],
        },
        "culture_profile": culture.scores if culture else None,
        "strategy": {
            "shared_at": sheet.shared_at.isoformat() if sheet and sheet.shared_at else None,
            "goals": [
                {
                    "title": goal.title,
                    "horizon": goal.horizon,
                    "relations": [
                        {
                            "shared_goal": str(m.shared_goal),
                            "stance": m.stance,
                            "note": m.decision_note,
                        }
                        for m in goal.mappings.all()
                    ],
                }
                for goal in goals
            ],
        },
        "workspace": items,
        "results": results,
    }


@transaction.atomic
def confirm(access: Access, party: Party, retention_days: int = DEFAULT_DAYS) -> Departure:
    """The party's coordinator confirms: erase our own data after ``retention_days``."""
    if not may_leave(access, party):
        raise PermissionDenied
    if not MIN_DAYS <= retention_days <= MAX_DAYS:
        raise ServiceError(
            _("Keep the data from %(min)s to %(max)s days.") % {"min": MIN_DAYS, "max": MAX_DAYS}
        )
    if not leaving(party):
        raise ServiceError(
            _(
                "A party's data is erased once it leaves: record its leaving as a scale "
                "event, or unzip the collaboration."
            )
        )
    erase_on = timezone.localdate() + datetime.timedelta(days=retention_days)
    departure, _made = Departure.objects.update_or_create(
        party=party,
        defaults={
            "collaboration": party.collaboration,
            "retention_days": retention_days,
            "erase_on": erase_on,
            "confirmed_by": access.user,
        },
    )
    AuditEvent.objects.create(
        collaboration=party.collaboration, kind=AuditKind.DEPARTURE, actor=access.user,
        party=party, data={"retention_days": retention_days, "erase_on": erase_on.isoformat()},
    )  # fmt: skip
    return departure


@transaction.atomic
def erase(departure: Departure) -> dict[str, int]:
    """Remove the departed party's own data (what the module docstring lists)."""
    party = departure.party
    rounds = Round.objects.filter(collaboration=party.collaboration)
    removed: dict[str, int] = {}
    with scope(party=[party.pk]):
        for label, query in (
            ("profile", PartyProfile.objects.filter(party=party)),
            ("culture_profile", CultureProfile.objects.filter(party=party)),
            ("strategy", StrategySheet.objects.filter(party=party)),
            ("strategic_goals", StrategicGoal.objects.filter(party=party)),
            ("responses", Response.objects.filter(round__in=rounds, party=party)),
            ("invitations", RespondentInvitation.objects.filter(round__in=rounds, party=party)),
            ("marks", RespondentMark.objects.filter(round__in=rounds, party=party)),
            ("memberships", Membership.objects.filter(party=party)),
            # Its people: the e-mail addresses it invited, the names of who joined it.
            ("people_invited", Invitation.objects.filter(party=party)),
            ("people_events", MembershipEvent.objects.filter(party=party)),
        ):
            removed[label] = query.delete()[0]
        # The change history keeps every earlier version (and, from the deletes above, a
        # last one with the row as it was): private until shared, so it goes too.
        removed["history"] = _erase_history(party)
    departure.erased_at = timezone.now()
    departure.save(update_fields=["erased_at"])
    AuditEvent.objects.create(
        collaboration=party.collaboration, kind=AuditKind.ERASED, party=party,
        data={"removed": removed},
    )  # fmt: skip
    return removed


def _erase_history(party: Party) -> int:
    """Delete the change history of the party's own sheets, goals and their map."""
    goals = StrategicGoal.history.model.objects.filter(party_id=party.pk)
    queries = (
        CultureProfile.history.model.objects.filter(party_id=party.pk),
        StrategySheet.history.model.objects.filter(party_id=party.pk),
        GoalMapping.history.model.objects.filter(strategic_goal_id__in=goals.values("id")),
        goals,  # after the map, which is found through them
    )
    return sum(query.delete()[0] for query in queries)


@periodic.register("erase-departed-parties")
def erase_due() -> str:
    """Erase the data of the parties whose retention period is over."""
    due = Departure.objects.filter(erased_at__isnull=True, erase_on__lte=timezone.localdate())
    count = 0
    for departure in due.select_related("party__collaboration"):
        erase(departure)
        count += 1
    return f"{count} departed parties erased" if count else ""
