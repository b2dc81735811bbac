from __future__ import annotations

from django.test import Client
from django.urls import reverse


def test_the_accessibility_statement_and_privacy_notice_are_public(client, db):
    assert "Accessibility statement for Hearth" in client.get(reverse("core:accessibility")).content.decode()
    assert "Privacy notice" in client.get(reverse("core:privacy")).content.decode()


def test_an_unknown_page_gets_the_govuk_404(client, county):
    client.force_login(county.social_worker)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_a_server_error_gets_the_govuk_500_page(county, settings):
    from django.urls import path

    from config import urls

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("broken/", broken), *urls.urlpatterns],
                                          "handler500": urls.handler500})  # fmt: skip
    client = Client(raise_request_exception=False)
    client.force_login(county.social_worker)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_is_refused_in_plain_words(county):
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.social_worker)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 403 and "Your form could not be sent" in response.content.decode()


def test_the_navigation_shows_each_role_only_where_it_may_go(client, county):
    client.force_login(county.social_worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Staff directory" in page and "Audit log" not in page
    client.force_login(county.administrator)
    assert "Audit log" in client.get(reverse("core:home")).content.decode()


def test_the_header_names_the_council_and_not_govuk(client, county):
    client.force_login(county.social_worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Brackenshire County Council" in page and "govuk-header__logotype" not in page
