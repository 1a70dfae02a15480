from django.urls import path

from portal.views import StapView

app_name = "wijken"
urlpatterns = [
    path(
        "",
        StapView.as_view(
            template_name="wijken/stap.html", permission_required="portal.view_statistieken"
        ),
        name="stap",
    ),
]
