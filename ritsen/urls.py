from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from ritsen.api.api import api
from ritsen.core.health import healthz
from ritsen.core.rules import Audience, declared
from ritsen.exports import views as exports_views
from ritsen.reports import views as reports_views


@declared(Audience.PUBLIC)
class HomeView(RedirectView):
    """``/`` leads to the collaborations (and from there to the login page)."""

    pattern_name = "collaborations:list"
    permanent = False


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("ritsen.accounts.urls")),
    path("collaborations/", include("ritsen.collaborations.urls")),
    path("", include("ritsen.portfolio.urls")),
    path("collaborations/<int:collaboration_id>/rounds/", include("ritsen.assessments.urls")),
    path(
        "collaborations/<int:collaboration_id>/rounds/<int:round_id>/results/",
        include("ritsen.results.urls"),
    ),
    path(
        "collaborations/<int:collaboration_id>/rounds/<int:round_id>/report/",
        include("ritsen.reports.urls"),
    ),
    path(
        "collaborations/<int:collaboration_id>/rounds/<int:round_id>/exports/",
        include("ritsen.exports.urls"),
    ),
    path("collaborations/<int:collaboration_id>/trends/", include("ritsen.results.trends_urls")),
    path("collaborations/<int:collaboration_id>/webhooks/", include("ritsen.webhooks.urls")),
    path("collaborations/<int:collaboration_id>/workspace/", include("ritsen.workspace.urls")),
    path("collaborations/<int:collaboration_id>/lifecycle/", include("ritsen.lifecycle.urls")),
    # The workspace as documents: a draft collaboration agreement (PDF) and a workbook.
    path(
        "collaborations/<int:collaboration_id>/workspace/documents/",
        include(
            (
                [
                    path("draft-agreement.pdf", reports_views.workspace_pdf, name="pdf"),
                    path("workspace.xlsx", exports_views.workspace_xlsx, name="xlsx"),
                ],
                "workspace_documents",
            )
        ),
    ),
    # A portfolio as a file (the filters of the page apply).
    path(
        "",
        include(
            (
                [
                    *(
                        path(
                            f"organisations/<int:organisation_id>/portfolio.{kind}",
                            exports_views.organisation_portfolio,
                            {"kind": kind},
                            name=f"organisation_{kind}",
                        )
                        for kind in ("csv", "xlsx")
                    ),
                    *(
                        path(
                            f"portfolio.{kind}",
                            exports_views.facilitated_portfolio,
                            {"kind": kind},
                            name=f"facilitated_{kind}",
                        )
                        for kind in ("csv", "xlsx")
                    ),
                ],
                "portfolio_exports",
            )
        ),
    ),
    path("transfer/", include("ritsen.transfer.urls")),
    path("r/", include("ritsen.assessments.respond_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
