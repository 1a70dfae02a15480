from django.urls import path

from portal.views import StapView

app_name = "acties"
urlpatterns = [
    path(
        "",
        StapView.as_view(
            template_name="acties/stap.html", permission_required="portal.view_plannen"
        ),
        name="stap",
    ),
]
