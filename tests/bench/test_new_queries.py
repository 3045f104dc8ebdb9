"""`make bench`'s uncached searches are new on every request: no wrk thread, and no later run,
sends a query another sent, so the page cache never answers or stores one of them."""

import os
import shutil
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.run import RUNNER_SEARCHES, UNIQUE_QUERY, run_wrk

pytestmark = pytest.mark.stack


def require_wrk():
    if shutil.which("wrk") is None:
        reason = "wrk is not installed (apt-get install wrk)"
        if os.environ.get("REQUIRE_WRK"):
            pytest.fail(f"REQUIRE_WRK is set but {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def recording_server():
    """A local server answering 200 to every GET, with the queries it was sent."""
    queries = []

    class Recorder(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            queries.append(parse_qs(urlsplit(self.path).query)["q"][0])
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/search/", queries
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("script", [UNIQUE_QUERY, RUNNER_SEARCHES], ids=lambda path: path.stem)
def test_no_thread_or_later_run_repeats_a_query(recording_server, script):
    require_wrk()
    url, queries = recording_server

    for _ in range(2):
        run_wrk(url, {}, connections=4, seconds=1, script=script, threads=2)

    repeated = [query for query, times in Counter(queries).items() if times > 1]
    assert len(queries) > 100
    assert repeated == []
