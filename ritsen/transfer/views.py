"""Download a collaboration's export and import one — site administrators only.

The issue asked for facilitators; but the file is lossless, so it holds every party's
private data (unshared profiles, unreleased answers, respondents' addresses), which a
facilitator must never see, and an import can put any existing account into a
collaboration. So on the web both need a site administrator — someone given the
permission "Can export and import whole collaborations" explicitly, not merely staff
status — and the export also a facilitator of the collaboration; a file that brings a
new framework version needs the permission to add frameworks as well. The commands
are for operators.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.accounts.requests import AuthenticatedRequest
from ritsen.assessments.models import RoundState
from ritsen.collaborations.access import (
    TRANSFER_PERMISSION,
    CollaborationRequest,
    Perm,
    collaboration_view,
)
from ritsen.core.rules import site_admin_view
from ritsen.frameworks.services import LOAD_FRAMEWORK_PERMISSION

from .forms import ImportForm
from .services import ImportResult, TransferError, dump, export_collaboration, import_collaboration


def export_filename(collaboration) -> str:
    slug = slugify(collaboration.name) or "collaboration"
    return f"ritsen-{slug}-{timezone.localdate():%Y-%m-%d}.json"


@collaboration_view(Perm.DOWNLOAD_FULL_FILE)
def export_download(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    collaboration = access.collaboration
    response = HttpResponse(
        dump(export_collaboration(collaboration)).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(collaboration)}"'
    # Private data of every party: never kept by a browser or proxy cache.
    add_never_cache_headers(response)
    return response


def _report(request, result: ImportResult) -> None:
    collaboration = result.collaboration
    messages.success(
        request,
        _("The collaboration “%(name)s” has been imported.") % {"name": collaboration.name},
    )
    if result.created_users:
        count = len(result.created_users)
        messages.info(
            request,
            ngettext(
                "%(count)d new account was created: %(emails)s. They choose a password "
                "with “Forgot your password?”.",
                "%(count)d new accounts were created: %(emails)s. They choose a password "
                "with “Forgot your password?”.",
                count,
            )
            % {"count": count, "emails": ", ".join(result.created_users)},
        )
    if result.revoked_invitations:
        messages.warning(
            request,
            ngettext(
                "%(count)d pending invitation was revoked because its link cannot be moved; "
                "invite the person again.",
                "%(count)d pending invitations were revoked because their links cannot be "
                "moved; invite the people again.",
                result.revoked_invitations,
            )
            % {"count": result.revoked_invitations},
        )
    if collaboration.rounds.filter(state=RoundState.OPEN).exists():
        messages.warning(
            request,
            _(
                "The respondent links of the open round do not work here; revoke them and "
                "invite the respondents again or generate new links."
            ),
        )


@site_admin_view(TRANSFER_PERMISSION, methods=["GET", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = import_collaboration(
                    form.cleaned_data["file"].read(),
                    created_by=request.user,
                    # A new framework is everyone's: it needs its own permission.
                    allow_new_frameworks=request.user.has_perm(LOAD_FRAMEWORK_PERMISSION),
                )
            except TransferError as error:
                form.add_error("file", str(error))
            else:
                _report(request, result)
                return redirect(result.collaboration)
    else:
        form = ImportForm()
    return render(request, "transfer/import.html", {"form": form})
