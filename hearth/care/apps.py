from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "hearth.care"
    label = "care"
    verbose_name = "Children looked after"
