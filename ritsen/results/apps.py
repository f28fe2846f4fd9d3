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
        from ritsen.collaborations.home import Section, register_section

        round_shared.connect(_store_snapshot, dispatch_uid="results-store-snapshot")
        post_migrate.connect(
            _rebuild_outdated_snapshots, sender=self, dispatch_uid="results-rebuild-snapshots"
        )
        register_section(Section("trends", _("Trends"), "trends:index", order=30))
