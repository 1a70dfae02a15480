"""Routes of the Stap 3 sos pages; included by monitoring/urls.py."""

from django.urls import path

from . import views_sos as views

urlpatterns: list = [
    path("sos/", views.SosView.as_view(), name="sos"),
    path("sos/import/", views.SosImportView.as_view(), name="sos_import"),
    path(
        "sos/<int:score_pk>/verwijderen/",
        views.SosVerwijderenView.as_view(),
        name="sos_verwijderen",
    ),
    path("sos/resultaten/", views.SosResultatenView.as_view(), name="sos_resultaten"),
    path("sos/resultaten.csv", views.SosResultatenCsvView.as_view(), name="sos_resultaten_csv"),
]
