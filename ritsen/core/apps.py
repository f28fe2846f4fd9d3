from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ritsen.core"
    label = "core"

    def ready(self) -> None:
        from . import checks

        del checks  # registers the deploy checks
