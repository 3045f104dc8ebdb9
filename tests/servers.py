"""Real servers for tests: gunicorn with the production settings, Debian's nginx running
deploy/nginx.conf, a TCP proxy that can cut the line to PostgreSQL as an outage would, and a
port that accepts connections and never answers (a hung Redis)."""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from bench.stack import HTTPS, PROJECT_DIR, fetch, free_port, gunicorn, hung_server, wait_for

__all__ = ["HTTPS", "TcpProxy", "fetch", "gunicorn", "hung_server", "nginx", "wait_for"]


class TcpProxy:
    """Forwards a local port to a target; stop() cuts every connection and refuses new ones."""

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def stop(self):
        with contextlib.suppress(OSError):  # wakes the accept() under way (close alone does not)
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_CONF = PROJECT_DIR / "deploy" / "nginx.conf"
# nginx's server_name in tests (${SITE_HOST} in production): the first is the site's own name,
# where plain HTTP is redirected; the others are how the tests reach it.
SITE_HOSTS = ("runnersback.example", "localhost", "127.0.0.1")


def require_nginx():
    """Skip without Debian's nginx, or fail when CI requires it (REQUIRE_NGINX)."""
    if not os.path.exists(NGINX):
        reason = "nginx is not installed (apt-get install nginx)"
        if os.environ.get("REQUIRE_NGINX"):
            pytest.fail(f"REQUIRE_NGINX is set but {reason}", pytrace=False)
        pytest.skip(reason)


def self_signed_certificate(folder):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-keyout", str(folder / "privkey.pem"),
         "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


class Nginx:
    def __init__(self, process, http_port, https_port, log):
        self.process = process
        self.http = f"http://127.0.0.1:{http_port}"
        self.https = f"https://127.0.0.1:{https_port}"
        self.https_port = https_port
        self.log = log

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")


@contextlib.contextmanager
def nginx(*, upstream_port, static_root, edits=None):
    """Run deploy/nginx.conf with its ports, paths, upstream and ${SITE_HOST} (SITE_HOSTS)
    replaced; yield an Nginx.

    static_root is the folder holding static/ (nginx's `root`) and media/ (the uploads, sent
    by X-Accel-Redirect), readable by nginx's workers.
    edits ({old: new}) are further replacements, for tests that plant a fault in the file.
    """
    require_nginx()
    work = Path(tempfile.mkdtemp(prefix="nginx-"))
    os.chmod(work, 0o755)
    self_signed_certificate(work)
    http_port, https_port = free_port(), free_port()
    https = f"127.0.0.1:{https_port}"
    replacements = {
        "web:8000": f"127.0.0.1:{upstream_port}",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen {https} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 443 ssl http2 default_server;": f"listen {https} ssl http2 default_server;",
        "listen [::]:443 ssl http2 default_server;": "",
        "${SITE_HOST}": " ".join(SITE_HOSTS),
        "/etc/nginx/certs/": f"{work}/",
        "root /srv;": f"root {static_root};",
        "alias /srv/media/;": f"alias {static_root}/media/;",
        "/run/nginx.pid": f"{work}/nginx.pid",
        "/var/lib/nginx/": f"{work}/",
        "/var/cache/nginx/micro": f"{work}/micro",
        **(edits or {}),
    }
    conf = NGINX_CONF.read_text()
    for old, new in replacements.items():
        assert old in conf, f"deploy/nginx.conf no longer contains {old!r}"
        conf = conf.replace(old, new)
    (work / "nginx.conf").write_text(conf)
    with tempfile.NamedTemporaryFile("w+", prefix="nginx-", suffix=".log") as log:
        process = subprocess.Popen(
            [NGINX, "-e", "stderr", "-p", str(work), "-c", str(work / "nginx.conf"),
             "-g", "daemon off;"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        server = Nginx(process, http_port, https_port, log)

        def answering():
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{server.output()}")
            try:
                with socket.create_connection(("127.0.0.1", https_port), timeout=1):
                    return True
            except OSError:
                return False

        try:
            wait_for(answering, seconds=15)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            shutil.rmtree(work, ignore_errors=True)
