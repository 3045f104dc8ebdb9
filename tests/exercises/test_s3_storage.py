"""With S3 settings, uploads go to the bucket (moto's S3 server stands in for the real one)."""

import re
import urllib.request

import boto3
import pytest

from tests.exercises.test_uploads import add_picture
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
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": "public-read",
            },
        },
    }
    return s3_endpoint


def test_uploaded_picture_round_trips_through_s3_and_renders(client, s3_storage):
    picture = add_picture()

    html = client.get(picture.exercise.get_absolute_url()).content.decode()
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert src.startswith(f"{s3_storage}/{BUCKET}/exercises/")
    with urllib.request.urlopen(src) as response:
        stored = response.read()
    picture.image.open("rb")
    assert stored == picture.image.read()


def test_settings_choose_s3_when_a_bucket_is_named():
    script = (
        "from django.conf import settings;"
        "print(settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = clean_env(
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_CUSTOM_DOMAIN="media.runnersback.example",
    )

    output = run_python(script, env=env).stdout

    assert "storages.backends.s3.S3Storage False" in output
    assert "https://media.runnersback.example" in output
