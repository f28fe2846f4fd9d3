from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ritsen.demo"
    label = "demo"
