"""Routes of the Stap 3 voortgang pages; included by monitoring/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
