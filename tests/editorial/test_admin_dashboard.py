"""The review dashboard on the admin index, and the review cycle's dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.review import DUE_SOON, OVERDUE, UP_TO_DATE, months_after, review_state
from tests.editorial.clinicians import admin_url, make_reviewer, make_staff
from tests.factories import ConditionFactory, ExerciseFactory

TODAY = datetime.date(2026, 11, 21)


def reviewed(days_until_due):
    today = timezone.localdate()
    due = today + datetime.timedelta(days=days_until_due)
    return {"last_reviewed": due - datetime.timedelta(days=365), "next_review_due": due}


def dashboard(client):
    response = client.get(reverse("admin:index"))
    return response.content.decode().split('id="review-dashboard-heading"')[1]


@pytest.mark.django_db
def test_dashboard_lists_an_overdue_item_linked_to_its_change_page(client):
    overdue = ConditionFactory(name="Overdue condition", **reviewed(-3))
    client.force_login(make_reviewer())

    section = dashboard(client)

    assert "Overdue condition" in section
    assert f'href="{admin_url(overdue)}"' in section


@pytest.mark.django_db
def test_dashboard_lists_an_item_due_within_30_days(client):
    ExerciseFactory(name="Soon exercise", **reviewed(20))
    client.force_login(make_reviewer())

    assert "Soon exercise" in dashboard(client)


@pytest.mark.django_db
def test_dashboard_leaves_out_a_freshly_reviewed_item(client):
    ConditionFactory(name="Fresh condition", **reviewed(300))
    client.force_login(make_reviewer())

    assert "Fresh condition" not in dashboard(client)


@pytest.mark.django_db
def test_dashboard_groups_items_by_type(client):
    ConditionFactory(**reviewed(-1))
    ExerciseFactory(**reviewed(-1))
    client.force_login(make_reviewer())

    section = dashboard(client)

    assert "<caption>Conditions</caption>" in section
    assert "<caption>Exercises</caption>" in section


@pytest.mark.django_db
def test_dashboard_is_not_shown_to_staff_without_a_role(client):
    ConditionFactory(**reviewed(-1))
    client.force_login(make_staff("no-role"))

    response = client.get(reverse("admin:index"))

    assert "review-dashboard-heading" not in response.content.decode()


def test_review_is_overdue_the_day_after_it_was_due():
    assert review_state(TODAY, today=TODAY + datetime.timedelta(days=1)) == OVERDUE


def test_review_due_today_counts_as_due_soon():
    assert review_state(TODAY, today=TODAY) == DUE_SOON


def test_review_due_in_31_days_is_up_to_date():
    assert review_state(TODAY + datetime.timedelta(days=31), today=TODAY) == UP_TO_DATE


def test_twelve_months_after_a_date_is_the_same_day_next_year():
    assert months_after(datetime.date(2026, 11, 21), 12) == datetime.date(2027, 11, 21)


def test_months_after_the_end_of_a_long_month_ends_on_the_shorter_months_last_day():
    assert months_after(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_months_after_a_leap_day_falls_back_to_the_28th():
    assert months_after(datetime.date(2028, 2, 29), 12) == datetime.date(2029, 2, 28)
