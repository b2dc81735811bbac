from django.urls import path

from hearth.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("headlines.csv", views.index_csv, name="index-csv"),
    path("<slug:key>/", views.indicator, name="indicator"),
    path("<slug:key>/<slug:table>.csv", views.indicator_csv, name="csv"),
]
