"""The regiovisie as a document: HTML print view and PDF (included in the acties namespace)."""

from django.urls import path

from . import views_document

urlpatterns: list = [
    path("<int:pk>/afdrukken/", views_document.AfdrukkenView.as_view(), name="afdrukken"),
    path("<int:pk>/regiovisie.pdf", views_document.PdfView.as_view(), name="pdf"),
]
