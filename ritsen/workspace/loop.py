"""Closing the loop: on a shared round's link page, the actions done on that link since
the previous shared round, next to how each party's score for it changed."""

from __future__ import annotations

from typing import Any

from ritsen.collaborations.access import Access
from ritsen.results.selectors import shared_rounds

from .actions import Action, ActionStatus


def link_section(access: Access, round_: Any, link_key: str) -> dict[str, Any] | None:
    released = shared_rounds(access.collaboration)
    order = [results.round.pk for results in released]
    if round_.pk not in order:
        return None
    index = order.index(round_.pk)
    current = released[index]
    previous = released[index - 1] if index else None
    until = round_.closed_at or round_.opened_at
    done = Action.objects.filter(
        collaboration=access.collaboration, link_key=link_key, status=ActionStatus.DONE
    ).select_related("owner_party__organisation")
    if previous is not None:
        since = previous.round.closed_at or previous.round.opened_at
        done = done.filter(done_at__gt=since)
    done = done.filter(done_at__lte=until) if until else done
    changes = []
    if previous is not None:
        now_link, then_link = _by_key(current, link_key), _by_key(previous, link_key)
        for party in current.parties:
            now = _mean(now_link, party.pk)
            then = _mean(then_link, party.pk)
            changes.append(
                {
                    "party": party.name,
                    "then": then,
                    "now": now,
                    "difference": (now - then) if now is not None and then is not None else None,
                }
            )
    return {
        "previous": previous.round if previous else None,
        "done": list(done.order_by("done_at")),
        "changes": changes,
    }


def _by_key(results: Any, link_key: str) -> Any:
    return next((link for link in results.result.links if link.key == link_key), None)


def _mean(link: Any, party_id: int) -> Any:
    """The party's mean as shown (None when it was absent or its group withheld)."""
    if link is None or party_id not in link.parties:
        return None
    cell = link.parties[party_id]
    return None if cell.withheld else cell.mean_rounded
