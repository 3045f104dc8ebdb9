"""The production settings with ``bench.floor_urls`` as the address book (`make bench-floor`)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
