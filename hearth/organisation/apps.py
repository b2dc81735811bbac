from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "hearth.organisation"
    label = "organisation"
    verbose_name = "Organisation: authorities, districts, teams"
