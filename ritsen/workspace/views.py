"""The workspace's pages, generated for every kind of item in the registry: a
register's page (all its kinds, each with what is missing), and per item add, edit,
remove and history. Actions have their own list, with filters."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, CollaborationRequest, Perm, collaboration_view
from ritsen.core.errors import ServiceError
from ritsen.results.selectors import shared_results

from . import consent, selectors, services
from .actions import ACTIONS, ActionStatus, AgendaOutcome
from .display import cell
from .forms import form_for
from .registers import registry
from .registers.base import ItemKind, Register, RegisterItem


def link_names(access: Access) -> dict[str, str]:
    return {link.key: str(link.name) for link in access.collaboration.framework.spec.links}


def _rows(access: Access, kind: ItemKind, query: Any) -> list[dict]:
    names = link_names(access)
    rows = [
        {
            "item": item,
            "cells": [cell(item, name, names) for name in kind.columns],
            "editable": services.may_edit(access, kind, kind.party_of(item)),
            "removable": services.may_delete(access, kind, item),
            "flags": kind.flags(item) if kind.flags else [],
        }
        for item in query
    ]
    if kind.consent:
        today = timezone.localdate()
        for row in rows:
            row["consent"] = consent.standing(row["item"], access, today)
    return rows


def _headers(kind: ItemKind) -> list[str]:
    return [_label(kind, name) for name in kind.columns]


def kind_url(kind: ItemKind, view: str, access: Access, *args: object) -> str:
    return reverse(f"workspace:{kind.key}_{view}", args=[access.collaboration.pk, *args])


def _back(access: Access, kind: ItemKind, register: Register | None) -> str:
    if register is None:
        return reverse("workspace:actions", args=[access.collaboration.pk])
    return reverse(f"workspace:{register.key}", args=[access.collaboration.pk])


@collaboration_view(Perm.VIEW)
def index(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    return render(
        request,
        "workspace/index.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "standings": selectors.workspace_overview(access),
            "inconsistencies": selectors.inconsistencies(access),
        },
    )


@collaboration_view(Perm.VIEW)
def exit_readiness(request: CollaborationRequest) -> HttpResponse:
    """What happens to the workspace if a party leaves, register by register."""
    access = request.access
    parties = list(access.parties())
    chosen = next((p for p in parties if str(p.pk) == request.GET.get("party")), None)
    if chosen is None and parties:
        chosen = parties[0]
    plan = [
        {
            "part": entry,
            "tasks": [
                (task, selectors.edit_url(access, task.kind, task.item))
                if task.item is not None
                else (task, None)
                for task in entry.tasks
            ],
        }
        for entry in (selectors.exit_plan(access, chosen) if chosen is not None else [])
    ]
    return render(
        request,
        "workspace/exit.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "parties": parties,
            "chosen": chosen,
            "plan": plan,
        },
    )


@collaboration_view(Perm.VIEW)
def register_page(request: CollaborationRequest, register_key: str) -> HttpResponse:
    return render_register(request, registry.get(register_key))


def render_register(
    request: CollaborationRequest,
    register: Register,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """A register's page (``extra``: what its own view adds, as a form as typed)."""
    access = request.access
    sections = [
        {
            "kind": kind,
            "headers": _headers(kind),
            "rows": _rows(access, kind, selectors.items(access, kind)),
            "add_url": kind_url(kind, "create", access),
            "may_add": services.may_add(access, kind),
        }
        for kind in register.kinds
    ]
    return render(
        request,
        register.template,
        {
            "access": access,
            "collaboration": access.collaboration,
            "register": register,
            "sections": sections,
            "completeness": selectors.completeness_of(access, register),
            **(register.context(access) if register.context else {}),
            **(extra or {}),
        },
        status=status,
    )


def _form_page(
    request: CollaborationRequest, kind_key: str, item: RegisterItem | None
) -> HttpResponse:
    access = request.access
    kind, register = registry.kind(kind_key)
    initial = {}
    if item is None:  # prefilled from where one came (an agenda item, the strategy map)
        given = {"link_key": request.GET.get("link", ""), **request.GET.dict()}
        initial = {name: given[name][:200] for name in kind.fields if given.get(name)}
    form = form_for(kind)(
        request.POST or None, instance=item, access=access, initial=initial or None
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in kind.fields}
        if item is None:
            services.create_item(access=access, kind=kind, register=register, data=data)
            messages.success(request, _("The %(kind)s has been added.") % {"kind": kind.label})
        else:
            # The form already copied the values onto the item while validating.
            services.update_item(item, access=access, kind=kind, data=data)
            messages.success(request, _("The %(kind)s has been saved.") % {"kind": kind.label})
        return redirect(_back(access, kind, register))
    return render(
        request,
        "workspace/item_form.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "kind": kind,
            "register": register,
            "form": form,
            "item": item,
            "back": _back(access, kind, register),
        },
    )


@collaboration_view(Perm.EDIT_WORKSPACE, methods=["GET", "POST"])
def item_create(request: CollaborationRequest, kind_key: str) -> HttpResponse:
    kind, _register = registry.kind(kind_key)
    if not services.may_add(request.access, kind):
        raise PermissionDenied
    return _form_page(request, kind_key, None)


