from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, Lidmaatschap, Regio, RegioGemeente, User


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 1
    autocomplete_fields = ["regio"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [LidmaatschapInline]


class RegioGemeenteInline(admin.TabularInline):
    model = RegioGemeente
    extra = 1


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [RegioGemeenteInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by portal.audit only."""

    list_display = ["tijdstip", "type", "gebruikersnaam", "regio", "ip_adres", "omschrijving"]
    list_filter = ["type", "regio"]
    search_fields = ["gebruikersnaam", "omschrijving"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
