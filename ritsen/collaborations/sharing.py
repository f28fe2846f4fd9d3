"""What a party writes for itself and shares when it is ready — its profile, its
culture profile, its strategic goals: the one rule, for every such sheet.

* A sheet is private to its party: only the party's people see it (the views declare
  the party's permission; the ORM refuses queries outside a party scope).
* A party shares it when it is ready; **the other parties see it only once every
  party has shared theirs** — nobody shows their hand first. Until then sharing can be
  withdrawn; after that it cannot — not even when a party joins later (and the sheets
  are hidden again until the newcomer shares): ``revealed_at`` keeps when every party
  had shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from ritsen.core.errors import ServiceError

if TYPE_CHECKING:
    from .access import Access
    from .models import Party


class SharedByParty(models.Model):
    """A party's sheet that it shares when ready (with ``party``, in the concrete model)."""

    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When every party had shared (the others have seen it): final from then on.
    revealed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


Sheet = TypeVar("Sheet", bound=SharedByParty)


def side_by_side(model: type[Sheet], parties: Sequence[Party]) -> list[Sheet] | None:
    """Every party's sheet, in party order, once *every* party has shared; else None."""
    if not parties:
        return None
    with scope(party=[party.pk for party in parties]):
        sheets: dict[int, Any] = {
            sheet.party_id: sheet  # type: ignore[attr-defined]
            for sheet in model._default_manager.filter(
                party__in=parties, shared_at__isnull=False
            ).select_related("shared_by")
        }
    if len(sheets) != len(parties):
        return None
    for party in parties:
        sheets[party.pk].party = party
    return [sheets[party.pk] for party in parties]


def shared_parties(model: type[SharedByParty], parties: Sequence[Party]) -> set[int]:
    """Which parties have shared their sheet (never its content)."""
    manager: Any = model._default_manager
    with scope(party=[party.pk for party in parties]):
        shared = manager.filter(party__in=parties, shared_at__isnull=False)
        return set(shared.values_list("party_id", flat=True))


def share(sheet: Sheet, *, access: Access, ready: bool, not_ready: str) -> bool:
    """Share ``sheet`` (``ready``: it has enough in it; else ``not_ready`` is the refusal).
    Returns whether this shared it (False: it already was)."""
    if sheet.is_shared:
        return False
    if not ready:
        raise ServiceError(not_ready)
    sheet.shared_at = timezone.now()
    sheet.shared_by = access.user
    sheet.save()
    parties = access.parties()
    if side_by_side(type(sheet), parties) is not None:  # the last one: all are seen now
        with scope(party=[party.pk for party in parties]):
            type(sheet)._default_manager.filter(party__in=parties, revealed_at__isnull=True).update(
                revealed_at=sheet.shared_at
            )
        sheet.revealed_at = sheet.shared_at
    return True


def withdraw(sheet: Sheet, *, parties: Sequence[Party]) -> bool:
    """Make ``sheet`` private again — until every party has shared. Returns whether this
    withdrew it (False: it was not shared)."""
    if not sheet.is_shared:
        return False
    if sheet.revealed_at is not None or side_by_side(type(sheet), parties) is not None:
        raise ServiceError(_("Every party has shared; sharing can no longer be withdrawn."))
    sheet.shared_at = None
    sheet.shared_by = None
    sheet.save()
    return True
