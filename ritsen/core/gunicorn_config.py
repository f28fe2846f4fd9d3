"""gunicorn settings for ``ritsen serve``: the periodic jobs run next to the server.

The master process starts ``ritsen cron --every N`` when it is ready and stops it when
it exits, so rounds close on their closing date without any page view doing it and
without a crontab. (Several servers on one database may each run it: the jobs tolerate
that.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

_cron: subprocess.Popen[bytes] | None = None


def when_ready(server: Any) -> None:
    global _cron
    every = os.environ.get("RITSEN_CRON_INTERVAL", "60")
    ritsen = Path(sys.executable).with_name("ritsen")
    command = [str(ritsen)] if ritsen.exists() else [sys.executable, "-m", "ritsen.cli"]
    _cron = subprocess.Popen([*command, "cron", "--every", every])  # noqa: S603


def on_exit(server: Any) -> None:
    if _cron is not None and _cron.poll() is None:
        _cron.terminate()
        try:
            _cron.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _cron.kill()
