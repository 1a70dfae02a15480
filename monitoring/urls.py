from django.urls import path

from portal.views import StapView

app_name = "monitoring"
urlpatterns = [
    path(
        "",
        StapView.as_view(
            template_name="monitoring/stap.html", permission_required="portal.view_plannen"
        ),
        name="stap",
    ),
]
