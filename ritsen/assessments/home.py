"""The rits-scan's panel on the collaboration's home page."""

from __future__ import annotations

from typing import Any

from ritsen.collaborations.access import Access


def latest_round_panel(access: Access) -> dict[str, Any] | None:
    latest = access.collaboration.rounds.first()
    if latest is None:
        return None
    return {"round": latest, "collaboration": access.collaboration}
