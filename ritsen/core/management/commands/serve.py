import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Serve Ritsen with gunicorn (a production-grade WSGI server), with the periodic "
        "jobs (closing rounds on their closing date) and the task worker (mail) running "
        "alongside. Static files are served by WhiteNoise; with DEBUG off they are "
        "collected first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.SERVE_HOST)
        parser.add_argument("--port", type=int, default=settings.SERVE_PORT)
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.SERVE_WORKERS,
            help="Number of worker processes (default 2).",
        )
        parser.add_argument(
            "--reload", action="store_true", help="Restart when the code changes (development)."
        )
        parser.add_argument(
            "--migrate", action="store_true", help="Apply database migrations before serving."
        )
        parser.add_argument(
            "--no-cron",
            action="store_true",
            help="Do not run the periodic jobs and the task worker here (when `ritsen cron` "
            "and `ritsen db_worker` run elsewhere).",
        )

    def handle(
        self,
        *args: object,
        host: str,
        port: int,
        workers: int,
        reload: bool,
        migrate: bool,
        no_cron: bool,
        **options: object,
    ) -> None:
        if migrate:
            call_command("migrate", interactive=False, verbosity=1)
        if not settings.STATIC_FROM_APPS:
            call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn is not installed; run `pip install -e .` first.")
        argv = [
            gunicorn,
            "ritsen.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            # Secrets in URLs (respondents' first request, invitations) never reach it.
            "--logger-class",
            "ritsen.core.redaction.RedactingGunicornLogger",
        ]
        if not no_cron:
            argv += ["--config", "python:ritsen.core.gunicorn_config"]
        if reload:
            argv.append("--reload")
        # The timer's interval reaches the gunicorn hooks through the environment.
        os.environ["RITSEN_CRON_INTERVAL"] = str(settings.CRON_INTERVAL_SECONDS)
        self.stdout.write(f"Ritsen is running on http://{host}:{port}/ (Ctrl+C stops it)")
        self.stdout.flush()
        os.execv(gunicorn, argv)  # noqa: S606 - replaces this process with the server
