"""Jobs that must run on a clock, not on a page view (closing rounds past their date …).

Apps register a job in their ``AppConfig.ready``; ``ritsen cron`` runs every job once
(for a crontab line) or every N seconds, and ``ritsen serve`` runs it on a timer next
to the web server. A job is a function without arguments that returns a short report
(or ``""`` when there was nothing to do). Jobs must be safe to run at the same moment on
several machines: each does its work in a transaction that tolerates a concurrent run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

Job = Callable[[], str]
F = TypeVar("F", bound=Callable[..., str])


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Job


_JOBS: dict[str, PeriodicJob] = {}


def register(name: str) -> Callable[[F], F]:
    """Decorator: run ``function`` (callable without arguments) with every tick of
    ``ritsen cron``."""

    def decorator(function: F) -> F:
        _JOBS[name] = PeriodicJob(name=name, run=function)
        return function

    return decorator


def jobs() -> list[PeriodicJob]:
    return [_JOBS[name] for name in sorted(_JOBS)]


def run_all() -> list[tuple[str, str]]:
    """Run every job once; ``(name, report)`` for each job that did something."""
    return [(job.name, report) for job in jobs() if (report := job.run())]
