"""The culture register's own pages: a party's culture profile (private to the party
until every party has shared), sharing it, and the kite chart side by side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django_scopes import scope

from ritsen.collaborations import sharing
from ritsen.collaborations.access import Access, CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.numbers import whole_number

from .registers.culture import (
    ASPECTS,
    BRIDGE_THRESHOLD,
    MOMENTS,
    POINTS,
    TYPE_KEYS,
    TYPES,
    CultureProfile,
    differences,
    kite,
    large_differences,
    score_problems,
)
from .sheet_views import sheet_of


def _sheet(party: Party) -> CultureProfile:
    """The party's culture profile (unsaved and empty if nobody wrote one yet)."""
    return sheet_of(CultureProfile, party, scores={})


def context(access: Access) -> dict[str, Any]:
    """For the register page: who shared (never what), one's own party's profile, and
    once every party shared, the kite chart and the differences per type."""
    parties = access.parties()
    shared = sharing.shared_parties(CultureProfile, parties)
    own = access.party if access.party and access.can(Perm.SEE_PARTY_DATA, access.party) else None
    own_sheet = None
    if own is not None:
        with scope(party=[own.pk]):
            own_sheet = _sheet(own)
    together = sharing.side_by_side(CultureProfile, parties)
    extra: dict[str, Any] = {
        "status": [(party, party.pk in shared) for party in parties],
        "own": own,
        "own_sheet": own_sheet,
        "own_ready": own_sheet is not None and not score_problems(own_sheet.scores),
        "may_edit_own": own is not None and access.can(Perm.EDIT_PARTY_WORKSPACE, own),
        "may_share_own": own is not None and access.can(Perm.EDIT_PROFILE, own),
        "together": None,
        "threshold": BRIDGE_THRESHOLD,
    }
    if together is not None:
        complete = [(sheet.party.name, sheet.scores) for sheet in together if sheet.filled]
        gaps = differences([scores for _name, scores in complete]) if len(complete) > 1 else {}
        large = set(large_differences([scores for _name, scores in complete]))
        extra["together"] = {
            "kite_now": kite(complete, "now"),
            "kite_preferred": kite(complete, "preferred"),
            "rows": [
                {"label": label, "gap": round(float(gaps.get(key, 0)), 1), "large": key in large}
                for key, label, _help in TYPES
            ],
        }
    return extra


def _form_rows(scores: dict, problems: dict) -> list[dict]:
    rows = []
    for aspect, label in ASPECTS:
        for moment, moment_label in MOMENTS:
            values = (scores.get(moment) or {}).get(aspect) or {}
            rows.append(
                {
                    "aspect": aspect,
                    "label": label,
                    "moment": moment,
                    "moment_label": moment_label,
                    "cells": [(key, values.get(key, "")) for key in TYPE_KEYS],
                    "problem": problems.get((moment, aspect)),
                }
            )
    return rows


def _parse(post: Any) -> tuple[dict, dict]:
    """The posted points (as entered, for the form again) and each row's problem."""
    scores: dict[str, dict[str, dict[str, Any]]] = {}
    for moment, _m in MOMENTS:
        for aspect, _a in ASPECTS:
            row = scores.setdefault(moment, {}).setdefault(aspect, {})
            for key in TYPE_KEYS:
                raw = post.get(f"{moment}-{aspect}-{key}", "").strip()
                number = whole_number(raw, digits=3)
                row[key] = raw if number is None else number
    problems = {}
    for moment, aspect, what in score_problems(scores):
        problems[(moment, aspect)] = (
            _("Give each type a whole number from 0 to 100.")
            if what == "missing"
            else _("These add up to %(sum)s, not %(points)s.") % {"sum": what, "points": POINTS}
        )
    return scores, problems


@collaboration_view(Perm.EDIT_PARTY_WORKSPACE, party="party_id", methods=["GET", "POST"])
def edit(request: CollaborationRequest, party: Party) -> HttpResponse:
    access = request.access
    sheet = _sheet(party)
    scores: dict = sheet.scores or {}
    problems: dict = {}
    if sheet.is_shared:
        # Shared is final until withdrawn: nobody reshapes theirs after seeing the others.
        messages.warning(request, _("The profile is shared: withdraw sharing first to change it."))
        return redirect("workspace:culture", access.collaboration.pk)
    if request.method == "POST":
        scores, problems = _parse(request.POST)
        if not problems:
            with transaction.atomic():
                sheet.scores = scores
                sheet.updated_by = access.user
                sheet._history_user = access.user  # type: ignore[attr-defined]
                sheet.save()
            messages.success(request, _("Your party's culture profile has been saved."))
            return redirect("workspace:culture", access.collaboration.pk)
        messages.error(request, _("Some rows do not add up to 100; nothing was saved yet."))
    return render(
        request,
        "workspace/culture_form.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "party": party,
            "sheet": sheet,
            "types": TYPES,
            "rows": _form_rows(scores, problems),
            "points": POINTS,
        },
        status=200,
    )


def urlpatterns() -> list:
    return [path("culture/profile/<int:party_id>/", edit, name="culture_profile")]


def profile_url(access: Access, party: Party) -> str:
    return reverse("workspace:culture_profile", args=[access.collaboration.pk, party.pk])
