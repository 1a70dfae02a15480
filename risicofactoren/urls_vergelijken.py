from django.urls import path

from . import views_vergelijken as views

app_name = "vergelijken"
urlpatterns = [
    path("", views.VergelijkenView.as_view(), name="vergelijken"),
    path("vergelijking.csv", views.VergelijkenCsvView.as_view(), name="csv"),
]
