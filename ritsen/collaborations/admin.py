from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from ritsen.accounts.models import User

from .models import (
    Collaboration,
    Invitation,
    Membership,
    MembershipEvent,
    Organisation,
    OrganisationRole,
    Party,
)
from .services import record_membership_change


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "role", "granted_at"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "user__email"]
    raw_id_fields = ["user", "granted_by"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    """Read-only here: who joins a party goes through :class:`MembershipAdmin`, which
    records the change and tells the party's coordinators."""

    model = Membership
    extra = 0
    fields = ("user", "role", "party")
    readonly_fields = ("user", "role", "party")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _operator(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """For the site's operator only — e.g. a new coordinator for a party that lost its
    last one (a facilitator may not choose it). Every change is recorded and mailed to
    the party's coordinators, as in the application."""

    list_display = ["user", "collaboration", "party", "role"]
    list_select_related = ["user", "collaboration", "party__organisation"]
    list_filter = ["role"]
    search_fields = ["user__email", "collaboration__name"]
    autocomplete_fields = ["user"]
    fields = ["user", "collaboration", "party", "role"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        return ["user", "collaboration", "party", "role"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Membership, form: object, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                record_membership_change(obj, MembershipEvent.Kind.JOINED, by=_operator(request))

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        with transaction.atomic():
            record_membership_change(obj, MembershipEvent.Kind.REMOVED, by=_operator(request))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            self.delete_model(request, membership)


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "created_by", "created_at"]
    search_fields = ["name"]
    list_select_related = ["framework", "created_by"]
    inlines = [PartyInline, MembershipInline]
    # Party profiles are deliberately not in the admin: they are a party's private data.


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "collaboration", "party", "role", "created_at", "accepted_at"]
    list_select_related = ["collaboration", "party__organisation"]
    search_fields = ["email"]
    # Read-only: an invitation made here would bypass who may invite into a party.
    readonly_fields = ["token_hash", "created_at", "accepted_at", "accepted_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
