from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .access import Access


def _preparation_url(access: Access) -> str:
    """One's own party's profile; for the facilitator, the profiles side by side."""
    from .access import Perm

    if access.party is not None and access.can(Perm.SEE_PARTY_DATA, party=access.party):
        return reverse("collaborations:profile", args=[access.collaboration.pk, access.party.pk])
    return reverse("collaborations:profiles", args=[access.collaboration.pk])


class CollaborationsConfig(AppConfig):
    name = "ritsen.collaborations"
    label = "collaborations"
    verbose_name = _("Collaborations")

    def ready(self) -> None:
        from . import next_steps
        from .access import Perm
        from .home import Action, NextSteps, Section, register_action, register_next_steps
        from .home import register_section as section

        section(
            Section(
                "overview",
                _("Overview"),
                "collaborations:detail",
                order=0,
                active_for=(
                    "collaborations:detail",
                    "collaborations:edit",
                    "collaborations:party*",
                ),
            )
        )
        section(
            Section(
                "preparation",
                _("Preparation"),
                "",
                order=10,
                active_for=("collaborations:profile*",),
                url=_preparation_url,
            )
        )
        section(
            Section(
                "people",
                _("People"),
                "collaborations:people",
                order=90,
                active_for=(
                    "collaborations:people",
                    "collaborations:invite",
                    "collaborations:invitation_revoke",
                    "collaborations:membership_remove",
                ),
            )
        )
        register_action(
            Action("edit", _("Edit"), "collaborations:edit", order=10, perm=Perm.EDIT_COLLABORATION)
        )
        register_next_steps(NextSteps("preparation", next_steps.preparation_steps))
