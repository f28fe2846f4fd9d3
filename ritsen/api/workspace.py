"""The workspace's API routes, generated from the registry like its pages.

Per kind of item — ``/collaborations/{id}/workspace/{kind}/items`` for a register's
kinds (``goals``, ``values``, ``contributions``), ``/collaborations/{id}/actions`` for
actions — list, create, read, change (PATCH) and remove, with the same services, the
same rule of who may change what, and the pages' own forms as the validation (each
field's rule written once; messages in the caller's language, naming the field).
``GET /collaborations/{id}/workspace`` gives per link how complete its register is and
what is missing."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db import models
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BeforeValidator, StrictInt, create_model

from ritsen.collaborations.access import Access, Perm
from ritsen.workspace import consent, selectors, services
from ritsen.workspace.forms import form_for
from ritsen.workspace.registers import registry
from ritsen.workspace.registers.base import ItemKind, Register, RegisterItem

from .common import ERRORS, Id, Pages, access_to, check_form
from .schemas import Body, Text

router = Router(tags=["workspace"])


class LinkCompleteness(Schema):
    key: str
    name: str
    register_key: str | None  # None: this link's register comes later
    available: bool
    percent: int | None
    missing: list[str]


class WorkspaceOut(Schema):
    links: list[LinkCompleteness]


@router.get("/collaborations/{collaboration_id}/workspace", response={200: WorkspaceOut, **ERRORS})
def get_workspace(request: HttpRequest, collaboration_id: Id) -> dict:
    """Per link of the framework: how complete its register is (0–100) and what is
    missing, in sentences; ``available`` is false where the register comes later."""
    access = access_to(request, collaboration_id)
    return {
        "links": [
            {
                "key": standing.link.key,
                "name": str(standing.link.name),
                "register_key": standing.register.key if standing.register else None,
                "available": standing.completeness is not None,
                "percent": standing.completeness.percent if standing.completeness else None,
                "missing": list(standing.completeness.missing) if standing.completeness else [],
            }
            for standing in selectors.workspace_overview(access)
        ]
    }


# --- generated per kind of item -------------------------------------------------------


def _date_text(value: Any) -> Any:
    """JSON has no dates: only ISO text (a number is not a date)."""
    if value is None or isinstance(value, str):
        return value
    raise ValueError("must be a date such as 2025-03-01")


DateText = Annotated[datetime.date, BeforeValidator(_date_text)]


def _python_type(field: models.Field) -> Any:
    if field.is_relation or isinstance(field, models.IntegerField):
        return StrictInt | None
    if isinstance(field, models.DecimalField):
        return Decimal | None
    if isinstance(field, models.DateField):
        return DateText | None
    return Text


def _out_type(field: models.Field) -> Any:
    if field.is_relation or isinstance(field, models.IntegerField):
        return int | None
    if isinstance(field, models.DecimalField):
        return Decimal | None
    if isinstance(field, models.DateField):
        return datetime.date | None
    return str


def _field_info(field: models.Field, *, required: bool) -> Any:
    with translation.override("en"):
        extra: dict[str, Any] = {"description": str(field.help_text) or None}
    if isinstance(field, models.CharField | models.TextField) and field.max_length:
        extra["max_length"] = field.max_length
    if field.choices and not field.is_relation:
        extra["description"] = "One of: " + ", ".join(str(value) for value, _ in field.choices)
    if required:
        return Field(..., **extra)
    if field.has_default():
        return Field(field.get_default(), **extra)
    return Field(None if field.null or field.is_relation else "", **extra)


def _schemas(kind: ItemKind) -> tuple[type[Schema], type[Body], type[Body]]:
    """The item as returned, as created (required fields required) and as patched."""
    model_fields: dict[str, Any] = {name: kind.model._meta.get_field(name) for name in kind.fields}
    out: dict[str, Any] = {
        "id": (int, ...),
        "link_key": (str, ...),
        "created_at": (datetime.datetime, ...),
        "updated_at": (datetime.datetime, ...),
    }
    create: dict[str, Any] = {}
    patch: dict[str, Any] = {}
    for name, field in model_fields.items():
        if name == "link_key":
            out.pop("link_key")
            python: Any = Text
            required = True
        else:
            python = _python_type(field)
            required = not (field.blank or field.null or field.has_default())
        out[name] = (_out_type(field), ...)
        create[name] = (python, _field_info(field, required=required))
        patch[name] = (python | None, Field(None))
    for name in kind.history_fields:  # set by the services: read-only here
        out[name] = (str, ...)
    if kind.consent:
        out["accepted_by"] = (list[int], ...)  # the parties that accepted it as it stands
    title = kind.key.title().replace("_", "")
    return (
        create_model(f"{title}Out", __base__=Schema, **out),
        create_model(f"{title}In", __base__=Body, **create),
        create_model(f"{title}Patch", __base__=Body, **patch),
    )


def _out(item: RegisterItem, kind: ItemKind) -> dict:
    data: dict[str, Any] = {
        "id": item.pk,
        "link_key": item.link_key,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }
    for name in kind.fields:
        field = kind.model._meta.get_field(name)
        data[name] = getattr(item, f"{name}_id") if field.is_relation else getattr(item, name)
    for name in kind.history_fields:
        data[name] = getattr(item, name)
    if kind.consent:
        data["accepted_by"] = sorted(consent.accepted_by(item))  # type: ignore[arg-type]
    return data


def _validated(
    access: Access, kind: ItemKind, values: dict[str, Any], item: RegisterItem | None
) -> dict:
    """The body, cleaned by the page's form (422 naming each field)."""
    data = {key: ("" if value is None else value) for key, value in values.items()}
    form = form_for(kind)(data, instance=item, access=access)
    cleaned = check_form(form)
    return {name: cleaned[name] for name in kind.fields}


