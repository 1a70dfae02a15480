from django.urls import path

from . import views

app_name = "risicofactoren"
urlpatterns = [
    # What the wijk knows: signals and dialogue sessions.
    path("", views.KennisView.as_view(), name="kennis"),
    path("wijk/<str:code>/", views.KennisWijkView.as_view(), name="kennis_wijk"),
    path("signalen/", views.SignaalListView.as_view(), name="signalen"),
    path("signalen/nieuw/", views.SignaalNieuwView.as_view(), name="signaal_nieuw"),
    path("signalen/<int:pk>/", views.SignaalDetailView.as_view(), name="signaal"),
    path(
        "signalen/<int:pk>/verwijderen/",
        views.SignaalVerwijderenView.as_view(),
        name="signaal_verwijderen",
    ),
    path("dialoogsessies/", views.DialoogsessieListView.as_view(), name="dialoogsessies"),
    path(
        "dialoogsessies/nieuw/",
        views.DialoogsessieNieuwView.as_view(),
        name="dialoogsessie_nieuw",
    ),
    path(
        "dialoogsessies/<int:pk>/",
        views.DialoogsessieDetailView.as_view(),
        name="dialoogsessie",
    ),
    path(
        "dialoogsessies/<int:pk>/verwijderen/",
        views.DialoogsessieVerwijderenView.as_view(),
        name="dialoogsessie_verwijderen",
    ),
]
