from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "ritsen.workspace"
    label = "workspace"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        import dataclasses

        from ritsen.collaborations import home
        from ritsen.collaborations.services import EXTRA_HOLDINGS
        from ritsen.results import marks

        from . import culture_views, loop, processes_views, reminders, roles_views, strategy_views  # noqa: F401 - reminders: its job
        from .actions import ACTIONS
        from .registers import (
            agreements,
            business_case,
            culture,
            information,
            processes,
            quality,
            registry,
            roles,
            strategy,
            technology,
        )
        from .selectors import chart_mark, completeness_by_link, outcomes, party_items

        registry.register(business_case.REGISTER)
        registry.register(dataclasses.replace(culture.REGISTER, context=culture_views.context))
        registry.register(dataclasses.replace(strategy.REGISTER, context=strategy_views.context))
        registry.register(agreements.REGISTER)
        # A kind that refers to another comes after it (the transfer's refs): the
        # systems before the information needs, those before the process steps, the
        # steps before the RACI activities.
        registry.register(technology.REGISTER)
        registry.register(information.REGISTER)
        registry.register(dataclasses.replace(processes.REGISTER, context=processes_views.context))
        registry.register(dataclasses.replace(roles.REGISTER, context=roles_views.context))
        registry.register(quality.REGISTER)
        registry.add_kind(ACTIONS)
        EXTRA_HOLDINGS.append(party_items)
        marks.register_agenda_part(
            marks.AgendaPart("workspace-outcome", "workspace/_agenda_outcome.html", outcomes)
        )
        marks.register_section(
            marks.LinkSection("workspace-loop", "workspace/_link_loop.html", loop.link_section)
        )
        marks.register(
            marks.LinkMark(
                "workspace",
                _("Register"),
                "workspace/_link_mark.html",
                completeness_by_link,
                chart=chart_mark,
            )
        )
        home.register_section(
            home.Section(
                "workspace",
                _("Workspace"),
                "workspace:index",
                order=28,
                active_for=("workspace:*",),
            )
        )
