from django.urls import path

from . import views

app_name = "transfer"

urlpatterns = [
    path(
        "collaborations/<int:collaboration_id>/export/",
        views.export_download,
        name="export",
    ),
    path("import/", views.import_upload, name="import"),
]
