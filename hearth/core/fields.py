"""Form fields in the GOV.UK pattern: a date as three boxes, with the design system's error wording."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone


class DateWidget(forms.MultiWidget):
    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """Day, month and year boxes. Errors say which part is missing or that the date is not real."""

    widget = DateWidget

    def __init__(self, *, label: str, required: bool = True, **kwargs: Any) -> None:
        self.noun = label[0].lower() + label[1:]
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, required=required, require_all_fields=False, label=label, **kwargs)

    def clean(self, value: Any) -> date | None:
        day, month, year = ((v or "").strip() for v in (value or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(f"Enter {self.noun}", code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(
                f"{self.label} must include a {' and a '.join(missing)}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"{self.label} must be a real date, like 27 3 2015", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(
                f"{self.label} must be a real date, like 27 3 2015", code="invalid"
            ) from error

    def compress(self, data_list: list[Any]) -> Any:  # clean() does the work
        return data_list


class TimeField(forms.CharField):
    """A time of day typed as hours and minutes, "21:30" or "9.05"."""

    def __init__(self, *, label: str, required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 21:30")
        super().__init__(label=label, required=required, max_length=5, **kwargs)

    def clean(self, value: Any) -> time | None:
        text = (super().clean(value) or "").strip().replace(".", ":")
        if not text:
            return None
        hours, _, minutes = text.partition(":")
        if not (
            hours.isdigit()
            and minutes.isdigit()
            and len(minutes) == 2
            and int(hours) < 24
            and int(minutes) < 60
        ):
            raise forms.ValidationError(f"{self.label} must be hours and minutes, like 21:30", code="invalid")
        return time(int(hours), int(minutes))


def at_time(day: date | None, at: time | None, default: time = time(12)) -> datetime | None:
    """A date and a time of day as an aware datetime in the council's time zone."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, at or default))
