"""Mail leaves through the background task queue (django-tasks, database backend),
never inside a request: a slow or unreachable mail server never slows a page, and a
mail that is queued in a transaction is queued only if that transaction commits.

A queued message may carry a secret (a link to accept an invitation), so the task's
row holds it only encrypted with the server's key: a reader of the database or its
backups cannot use it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import TypeAlias

from django.core.mail import send_mass_mail
from django.utils import timezone
from django_tasks import task

from . import crypto, periodic

#: ``(subject, body, from_email, recipients)``, as :func:`send_mass_mail` takes it.
Mail: TypeAlias = tuple[str, str, str, list[str]]


@task()
def deliver(sealed: str) -> None:
    """Send the messages sealed by :func:`send_later` (returns nothing: a task's
    result is stored, and says nothing about whom it reached)."""
    plain = crypto.decrypt(sealed)
    if plain is None:  # the key changed since it was queued: it can never be read
        return
    messages = [tuple(message) for message in json.loads(plain)]
    send_mass_mail(messages, fail_silently=False)


def send_later(messages: Sequence[Mail]) -> None:
    """Queue ``messages`` for the background worker (nothing for an empty list)."""
    if messages:
        deliver.enqueue(crypto.encrypt(json.dumps([list(message) for message in messages])))


#: How long a finished task's row stays (for an operator looking into a failure).
KEEP_FINISHED_TASKS = timedelta(days=1)


@periodic.register("prune-finished-tasks")
def prune_finished_tasks() -> str:
    """Delete the queue's finished rows after a day: when a mail to respondents went
    out is nobody's business once it has gone."""
    from django_tasks_db.models import DBTaskResult

    deleted, _kinds = DBTaskResult.objects.filter(
        finished_at__lt=timezone.now() - KEEP_FINISHED_TASKS
    ).delete()
    return f"{deleted} finished task(s) removed" if deleted else ""
