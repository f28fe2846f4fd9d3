from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="collaborations:list", permanent=False)),
    path("accounts/", include("ritsen.accounts.urls")),
    path("collaborations/", include("ritsen.collaborations.urls")),
    path("admin/", admin.site.urls),
]
