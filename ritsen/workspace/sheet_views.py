"""Sharing a party's sheet of a register (its culture profile, its strategy), and
withdrawing that until every party has shared: generated for every register with a
sheet; the rule itself is ``collaborations.sharing``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django_scopes import scope

from ritsen.collaborations import sharing
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.errors import ServiceError

from .registers import registry


def sheet_of(model: type[models.Model], party: Party, **empty: Any) -> Any:
    """The party's sheet (unsaved and empty if nobody wrote one yet); read in the
    party's scope — the views declared the party's permission."""
    with scope(party=[party.pk]):
        found = model._default_manager.filter(party=party).first()
    return found or model(party=party, **empty)


@collaboration_view(Perm.EDIT_PROFILE, party="party_id", methods=["POST"])
def share(request: CollaborationRequest, party: Party, register_key: str) -> HttpResponse:
    access = request.access
    register = registry.get(register_key)
    assert register.sheet is not None and register.sheet_ready is not None
    sheet = sheet_of(register.sheet, party)
    try:
        sharing.share(
            sheet,
            access=access,
            ready=register.sheet_ready(sheet),
            not_ready=str(register.sheet_not_ready),
        )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Shared. The other parties see it as soon as every party has shared theirs."),
        )
    return redirect(f"workspace:{register.key}", access.collaboration.pk)


@collaboration_view(Perm.EDIT_PROFILE, party="party_id", methods=["POST"])
def withdraw(request: CollaborationRequest, party: Party, register_key: str) -> HttpResponse:
    access = request.access
    register = registry.get(register_key)
    assert register.sheet is not None
    try:
        sharing.withdraw(sheet_of(register.sheet, party), parties=access.parties())
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sharing has been withdrawn; it is private again."))
    return redirect(f"workspace:{register.key}", access.collaboration.pk)


def urlpatterns() -> list[URLPattern]:
    patterns = []
    for entry in registry.registers():
        if entry.sheet is None:
            continue
        prefix = entry.key.replace("_", "-")
        extra = {"register_key": entry.key}
        patterns += [
            path(f"{prefix}/share/<int:party_id>/", share, extra, name=f"{entry.key}_share"),
            path(
                f"{prefix}/withdraw/<int:party_id>/", withdraw, extra, name=f"{entry.key}_withdraw"
            ),
        ]
    return patterns
