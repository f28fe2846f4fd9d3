"""``/healthz`` for load balancers and load tests: no login, no data, no session.

200 ``{"status": "ok"}`` when the database answers and every migration is applied;
503 with ``"database"`` or ``"migrations"`` as the status otherwise.
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from ritsen.core.rules import public_view


def _status() -> str:
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "database"
    return "migrations" if pending else "ok"


@never_cache
@public_view()
def healthz(request: HttpRequest) -> JsonResponse:
    status = _status()
    return JsonResponse({"status": status}, status=200 if status == "ok" else 503)
