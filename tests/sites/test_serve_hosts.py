"""The preview answers only the addresses it was started on: a page elsewhere that has its own
name resolve to this machine (DNS rebinding) gets 403, and the reload socket refuses other origins."""
import base64
import os
import socket
from urllib.parse import urlsplit

import pytest

from recaps.serve.server import LOOPBACK, allowed_hosts, is_own_address, preview_url, split_host
from tests.serving import ROOT, Served, copy_project

pytestmark = pytest.mark.slow

FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"


@pytest.mark.parametrize("header, expected", [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)),
    ("LocalHost:8000", ("localhost", 8000)),
    ("[::1]:8000", ("::1", 8000)),
    ("[::1]", ("::1", 80)),
    ("example.org", ("example.org", 80)),
    ("", None),
    (":8000", None),
    ("localhost:port", None),
    ("localhost:99999", None),
    ("user@localhost:8000", None),
    ("localhost:8000/index.html", None),
    ("localhost:8000?x", None),
])
def test_split_host(header, expected):
    assert split_host(header) == expected


LOOPBACK_REFUSED = ["evil.example:8000", "evil.example", "127.0.0.1.nip.io:8000", "localhost.:8000",
                    "localhost.evil.example:8000", "127.0.0.1:8001", "localhost", "0.0.0.0:8000",
                    "192.0.2.10:8000", "", "user@localhost:8000"]


@pytest.mark.parametrize("bind", ["127.0.0.1", "localhost", "::1", "[::1]", "LOCALHOST"])
@pytest.mark.parametrize("header, allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST:8000", True), ("[::1]:8000", True),
    *[(header, False) for header in LOOPBACK_REFUSED],
])
def test_a_loopback_preview_answers_the_loopback_names_at_its_port(bind, header, allowed):
    assert allowed_hosts(bind, 8000).allows(header) is allowed


@pytest.mark.parametrize("bind, header, allowed", [
    ("192.0.2.10", "192.0.2.10:8000", True),
    ("192.0.2.10", "127.0.0.1:8000", False),
    ("192.0.2.10", "evil.example:8000", False),
    ("recaps.lan", "recaps.lan:8000", True),
    ("recaps.lan", "RECAPS.lan:8000", True),
    ("recaps.lan", "localhost:8000", False),
    ("fe80::1", "[fe80::1]:8000", True),
    ("127.0.0.2", "127.0.0.2:8000", True),
    ("127.0.0.2", "localhost:8000", True),
    ("127.0.0.2", "evil.example:8000", False),
])
def test_a_preview_on_one_address_answers_that_address(bind, header, allowed):
    assert allowed_hosts(bind, 8000).allows(header) is allowed


def test_port_80_needs_no_port_in_the_header():
    assert allowed_hosts("localhost", 80).allows("localhost")
    assert allowed_hosts("localhost", 80).allows("localhost:80")
    assert not allowed_hosts("localhost", 80).allows("evil.example")


@pytest.mark.parametrize("bind", ["0.0.0.0", "::", ""])
def test_every_address_answers_the_machines_names_and_addresses_only(bind):
    hosts = allowed_hosts(bind, 8000)
    name = socket.gethostname()
    for header in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", f"{name}:8000", f"{name.upper()}:8000",
                   f"{name.partition('.')[0]}.local:8000"):
        assert hosts.allows(header), header
    for header in ("evil.example:8000", f"{name}.evil.example:8000", "192.0.2.10:8000", "0.0.0.0:8000",
                   "224.0.0.1:8000", "[::]:8000", f"{name}:8001"):
        assert not hosts.allows(header), header


def test_own_addresses_are_those_a_socket_binds_to():
    assert is_own_address("127.0.0.1")
    if (outgoing := outgoing_address()) is not None:
        assert is_own_address(outgoing)
        assert allowed_hosts("0.0.0.0", 8000).allows(f"{outgoing}:8000")
    for other in ("192.0.2.10", "0.0.0.0", "::", "224.0.0.1", "ff02::1", "localhost", "evil.example", "1.2.3"):
        assert not is_own_address(other), other


def test_the_default_is_the_loopback_names_on_any_port():
    assert LOOPBACK.allows("localhost:1234") and LOOPBACK.allows("127.0.0.1") and LOOPBACK.allows("[::1]:9")
    assert not LOOPBACK.allows("evil.example:1234")


