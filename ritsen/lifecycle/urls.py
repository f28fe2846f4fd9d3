from django.urls import path

from . import views

app_name = "lifecycle"

urlpatterns = [
    path("", views.index, name="index"),
    path("move/", views.move, name="move"),
    path("approve/", views.approve, name="approve"),
    path("timeline/", views.timeline, name="timeline"),
    path("exit/", views.exit_checklist, name="exit"),
]
