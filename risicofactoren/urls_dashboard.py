from django.urls import path

from . import views_dashboard as views

app_name = "dashboard"
urlpatterns = [
    path("", views.GemeenteDashboardView.as_view(), name="gemeente"),
    path("<str:wijkcode>/", views.WijkprofielView.as_view(), name="wijk"),
    path("<str:wijkcode>/<str:tabel>.csv", views.WijkprofielCsvView.as_view(), name="wijk_csv"),
]
