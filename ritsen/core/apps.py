from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ritsen.core"
    label = "core"
