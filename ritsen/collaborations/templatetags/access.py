"""``{% can access "permission" party as allowed %}``: the policy, asked from a template."""

from __future__ import annotations

from django import template

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party

register = template.Library()


@register.simple_tag
def can(access: Access, permission: str, party: Party | None = None) -> bool:
    return access.can(Perm(permission), party)
