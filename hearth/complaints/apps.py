from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "hearth.complaints"
    label = "complaints"
    verbose_name = (
        "Complaints and compliments: statutory stages 1 to 3, corporate complaints, the annual report"
    )
