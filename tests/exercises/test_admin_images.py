"""Clinicians add or replace an exercise's pictures in admin, next to its steps."""

import re

import pytest
from PIL import Image
from reversion.models import Version

from editorial.images import THUMBNAIL_WIDTH
from exercises.models import Exercise
from tests.editorial.clinicians import admin_url, make_editor, make_reviewer, publish_as
from tests.editorial.forms import FormReader, form_from_page
from tests.exercises.test_uploads import image_file
from tests.factories import ConditionFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def with_new_picture(data, upload, alt_text="A runner holding a glute bridge."):
    """The form data with one more row in the pictures inline, carrying ``upload``."""
    index = int(data["images-TOTAL_FORMS"])
    return {
        **data,
        "images-TOTAL_FORMS": str(index + 1),
        f"images-{index}-image": upload,
        f"images-{index}-alt_text": alt_text,
        f"images-{index}-caption": "",
        f"images-{index}-order": "0",
    }


def working_draft(client, live):
    client.post(admin_url(live, "edit"))
    return Exercise.objects.get(draft_of=live)


def test_exercise_change_page_edits_pictures_inline_with_alt_text(client):
    client.force_login(make_reviewer())

    response = client.get(admin_url(ExerciseFactory()))

    formsets = {
        inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]
    }
    assert {"steps", "images"} <= set(formsets)
    fields = formsets["images"].formset.form.base_fields
    assert {"image", "alt_text", "caption", "order"} <= set(fields)
    assert "PNG, JPEG or WebP" in str(fields["image"].help_text)


def test_editors_may_add_change_and_remove_pictures():
    editor = make_editor()

    assert editor.has_perms(
        [
            "exercises.add_exerciseimage",
            "exercises.change_exerciseimage",
            "exercises.delete_exerciseimage",
        ]
    )


def test_a_picture_survives_every_save_preview_submit_publish_and_restore(client, media_root):
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)

    uploaded = client.post(url, with_new_picture(form_from_page(client, url), image_file()))
    assert uploaded.status_code == 302
    name = draft.images.get().image.name
    first_save = Version.objects.get_for_object(draft).first()

    for button, status in (("_continue", 302), ("_preview", 200), ("_submit_review", 302)):
        summary = f"Summary typed before {button}."
        response = client.post(url, {**form_from_page(client, url, summary=summary), button: "1"})
        assert response.status_code == status, button
        assert list(draft.images.values_list("image", flat=True)) == [name], button
        if button != "_preview":
            assert Exercise.objects.get(pk=draft.pk).summary == summary
    live = publish_as(make_reviewer(), draft)
    assert list(live.images.values_list("image", flat=True)) == [name]
    restored = client.post(admin_url(live, "restore", first_save.pk))
    assert restored.status_code == 302
    assert list(live.drafts.get().images.values_list("image", flat=True)) == [name]
    assert (media_root / name).exists()


def test_a_refused_picture_keeps_every_typed_field_and_both_notes(client, media_root):
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)
    typed = form_from_page(
        client,
        url,
        summary="A new summary.",
        cautions="New cautions.",
        _change_note="Clearer cautions",
        _review_note="Please check the cautions.",
    )
    data = with_new_picture(typed, image_file(size=(120, 90)), alt_text="Too small.")

    response = client.post(url, {**data, "_submit_review": "1"})

    assert response.status_code == 200
    assert "between 200 and 4000" in response.content.decode()
    reader = FormReader()
    reader.feed(response.content.decode())
    shown = dict(reader.data)
    kept = {name: value for name, value in data.items() if not name.endswith("-image")}
    assert {name: shown.get(name) for name in kept} == kept


def test_a_picture_uploaded_with_preview_without_saving_is_not_kept(client, media_root):
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)
    data = with_new_picture(form_from_page(client, url), image_file())

    preview = client.post(url, {**data, "_preview": "1"})

    assert not draft.images.exists()
    assert [path for path in media_root.rglob("*") if path.is_file()] == []
    assert "/media/" not in preview.content.decode().split("<main")[1]


def test_preview_without_saving_shows_a_new_picture_in_the_page_itself(client, media_root):
    """Its file is served to nobody and deleted after the preview, so the page carries it: an
    audit's preview showed an empty box where the new picture should be."""
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)
    data = with_new_picture(form_from_page(client, url), image_file())

    page = client.post(url, {**data, "_preview": "1"}).content.decode()

    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{100,}"', page)


def test_an_uploaded_picture_brings_a_small_thumbnail_for_the_lists(client, media_root):
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)

    client.post(url, with_new_picture(form_from_page(client, url), image_file(size=(800, 500))))

    picture = draft.images.get()
    with Image.open(media_root / picture.thumbnail.name) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (THUMBNAIL_WIDTH, 110))


def test_condition_change_page_edits_pictures_inline_with_alt_text(client):
    client.force_login(make_reviewer())

    response = client.get(admin_url(ConditionFactory()))

    formsets = {
        inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]
    }
    assert {"image", "alt_text", "caption", "order"} <= set(
        formsets["images"].formset.form.base_fields
    )


def test_the_reviewer_sees_a_new_picture_once_with_its_alt_text(client, media_root):
    client.force_login(make_editor())
    draft = working_draft(client, ExerciseFactory())
    url = admin_url(draft)
    client.post(url, with_new_picture(form_from_page(client, url), image_file()))
    client.force_login(make_reviewer())

    html = client.get(admin_url(draft, "review")).content.decode()

    section = html[html.index('class="editorial-pictures"') :]
    shown = re.findall(r'<img src="/media/([^"]+)" alt="([^"]*)"', section)
    assert shown == [(draft.images.get().image.name, "A runner holding a glute bridge.")]


def review_pictures(client, draft):
    html = client.get(admin_url(draft, "review")).content.decode()
    return html[html.index('class="editorial-pictures"') :].split("</section>")[0]


def test_the_reviewer_is_told_which_pictures_are_new_files_and_which_the_live_page_has(
    client, media_root
):
    editor, reviewer = make_editor(), make_reviewer()
    client.force_login(editor)
    first = working_draft(client, ExerciseFactory())
    url = admin_url(first)
    client.post(url, with_new_picture(form_from_page(client, url), image_file()))
    client.force_login(reviewer)
    assert "New file" in review_pictures(client, first)
    live = publish_as(reviewer, first)

    client.force_login(editor)
    second = working_draft(client, live)
    client.force_login(reviewer)

    section = review_pictures(client, second)
    assert "Same file as the live page" in section
    assert "New file" not in section
