from django.urls import path

from hearth.insight import views

app_name = "insight"
urlpatterns = [
    path("", views.index, name="index"),
    path("financial-case/", views.financial_case, name="case"),
    path("financial-case/<slug:table>.csv", views.financial_case_csv, name="case-csv"),
    path("forecast/", views.forecast, name="forecast"),
    path("forecast.csv", views.forecast_csv, name="forecast-csv"),
    path("scenarios/", views.scenarios, name="scenarios"),
]
