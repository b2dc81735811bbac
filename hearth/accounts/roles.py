"""Staff roles. What each role may do is decided in hearth.core.access, not here."""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    FRONT_DOOR_OFFICER = "front_door_officer", "Front door officer"
    IRO = "iro", "Independent reviewing officer"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    ADMINISTRATOR = "administrator", "Administrator"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    SCRUTINY_OFFICER = "scrutiny_officer", "Scrutiny officer"


class PractitionerKind(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    FAMILY_SUPPORT_WORKER = "family_support_worker", "Family support worker"
    EARLY_HELP_KEY_WORKER = "early_help_key_worker", "Early help key worker"
