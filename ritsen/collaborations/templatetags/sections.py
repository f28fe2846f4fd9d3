"""``{% section_nav %}``: the navigation inside a collaboration, on every page of it."""

from __future__ import annotations

from typing import Any

from django import template

from ritsen.collaborations.access import Access
from ritsen.collaborations.home import sections_for

register = template.Library()


@register.inclusion_tag("collaborations/_section_nav.html", takes_context=True)
def section_nav(context: template.Context) -> dict[str, Any]:
    """Empty outside a collaboration (the request carries no access)."""
    request = context.get("request")
    access = getattr(request, "access", None)
    if request is None or not isinstance(access, Access):
        return {"sections": []}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    sections = sections_for(access, view_name)
    return {
        "collaboration": access.collaboration,
        "sections": sections,
        "path": request.path,
    }
