"""Helpers shared by the filter forms and list pages of every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
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


class PagePosts:
    """A page with several small forms (arrange a meeting, add an attendee, record it...): each form posts
    its name in a `form` field; only that form is bound, validated and run through its service."""

    def __init__(self, request: HttpRequest, allowed: bool = True) -> None:
        self.request = request
        self.posted = request.POST.get("form", "") if request.method == "POST" and allowed else ""
        self.forms: dict[str, tuple[forms.Form, Callable[[dict[str, Any]], object], str]] = {}

    def form(self, name: str, form_class: Callable[..., forms.Form], run: Callable[[dict[str, Any]], object],
             done: str, **kwargs: Any) -> forms.Form:  # fmt: skip
        form = form_class(self.request.POST if self.posted == name else None, prefix=name, **kwargs)
        self.forms[name] = (form, run, done)
        return form

    def run(self) -> bool:
        """Run the posted form's service. True when it succeeded (the view then redirects)."""
        if self.posted not in self.forms:
            return False
        form, run, done = self.forms[self.posted]
        if not form.is_valid():
            return False
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return False
        messages.success(self.request, done)
        return True

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form, _, _ in self.forms.values())
