"""The lifecycle's pages: where the collaboration stands and what its next stage still
needs (approve, move on, record a scale event), its timeline, and the exit checklist."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Party
from ritsen.core.downloads import attachment, stem
from ritsen.core.errors import ServiceError
from ritsen.core.numbers import whole_number

from . import checklist, departure, selectors, services
from .forms import ScaleEventForm
from .models import ScaleEvent


def _back(request: CollaborationRequest) -> HttpResponse:
    return redirect(reverse("lifecycle:index", args=[request.access.collaboration.pk]))


@collaboration_view(Perm.VIEW, methods=["GET", "POST"])
def index(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    form = None
    if services.may_record_scale_event(access):
        form = ScaleEventForm(request.POST or None, access=access)
        if request.method == "POST" and form.is_valid():
            try:
                services.record_scale_event(access, form.cleaned_data)
            except ServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The scale event has been recorded."))
                return _back(request)
    elif request.method == "POST":
        return _back(request)
    return render(
        request,
        "lifecycle/index.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "stages": [(stage, stage == access.collaboration.stage) for stage in Stage],
            "steps": selectors.next_steps(access),
            "approving_party": access.party if access.can(Perm.APPROVE_LIFECYCLE) else None,
            "may_manage": access.can(Perm.MANAGE_LIFECYCLE),
            "scale_form": form,
            "joining": selectors.joining(access),
            "scale_events": ScaleEvent.objects.filter(
                collaboration=access.collaboration
            ).select_related("party__organisation"),
        },
    )


@collaboration_view(Perm.MANAGE_LIFECYCLE, methods=["POST"])
def move(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    reason = request.POST.get("reason", "").replace("\x00", "")
    override = request.POST.get("override", "").replace("\x00", "")
    try:
        services.transition(access, request.POST.get("to", ""), reason=reason, override=override)
    except services.GuardRefused as refused:
        for text in refused.missing:
            messages.error(request, text)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The collaboration is now “%(stage)s”.")
            % {"stage": Stage(access.collaboration.stage).label},
        )
    return _back(request)


@collaboration_view(Perm.APPROVE_LIFECYCLE, methods=["POST"])
def approve(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    try:
        services.approve(access, request.POST.get("to", ""))
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your party's approval has been recorded."))
    return _back(request)


@collaboration_view(Perm.APPROVE_LIFECYCLE, methods=["POST"])
def withdraw_approval(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    try:
        withdrawn = services.withdraw_approval(access, request.POST.get("to", ""))
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        if withdrawn:
            messages.success(request, _("Your party's approval has been withdrawn."))
        else:
            messages.info(request, _("Your party had not approved this; nothing changed."))
    return _back(request)


@collaboration_view(Perm.VIEW)
def timeline(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    return render(
        request,
        "lifecycle/timeline.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "entries": selectors.timeline(access),
        },
    )


@collaboration_view(Perm.VIEW, methods=["GET", "POST"])
def exit_checklist(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    parties = access.parties()
    given = request.GET.get("party")
    chosen = access.get_party(given) if given else (parties[0] if parties else None)
    if request.method == "POST" and chosen is not None:
        try:
            services.tick(
                access, chosen, request.POST.get("task", ""), done=request.POST.get("done") == "1"
            )
        except ServiceError as error:
            messages.error(request, str(error))
        url = reverse("lifecycle:exit", args=[access.collaboration.pk])
        return redirect(f"{url}?party={chosen.pk}")
    tasks = checklist.tasks(access, chosen) if chosen is not None else []
    return render(
        request,
        "lifecycle/exit.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "parties": parties,
            "chosen": chosen,
            "tasks": tasks,
            "open": sum(1 for task in tasks if not task.done),
            "may_leave": chosen is not None and departure.may_leave(access, chosen),
            "leaving": chosen is not None and departure.leaving(chosen),
            "departure": getattr(chosen, "departure", None) if chosen is not None else None,
            "retention_days": departure.DEFAULT_DAYS,
            "may_tick": chosen is not None and services.may_tick_now(access, chosen),
        },
    )


@collaboration_view(Perm.APPROVE_LIFECYCLE, party="party_id")
def own_file(request: CollaborationRequest, party: Party) -> HttpResponse:
    """The leaving party's own data as a file, for its coordinators."""
    content = json.dumps(departure.own_file(request.access, party), ensure_ascii=False, indent=2)
    name = stem(party.name, "partij")
    return attachment(content.encode("utf-8"), "application/json", f"{name}-eigen-gegevens.json")


@collaboration_view(Perm.APPROVE_LIFECYCLE, party="party_id", methods=["POST"])
def depart(request: CollaborationRequest, party: Party) -> HttpResponse:
    """The party's coordinator confirms: erase our own data after N days."""
    # Not a number of days: 0, which the service refuses with why.
    retention = whole_number(request.POST.get("retention_days", ""), digits=4) or 0
    try:
        found = departure.confirm(request.access, party, retention)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Confirmed: Ritsen erases your party's own data on %(date)s.")
            % {"date": date_format(found.erase_on)},
        )
    url = reverse("lifecycle:exit", args=[request.access.collaboration.pk])
    return redirect(f"{url}?party={party.pk}")
