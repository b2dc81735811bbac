from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "hearth.synth"
    label = "synth"
    verbose_name = "Synthetic demo county"
