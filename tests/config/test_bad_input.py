"""Input a browser never sends (NUL characters, over-long values) gets the 400 page, not a
500: the three 500s found in issue 21, which PostgreSQL showed and SQLite hid."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_bad_request_page(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert "The address or form could not be read" in html
    assert "Skip to main content" in html
    assert "Traceback" not in html


def test_nul_in_the_exercise_sheet_query_is_a_bad_request(client):
    assert_bad_request_page(client.get("/exercises/sheet/?e=%00"))


def test_nul_in_an_admin_list_filter_is_a_bad_request(admin_client):
    response = admin_client.get(reverse("admin:conditions_condition_changelist") + "?status=%00")

    assert_bad_request_page(response)


def test_admin_login_with_an_over_long_username_is_a_bad_request_and_not_recorded(client):
    response = client.post(
        reverse("admin:login"), {"username": "x" * 300, "password": "wrong-password"}
    )

    assert_bad_request_page(response)
    assert not AccessAttempt.objects.exists()


def test_admin_login_with_a_username_of_the_longest_allowed_length_is_an_ordinary_failure(
    client,
):
    response = client.post(
        reverse("admin:login"), {"username": "x" * 150, "password": "wrong-password"}
    )

    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


@pytest.mark.parametrize("path", ["/search/?q=plank%00", "/exercises/?q%00=1", "/conditions/%00/"])
def test_nul_anywhere_in_the_address_is_a_bad_request_with_the_site_headers(client, path):
    response = client.get(path)

    assert_bad_request_page(response)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_query_string_that_is_not_utf8_is_read_not_refused(client):
    response = client.get("/exercises/sheet/?e=%ff%fe")

    assert response.status_code == 200
