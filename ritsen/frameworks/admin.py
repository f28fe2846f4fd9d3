import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.models import Framework


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

    def has_add_permission(self, request) -> bool:
        return False

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
