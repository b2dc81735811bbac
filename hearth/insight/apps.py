from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "hearth.insight"
    label = "insight"
    verbose_name = "Insight: forecasts, scenarios and reports"
