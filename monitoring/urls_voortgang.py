"""Routes of the Stap 3 voortgang pages; included by monitoring/urls.py."""

from django.urls import path

from . import views_voortgang as views

urlpatterns: list = [
    path("<int:pk>/", views.VoortgangView.as_view(), name="voortgang"),
    path("<int:pk>/doelen/<int:doel_pk>/", views.DoelView.as_view(), name="doel"),
    path("<int:pk>/acties/<int:actie_pk>/", views.ActieView.as_view(), name="actie"),
    path("<int:pk>/sturing/", views.SturingView.as_view(), name="sturing"),
    path("<int:pk>/evaluatie/", views.EvaluatieView.as_view(), name="evaluatie"),
    path("<int:pk>/volgende-cyclus/", views.VolgendeCyclusView.as_view(), name="volgende_cyclus"),
]
