from django.urls import path

from portal.views import StapView

from . import views

app_name = "wijken"
urlpatterns = [
    path(
        "",
        StapView.as_view(
            template_name="wijken/stap.html", permission_required="portal.view_statistieken"
        ),
        name="stap",
    ),
    path("gebieden/", views.GebiedListView.as_view(), name="gebieden"),
    path("gebieden/<str:code>/", views.GebiedDetailView.as_view(), name="gebied"),
]

beheer_patterns = (
    [
        path("", views.ImportListView.as_view(), name="imports"),
        path("<int:pk>/", views.ImportDetailView.as_view(), name="import"),
        path("<int:pk>/starten/", views.ImportStartView.as_view(), name="import_starten"),
        path("<int:pk>/status/", views.ImportStatusView.as_view(), name="import_status"),
        path(
            "<int:pk>/problemen.csv", views.ImportProblemenView.as_view(), name="import_problemen"
        ),
        path(
            "indicator-toevoegen/",
            views.IndicatorToevoegenView.as_view(),
            name="indicator_toevoegen",
        ),
    ],
    "beheer-imports",
)
