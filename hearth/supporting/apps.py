from django.apps import AppConfig


class SupportingConfig(AppConfig):
    name = "hearth.supporting"
    label = "supporting"
    verbose_name = "Supporting Families: attachment, outcome plans, claims and the programme's report"
