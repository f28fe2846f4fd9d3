"""The strategy register's page: who has shared (never what), one's own party's
strategic goals and map until every party has shared, then everyone's map side by side:
each strategic goal against every shared goal."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ritsen.collaborations import sharing
from ritsen.collaborations.access import Access, Perm

from . import selectors, services, visibility
from .registers import registry
from .registers.strategy import MAPPINGS, STRATEGIC_GOALS, Stance, StrategySheet
from .sheet_views import sheet_of


def context(access: Access) -> dict[str, Any]:
    parties = access.parties()
    register = registry.get("strategy")
    shared = sharing.shared_parties(StrategySheet, parties)
    own = access.party if access.party and access.can(Perm.SEE_PARTY_DATA, access.party) else None
    goals = list(selectors.items(access, STRATEGIC_GOALS))
    own_sheet = sheet_of(StrategySheet, own) if own is not None else None
    together = visibility.all_shared(access, register)
    shared_goals = list(selectors.items(access, registry.kind("goals")[0]))
    mappings: dict[tuple[int, int], Any] = {
        (m.strategic_goal_id, m.shared_goal_id): m  # type: ignore[attr-defined]
        for m in selectors.items(access, MAPPINGS)
    }
    rows = []
    for goal in goals:
        editable = services.may_edit(access, MAPPINGS, goal.party)  # type: ignore[attr-defined]
        cells = []
        for shared_goal in shared_goals:
            mapping = mappings.get((goal.pk, shared_goal.pk))
            url = None
            if editable and mapping is not None:
                url = reverse("workspace:mappings_edit", args=[access.collaboration.pk, mapping.pk])
            elif editable:
                url = (
                    reverse("workspace:mappings_create", args=[access.collaboration.pk])
                    + f"?strategic_goal={goal.pk}&shared_goal={shared_goal.pk}"
                )
            cells.append(
                {
                    "mapping": mapping,
                    "url": url,
                    "conflict": mapping is not None and mapping.stance == Stance.CONFLICTS,
                    "undecided": mapping is not None
                    and mapping.stance == Stance.CONFLICTS
                    and not mapping.decision_note.strip(),
                }
            )
        rows.append({"goal": goal, "cells": cells})
    return {
        "status": [(party, party.pk in shared) for party in parties],
        "own": own,
        "own_sheet": own_sheet,
        "own_ready": own is not None and any(g.party_id == own.pk for g in goals),  # type: ignore[attr-defined]
        "may_share_own": own is not None and access.can(Perm.EDIT_PROFILE, own),
        "together": together,
        "shared_goals": shared_goals,
        "map_rows": rows,
    }
