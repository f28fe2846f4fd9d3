"""The workspace's URLs, generated from the registry (``/collaborations/<id>/workspace/``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import culture_views, roles_views, sheet_views, views
from .registers import registry

app_name = "workspace"


def _kind_patterns(prefix: str, kind_key: str) -> list[URLPattern]:
    extra = {"kind_key": kind_key}
    return [
        path(f"{prefix}new/", views.item_create, extra, name=f"{kind_key}_create"),
        path(f"{prefix}<int:item_id>/edit/", views.item_edit, extra, name=f"{kind_key}_edit"),
        path(f"{prefix}<int:item_id>/remove/", views.item_delete, extra, name=f"{kind_key}_delete"),
        path(
            f"{prefix}<int:item_id>/history/", views.item_history, extra, name=f"{kind_key}_history"
        ),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("actions/", views.actions, name="actions"),
    path("exit/", views.exit_readiness, name="exit"),
    path(
        "agenda/<int:round_id>/<slug:link_key>/",
        views.agenda_outcome,
        name="agenda_outcome",
    ),
    *culture_views.urlpatterns(),
    *sheet_views.urlpatterns(),
    *roles_views.urlpatterns(),
]


def _consent_patterns(prefix: str, kind_key: str) -> list[URLPattern]:
    extra = {"kind_key": kind_key}
    return [
        path(f"{prefix}<int:item_id>/{step}/", view, extra, name=f"{kind_key}_{step}")
        for step, view in (
            ("accept", views.item_accept),
            ("dispute", views.item_dispute),
            ("withdraw", views.item_withdraw),
        )
    ]


for kind, entry in registry.kinds():
    prefix = f"{kind.key}/" if entry is None else f"{entry.key.replace('_', '-')}/{kind.key}/"
    urlpatterns += _kind_patterns(prefix, kind.key)
    if kind.consent:
        urlpatterns += _consent_patterns(prefix, kind.key)
for entry in registry.registers():
    urlpatterns.append(
        path(
            f"{entry.key.replace('_', '-')}/",
            views.register_page,
            {"register_key": entry.key},
            name=entry.key,
        )
    )
