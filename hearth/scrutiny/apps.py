from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "hearth.scrutiny"
    label = "scrutiny"
    verbose_name = "Scrutiny: committees, meetings, the work programme and agenda packs"
