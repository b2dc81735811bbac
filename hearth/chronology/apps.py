from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "hearth.chronology"
    label = "chronology"
    verbose_name = "Chronologies"
