"""Who sees which items: the one rule, for pages, the API, documents and exports.

Most items are shared with everyone in the collaboration. A *private* kind (a party's
strategic goals and their map) is its party's own until every party has shared the
register's sheet (``collaborations.sharing``): until then only the party's own people
see its items — not the other parties, not the facilitator. Once every party has
shared, everyone in the collaboration sees them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from ritsen.collaborations import sharing
from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party

from .registers.base import ItemKind, Register


def all_shared(access: Access, register: Register | None) -> bool:
    """Whether every party has shared this register's sheet."""
    return shared_by_every_party(register, access.parties())


def shared_by_every_party(register: Register | None, parties: Sequence[Party]) -> bool:
    if register is None or register.sheet is None:
        return True
    return sharing.side_by_side(register.sheet, parties) is not None  # type: ignore[type-var]


def visible_to_everyone(
    kind: ItemKind, register: Register | None, parties: Sequence[Party]
) -> bool:
    """Whether ``kind``'s items are for everyone in the collaboration (documents)."""
    return not kind.private or shared_by_every_party(register, parties)


def visible_parties(access: Access, kind: ItemKind, register: Register | None) -> set[int] | None:
    """The parties whose items of ``kind`` this person sees; None: every party's."""
    if not kind.private or all_shared(access, register):
        return None
    return {party.pk for party in access.parties() if access.can(Perm.SEE_PARTY_DATA, party)}


def visible(
    access: Access, kind: ItemKind, register: Register | None, query: QuerySet[Any]
) -> QuerySet[Any]:
    parties = visible_parties(access, kind, register)
    if parties is None:
        return query
    return query.filter(**{f"{kind.party_lookup}__in": parties})
