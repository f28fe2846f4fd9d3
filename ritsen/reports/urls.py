from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("pdf/", views.report_pdf, name="pdf"),
    path("parties/<int:party_id>/", views.party_report_page, name="party_page"),
    path("parties/<int:party_id>/pdf/", views.party_report_pdf, name="party_pdf"),
]
