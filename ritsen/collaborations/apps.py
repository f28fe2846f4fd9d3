from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "ritsen.collaborations"
    label = "collaborations"
    verbose_name = _("Collaborations")

    def ready(self) -> None:
        from .access import Perm
        from .home import Action, Section, register_action, register_section

        register_section(
            Section("profiles", _("Profiles side by side"), "collaborations:profiles", order=10)
        )
        register_section(Section("people", _("People"), "collaborations:people", order=90))
        register_action(
            Action("edit", _("Edit"), "collaborations:edit", order=10, perm=Perm.EDIT_COLLABORATION)
        )
