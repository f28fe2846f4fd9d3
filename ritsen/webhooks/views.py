from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.core.errors import ServiceError

from . import services
from .forms import WebhookForm
from .models import Delivery


@collaboration_view(Perm.EDIT_COLLABORATION, methods=["GET", "POST"])
def webhook_list(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    form = WebhookForm(request.POST or None)
    new = None
    if request.method == "POST" and form.is_valid():
        try:
            new = services.add_webhook(
                access=access, url=form.cleaned_data["url"], events=form.cleaned_data["events"]
            )
        except ServiceError as error:
            form.add_error("events", str(error))
        else:
            form = WebhookForm()
    webhooks = list(access.collaboration.webhooks.all())
    deliveries = Delivery.objects.filter(
        webhook__collaboration=access.collaboration
    ).select_related("webhook")[:50]
    return render(
        request,
        "webhooks/list.html",
        {
            "access": access,
            "collaboration": access.collaboration,
            "form": form,
            "new": new,
            "webhooks": webhooks,
            "deliveries": deliveries,
        },
    )


@collaboration_view(Perm.EDIT_COLLABORATION, methods=["POST"])
def webhook_remove(request: CollaborationRequest, webhook_id: int) -> HttpResponse:
    services.remove_webhook(webhook_id, access=request.access)
    messages.success(request, _("The webhook has been removed."))
    return redirect("webhooks:list", request.access.collaboration.pk)


@collaboration_view(Perm.EDIT_COLLABORATION, methods=["POST"])
def delivery_resend(request: CollaborationRequest, delivery_id: int) -> HttpResponse:
    services.redeliver(delivery_id, access=request.access)
    messages.success(request, _("The delivery is being sent again."))
    return redirect("webhooks:list", request.access.collaboration.pk)
