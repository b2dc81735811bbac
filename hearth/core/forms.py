"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms


class FilterForm(forms.Form):
    """A GET filter form: blank fields mean "any"."""

    def value(self, name: str) -> object:
        return self.cleaned_data.get(name) if self.is_valid() else None
