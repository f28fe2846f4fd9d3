from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.facilitated, name="facilitated"),
    path("organisations/<int:organisation_id>/portfolio/", views.organisation, name="organisation"),
]
