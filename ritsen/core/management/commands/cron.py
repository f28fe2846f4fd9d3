"""``ritsen cron [--every SECONDS]`` — run the periodic jobs once, or on a timer."""

from __future__ import annotations

import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from ritsen.core import periodic


class Command(BaseCommand):
    help = (
        "Run Ritsen's periodic jobs (such as closing rounds whose closing date has passed). "
        "Once for a crontab entry, or with --every SECONDS in a loop; `ritsen serve` "
        "runs the loop itself."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="keep running, every SECONDS seconds (at least 1)",
        )

    def handle(self, *args: Any, every: int | None = None, **options: Any) -> None:
        if every is None:
            self._tick()
            return
        every = max(1, every)
        parent = os.getppid()
        while True:
            # A long-running process: a fresh connection for every tick.
            close_old_connections()
            try:
                self._tick()
            finally:
                connection.close()
            # Started by `ritsen serve`: stop when the server is gone.
            for _ in range(every):
                time.sleep(1)
                if os.getppid() != parent:
                    return

    def _tick(self) -> None:
        for name, report in periodic.run_all():
            self.stdout.write(f"{name}: {report}")
