"""gunicorn settings for ``ritsen serve``: the background work runs next to the server.

The master process starts, when it is ready, ``ritsen cron --every N`` (periodic jobs:
closing rounds on their date, erasing links of closed rounds) and ``ritsen db_worker``
(the task queue: mail), and stops them when it exits. So a single command runs all of
Ritsen, without a crontab. Several servers on one database may each run them: the jobs
tolerate that, and the queue hands every task to one worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

_children: list[subprocess.Popen[bytes]] = []


def _ritsen() -> list[str]:
    ritsen = Path(sys.executable).with_name("ritsen")
    return [str(ritsen)] if ritsen.exists() else [sys.executable, "-m", "ritsen.cli"]


def when_ready(server: Any) -> None:
    every = os.environ.get("RITSEN_CRON_INTERVAL", "60")
    _children.append(subprocess.Popen([*_ritsen(), "cron", "--every", every]))  # noqa: S603
    _children.append(
        subprocess.Popen([*_ritsen(), "db_worker", "--no-reload", "--interval", "1"])  # noqa: S603
    )


def on_exit(server: Any) -> None:
    for child in _children:
        if child.poll() is None:
            child.terminate()
    for child in _children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
