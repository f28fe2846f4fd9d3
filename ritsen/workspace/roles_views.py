"""The roles register's page: the RACI matrix as a grid of activities × parties, filled
in by keyboard (type the letters in a cell, Tab to the next, Enter saves), with each
broken rule next to its activity or party. Saving writes each changed cell through
the workspace services, as the item pages and the API do."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, CollaborationRequest, Perm, collaboration_view

from . import selectors, services
from .registers import registry
from .registers.roles import ACTIVITIES, RACI, breaches, normalise


def _grid(access: Access, posted: dict[str, str] | None = None) -> dict[str, Any]:
    parties = list(access.parties())
    activities = list(selectors.items(access, ACTIVITIES))
    cells = {(c.activity_id, c.party_id): c for c in selectors.items(access, RACI)}  # type: ignore[attr-defined]
    found = breaches(selectors.register_data(access, registry.get("roles")))
    errors: dict[str, str] = {}
    rows = []
    for activity in activities:
        row_cells = []
        for party in parties:
            name = f"cell-{activity.pk}-{party.pk}"
            stored = cells.get((activity.pk, party.pk))
            value = stored.letters if stored is not None else ""  # type: ignore[attr-defined]
            if posted is not None and name in posted:
                value = posted[name]
                try:
                    normalise(value)
                except ValidationError as error:
                    errors[name] = error.messages[0]
            row_cells.append(
                {"name": name, "party": party, "value": value, "error": errors.get(name)}
            )
        rows.append(
            {
                "activity": activity,
                "cells": row_cells,
                "breaches": [b.text for b in found if b.activity == activity.pk],
            }
        )
    return {
        "raci_parties": parties,
        "raci_rows": rows,
        "party_breaches": [b.text for b in found if b.activity is None],
        "raci_errors": errors,
        "raci_editable": services.may_edit(access, RACI, None),
        "raci_url": reverse("workspace:raci_grid", args=[access.collaboration.pk]),
    }


def context(access: Access) -> dict[str, Any]:
    return _grid(access)


@collaboration_view(Perm.EDIT_WORKSPACE, methods=["POST"])
def save_grid(request: CollaborationRequest) -> HttpResponse:
    """Save the RACI grid: a cell that changed is added, changed or (emptied) removed.
    A cell with other letters than R, A, C and I is refused with the grid as typed."""
    access = request.access
    if not services.may_edit(access, RACI, None):
        raise PermissionDenied
    posted = {
        key: str(request.POST.get(key, "")).replace("\x00", "")[:20]
        for key in request.POST
        if key.startswith("cell-")
    }
    grid = _grid(access, posted)
    if grid["raci_errors"]:
        from .views import render_register

        messages.error(
            request, _("Nothing was saved: some cells hold other letters than R, A, C and I.")
        )
        return render_register(request, registry.get("roles"), extra=grid, status=400)
    stored = {(c.activity_id, c.party_id): c for c in selectors.items(access, RACI)}  # type: ignore[attr-defined]
    changed = 0
    with transaction.atomic():
        # Only the grid's own cells, each once: a name the grid did not make is ignored.
        for row in grid["raci_rows"]:
            for cell_ in row["cells"]:
                if cell_["name"] not in posted:
                    continue
                letters = normalise(posted[cell_["name"]])  # validated by ``_grid``
                key = (row["activity"].pk, cell_["party"].pk)
                cell = stored.get(key)
                if cell is None and letters:
                    services.create_item(
                        access=access,
                        kind=RACI,
                        register=registry.get("roles"),
                        data={
                            "activity": row["activity"],
                            "party": cell_["party"],
                            "letters": letters,
                        },
                    )
                elif cell is not None and not letters:
                    services.delete_item(cell, access=access, kind=RACI)
                elif cell is not None and cell.letters != letters:  # type: ignore[attr-defined]
                    services.update_item(cell, access=access, kind=RACI, data={"letters": letters})
                else:
                    continue
                changed += 1
    if changed:
        messages.success(request, _("The RACI matrix has been saved."))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect(reverse("workspace:roles", args=[access.collaboration.pk]) + "#raci")


def urlpatterns() -> list[URLPattern]:
    return [path("roles/grid/", save_grid, name="raci_grid")]
