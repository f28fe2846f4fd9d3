from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ritsen.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from . import checks, mail

        del checks, mail  # register the deploy checks and the periodic job
        admin.site.site_header = _("Ritsen administration")
        admin.site.site_title = _("Ritsen administration")
        admin.site.index_title = _("Site administration")
        # The queue's rows are the worker's business (and may carry sealed links).
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
