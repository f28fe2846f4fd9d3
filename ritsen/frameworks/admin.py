import hashlib
import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ritsen.accounts.models import User
from ritsen.frameworks.models import Framework
from ritsen.frameworks.services import LOAD_FRAMEWORK_PERMISSION, FrameworkError, store_spec
from ritsen.frameworks.validation import load_bytes

#: A framework file is a few dozen kilobytes; anything far larger is a mistake.
MAX_FRAMEWORK_BYTES = 1_000_000


class FrameworkUploadForm(forms.Form):
    """Upload a framework file (YAML or JSON) to check it, then load it."""

    file = forms.FileField(label=_("Framework file (YAML)"), required=False)
    # After a successful check the text comes back with the "load" button, so the
    # person need not choose the file again.
    text = forms.CharField(widget=forms.HiddenInput, required=False)

    def raw(self) -> bytes:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            if upload.size > MAX_FRAMEWORK_BYTES:
                limit = MAX_FRAMEWORK_BYTES // 1000
                raise forms.ValidationError(
                    _("The file is larger than %(size)s kB.") % {"size": limit}
                )
            return upload.read()
        text = self.cleaned_data.get("text") or ""
        if not text:
            raise forms.ValidationError(_("Choose a framework file."))
        return text.encode()


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Frameworks are loaded with ``ritsen framework load``; the admin only shows them."""

    list_display = ("slug", "version", "name", "links", "statements", "loaded_at", "loaded_by")
    list_filter = ("slug",)
    search_fields = ("slug", "name_nl", "name_en")
    ordering = ("slug", "-version")
    fields = (
        "slug",
        "version",
        "name_nl",
        "name_en",
        "links",
        "statements",
        "loaded_at",
        "loaded_by",
        "source_sha256",
        "pretty_data",
    )
    readonly_fields = fields

    change_list_template = "admin/frameworks/framework/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="frameworks_framework_upload",
        )
        return [upload, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_upload": request.user.has_perm(LOAD_FRAMEWORK_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Check a framework file and show what it holds; load it on the second step."""
        if not request.user.has_perm(LOAD_FRAMEWORK_PERMISSION):
            raise PermissionDenied
        form = FrameworkUploadForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Upload a framework"),
            "form": form,
            "problems": [],
            "spec": None,
            "text": "",
        }
        if request.method == "POST" and form.is_valid():
            try:
                raw = form.raw()
            except forms.ValidationError as error:
                form.add_error("file", error)
                return TemplateResponse(request, "admin/frameworks/framework/upload.html", context)
            spec, problems = load_bytes(raw)
            context["problems"] = [str(problem) for problem in problems]
            if spec is not None and "load" in request.POST:
                try:
                    framework, created = store_spec(
                        spec,
                        user=request.user if isinstance(request.user, User) else None,
                        source_sha256=hashlib.sha256(raw).hexdigest(),
                    )
                except FrameworkError as error:
                    context["problems"] = [str(problem) for problem in error.problems]
                else:
                    messages.success(
                        request,
                        (
                            gettext("Loaded: %(name)s, version %(version)s.")
                            if created
                            else gettext("%(name)s, version %(version)s, was already loaded.")
                        )
                        % {"name": framework.name, "version": framework.version},
                    )
                    return redirect(reverse("admin:frameworks_framework_changelist"))
            elif spec is not None:
                context["spec"] = spec
                context["text"] = raw.decode("utf-8", errors="replace")
        return TemplateResponse(request, "admin/frameworks/framework/upload.html", context)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("name"))
    def name(self, obj: Framework) -> str:
        return obj.name

    @admin.display(description=_("links"))
    def links(self, obj: Framework) -> int:
        return obj.link_count

    @admin.display(description=_("statements"))
    def statements(self, obj: Framework) -> int:
        return obj.statement_count

    @admin.display(description=_("data"))
    def pretty_data(self, obj: Framework) -> str:
        text = json.dumps(obj.data, indent=2, ensure_ascii=False)
        return format_html('<pre class="ritsen-framework-data">{}</pre>', text)
