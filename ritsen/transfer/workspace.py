"""The workspace in the transfer file (since format 3), generated from the workspace registry:
every kind of item, every register's party sheets, every agreement's acceptances.

``collaboration.workspace`` is ``{"items": {kind: [item, …]}, "sheets": {register:
[sheet, …]}}``. An item carries every stored field of its model (so a new field of a
register travels without code here), with natural references: a party by organisation
name, a person by email address, another item by its ``ref`` (a number unique within
its kind in the file). Each kind's entry is a pydantic model made from the Django model
— lengths, choices, number ranges and dates from the model fields, as for the rest of
the file. The joint session's outcome per agenda item travels with its round
(``rounds[].outcomes``).

Not carried: the change history of each item. An import starts every item's history
with the item as imported (by nobody, at the moment of import); the file keeps who made
and last changed each item, and when.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, StrictInt, StrictStr
from pydantic import create_model as pydantic_model
from simple_history.utils import bulk_create_with_history

from ritsen.collaborations.models import Party
from ritsen.core.schema_messages import custom
from ritsen.workspace.registers import registry
from ritsen.workspace.registers.agreements import Acceptance
from ritsen.workspace.registers.base import ItemKind, RegisterItem

from .schema import (
    Entry,
    Moment,
    PartyRef,
    UserRef,
    _choice,
    day,
    integer_limits,
    text_limit,
)

#: Fields every item has, written by the file's own keys.
BASE = ("id", "collaboration", "link_key", "position", "created_by", "updated_by")
STAMPS = ("created_at", "updated_at")
Ref = Annotated[StrictInt, Field(ge=1, le=10**9)]


def kinds() -> Iterator[ItemKind]:
    """Every kind of item, in the registry's order (an item refers only to kinds before
    its own: a strategic goal's relation to a shared goal comes after both)."""
    for kind, _register in registry.kinds():
        yield kind


def sheets() -> Iterator[tuple[str, type[models.Model]]]:
    for entry in registry.registers():
        if entry.sheet is not None:
            yield entry.key, entry.sheet


def _sheet_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in ("id", "party")]


def _item_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in BASE and f.name not in STAMPS and f.name != "round"
    ]


# --- the generated schema -------------------------------------------------------------


def _decimal(field: models.DecimalField) -> Callable[[Any], Any]:
    digits, places = field.max_digits or 18, field.decimal_places or 0

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) <= digits + 2:
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                quantised = round(number, places)
                if quantised == number and len(quantised.as_tuple().digits) <= digits:
                    return quantised
        raise custom(
            _("must be a number as text with at most %(digits)d digits, %(places)d after the point")
            % {"digits": digits, "places": places}
        )

    return check


def _annotation(field: models.Field) -> Any:
    """The file's type for one model field."""
    model = field.model
    related = getattr(field, "related_model", None)
    if related is Party:
        kind: Any = PartyRef
    elif related is get_user_model():
        kind = UserRef
    elif related is not None:
        kind = Ref  # another item of the file, by its ref
    elif isinstance(field, models.DecimalField):
        kind = Annotated[Any, BeforeValidator(_decimal(field))]
    elif isinstance(field, models.DateTimeField):
        kind = Moment
    elif isinstance(field, models.DateField):
        kind = Annotated[Any, BeforeValidator(day)]
    elif isinstance(field, models.BooleanField):
        kind = StrictBool
    elif isinstance(field, models.IntegerField):
        kind = Annotated[StrictInt, integer_limits(model, field.name)]
    elif isinstance(field, models.JSONField):
        kind = dict[StrictStr, Any]
    elif field.choices:
        allowed = [str(v) for v, _l in field.choices] + ([""] if field.blank else [])
        kind = Annotated[StrictStr, AfterValidator(_choice(allowed))]
    else:
        kind = Annotated[StrictStr, text_limit(model, field.name)]
    return kind | None if field.null else kind


class AcceptanceEntry(Entry):
    party: PartyRef
    accepted_by: UserRef | None
    accepted_at: Moment


