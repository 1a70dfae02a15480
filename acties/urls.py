from django.urls import include, path

from . import urls_aanbod, urls_document, views

app_name = "acties"
urlpatterns = [
    path("", views.OverzichtView.as_view(), name="stap"),
    path("nieuw/", views.NieuwView.as_view(), name="nieuw"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("<int:pk>/stap/<int:stap>/", views.WizardView.as_view(), name="wizard"),
    path("<int:pk>/acties/nieuw/", views.ActieView.as_view(), name="actie_nieuw"),
    path("<int:pk>/acties/<int:actie_pk>/", views.ActieView.as_view(), name="actie"),
    path(
        "<int:pk>/acties/<int:actie_pk>/verwijderen/",
        views.ActieVerwijderenView.as_view(),
        name="actie_verwijderen",
    ),
    path("", include(urls_aanbod.urlpatterns)),
    path("", include(urls_document.urlpatterns)),
]