def test_what_a_refused_request_is_told():
    assert allowed_hosts("127.0.0.1", 8000).shown() == "127.0.0.1:8000, [::1]:8000 or localhost:8000"
    assert allowed_hosts("recaps.lan", 8000).shown() == "recaps.lan:8000"
    assert allowed_hosts("0.0.0.0", 8000).shown().endswith(" or this machine's own addresses:8000")


# The server as a user starts it.

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = Served(copy_project(FIXTURE_CONFIG, tmp_path_factory.mktemp("hosts") / "project"))
    yield server
    server.stop()


def exchange(url: str, request: str) -> tuple[int, bytes]:
    """Send `request` as it is (headers and all) to the server; (status, body) of its answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(request.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), None)
        while length is not None and len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(head.split(b" ")[1]), body


def get(url: str, path: str, host: str) -> tuple[int, bytes]:
    return exchange(url, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")


def handshake(url: str, host: str, origin: str | None) -> int:
    key = base64.b64encode(os.urandom(16)).decode()
    origin_line = f"Origin: {origin}\r\n" if origin is not None else ""
    return exchange(url, f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{origin_line}\r\n")[0]


def test_a_foreign_host_gets_403_without_the_preview(served):
    port = urlsplit(served.url).port
    for path in ("/recaps/", "/recaps/data/ties.json", "/livereload.js", "/"):
        status, body = get(served.url, path, "evil.example")
        assert status == 403, path
        assert b"This preview answers only requests for" in body and b"<html" not in body.lower()
        assert get(served.url, path, f"evil.example:{port}")[0] == 403
        assert get(served.url, path, f"127.0.0.1:{port + 1}")[0] == 403


def test_its_own_hosts_get_the_preview(served):
    port = urlsplit(served.url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        status, body = get(served.url, "/recaps/", host)
        assert status == 200 and b"</html>" in body, host
        assert get(served.url, "/livereload.js", host)[0] == 200


def test_the_reload_socket_accepts_only_its_own_origin(served):
    port = urlsplit(served.url).port
    own = f"127.0.0.1:{port}"
    assert handshake(served.url, own, f"http://{own}") == 101
    assert handshake(served.url, f"localhost:{port}", f"http://localhost:{port}") == 101
    assert handshake(served.url, own, None) == 101  # not a browser: no page of another site behind it
    for origin in ("http://evil.example", f"http://evil.example:{port}", f"http://localhost:{port}",
                   f"http://localhost:{port + 1}", "null", f"file://{own}"):
        assert handshake(served.url, own, origin) == 403, origin
    assert handshake(served.url, f"evil.example:{port}", f"http://evil.example:{port}") == 403


def outgoing_address() -> str | None:
    """The address this machine sends from (other machines on the network see it), if it has a route out."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        except OSError:
            return None
        return probe.getsockname()[0]


def test_listening_on_every_address_warns_and_answers_the_machines_own_addresses(tmp_path):
    server = Served(copy_project(FIXTURE_CONFIG, tmp_path / "project"), "--host", "0.0.0.0")
    try:
        assert any("anyone on your network can see the preview" in line for line in server.output)
        assert server.url.startswith("http://127.0.0.1:")
        port = urlsplit(server.url).port
        own = [f"127.0.0.1:{port}", f"localhost:{port}", f"{socket.gethostname()}:{port}"]
        if (address := outgoing_address()) is not None:
            own.append(f"{address}:{port}")
        for host in own:
            assert get(server.url, "/recaps/", host)[0] == 200, host
        for host in (f"evil.example:{port}", f"{socket.gethostname()}.evil.example:{port}", f"192.0.2.10:{port}"):
            assert get(server.url, "/recaps/", host)[0] == 403, host
        assert handshake(server.url, f"localhost:{port}", f"http://evil.example:{port}") == 403
    finally:
        server.stop()


@pytest.mark.parametrize("bind, url", [
    ("127.0.0.1", "http://127.0.0.1:8000/recaps/"),
    ("localhost", "http://localhost:8000/recaps/"),
    ("::1", "http://[::1]:8000/recaps/"),
    ("0.0.0.0", "http://127.0.0.1:8000/recaps/"),
    ("::", "http://127.0.0.1:8000/recaps/"),
    ("192.168.1.20", "http://192.168.1.20:8000/recaps/"),
])
def test_the_printed_address_opens_in_a_browser(bind, url):
    assert preview_url(bind, 8000, "/recaps/") == url
