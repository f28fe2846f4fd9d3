from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.facilitated, name="facilitated"),
    path("organisations/<int:organisation_id>/portfolio/", views.organisation, name="organisation"),
    path("organisations/<int:organisation_id>/roles/", views.roles, name="roles"),
    path(
        "organisations/<int:organisation_id>/roles/<int:role_id>/revoke/",
        views.role_revoke,
        name="role_revoke",
    ),
]
