from django.urls import path

from hearth.core import report_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/<slug:key>/", report_views.report, name="report"),
    path("reports/<slug:key>/<slug:table>.csv", report_views.report_csv, name="report-csv"),
]
