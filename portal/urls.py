from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wijken.urls import beheer_patterns as wijken_beheer

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("aanmelden/", views.AanmeldView.as_view(), name="login"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/wijzigen/", views.WachtwoordWijzigenView.as_view(), name="password_change"),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("regio/kiezen/", views.kies_regio, name="kies_regio"),
    path("taal/", set_language, name="set_language"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("beheer/", views.BeheerView.as_view(), name="beheer"),
    path("beheer/logboek/", views.LogboekView.as_view(), name="logboek"),
    path("beheer/imports/", include(wijken_beheer)),
    path("wijken/risicofactoren/", include("risicofactoren.urls_catalogus")),
    path("wijken/kennis/", include("risicofactoren.urls")),
    path("wijken/schatting/", include("risicofactoren.urls_schatting")),
    path("wijken/vergelijken/", include("risicofactoren.urls_vergelijken")),
    re_path(r"^wijken/(?P<code>GM\d{4})/", include("risicofactoren.urls_dashboard")),
    path("wijken/", include("wijken.urls")),
    path("regiovisie/", include("acties.urls")),
    path("monitoring/", include("monitoring.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
