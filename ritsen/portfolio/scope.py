"""Whose portfolio a request may read: the organisation, how its viewer looks at it,
and the collaborations they see (the rule itself is ``collaborations.access``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ritsen.collaborations.access import PortfolioView, portfolio_collaborations, portfolio_view
from ritsen.collaborations.models import Collaboration, Organisation


def organisation_scope(
    user: Any, organisation_id: int
) -> tuple[Organisation, PortfolioView, QuerySet[Collaboration]]:
    """The organisation and the collaborations of its portfolio ``user`` sees (404 for
    anyone the policy does not let in) — for the pages, the downloads and the API."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    view = portfolio_view(user, organisation)
    if view is None:
        raise Http404
    return organisation, view, portfolio_collaborations(user, organisation, view)


__all__ = ["organisation_scope"]
