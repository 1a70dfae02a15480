from django.urls import path

from . import views_catalogus as views

app_name = "catalogus"
urlpatterns = [
    path("", views.CatalogusView.as_view(), name="lijst"),
    path("<slug:code>/wijzigen/", views.FactorWijzigenView.as_view(), name="wijzigen"),
]
