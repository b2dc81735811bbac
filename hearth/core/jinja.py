"""The Jinja2 environment for every Hearth page: GOV.UK Frontend macros, `url`, `static`, date filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup, escape


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value: date | datetime | None, time: bool = False) -> str:
    """Dates as GOV.UK style writes them: 22 November 2026, or 22 November 2026 at 3:05pm."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{local.day} {local:%B %Y}"
        if time:
            hour = local.hour % 12 or 12
            text += f" at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
        return text
    return f"{value.day} {value:%B %Y}"


def govuk_time(value: datetime | None) -> str:
    """A time as GOV.UK style writes it: 10am, 11:30am, midday, midnight."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local:%M}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def govuk_span(starts: datetime | None, ends: datetime | None) -> str:
    """When a meeting is: Tuesday 1 December 2026, 10am to 11:30am."""
    if starts is None or ends is None:
        return ""
    local = timezone.localtime(starts) if timezone.is_aware(starts) else starts
    return f"{local:%A} {govuk_date(local)}, {govuk_time(starts)} to {govuk_time(ends)}"


# Small builders for the `html` of GOV.UK table cells and summary rows. Each escapes what it is given,
# so user-entered text can never become markup.
def link(href: str, text: object, classes: str = "govuk-link") -> Markup:
    return Markup('<a class="{}" href="{}">{}</a>').format(classes, href, text)


def strong(text: object) -> Markup:
    return Markup("<strong>{}</strong>").format(text)


def secondary(text: object) -> Markup:
    return Markup('<span class="govuk-body-s hearth-secondary">{}</span>').format(text)


def lines(*parts: object) -> Markup:
    """Non-empty parts, each escaped, one per line."""
    return Markup("<br>").join(escape(p) for p in parts if p not in (None, ""))


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    # Django's backend passes autoescape=True; insist on it, so nothing a user types is ever unescaped.
    options.pop("autoescape", None)
    env = Environment(
        autoescape=True,
        loader=ChoiceLoader(
            [loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        **options,
    )
    env.globals.update(
        {"url": url, "static": static, "link": link, "strong": strong, "secondary": secondary, "lines": lines}
    )
    env.filters["govuk_date"] = govuk_date
    env.filters["govuk_time"] = govuk_time
    env.globals["govuk_span"] = govuk_span
    return env
