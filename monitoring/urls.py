from django.urls import path

from portal.views import StapView

from . import urls_bestuur, urls_sos, urls_voortgang

app_name = "monitoring"
urlpatterns = [
    path(
        "",
        StapView.as_view(
            template_name="monitoring/stap.html", permission_required="portal.view_plannen"
        ),
        name="stap",
    ),
    *urls_voortgang.urlpatterns,
    *urls_sos.urlpatterns,
    *urls_bestuur.urlpatterns,
]
