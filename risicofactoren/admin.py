from django import forms
from django.contrib import admin

from portal import audit

from .forms_catalogus import RelatiefRisicoMixin, momentopname, wijzigingen
from .models import (
    DialoogFactor,
    Dialoogsessie,
    ModelFactor,
    PrevalentieModel,
    Risicofactor,
    Schatting,
    Signaal,
)


class RisicofactorAdminForm(RelatiefRisicoMixin, forms.ModelForm):
    class Meta:
        model = Risicofactor
        fields = [
            "code",
            "naam",
            "soort",
            "niveau",
            "cluster",
            "volgorde",
            "toelichting",
            "proxy_indicatoren",
            "relatief_risico",
            "rr_ondergrens",
            "rr_bovengrens",
            "bron",
        ]


@admin.register(Risicofactor)
class RisicofactorAdmin(admin.ModelAdmin):
    """The same checks and the same logbook entry as the beheerder's edit page in the portal."""

    form = RisicofactorAdminForm
    list_display = ["naam", "soort", "niveau", "cluster", "relatief_risico", "volgorde"]
    list_filter = ["soort", "niveau", "cluster"]
    search_fields = ["naam", "code", "toelichting"]
    filter_horizontal = ["proxy_indicatoren"]
    ordering = ["niveau", "soort", "cluster", "volgorde"]

    def save_model(self, request, obj, form, change):
        if change:
            obj._audit_oud = momentopname(Risicofactor.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        factor = form.instance
        oud = getattr(factor, "_audit_oud", None)
        if oud is not None and (veranderd := wijzigingen(oud, momentopname(factor))):
            audit.log_risicofactor_gewijzigd(
                request.user, None, factor.code, factor.naam, veranderd
            )


class ModelFactorInline(admin.TabularInline):
    model = ModelFactor
    extra = 0


@admin.register(PrevalentieModel)
class PrevalentieModelAdmin(admin.ModelAdmin):
    list_display = ["titel", "naam", "basis_per_1000", "is_standaard", "aangemaakt"]
    search_fields = ["naam", "titel"]
    inlines = [ModelFactorInline]


@admin.register(Schatting)
class SchattingAdmin(admin.ModelAdmin):
    """Read-only: estimates are recomputed, never edited."""

    list_display = ["gebied", "jaar", "model", "schatting", "ondergrens", "bovengrens", "per_1000"]
    list_filter = ["model", "jaar"]
    search_fields = ["gebied__code", "gebied__naam"]
    list_select_related = ["gebied", "model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signaal)
class SignaalAdmin(admin.ModelAdmin):
    list_display = ["datum", "gebied", "thema", "bron_organisatie", "regio"]
    list_filter = ["regio", "thema"]
    search_fields = ["gebied__code", "gebied__naam", "tekst", "bron_organisatie"]
    raw_id_fields = ["gebied", "vastgelegd_door"]
    list_select_related = ["gebied", "thema", "regio"]


class DialoogFactorInline(admin.TabularInline):
    model = DialoogFactor
    extra = 1


@admin.register(Dialoogsessie)
class DialoogsessieAdmin(admin.ModelAdmin):
    list_display = ["datum", "gebied", "regio"]
    list_filter = ["regio"]
    search_fields = ["gebied__code", "gebied__naam", "conclusies"]
    raw_id_fields = ["gebied", "vastgelegd_door"]
    list_select_related = ["gebied", "regio"]
    inlines = [DialoogFactorInline]
