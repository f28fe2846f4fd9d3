from django.urls import path

from . import views

app_name = "lifecycle"

urlpatterns = [
    path("", views.index, name="index"),
    path("move/", views.move, name="move"),
    path("approve/", views.approve, name="approve"),
    path("approve/withdraw/", views.withdraw_approval, name="withdraw_approval"),
    path("timeline/", views.timeline, name="timeline"),
    path("exit/", views.exit_checklist, name="exit"),
    path("exit/<int:party_id>/own-data.json", views.own_file, name="own_file"),
    path("exit/<int:party_id>/depart/", views.depart, name="depart"),
]
