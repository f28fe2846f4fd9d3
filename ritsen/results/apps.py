from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _store_snapshot(sender: Any, round: Any, **kwargs: Any) -> None:  # noqa: A002
    from .snapshots import store

    store(round)


def _rebuild_outdated_snapshots(sender: AppConfig, **kwargs: Any) -> None:
    from .snapshots import rebuild_outdated

    rebuild_outdated()


class ResultsConfig(AppConfig):
    name = "ritsen.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self) -> None:
        from ritsen.assessments.signals import round_shared
        from ritsen.collaborations import home

        from . import next_steps

        round_shared.connect(_store_snapshot, dispatch_uid="results-store-snapshot")
        post_migrate.connect(
            _rebuild_outdated_snapshots, sender=self, dispatch_uid="results-rebuild-snapshots"
        )
        home.register_section(
            home.Section(
                "results",
                _("Results"),
                "",
                order=25,
                active_for=("results:*", "reports:*", "exports:*"),
                url=next_steps.results_url,
            )
        )
        home.register_section(
            home.Section("trends", _("Trends"), "trends:index", order=30, active_for=("trends:*",))
        )
        home.register_next_steps(home.NextSteps("results", next_steps.results_steps))
        home.register_card_detail(
            home.CardDetail(
                "standing",
                order=10,
                template="results/_card_standing.html",
                contexts=next_steps.standing_cards,
            )
        )
        home.register_panel(
            home.Panel(
                "links",
                order=50,
                template="results/_home_links.html",
                context=next_steps.links_panel,
            )
        )
