import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 60 * 1024


def test_condition_page_css_and_js_are_under_60_kb_compressed(client):
    html = client.get(reverse("conditions:detail", args=["sciatica"])).content.decode()
    assets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="/static/([^"]+)"', html)

    compressed = sum(len(gzip.compress(open(finders.find(a), "rb").read(), 9)) for a in assets)

    assert assets
    assert compressed < BUDGET_BYTES, f"{compressed} bytes of CSS and JS after gzip"


def test_pages_load_no_javascript_framework(client):
    html = client.get("/").content.decode()

    assert "<script src" not in html
