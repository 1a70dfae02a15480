from django.urls import path

from . import urls_bestuur, urls_sos, urls_voortgang, views_voortgang

app_name = "monitoring"
urlpatterns = [
    path("", views_voortgang.StapView.as_view(), name="stap"),
    *urls_voortgang.urlpatterns,
    *urls_sos.urlpatterns,
    *urls_bestuur.urlpatterns,
]
