from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ritsen.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from . import checks, mail

        del checks, mail  # register the deploy checks and the periodic job
        # The queue's rows are the worker's business (and may carry sealed links).
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
