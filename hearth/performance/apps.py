from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "hearth.performance"
    label = "performance"
    verbose_name = "Performance: indicators, rates per 10,000 and timeliness by district and team"
