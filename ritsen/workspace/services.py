"""Writing register items and actions: one code path for pages, the API and commands.

Who may change an item is decided here, once (:func:`require_edit`): anyone in the
collaboration edits the collaboration's items; a party's own items are its people's,
and the facilitator moderates (may change and remove any item). Every change is kept in
the item's history, with who made it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party

from . import consent, visibility
from .actions import Action, ActionStatus
from .registers import registry
from .registers.base import ItemKind, Owner, Register, RegisterItem


def may_edit(access: Access, kind: ItemKind, party: Party | None) -> bool:
    """The one rule for changing an item of ``kind`` that belongs to ``party``."""
    if not access.can(Perm.EDIT_WORKSPACE):
        return False
    if kind.owner is Owner.COLLABORATION:
        return True
    if access.can(Perm.MODERATE_WORKSPACE) and not kind.private:
        return True  # a party's private items are its people's alone
    return party is not None and access.can(Perm.EDIT_PARTY_WORKSPACE, party=party)


def may_add(access: Access, kind: ItemKind) -> bool:
    """Whether this person may add an item of ``kind`` (for a party's kind: in the name
    of some party they may edit for)."""
    if kind.owner is Owner.COLLABORATION:
        return may_edit(access, kind, None)
    return any(may_edit(access, kind, party) for party in access.parties())


def require_edit(access: Access, kind: ItemKind, party: Party | None) -> None:
    access.require(Perm.EDIT_WORKSPACE)
    if party is not None and party.collaboration_id != access.collaboration.pk:
        raise Http404
    if not may_edit(access, kind, party):
        raise PermissionDenied


def item_of(access: Access, kind: ItemKind, item_id: int) -> RegisterItem:
    """An item of this collaboration that this person sees (404 for any other id)."""
    query = kind.model._default_manager.filter(collaboration=access.collaboration, pk=item_id)
    item = visibility.visible(access, kind, registry.kind(kind.key)[1], query).first()
    if item is None:
        raise Http404
    return item


def _link_key(kind: ItemKind, register: Register | None, data: dict[str, Any]) -> str:
    """The link an item concerns: its register's, or the one chosen (actions, and
    agreements, which may concern any link)."""
    if "link_key" in kind.fields or register is None:
        return str(data["link_key"])
    return register.link_key


def _apply(item: RegisterItem, kind: ItemKind, data: dict[str, Any]) -> None:
    for name in kind.fields:
        if name in data:
            setattr(item, name, data[name])


@transaction.atomic
def create_item(
    *, access: Access, kind: ItemKind, register: Register | None, data: dict[str, Any]
) -> RegisterItem:
    item = kind.model(collaboration=access.collaboration)
    _apply(item, kind, data)
    require_edit(access, kind, kind.party_of(item))
    item.link_key = _link_key(kind, register, data)
    last = kind.model._default_manager.filter(collaboration=access.collaboration).aggregate(
        n=Max("position")
    )["n"]
    item.position = (last or 0) + 1
    item.created_by = item.updated_by = access.user
    _before_save(item)
    item._history_user = access.user  # type: ignore[attr-defined]
    item.save()
    if kind.consent:
        consent.proposed(item, access, created=True)  # type: ignore[arg-type]
    return item


def _stored(item: RegisterItem, kind: ItemKind) -> dict[str, Any]:
    names = [kind.model._meta.get_field(name).attname for name in kind.fields]  # type: ignore[union-attr]
    return kind.model._default_manager.filter(pk=item.pk).values(*names).first() or {}


def _current(item: RegisterItem, kind: ItemKind) -> dict[str, Any]:
    names = [kind.model._meta.get_field(name).attname for name in kind.fields]  # type: ignore[union-attr]
    return {name: getattr(item, name) for name in names}


@transaction.atomic
def update_item(
    item: RegisterItem, *, access: Access, kind: ItemKind, data: dict[str, Any]
) -> RegisterItem:
    require_edit(access, kind, kind.party_of(item))  # the party it belonged to …
    before = _stored(item, kind)
    _apply(item, kind, data)
    require_edit(access, kind, kind.party_of(item))  # … and the one it belongs to now
    if "link_key" in kind.fields:
        item.link_key = str(data.get("link_key", item.link_key))
    changed = before != _current(item, kind)
    item.updated_by = access.user
    _before_save(item)
    item._history_user = access.user  # type: ignore[attr-defined]
    item.save()
    if kind.consent and changed:
        consent.proposed(item, access, created=False)  # type: ignore[arg-type]
    return item


def may_delete(access: Access, kind: ItemKind, item: RegisterItem) -> bool:
    try:
        require_delete(access, kind, item)
    except (PermissionDenied, Http404):
        return False
    return True


def require_delete(access: Access, kind: ItemKind, item: RegisterItem) -> None:
    require_edit(access, kind, kind.party_of(item))
    if kind.consent and not access.can(Perm.MODERATE_WORKSPACE):
        # What the parties agree on is removed only by a coordinator of a party it
        # concerns (or withdrawn, disputed, changed): not by anyone else.
        party = consent.deciding_party(access)
        if party is None or party not in consent.parties_concerned(item, access):  # type: ignore[arg-type]
            raise PermissionDenied


@transaction.atomic
def delete_item(item: RegisterItem, *, access: Access, kind: ItemKind) -> None:
    require_delete(access, kind, item)
    item._history_user = access.user  # type: ignore[attr-defined]
    item.delete()


def _before_save(item: RegisterItem) -> None:
    if isinstance(item, Action):
        stored = Action.objects.filter(pk=item.pk).values_list("due_date", flat=True).first()
        if item.pk is not None and stored != item.due_date:
            item.reminded_on = item.overdue_sent_on = None  # a new due date starts afresh
        done = item.status == ActionStatus.DONE
        if done and item.done_at is None:
            item.done_at = timezone.now()
        elif not done:
            item.done_at = None
