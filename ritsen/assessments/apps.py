from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "ritsen.assessments"
    label = "assessments"
    verbose_name = _("Assessment rounds")

    def ready(self) -> None:
        from ritsen.collaborations import home

        from . import next_steps, services  # services: registers the periodic jobs
        from .home import latest_round_panel

        del services
        home.register_section(
            home.Section(
                "rounds",
                _("Rits-scan"),
                "assessments:rounds",
                order=20,
                active_for=("assessments:*",),
            )
        )
        home.register_next_steps(home.NextSteps("rounds", next_steps.round_steps))
        home.register_card_detail(
            home.CardDetail(
                "open-round",
                order=20,
                template="assessments/_card_round.html",
                contexts=next_steps.open_round_cards,
            )
        )
        home.register_panel(
            home.Panel(
                "latest-round",
                order=20,
                template="assessments/_home_panel.html",
                context=latest_round_panel,
            )
        )
