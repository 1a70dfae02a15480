"""Routes of the Stap 3 bestuur pages; included by monitoring/urls.py."""

from django.urls import path

from . import views_bestuur

urlpatterns: list = [
    path("<int:pk>/bestuur/", views_bestuur.BestuurView.as_view(), name="bestuur"),
    path("<int:pk>/bestuur.pdf", views_bestuur.BestuurPdfView.as_view(), name="bestuur_pdf"),
    path("<int:pk>/jaarrapport.pdf", views_bestuur.JaarrapportView.as_view(), name="jaarrapport"),
]
