"""deploy/compose.yaml: the app believes forwarded headers from the nginx container alone."""

import ipaddress

import pytest
import yaml

from core.client_ip import client_ip
from tests.helpers import PROJECT_DIR

COMPOSE = yaml.safe_load((PROJECT_DIR / "deploy" / "compose.yaml").read_text())


def trusted_in_compose():
    return COMPOSE["x-app"]["environment"]["FORWARDED_ALLOW_IPS"]


def test_the_app_trusts_forwarded_headers_from_nginx_s_fixed_address_only():
    nginx = COMPOSE["services"]["nginx"]["networks"]["default"]["ipv4_address"]
    subnet = COMPOSE["networks"]["default"]["ipam"]["config"][0]["subnet"]

    assert trusted_in_compose() == nginx
    assert ipaddress.ip_address(nginx) in ipaddress.ip_network(subnet)
    for name in ("web", "migrate"):  # both read the shared app environment
        assert COMPOSE["services"][name]["environment"]["FORWARDED_ALLOW_IPS"] == nginx


def test_no_other_service_is_pinned_to_nginx_s_address():
    nginx = COMPOSE["services"]["nginx"]["networks"]["default"]["ipv4_address"]
    for name, service in COMPOSE["services"].items():
        if name != "nginx":
            pinned = (service.get("networks") or {}).get("default") or {}
            assert pinned.get("ipv4_address") != nginx


@pytest.mark.parametrize(
    ("peer", "expected"),
    [("172.28.0.10", "198.51.100.7"), ("172.28.0.5", "172.28.0.5")],
    ids=["from nginx", "from another container"],
)
def test_with_the_compose_setting_only_nginx_s_forwarded_header_is_believed(
    rf, settings, peer, expected
):
    settings.TRUSTED_PROXIES = trusted_in_compose().split(",")
    request = rf.get("/", REMOTE_ADDR=peer, headers={"x-forwarded-for": "198.51.100.7"})

    assert client_ip(request) == expected


def test_nginx_reads_the_apps_uploads_read_only_where_its_internal_location_points():
    nginx_conf = (PROJECT_DIR / "deploy" / "nginx.conf").read_text()
    location = COMPOSE["x-app"]["environment"]["MEDIA_ACCEL_REDIRECT"]
    web_volume = next(v for v in COMPOSE["services"]["web"]["volumes"] if v.endswith(":/app/media"))
    volume_name = web_volume.split(":")[0]

    assert f"location ^~ {location} {{\n            internal;\n            alias /srv/media/;" in (
        nginx_conf
    )
    assert f"{volume_name}:/srv/media:ro" in COMPOSE["services"]["nginx"]["volumes"]
