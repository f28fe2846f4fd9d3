"""What every register item shares, and how a register is described.

A register is the concrete shape of one link of the zipper (the business case, the
culture, …). It holds one or more *kinds* of item (the business case: shared goals,
each party's expected value, each party's contribution). Each kind is a concrete model
on :class:`RegisterItem` and is described once by an :class:`ItemKind`; a register
bundles its kinds with a pure completeness function. Views, forms, API routes, matrix
rows and history are generated from these descriptions (:mod:`.registry`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from ritsen.workspace.completeness import Completeness, RegisterData


class RegisterItem(models.Model):
    """An item of a register: which collaboration and link, its place in the list,
    and who made and last changed it when (the full history is in ``history``)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="+"
    )
    link_key = models.CharField(_("link"), max_length=50)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True, excluded_fields=["position"])

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


@dataclass(frozen=True)
class ExitTask:
    """What must happen to one item (``item`` None: to a whole part) if a party leaves."""

    kind: str  # the kind of item: "steps"
    item: int | None
    name: str  # the item, in words
    todo: str  # what happens to it
    rule: int = 0  # which of the register's exit rules (an item may meet two)


@dataclass(frozen=True)
class ExitRule:
    """What happens, if a party leaves, to the items of ``kind`` whose ``fields`` name
    that party — or, without a kind, to the party's own data of the register."""

    todo: str | Promise
    kind: str = ""
    fields: Sequence[str] = ()
    # Only the items for which this holds (an action that is not done yet).
    when: Callable[[Mapping[str, Any]], bool] | None = None


class Owner(StrEnum):
    """Whose an item is: the collaboration's (anyone edits it) or one party's (that
    party's people edit it; the facilitator moderates)."""

    COLLABORATION = "collaboration"
    PARTY = "party"


@dataclass(frozen=True)
class Column:
    field: str
    label: str | Promise


@dataclass(frozen=True, eq=False)  # identity: one description per kind
class ItemKind:
    """One kind of item of a register, described once."""

    key: str  # in URLs and the API: "goals"
    model: type[RegisterItem]
    fields: Sequence[str]  # what the form edits, in order
    columns: Sequence[str]  # what the list shows
    label: str | Promise  # "shared goal"
    label_plural: str | Promise  # "shared goals"
    owner: Owner = Owner.COLLABORATION
    # For a party's items: the field naming the party (its people edit the item); a
    # dotted path through another item, as "strategic_goal.party".
    party_field: str = "party"
    # A party's items that only its people see until every party has shared the
    # register's sheet (``workspace/visibility.py``); nobody else changes them.
    private: bool = False
    help_text: str | Promise = ""
    # Holds only once every party concerned accepted it (``workspace/consent.py``).
    consent: bool = False
    # Fields the services set (not the form) that the history shows too.
    history_fields: Sequence[str] = ()
    # More related rows its list and its name read (``select_related`` paths).
    related: Sequence[str] = ()
    # Why an item needs attention, shown as badges in the list: ``flags(item) -> [text]``.
    flags: Callable[[Any], list[str]] | None = None

    def party_of(self, item: RegisterItem) -> Any:
        if self.owner is not Owner.PARTY:
            return None
        value: Any = item
        for name in self.party_field.split("."):
            value = getattr(value, name, None)
        return value

    @property
    def party_lookup(self) -> str:
        """The ORM lookup of the party (``strategic_goal__party``)."""
        return self.party_field.replace(".", "__")


@dataclass(frozen=True, eq=False)
class Register:
    """The register of one link: its kinds and when it is complete."""

    key: str  # "business_case"
    link_key: str  # the framework link it gives shape to
    title: str | Promise
    question: str | Promise  # the link's question in the seed's words
    kinds: Sequence[ItemKind]
    completeness: Callable[[RegisterData], Completeness]
    template: str = "workspace/register.html"
    extra: dict[str, Any] = field(default_factory=dict)
    # A party's private sheet of this register (shared when ready), if it has one.
    sheet: type[models.Model] | None = None
    # More for its own template: ``context(access) -> dict``.
    context: Callable[[Any], dict[str, Any]] | None = None
    # Whether a party's sheet may be shared: ``sheet_ready(sheet) -> bool``, and the
    # refusal when it may not.
    sheet_ready: Callable[[Any], bool] | None = None
    sheet_not_ready: str | Promise = ""
    # Kinds of other registers its completeness reads too (strategy: the shared goals).
    reads: Sequence[str] = ()
    # What happens to its items if a party leaves (``workspace/exit.py``).
    on_exit: Sequence[ExitRule] = ()

    def kind(self, key: str) -> ItemKind:
        for kind in self.kinds:
            if kind.key == key:
                return kind
        raise KeyError(key)
