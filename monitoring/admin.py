"""Admin for Stap 3: for beheerders to look up and correct a row. Pages and services are the
normal way in (they check the regio and log who did what); Signs of Safety scores are shown
read-only here, their codes being pseudonyms that only the regio's own records resolve."""

from django.contrib import admin

from .models import ActieVoortgang, Evaluatie, Meting, SosScore, SturingsCheck, SturingsEis


@admin.register(Meting)
class MetingAdmin(admin.ModelAdmin):
    list_display = ["doel", "datum", "waarde", "herkomst", "bron"]
    list_filter = ["herkomst", "doel__regiovisie__regio"]
    search_fields = ["doel__omschrijving", "bron", "opmerking"]
    date_hierarchy = "datum"
    raw_id_fields = ["doel", "vastgelegd_door"]


@admin.register(ActieVoortgang)
class ActieVoortgangAdmin(admin.ModelAdmin):
    list_display = ["actie", "periode", "status", "bereik", "budget_besteed"]
    list_filter = ["status", "actie__regiovisie__regio"]
    search_fields = ["actie__naam", "opmerking"]
    raw_id_fields = ["actie", "vastgelegd_door"]


class SturingsCheckInline(admin.TabularInline):
    model = SturingsCheck
    extra = 0
    raw_id_fields = ["vastgelegd_door"]


@admin.register(SturingsEis)
class SturingsEisAdmin(admin.ModelAdmin):
    list_display = ["eis", "instrument", "partner"]
    list_filter = ["instrument__soort", "instrument__actie__regiovisie__regio"]
    search_fields = ["eis", "toelichting", "instrument__actie__naam", "partner__naam"]
    raw_id_fields = ["instrument", "partner"]
    inlines = [SturingsCheckInline]


@admin.register(Evaluatie)
class EvaluatieAdmin(admin.ModelAdmin):
    list_display = ["regiovisie", "doel", "actie", "gewijzigd"]
    list_filter = ["regiovisie__regio"]
    raw_id_fields = ["regiovisie", "doel", "actie", "vastgelegd_door"]


@admin.register(SosScore)
class SosScoreAdmin(admin.ModelAdmin):
    list_display = ["traject", "regio", "wijk", "moment", "perspectief", "score", "datum"]
    list_filter = ["regio", "moment", "perspectief"]
    search_fields = ["traject"]
    date_hierarchy = "datum"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
