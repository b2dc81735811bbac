from __future__ import annotations

import time

from django.urls import reverse

from hearth.accounts.middleware import LAST_ACTIVITY
from hearth.audit.models import AuditAction, AuditEvent
from hearth.core.tests.factories import PASSWORD


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def test_a_user_signs_in_and_lands_on_my_work(client, county):
    response = sign_in(client, "sw")
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=county.social_worker).exists()


def test_a_wrong_password_gets_a_govuk_error_and_is_audited(client, county):
    response = sign_in(client, "sw", "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter a correct username and password" in page
    assert "<title>Error: Sign in" in page
    failed = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.authority_id == county.authority.pk and "'sw'" in failed.summary


def test_blank_fields_say_what_to_enter(client, county):
    page = client.post(reverse("accounts:sign-in"), {"username": "", "password": ""}).content.decode()
    assert 'href="#id_username">Enter your username' in page
    assert 'href="#id_password">Enter your password' in page


def test_repeated_wrong_passwords_lock_the_account_from_that_address_and_are_audited(client, county):
    for _ in range(5):
        sign_in(client, "sw", "wrong-password")
    response = sign_in(client, "sw")  # even the right password is refused now
    assert response.status_code == 429
    assert "You cannot sign in at the moment" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, authority=county.authority).exists()


def test_a_failed_sign_in_for_an_unknown_username_goes_to_the_platform_chain(client, db):
    sign_in(client, "nobody", "whatever-it-is")
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).chain == "platform"


def test_what_a_user_types_is_escaped(client, county):
    page = client.post(
        reverse("accounts:sign-in"), {"username": "<script>alert(1)</script>", "password": "x"}
    )
    text = page.content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_pages_need_a_signed_in_user(client, county):
    response = client.get(reverse("organisation:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_signing_out_needs_a_post_and_is_audited(client, county):
    client.force_login(county.social_worker)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:sign-in") + "?reason=signed-out"
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=county.social_worker).exists()
    assert client.get(reverse("core:home")).status_code == 302


def test_an_idle_session_is_signed_out_and_the_sign_in_page_says_why(client, county, settings):
    client.force_login(county.social_worker)
    client.get(reverse("core:home"))
    session = client.session
    session[LAST_ACTIVITY] = time.time() - settings.HEARTH_IDLE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("organisation:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in") + "?reason=timeout")
    assert AuditEvent.objects.filter(action=AuditAction.TIMED_OUT, actor=county.social_worker).exists()
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you did not use Hearth for 30 minutes" in page


def test_asking_how_long_is_left_does_not_keep_the_session_alive(client, county, settings):
    client.force_login(county.social_worker)
    client.get(reverse("core:home"))
    session = client.session
    session[LAST_ACTIVITY] = time.time() - 100
    session.save()
    data = client.get(reverse("accounts:session-status")).json()
    assert data["signedIn"] is True
    assert settings.HEARTH_IDLE_TIMEOUT - 102 <= data["secondsLeft"] <= settings.HEARTH_IDLE_TIMEOUT - 99
    extended = client.post(reverse("accounts:session-extend"), HTTP_ACCEPT="application/json").json()
    assert extended["secondsLeft"] >= settings.HEARTH_IDLE_TIMEOUT - 1


def test_staying_signed_in_without_javascript_returns_to_the_page(client, county):
    client.force_login(county.social_worker)
    response = client.post(reverse("accounts:session-extend"), {"next": "/staff/"})
    assert response["Location"] == "/staff/"
    response = client.post(reverse("accounts:session-extend"), {"next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("core:home")
