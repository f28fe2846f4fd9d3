"""The one place where Ritsen decides who may see and change what in a collaboration.

Views never filter party-owned data themselves: they resolve an :class:`Access` for the
request with :func:`collaboration_view`, then ask it for parties and profiles.

* A user without a role in a collaboration gets 404 for everything in it.
* A party's private data (its profile before every party shared) is visible only to that
  party's coordinators and members; everyone else — other parties and facilitators
  included — gets 404, never a hint that it exists.
* A role that may read but not write gets 403 on a write.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .constants import Role
from .models import Collaboration, Membership, Party, PartyProfile


@dataclass(frozen=True)
class Access:
    collaboration: Collaboration
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def party(self) -> Party | None:
        return self.membership.party

    @property
    def is_facilitator(self) -> bool:
        return self.role == Role.FACILITATOR

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    # --- checks that raise ---------------------------------------------------------

    def require_facilitator(self) -> None:
        if not self.is_facilitator:
            raise PermissionDenied

    def party_for_private(self, party_id: int) -> Party:
        """The party whose private data is asked for; 404 unless the user belongs to it."""
        if self.membership.party_id is None or int(party_id) != self.membership.party_id:
            raise Http404
        return self.membership.party

    def require_coordinator(self) -> None:
        if not self.is_coordinator:
            raise PermissionDenied

    # --- scoped queries ------------------------------------------------------------

    def round(self, round_id: int):
        """A round of this collaboration (404 for a round of another collaboration)."""
        return get_object_or_404(self.collaboration.rounds.select_related("framework"), pk=round_id)

    def parties(self):
        return self.collaboration.parties.select_related("organisation").order_by("pk")

    def profiles_side_by_side(self) -> list[PartyProfile] | None:
        """Every party's profile when every party has shared, else ``None``."""
        return PartyProfile.objects.shared_with_collaboration(self.collaboration)


def resolve_access(user, collaboration_id: int) -> Access:
    collaboration = get_object_or_404(
        Collaboration.objects.visible_to(user).select_related("framework"), pk=collaboration_id
    )
    membership = (
        Membership.objects.select_related("party__organisation")
        .filter(user=user, collaboration=collaboration)
        .first()
    )
    if membership is None:  # pragma: no cover - visible_to guarantees one
        raise Http404
    return Access(collaboration=collaboration, membership=membership)


def collaboration_view(view):
    """Decorator: resolve ``collaboration_id`` from the URL into ``request.access`` (or 404)."""

    @functools.wraps(view)
    def wrapper(request, collaboration_id: int, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        request.access = resolve_access(request.user, collaboration_id)
        return view(request, *args, **kwargs)

    return wrapper
