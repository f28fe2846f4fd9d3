"""An organisation's own roles, beyond any one collaboration: its administrators grant
and revoke them (a site administrator grants the first administrator, in the admin).
A portfolio manager sees every collaboration the organisation is a party to (the rule
is ``access.portfolio_view``); an administrator sees the portfolio too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ritsen.core.errors import ServiceError

from .access import administers

__all__ = ["administers", "grant", "revoke", "roles_of"]
from .models import Organisation, OrganisationRole, OrganisationRoleKind


def _require(user: Any, organisation: Organisation) -> None:
    if not administers(user, organisation):
        raise Http404  # as the portfolio: an outsider learns nothing of the organisation


def roles_of(user: Any, organisation: Organisation) -> QuerySet[OrganisationRole]:
    """The organisation's roles, for its administrators."""
    _require(user, organisation)
    return (
        OrganisationRole.objects.filter(organisation=organisation)
        .select_related("user", "granted_by")
        .order_by("role", "user__name", "user__email", "pk")
    )


@transaction.atomic
def grant(*, by: Any, organisation: Organisation, email: str, role: str) -> OrganisationRole:
    """Give the person with the account ``email`` the ``role`` in ``organisation``."""
    _require(by, organisation)
    if role not in OrganisationRoleKind.values:
        raise ServiceError(_("Choose a role."))
    email = email.strip()
    person = get_user_model().objects.filter(email__iexact=email).first()
    if person is None:
        raise ServiceError(
            _(
                "There is no account with the address %(email)s. Invite the person to a "
                "collaboration first; once they have an account, give them the role here."
            )
            % {"email": email}
        )
    found, made = OrganisationRole.objects.get_or_create(
        organisation=organisation, user=person, role=role, defaults={"granted_by": by}
    )
    if not made:
        raise ServiceError(
            _("%(person)s already is %(role)s of %(organisation)s.")
            % {
                "person": person.display_name,
                "role": found.get_role_display(),
                "organisation": organisation.name,
            }
        )
    return found


@transaction.atomic
def revoke(*, by: Any, role: OrganisationRole) -> None:
    """Take a role back; an organisation keeps at least one administrator."""
    _require(by, role.organisation)
    if role.role == OrganisationRoleKind.ADMINISTRATOR:
        administrators = list(
            OrganisationRole.objects.select_for_update()
            .filter(organisation=role.organisation, role=OrganisationRoleKind.ADMINISTRATOR)
            .values_list("pk", flat=True)
        )
        if administrators == [role.pk]:
            raise ServiceError(
                _(
                    "This is the organisation's last administrator: give someone else the "
                    "role first."
                )
            )
    role.delete()
