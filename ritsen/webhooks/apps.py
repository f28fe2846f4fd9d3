from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "ritsen.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from ritsen.assessments import signals
        from ritsen.collaborations import home
        from ritsen.collaborations.access import Perm
        from ritsen.lifecycle import services as lifecycle
        from ritsen.workspace import consent, reminders

        from . import events

        signals.round_opened.connect(events.on_round_opened, dispatch_uid="webhooks-opened")
        signals.round_closed.connect(events.on_round_closed, dispatch_uid="webhooks-closed")
        signals.results_released.connect(
            events.on_results_released, dispatch_uid="webhooks-released"
        )
        signals.round_shared.connect(events.on_round_shared, dispatch_uid="webhooks-shared")
        consent.agreement_agreed.connect(
            events.on_agreement_agreed, dispatch_uid="webhooks-agreement-agreed"
        )
        reminders.action_overdue.connect(
            events.on_action_overdue, dispatch_uid="webhooks-action-overdue"
        )
        lifecycle.lifecycle_changed.connect(
            events.on_lifecycle_changed, dispatch_uid="webhooks-lifecycle-changed"
        )
        home.register_action(
            home.Action(
                "webhooks", _("Webhooks"), "webhooks:list", order=40, perm=Perm.EDIT_COLLABORATION
            )
        )