def _routes(kind: ItemKind, register: Register | None) -> None:
    base = (
        "/collaborations/{collaboration_id}/actions"
        if register is None
        else f"/collaborations/{{collaboration_id}}/workspace/{kind.key}/items"
    )
    singular = kind.key[:-1] if kind.key.endswith("s") else kind.key
    out_schema, in_schema, patch_schema = _schemas(kind)
    tags = ["actions"] if register is None else ["workspace"]

    def list_items(request: HttpRequest, collaboration_id: Id) -> list[dict]:
        access = access_to(request, collaboration_id)
        return [_out(item, kind) for item in selectors.items(access, kind)]

    def create_item(request: HttpRequest, collaboration_id: Id, payload: in_schema) -> Status:  # type: ignore[valid-type]
        access = access_to(request, collaboration_id, Perm.EDIT_WORKSPACE)
        data = _validated(access, kind, payload.model_dump(), None)  # type: ignore[attr-defined]
        item = services.create_item(access=access, kind=kind, register=register, data=data)
        item.refresh_from_db()  # as stored (a number as its column keeps it)
        return Status(201, _out(item, kind))

    def get_item(request: HttpRequest, collaboration_id: Id, item_id: Id) -> dict:
        access = access_to(request, collaboration_id)
        return _out(services.item_of(access, kind, item_id), kind)

    def edit_item(
        request: HttpRequest,
        collaboration_id: Id,
        item_id: Id,
        payload: patch_schema,  # type: ignore[valid-type]
    ) -> dict:
        access = access_to(request, collaboration_id, Perm.EDIT_WORKSPACE)
        item = services.item_of(access, kind, item_id)
        services.require_edit(access, kind, kind.party_of(item))
        current = model_to_dict(item, fields=kind.fields)
        given = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        data = _validated(access, kind, {**current, **given}, item)
        services.update_item(item, access=access, kind=kind, data=data)
        item.refresh_from_db()
        return _out(item, kind)

    def delete_item(request: HttpRequest, collaboration_id: Id, item_id: Id) -> Status:
        access = access_to(request, collaboration_id, Perm.EDIT_WORKSPACE)
        services.delete_item(services.item_of(access, kind, item_id), access=access, kind=kind)
        return Status(204, None)

    names = {
        list_items: f"list_{kind.key}",
        create_item: f"create_{singular}",
        get_item: f"get_{singular}",
        edit_item: f"edit_{singular}",
        delete_item: f"delete_{singular}",
    }
    with translation.override("en"):  # the API's documentation is in English
        label = str(kind.label_plural)
    for function, name in names.items():
        function.__name__ = name
        function.__doc__ = f"{label}: {name.split('_')[0]}."
    router.get(base, response={200: list[out_schema], **ERRORS}, tags=tags)(  # type: ignore[valid-type]
        paginate(Pages)(list_items)
    )
    router.post(base, response={201: out_schema, **ERRORS}, tags=tags)(create_item)
    item_path = base + "/{item_id}"
    router.get(item_path, response={200: out_schema, **ERRORS}, tags=tags)(get_item)
    router.patch(item_path, response={200: out_schema, **ERRORS}, tags=tags)(edit_item)
    router.delete(item_path, response={204: None, **ERRORS}, tags=tags)(delete_item)
    if kind.consent:
        _consent_routes(kind, item_path, out_schema, singular, tags)


class DisputeIn(Body):
    reason: Text = Field(min_length=1, max_length=2000)


def _consent_routes(
    kind: ItemKind, item_path: str, out_schema: Any, singular: str, tags: list[str]
) -> None:
    def accept(request: HttpRequest, collaboration_id: Id, item_id: Id) -> dict:
        access = access_to(request, collaboration_id)
        item = services.item_of(access, kind, item_id)
        return _out(consent.accept(item, access=access), kind)  # type: ignore[arg-type]

    def dispute(
        request: HttpRequest, collaboration_id: Id, item_id: Id, payload: DisputeIn
    ) -> dict:
        access = access_to(request, collaboration_id)
        item = services.item_of(access, kind, item_id)
        return _out(consent.dispute(item, access=access, reason=payload.reason), kind)  # type: ignore[arg-type]

    def withdraw(request: HttpRequest, collaboration_id: Id, item_id: Id) -> dict:
        access = access_to(request, collaboration_id)
        item = services.item_of(access, kind, item_id)
        return _out(consent.withdraw(item, access=access), kind)  # type: ignore[arg-type]

    docs: dict[Any, str] = {
        accept: "Accept it on behalf of your party (coordinators of a party concerned); "
        "agreed once every party concerned has accepted it as it stands.",
        dispute: "Dispute it on behalf of your party, with a reason (coordinators).",
        withdraw: "Withdraw your party's proposal (coordinators of the proposing party).",
    }
    for function, doc in docs.items():
        function.__name__ = f"{function.__name__}_{singular}"
        function.__doc__ = doc
        router.post(
            f"{item_path}/{function.__name__.split('_')[0]}",
            response={200: out_schema, **ERRORS},
            tags=tags,
        )(function)


for _kind, _register in registry.kinds():
    _routes(_kind, _register)
