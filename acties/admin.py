"""Admin for Stap 2.

The catalogues (preventive actions, interventions, aandachtspunten) and the regio's aanbod are
kept here by beheerders. A regiovisie and its children are only shown: they are written through
the wizard, whose saves carry the optimistic lock and an audit event; an admin save would
bypass both (and a vastgestelde version is read-only anyway).
"""

from django.contrib import admin

from .models import (
    Aanbod,
    Aandachtspunt,
    AandachtspuntUitwerking,
    Actie,
    Doel,
    Doelgroep,
    Interventie,
    Partner,
    PreventieveActie,
    Regiovisie,
    Sturingsinstrument,
)


@admin.register(PreventieveActie)
class PreventieveActieAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam", "spectrum"]
    list_display_links = ["naam"]
    list_filter = ["spectrum"]
    search_fields = ["naam", "toelichting"]


@admin.register(Interventie)
class InterventieAdmin(admin.ModelAdmin):
    list_display = ["naam", "erkenningsniveau", "erkend_op", "aanbieder"]
    list_filter = ["erkenningsniveau", "preventieve_acties"]
    search_fields = ["naam", "aanbieder", "doelgroep", "omschrijving", "opmerking"]
    filter_horizontal = ["preventieve_acties"]


@admin.register(Aandachtspunt)
class AandachtspuntAdmin(admin.ModelAdmin):
    list_display = ["nummer", "titel"]
    list_display_links = ["titel"]


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "regio", "capaciteit_per_jaar", "vanaf_jaar", "tot_jaar"]
    list_filter = ["regio"]
    search_fields = ["voorziening", "aanbieder", "interventie__naam"]
    autocomplete_fields = ["interventie"]
    filter_horizontal = ["wijken"]

    def get_field_queryset(self, db, db_field, request):
        if db_field.name == "wijken":
            from wijken.models import Gebied, Soort

            return Gebied.objects.filter(soort=Soort.WIJK).select_related("gemeente")
        return super().get_field_queryset(db, db_field, request)


class AlleenLezen:
    """Shown, never written from the admin (see the module docstring)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PartnerInline(AlleenLezen, admin.TabularInline):
    model = Partner
    extra = 0


class DoelInline(AlleenLezen, admin.StackedInline):
    model = Doel
    extra = 0


class DoelgroepInline(AlleenLezen, admin.StackedInline):
    model = Doelgroep
    extra = 0


class UitwerkingInline(AlleenLezen, admin.StackedInline):
    model = AandachtspuntUitwerking
    extra = 0


@admin.register(Regiovisie)
class RegiovisieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["titel", "regio", "versie", "jaar", "status", "stap", "gewijzigd"]
    list_filter = ["status", "regio"]
    search_fields = ["titel", "regio__naam"]
    inlines = [PartnerInline, DoelInline, DoelgroepInline, UitwerkingInline]


class SturingsinstrumentInline(AlleenLezen, admin.TabularInline):
    model = Sturingsinstrument
    extra = 0


@admin.register(Actie)
class ActieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["naam", "regiovisie", "spectrum", "preventieve_actie", "interventie"]
    list_filter = ["spectrum", "regiovisie__regio"]
    search_fields = ["naam", "omschrijving"]
    inlines = [SturingsinstrumentInline]
