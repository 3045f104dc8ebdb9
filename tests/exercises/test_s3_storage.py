"""With S3 settings, uploads go to the bucket, private, and reach browsers only through the
site's media view (moto's S3 server stands in for the real one)."""

import re
import urllib.error
import urllib.request

import boto3
import pytest

from tests.editorial.clinicians import make_editor
from tests.exercises.test_uploads import add_picture
from tests.factories import ExerciseFactory
from tests.helpers import clean_env, free_port, run_python

pytestmark = pytest.mark.django_db
BUCKET = "runners-back-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    s3_client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "config.storage.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "file_overwrite": False,
                "default_acl": "private",
            },
        },
    }
    return s3_endpoint


def stored_bytes(endpoint, name):
    return s3_client(endpoint).get_object(Bucket=BUCKET, Key=name)["Body"].read()


def anonymous_bucket_status(endpoint, name):
    try:
        with urllib.request.urlopen(f"{endpoint}/{BUCKET}/{name}") as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_uploaded_picture_round_trips_through_s3_and_renders_from_the_site(client, s3_storage):
    picture = add_picture()

    html = client.get(picture.exercise.get_absolute_url()).content.decode()
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert src == f"/media/{picture.image.name}"
    served = client.get(src)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == stored_bytes(s3_storage, picture.image.name)


def test_a_picture_in_the_bucket_cannot_be_fetched_from_the_bucket_anonymously(s3_storage):
    picture = add_picture()

    assert anonymous_bucket_status(s3_storage, picture.image.name) == 403


def test_a_picture_of_an_unpublished_exercise_in_s3_is_not_found_for_the_public(client, s3_storage):
    picture = add_picture(ExerciseFactory(status="draft"))

    assert client.get(picture.image.url).status_code == 404


def test_staff_see_a_picture_of_an_unpublished_exercise_in_s3(client, s3_storage):
    picture = add_picture(ExerciseFactory(status="draft"))
    client.force_login(make_editor())

    response = client.get(picture.image.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_settings_choose_the_private_s3_storage_when_a_bucket_is_named():
    script = (
        "from django.conf import settings;"
        "print(settings.STORAGES['default']['BACKEND'],"
        " settings.STORAGES['default']['OPTIONS']['default_acl'],"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = clean_env(DEBUG="1", AWS_STORAGE_BUCKET_NAME=BUCKET)

    output = run_python(script, env=env).stdout

    assert output.strip() == "config.storage.PrivateMediaStorage private [\"'self'\", 'data:']"
