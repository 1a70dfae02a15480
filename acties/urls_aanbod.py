"""The aanbod inventory and the vraag-aanbod-analyse (included in the acties namespace)."""

from django.urls import path

from . import views_aanbod as views

urlpatterns: list = [
    path("aanbod/", views.AanbodListView.as_view(), name="aanbod"),
    path("aanbod/nieuw/", views.AanbodNieuwView.as_view(), name="aanbod_nieuw"),
    path("aanbod/<int:pk>/", views.AanbodWijzigenView.as_view(), name="aanbod_wijzigen"),
    path(
        "aanbod/<int:pk>/verwijderen/",
        views.AanbodVerwijderenView.as_view(),
        name="aanbod_verwijderen",
    ),
    path("vraag-aanbod/", views.VraagAanbodView.as_view(), name="vraag_aanbod"),
    path("vraag-aanbod.csv", views.VraagAanbodCsvView.as_view(), name="vraag_aanbod_csv"),
]
