"""Every exercise is illustrated, start and end, in one drawn style with alt text per step."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from exercises.figures import Limbs, Pose, joints, render, two_bone
from exercises.illustrations import FRAMES, illustrations
from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def test_every_published_exercise_has_a_start_and_an_end_figure():
    for slug in Exercise.objects.published().values_list("slug", flat=True):
        assert len(illustrations(slug)) >= 2, slug


def test_every_figure_has_alt_text_a_caption_and_the_steps_it_shows():
    for slug in FRAMES:
        for illustration in illustrations(slug):
            assert len(str(illustration.alt)) > 30, illustration
            assert str(illustration.caption), illustration
            assert re.fullmatch(r"\d+(-\d+)?", illustration.steps), illustration


def test_figure_steps_stay_within_the_exercise_steps():
    for exercise in Exercise.objects.published().prefetch_related("steps"):
        last_step = max(step.number for step in exercise.steps.all())
        for illustration in illustrations(exercise.slug):
            assert int(illustration.steps.split("-")[-1]) <= last_step, illustration


def test_committed_svg_files_are_what_the_renderer_draws_now():
    for slug in FRAMES:
        for illustration in illustrations(slug):
            path = settings.BASE_DIR / "static" / illustration.filename
            assert path.read_text(encoding="utf-8") == illustration.svg(), (
                f"{path.name} is stale: run manage.py draw_exercises"
            )


def test_render_is_a_pure_function_of_the_pose():
    pose = Pose(hip=(100, 10), torso=180, near=Limbs(thigh=90, shin=0))

    assert render(pose, title="A") == render(pose, title="A")
    assert render(pose, title="A") != render(Pose(hip=(100, 10)), title="A")


def test_rendered_svg_carries_its_title_escaped():
    svg = render(Pose(hip=(100, 60)), title="Knees & hips <bent>")

    assert "<title>Knees &amp; hips &lt;bent&gt;</title>" in svg
    assert svg.startswith("<svg") and 'role="img"' in svg


def test_two_bone_reaches_the_target():
    thigh, shin = two_bone((0, 0), (30, -50), 40, 38)
    pose = Pose(hip=(0, 0), near=Limbs(thigh=thigh, shin=shin))

    ankle = joints(pose)["near.ankle"]
    assert ankle == pytest.approx((30, -50), abs=0.5)


def test_every_exercise_page_shows_its_pictures_with_alt_text(client):
    for exercise in Exercise.objects.published():
        html = client.get(reverse("exercises:detail", args=[exercise.slug])).content.decode()

        images = re.findall(r"<img [^>]+>", html)
        assert len(images) >= 2, exercise.slug
        for image in images:
            assert re.search(r'alt="[^"]{30,}"', image), image
            assert 'width="320"' in image and 'height="200"' in image
        assert html.count("<figcaption>") == len(images)


def test_pictures_after_the_first_load_lazily(client):
    html = client.get(reverse("exercises:detail", args=["dead-bug"])).content.decode()

    images = re.findall(r"<img [^>]+>", html)
    assert 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_illustration_files_are_served_as_static_files(client):
    response = client.get("/static/exercises/dead-bug-1.svg")

    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)
