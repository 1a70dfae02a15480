from django.urls import path

from . import views_schatting as views

app_name = "schatting"
urlpatterns = [
    path("", views.SchattingIndexView.as_view(), name="index"),
    path("methode/", views.MethodeView.as_view(), name="methode"),
    path("<str:code>/", views.SchattingGemeenteView.as_view(), name="gemeente"),
    path("<str:code>/schatting.csv", views.SchattingCsvView.as_view(), name="csv"),
    path("<str:code>/<str:gebiedcode>/", views.SchattingGebiedView.as_view(), name="gebied"),
]
