from django.contrib import admin

from .models import Collaboration, Invitation, Membership, Organisation, Party


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


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
    readonly_fields = ["token_hash", "created_at", "accepted_at", "accepted_by"]
