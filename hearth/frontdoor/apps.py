from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "hearth.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"