@collaboration_view(Perm.EDIT_WORKSPACE, methods=["GET", "POST"])
def item_edit(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    kind, _register = registry.kind(kind_key)
    item = services.item_of(request.access, kind, item_id)
    services.require_edit(request.access, kind, kind.party_of(item))
    return _form_page(request, kind_key, item)


@collaboration_view(Perm.EDIT_WORKSPACE, methods=["GET", "POST"])
def item_delete(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    access = request.access
    kind, register = registry.kind(kind_key)
    item = services.item_of(access, kind, item_id)
    services.require_delete(access, kind, item)
    if request.method == "POST":
        services.delete_item(item, access=access, kind=kind)
        messages.success(request, _("The %(kind)s has been removed.") % {"kind": kind.label})
        return redirect(_back(access, kind, register))
    return render(
        request,
        "workspace/item_delete.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "kind": kind,
            "item": item,
            "back": _back(access, kind, register),
        },
    )


@collaboration_view(Perm.VIEW)
def item_history(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    access = request.access
    kind, register = registry.kind(kind_key)
    item = services.item_of(access, kind, item_id)
    names = link_names(access)
    history = item.history
    records = list(history.select_related("history_user").order_by("-history_date"))
    entries = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        for name in [*kind.fields, *kind.history_fields]:
            new = cell(record, name, names)
            old = cell(older, name, names) if older is not None else ""
            if older is None or new != old:
                changes.append({"label": _label(kind, name), "old": old, "new": new})
        if changes or older is None:  # a save that changed nothing shown is left out
            entries.append({"record": record, "changes": changes, "first": older is None})
    return render(
        request,
        "workspace/item_history.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "kind": kind,
            "item": item,
            "entries": entries,
            "back": _back(access, kind, register),
        },
    )


def _label(kind: ItemKind, name: str) -> str:
    if name == "link_key":
        return _("Link")
    return str(getattr(kind.model._meta.get_field(name), "verbose_name", name))


@collaboration_view(Perm.VIEW)
def actions(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    query = selectors.actions(access)
    chosen = {
        "link": request.GET.get("link", ""),
        "party": request.GET.get("party", ""),
        "status": request.GET.get("status", ""),
    }
    names = link_names(access)
    if chosen["link"] in names:
        query = query.filter(link_key=chosen["link"])
    party_ids = {str(party.pk): party.pk for party in access.parties()}
    if chosen["party"] in party_ids:
        query = query.filter(owner_party_id=party_ids[chosen["party"]])
    if chosen["status"] in ActionStatus.values:
        query = query.filter(status=chosen["status"])
    elif chosen["status"] == "pending":
        query = query.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    page = Paginator(query, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = _rows(access, ACTIONS, page.object_list)
    for row in rows:
        row["overdue"] = row["item"].is_overdue(today)
    return render(
        request,
        "workspace/actions.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "kind": ACTIONS,
            "headers": _headers(ACTIONS),
            "rows": rows,
            "page": page,
            "chosen": chosen,
            "links": list(names.items()),
            "parties": access.parties(),
            "statuses": ActionStatus.choices,
            "filtered": any(chosen.values()),
        },
    )


def _agreement(request: CollaborationRequest, kind_key: str, item_id: int) -> Any:
    kind, _register = registry.kind(kind_key)
    if not kind.consent:
        raise Http404
    return kind, services.item_of(request.access, kind, item_id)


def _decided(
    request: CollaborationRequest, kind: ItemKind, step: Any, **extra: Any
) -> HttpResponse:
    access = request.access
    try:
        step(access=access, **extra)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your party's decision has been recorded."))
    register = registry.kind(kind.key)[1]
    return redirect(_back(access, kind, register))


@collaboration_view(Perm.VIEW, methods=["POST"])
def item_accept(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    """Accept on behalf of one's party (coordinators; ``consent`` decides)."""
    kind, agreement = _agreement(request, kind_key, item_id)
    seen = request.POST.get("seen") or None  # the version the coordinator read
    return _decided(request, kind, functools.partial(consent.accept, agreement), seen=seen)


@collaboration_view(Perm.VIEW, methods=["POST"])
def item_withdraw(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    kind, agreement = _agreement(request, kind_key, item_id)
    return _decided(request, kind, functools.partial(consent.withdraw, agreement))


@collaboration_view(Perm.VIEW, methods=["GET", "POST"])
def item_dispute(request: CollaborationRequest, kind_key: str, item_id: int) -> HttpResponse:
    """GET asks for the reason; POST disputes on behalf of one's party."""
    kind, agreement = _agreement(request, kind_key, item_id)
    access = request.access
    if consent.deciding_party(access) is None:
        raise PermissionDenied
    reason = request.POST.get("reason", "").replace("\x00", "").strip()
    if request.method == "POST" and reason:
        return _decided(request, kind, functools.partial(consent.dispute, agreement), reason=reason)
    return render(
        request,
        "workspace/item_dispute.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "kind": kind,
            "item": agreement,
            "reason": reason,
            "error": request.method == "POST",
            "back": _back(access, kind, registry.kind(kind.key)[1]),
        },
        status=200,
    )


@collaboration_view(Perm.EDIT_WORKSPACE, methods=["POST"])
def agenda_outcome(request: CollaborationRequest, round_id: int, link_key: str) -> HttpResponse:
    """Keep what the joint session concluded on an agenda item (a shared round's link)."""
    access = request.access
    round_ = access.round(round_id)
    if shared_results(round_) is None or link_key not in link_names(access):
        raise Http404
    note = request.POST.get("note", "").replace("\x00", "").strip()[:5000]
    with transaction.atomic():
        outcome = AgendaOutcome.objects.filter(round=round_, link_key=link_key).first()
        if outcome is None:
            outcome = AgendaOutcome(
                collaboration=access.collaboration, round=round_, link_key=link_key,
                created_by=access.user,
            )  # fmt: skip
        outcome.note = note
        outcome.updated_by = access.user
        outcome._history_user = access.user  # type: ignore[attr-defined]
        outcome.save()
    messages.success(request, _("The outcome has been saved."))
    return redirect(
        reverse("results:agenda", args=[access.collaboration.pk, round_.pk]) + f"#item-{link_key}"
    )