@functools.cache
def item_schema(kind: ItemKind) -> type[Entry]:
    fields: dict[str, Any] = {
        "ref": (Ref, ...),
        "position": (Annotated[StrictInt, integer_limits(kind.model, "position")], ...),
        "created_by": (UserRef | None, ...),
        "updated_by": (UserRef | None, ...),
        "created_at": (Moment, ...),
        "updated_at": (Moment, ...),
    }
    if "link_key" in kind.fields:
        fields["link_key"] = (Annotated[StrictStr, text_limit(kind.model, "link_key")], ...)
    for field in _item_fields(kind.model):
        fields[field.name] = (_annotation(field), ...)
    if kind.consent:
        fields["acceptances"] = (list[AcceptanceEntry], ...)
    return pydantic_model(f"{kind.key.title()}Entry", __base__=Entry, **fields)


@functools.cache
def sheet_schema(model: type[models.Model]) -> type[Entry]:
    fields: dict[str, Any] = {"party": (PartyRef, ...)}
    for field in _sheet_fields(model):
        fields[field.name] = (_annotation(field), ...)
    return pydantic_model(f"{model.__name__}Entry", __base__=Entry, **fields)


# --- export ---------------------------------------------------------------------------


def _value(field: models.Field, obj: models.Model, refs: Mapping[Any, int], users: Any) -> Any:
    from .services.common import format_datetime

    related = getattr(field, "related_model", None)
    if related is Party:
        party = getattr(obj, field.name)
        return party.organisation.name if party is not None else None
    if related is get_user_model():
        return users.ref(getattr(obj, field.name))
    if related is not None:
        target = getattr(obj, field.attname)
        return refs.get((related, target)) if target is not None else None
    value = getattr(obj, field.attname)
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def numbers(collaboration: Any) -> dict[tuple[str, int], int]:
    """Each item's ref in the file, by (kind, database id): its number within its kind,
    in the order of the registers' lists."""
    found: dict[tuple[str, int], int] = {}
    for kind in kinds():
        ids = (
            kind.model._default_manager.filter(collaboration=collaboration)
            .order_by("position", "pk")
            .values_list("pk", flat=True)
        )
        found.update({(kind.key, pk): number for number, pk in enumerate(ids, start=1)})
    return found


def export(collaboration: Any, users: Any) -> dict[str, Any]:
    """The collaboration's workspace as file data (``users`` collects the people)."""
    from .services.common import format_datetime

    numbered = numbers(collaboration)
    refs: dict[tuple[Any, int], int] = {}
    items: dict[str, list[dict[str, Any]]] = {}
    for kind in kinds():
        query = kind.model._default_manager.filter(collaboration=collaboration).order_by(
            "position", "pk"
        )
        related = [f.name for f in _item_fields(kind.model) if f.is_relation]
        rows = []
        for item in query.select_related(*related):
            number = refs[(kind.model, item.pk)] = numbered[(kind.key, item.pk)]
            row: dict[str, Any] = {
                "ref": number,
                "position": item.position,
                "created_by": users.ref(item.created_by),
                "updated_by": users.ref(item.updated_by),
                "created_at": format_datetime(item.created_at),
                "updated_at": format_datetime(item.updated_at),
            }
            if "link_key" in kind.fields:
                row["link_key"] = item.link_key
            for field in _item_fields(kind.model):
                row[field.name] = _value(field, item, refs, users)
            if kind.consent:
                row["acceptances"] = [
                    {
                        "party": acceptance.party.organisation.name,
                        "accepted_by": users.ref(acceptance.accepted_by),
                        "accepted_at": format_datetime(acceptance.accepted_at),
                    }
                    for acceptance in Acceptance.objects.filter(agreement_id=item.pk)
                    .select_related("party__organisation", "accepted_by")
                    .order_by("party_id")
                ]
            rows.append(row)
        items[kind.key] = rows
    sheet_rows: dict[str, list[dict[str, Any]]] = {}
    for key, model in sheets():
        found = model._default_manager.filter(party__collaboration=collaboration).order_by(
            "party_id"
        )
        sheet_rows[key] = [
            {
                "party": sheet.party.organisation.name,  # type: ignore[attr-defined]
                **{f.name: _value(f, sheet, refs, users) for f in _sheet_fields(model)},
            }
            for sheet in found.select_related("party__organisation")
        ]
    return {"items": items, "sheets": sheet_rows}


def export_outcomes(round_: Any, users: Any) -> list[dict[str, Any]]:
    from ritsen.workspace.actions import AgendaOutcome

    from .services.common import format_datetime

    return [
        {
            "link_key": outcome.link_key,
            "note": outcome.note,
            "created_by": users.ref(outcome.created_by),
            "updated_by": users.ref(outcome.updated_by),
            "created_at": format_datetime(outcome.created_at),
            "updated_at": format_datetime(outcome.updated_at),
        }
        for outcome in AgendaOutcome.objects.filter(round=round_)
        .select_related("created_by", "updated_by")
        .order_by("link_key")
    ]


