from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "ritsen.lifecycle"
    label = "lifecycle"
    verbose_name = _("Lifecycle")

    def ready(self) -> None:
        from ritsen.collaborations import home

        home.register_section(
            home.Section(
                "lifecycle",
                _("Lifecycle"),
                "lifecycle:index",
                order=29,
                active_for=("lifecycle:*",),
            )
        )
