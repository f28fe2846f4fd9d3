from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    *(
        path(
            f"{kind}.{extension}",
            views.round_export,
            {"kind": kind, "extension": extension},
            name=f"{kind}_{extension}",
        )
        for kind in ("answers", "results")
        for extension in ("csv", "xlsx")
    ),
    *(
        path(
            f"parties/<int:party_id>/{kind}.{extension}",
            views.party_export,
            {"kind": kind, "extension": extension},
            name=f"party_{kind}_{extension}",
        )
        for kind in ("answers", "results")
        for extension in ("csv", "xlsx")
    ),
]
