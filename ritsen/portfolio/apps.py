from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _collaboration_of(instance: Any) -> int | None:
    from ritsen.collaborations.models import Collaboration, Party

    if isinstance(instance, Collaboration):
        return instance.pk
    if getattr(instance, "collaboration_id", None) is not None:
        return instance.collaboration_id
    if getattr(instance, "party_id", None) is not None:  # a party's sheet
        return (
            Party.objects.filter(pk=instance.party_id)
            .values_list("collaboration_id", flat=True)
            .first()
        )
    if getattr(instance, "agreement_id", None) is not None:  # an acceptance
        return instance.agreement.collaboration_id
    if getattr(instance, "round_id", None) is not None:  # a snapshot
        return instance.round.collaboration_id
    return None


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from .refresh import mark_stale

    if kwargs.get("raw"):
        return
    found = _collaboration_of(instance)
    if found is not None:
        mark_stale([found])


class PortfolioConfig(AppConfig):
    name = "ritsen.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from ritsen.assessments.models import Round
        from ritsen.collaborations.models import Collaboration, Party
        from ritsen.results.models import ResultSnapshot
        from ritsen.workspace.registers import registry
        from ritsen.workspace.registers.agreements import Acceptance

        models = {Collaboration, Party, Round, ResultSnapshot, Acceptance}
        models |= {kind.model for kind, _register in registry.kinds()}
        models |= {entry.sheet for entry in registry.registers() if entry.sheet is not None}
        for model in models:
            uid = f"portfolio-{model._meta.label_lower}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")

        from . import refresh  # noqa: F401 - registers its periodic job
