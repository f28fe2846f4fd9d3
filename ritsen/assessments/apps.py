from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "ritsen.assessments"
    label = "assessments"
    verbose_name = _("Assessment rounds")

    def ready(self) -> None:
        from ritsen.collaborations.home import Panel, Section, register_panel, register_section

        from . import services  # registers the periodic job that closes rounds
        from .home import latest_round_panel

        del services
        register_section(Section("rounds", _("Rits-scan"), "assessments:rounds", order=20))
        register_panel(
            Panel(
                "latest-round",
                order=20,
                template="assessments/_home_panel.html",
                context=latest_round_panel,
            )
        )
