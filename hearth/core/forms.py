"""Helpers shared by the filter forms and list pages of every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """The filters a list page should apply: none until the form is sent, and none while it has errors
    (the page shows the errors in the GOV.UK error summary and the unfiltered list)."""
    return form.cleaned_data if form.is_bound and form.is_valid() else {}


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int) -> Page[Any]:
    """The requested page of results; a page number out of range or not a number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: each message beside its field where the form has that
    field, in the error summary otherwise."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
