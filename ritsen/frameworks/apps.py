from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_default_framework(sender, using="default", **kwargs):
    # Every installation starts with the shipped framework, so a collaboration can be
    # created right after `ritsen migrate`.
    from ritsen.frameworks.services import ensure_default_framework

    if using == "default":
        ensure_default_framework()


class FrameworksConfig(AppConfig):
    name = "ritsen.frameworks"
    label = "frameworks"
    verbose_name = _("Frameworks")

    def ready(self):
        post_migrate.connect(_load_default_framework, sender=self)