# --- reading --------------------------------------------------------------------------


class Refusal(Exception):
    """A problem at ``path`` (below ``collaboration.workspace``)."""

    def __init__(self, path: tuple[Any, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def check(
    data: Mapping[str, Any],
    *,
    party: Callable[[str | None, tuple[Any, ...]], None],
    user: Callable[[str | None, tuple[Any, ...]], None],
    link_keys: set[str],
    validate: Callable[[type[Entry], Any, tuple[Any, ...]], Entry],
) -> dict[str, Any]:
    """Check the workspace part of a file; the checked entries per kind and register.
    ``party`` and ``user`` check a reference; ``validate`` runs a generated schema."""
    known = {kind.key: kind for kind in kinds()}
    items: dict[str, list[Entry]] = {}
    for key in data.get("items", {}):
        if key not in known:
            raise Refusal(("items", key), _("this is not a kind of item of the workspace"))
    refs: dict[Any, set[int]] = {}
    for kind in kinds():
        entries = []
        seen: set[int] = set()
        unique: set[tuple[Any, ...]] = set()
        for index, raw in enumerate(data.get("items", {}).get(kind.key, [])):
            path = ("items", kind.key, index)
            entry = validate(item_schema(kind), raw, path)
            if entry.ref in seen:  # type: ignore[attr-defined]
                raise Refusal((*path, "ref"), _("this ref occurs twice"))
            seen.add(entry.ref)  # type: ignore[attr-defined]
            _references(kind.model, entry, path, party, user, refs)
            link = getattr(entry, "link_key", None)
            if link is not None and link not in link_keys:
                raise Refusal((*path, "link_key"), _("this is not a link of the framework"))
            _model_rules(kind.model, entry, path, unique)
            for number, acceptance in enumerate(getattr(entry, "acceptances", [])):
                party(acceptance.party, (*path, "acceptances", number, "party"))
                user(acceptance.accepted_by, (*path, "acceptances", number, "accepted_by"))
            entries.append(entry)
        refs[kind.model] = seen
        items[kind.key] = entries
    known_sheets = dict(sheets())
    checked_sheets: dict[str, list[Entry]] = {}
    for key, rows in data.get("sheets", {}).items():
        if key not in known_sheets:
            raise Refusal(("sheets", key), _("this register has no party sheets"))
        entries = []
        owners: set[str] = set()
        for index, raw in enumerate(rows):
            path = ("sheets", key, index)
            entry = validate(sheet_schema(known_sheets[key]), raw, path)
            party(entry.party, (*path, "party"))  # type: ignore[attr-defined]
            if entry.party in owners:  # type: ignore[attr-defined]
                raise Refusal((*path, "party"), _("this party has a second sheet"))
            owners.add(entry.party)  # type: ignore[attr-defined]
            _references(known_sheets[key], entry, path, party, user, refs)
            entries.append(entry)
        checked_sheets[key] = entries
    return {"items": items, "sheets": checked_sheets}


def _model_rules(
    model: type[models.Model], entry: Entry, path: tuple[Any, ...], unique: set[tuple[Any, ...]]
) -> None:
    """The model's own rules, as the pages and the API apply them: its ``clean()`` (on an
    unsaved item whose references are the file's refs: equal refs are equal items) and
    its unique constraints within the file."""
    values: dict[str, Any] = {}
    for field in _item_fields(model):
        related = getattr(field, "related_model", None)
        if related is None:
            values[field.attname] = getattr(entry, field.name)
        elif related is not Party and related is not get_user_model():
            values[field.attname] = getattr(entry, field.name)  # the ref
    try:
        model(**values).clean()
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()), ("", error.messages))
        where = (*path, name) if name and name != NON_FIELD_ERRORS else path
        raise Refusal(where, messages[0].rstrip(".")) from None
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            key = (constraint.name, *(getattr(entry, name) for name in constraint.fields))
            if key in unique:
                fields = ", ".join(
                    str(getattr(model._meta.get_field(name), "verbose_name", name))
                    for name in constraint.fields
                )
                raise Refusal(
                    path,
                    _("an item like this occurs twice (the same %(fields)s)") % {"fields": fields},
                )
            unique.add(key)


