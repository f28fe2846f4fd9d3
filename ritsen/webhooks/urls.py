from django.urls import path

from . import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("<int:webhook_id>/remove/", views.webhook_remove, name="remove"),
    path("deliveries/<int:delivery_id>/resend/", views.delivery_resend, name="resend"),
]