def _references(
    model: type[models.Model],
    entry: Entry,
    path: tuple[Any, ...],
    party: Callable[[str | None, tuple[Any, ...]], None],
    user: Callable[[str | None, tuple[Any, ...]], None],
    refs: Mapping[Any, set[int]],
) -> None:
    for name in ("created_by", "updated_by"):
        if hasattr(entry, name):
            user(getattr(entry, name), (*path, name))
    for field in [*_item_fields(model), *_sheet_fields(model)]:
        value = getattr(entry, field.name, None)
        related = getattr(field, "related_model", None)
        if value is None or related is None:
            continue
        if related is Party:
            party(value, (*path, field.name))
        elif related is get_user_model():
            user(value, (*path, field.name))
        elif value not in refs.get(related, set()):
            raise Refusal(
                (*path, field.name),
                _("refers to item %(ref)s, which is not in the file") % {"ref": value},
            )


# --- import ---------------------------------------------------------------------------


def write(
    collaboration: Any,
    checked: Mapping[str, Any],
    *,
    party: Callable[[str | None], Party | None],
    user: Callable[[str | None], Any],
) -> dict[tuple[str, int], int]:
    """Create the checked workspace in ``collaboration``; the new items' database ids by
    (kind, ref in the file)."""
    objects: dict[tuple[Any, int], Any] = {}
    made_ids: dict[tuple[str, int], int] = {}
    for kind in kinds():
        entries: Sequence[Any] = checked["items"].get(kind.key, [])
        made = []
        for entry in entries:
            item: RegisterItem = kind.model(
                collaboration=collaboration,
                link_key=getattr(entry, "link_key", None) or _register_link(kind),
                position=entry.position,
                created_by=user(entry.created_by),
                updated_by=user(entry.updated_by),
            )
            _assign(kind.model, item, entry, objects, party, user)
            made.append(item)
        bulk_create_with_history(made, kind.model, default_change_reason="import")
        for item, entry in zip(made, entries, strict=True):
            objects[(kind.model, entry.ref)] = item
            made_ids[(kind.key, entry.ref)] = item.pk
            item.created_at, item.updated_at = entry.created_at, entry.updated_at
        if made:
            kind.model._default_manager.bulk_update(made, list(STAMPS))
        if kind.consent:
            accepted: list[tuple[Acceptance, Any]] = [
                (
                    Acceptance(
                        agreement_id=item.pk, party=party(a.party), accepted_by=user(a.accepted_by)
                    ),
                    a,
                )
                for item, entry in zip(made, entries, strict=True)
                for a in entry.acceptances
            ]
            bulk_create_with_history(
                [acceptance for acceptance, _a in accepted], Acceptance,
                default_change_reason="import",
            )  # fmt: skip
            for acceptance, a in accepted:
                acceptance.accepted_at = a.accepted_at
            if accepted:
                Acceptance.objects.bulk_update(
                    [acceptance for acceptance, _a in accepted], ["accepted_at"]
                )
    known_sheets = dict(sheets())
    for key, entries in checked["sheets"].items():
        model = known_sheets[key]
        made_sheets = []
        for entry in entries:
            sheet = model(party=party(entry.party))
            _assign(model, sheet, entry, objects, party, user, sheet=True)
            made_sheets.append(sheet)
        bulk_create_with_history(made_sheets, model, default_change_reason="import")
        stamped = [f.name for f in _sheet_fields(model) if getattr(f, "auto_now", False)]
        if stamped and made_sheets:
            for sheet, entry in zip(made_sheets, entries, strict=True):
                for name in stamped:
                    setattr(sheet, name, getattr(entry, name))
            model._default_manager.bulk_update(made_sheets, stamped)
    return made_ids


def _register_link(kind: ItemKind) -> str:
    entry = registry.kind(kind.key)[1]
    return entry.link_key if entry is not None else ""


def _assign(
    model: type[models.Model],
    obj: models.Model,
    entry: Entry,
    objects: Mapping[tuple[Any, int], Any],
    party: Callable[[str | None], Party | None],
    user: Callable[[str | None], Any],
    *,
    sheet: bool = False,
) -> None:
    for field in _sheet_fields(model) if sheet else _item_fields(model):
        value = getattr(entry, field.name)
        related = getattr(field, "related_model", None)
        if related is Party:
            value = party(value)
        elif related is get_user_model():
            value = user(value)
        elif related is not None:
            value = objects[(related, value)] if value is not None else None
        setattr(obj, field.name, value)
