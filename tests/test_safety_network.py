"""Partner feeds as untrusted input from the internet (issue 19): addresses, DNS rebinding,
redirects, proxies, TLS, servers that do not speak HTTP or send slowly, and what partner text and
dates may be. Every server here is on loopback; no name is ever looked up in the real DNS (the
resolver is injected, and socket.getaddrinfo refuses names), and every loop is bounded."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import re
import shutil
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rhannu import network
from rhannu.errors import ContentErrors
from rhannu.network import FetchOptions, Refused, check_address, fetch_all, fetch_feed, is_public

NAME = "partner.rhannu.test"  # .test is reserved (RFC 6761): no real name server answers for it
SOON = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numeric addresses only: a test that reached the real name service would fail, not send."""
    real = socket.getaddrinfo

    def numeric_only(host, port, family=0, type=0, proto=0, flags=0):  # noqa: A002 - socket's names
        return real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)

    monkeypatch.setattr(socket, "getaddrinfo", numeric_only)


def rss(*titles: str, when: dt.datetime = SOON, extra: str = "") -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://{NAME}/{n}</link>"
        f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>{extra}</item>"
        for n, title in enumerate(titles)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>{items}</channel></rss>'.encode()


def resolver(answers: dict[str, list[list[str]]], calls: list[str]) -> network.Resolver:
    """A stand-in for getaddrinfo: each name's answers in turn (the last one repeats)."""

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        calls.append(host)
        turns = answers[host]
        found = turns.pop(0) if len(turns) > 1 else turns[0]
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in found]

    return resolve


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:  # HTTPServer's would look up this machine's name
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


@contextlib.contextmanager
def http_server(
    routes: dict[str, tuple[int, dict[str, str], bytes]], host: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None
) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """A web server on loopback answering `routes` (path: status, headers, body); yields its
    port and the (path, Host header) of each request it was sent."""
    hits: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append((self.path, self.headers.get("Host", "")))
            status, headers, body = routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for key, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            pass

    server = _Quiet((host, port), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def raw_server(respond: Callable[[socket.socket], None]) -> Iterator[str]:
    """A TCP server on loopback that answers each connection (at most 10) with `respond`."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            conn.recv(65536)  # the request
            respond(conn)

    def serve() -> None:
        for _ in range(10):
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                    break
                except TimeoutError:
                    continue
            else:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def project(tmp_path: Path, feeds: dict[str, str]) -> Path:
    (tmp_path / "data").mkdir(parents=True, exist_ok=True)
    lines = "".join(f"  - {{name: {name}, url: '{url}', lang: en}}\n" for name, url in feeds.items())
    (tmp_path / "data/networks.yml").write_text(f"feeds:\n{lines}", encoding="utf-8")
    return tmp_path


def cached(root: Path) -> list[dict]:
    return json.loads((root / "data/network-cache.json").read_text(encoding="utf-8"))["items"]


# Addresses -------------------------------------------------------------------------------------

NOT_PUBLIC = [
    # IPv4: loopback, private, link-local (cloud metadata), RFC 6598 shared space (another cloud's
    # metadata at 100.100.100.200), this network, multicast, broadcast, reserved, documentation,
    # benchmarking, IETF protocol assignments, the 6to4 relay anycast
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254", "100.64.0.1", "100.100.100.200", "100.127.255.255", "0.0.0.0", "0.1.2.3",
    "224.0.0.1", "224.0.0.251", "239.255.255.250", "233.252.0.1", "255.255.255.255", "240.0.0.1",
    "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "192.88.99.1",
    # IPv6: loopback, unspecified, link-local, unique local, site-local, multicast, documentation,
    # discard, Teredo, benchmarking, SRv6
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "ff0e::1", "2001:db8::1",
    "3fff::1", "100::1", "2001::1", "2001:2::1", "5f00::1",
    # IPv4 carried in IPv6: mapped, compatible, translated, NAT64 (well-known and local use), 6to4
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:100.64.0.1", "::ffff:10.0.0.1", "::ffff:224.0.0.1",
    "::7f00:1", "::a00:1", "::6440:1", "::ffff:0:7f00:1", "::ffff:0:6440:1",
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::6440:1", "64:ff9b::e000:1", "64:ff9b:1::808:808",
    "64:ff9b:1:2::1", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:6440:1::", "2002:a00:1::1", "2002:e000:1::",
]
PUBLIC = [
    "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
    "223.255.255.1", "2606:4700:4700::1111", "2a00:1450:4009:81f::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_addresses_that_are_not_public_are_refused_however_written(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))
    calls: list[str] = []
    with pytest.raises(Refused, match=re.escape(f"is at {address}, not a public address")):
        check_address(f"https://{NAME}/feed.xml", resolve=resolver({NAME: [[address]]}, calls))
    assert calls == [NAME]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_accepted(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))
    calls: list[str] = []
    assert check_address(f"https://{NAME}/", resolve=resolver({NAME: [[address]]}, calls)) == (address,)


def test_a_name_with_one_address_that_is_not_public_is_refused() -> None:
    calls: list[str] = []
    with pytest.raises(Refused, match=re.escape("100.64.0.9")):
        check_address(f"http://{NAME}/", resolve=resolver({NAME: [["8.8.8.8", "100.64.0.9", "1.1.1.1"]]}, calls))


def test_loopback_is_allowed_only_when_asked_and_only_loopback() -> None:
    for address in ("127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"):
        assert check_address(f"http://{NAME}/", allow_loopback=True, resolve=resolver({NAME: [[address]]}, [])) == (address,)
    for address in ("10.0.0.1", "100.64.0.1", "169.254.169.254", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::1", "::7f00:1"):
        with pytest.raises(Refused):
            check_address(f"http://{NAME}/", allow_loopback=True, resolve=resolver({NAME: [[address]]}, []))


def test_addresses_that_are_not_web_addresses_are_refused_before_any_lookup() -> None:
    calls: list[str] = []
    for url in ("file:///etc/passwd", "gopher://x/", "http:///nohost", "ftp://partner.rhannu.test/feed", "http://x:99999/"):
        with pytest.raises(Refused):
            check_address(url, resolve=resolver({}, calls))
    assert calls == []


def test_a_name_that_cannot_be_found_is_refused_with_the_reason() -> None:
    def fails(*args: object, **kwargs: object) -> list[tuple]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(Refused, match=rf"{NAME} cannot be found \(.*not known\)"):
        check_address(f"https://{NAME}/", resolve=fails)


# DNS rebinding, redirects, proxies ---------------------------------------------------------------


@contextlib.contextmanager
def two_servers(first: dict, second: dict) -> Iterator[tuple[int, list, list]]:
    """Servers on 127.0.0.1 and 127.0.0.2 at one port: a name that moves between them is seen."""
    with http_server(first) as (port, first_hits):
        try:
            other = http_server(second, host="127.0.0.2", port=port)
            second_port, second_hits = other.__enter__()
        except OSError:
            pytest.fail("127.0.0.2 is loopback on Linux; could not listen on it at the first server's port")
        try:
            assert second_port == port
            yield port, first_hits, second_hits
        finally:
            other.__exit__(None, None, None)


def test_the_fetch_connects_to_the_address_it_checked_not_to_the_name_resolved_again(tmp_path: Path) -> None:
    """The name is checked at 127.0.0.1 and would be 127.0.0.2 if asked again: the feed comes
    from 127.0.0.1, the other server is never reached, the name is asked once, and the request
    names the host (not the address)."""
    feed = {"/feed.xml": (200, {"Content-Type": "application/rss+xml"}, rss("From the checked address"))}
    rebound = {"/feed.xml": (200, {}, rss("From the rebound address"))}
    with two_servers(feed, rebound) as (port, checked_hits, rebound_hits):
        calls: list[str] = []
        options = FetchOptions(allow_loopback=True, resolve=resolver({NAME: [["127.0.0.1"], ["127.0.0.2"]]}, calls))
        root = project(tmp_path, {"Partner": f"http://{NAME}:{port}/feed.xml"})
        report = fetch_all(root, options)
    assert report == ["Partner: 1 items"]
    assert [item["title"] for item in cached(root)] == ["From the checked address"]
    assert checked_hits == [("/feed.xml", f"{NAME}:{port}")]
    assert rebound_hits == []
    assert calls == [NAME]


def test_each_redirect_is_checked_and_connected_to_as_checked(tmp_path: Path) -> None:
    moved = "other.rhannu.test"
    with two_servers({}, {}) as (port, _, _):
        pass  # only to find a port free on both addresses
    routes = {
        "/old.xml": (301, {"Location": f"http://{moved}:{port}/feed.xml"}, b""),
        "/feed.xml": (200, {}, rss("Moved here")),
        "/to-metadata": (302, {"Location": "http://metadata.rhannu.test/latest/meta-data/"}, b""),
        "/to-shared": (307, {"Location": "http://100.100.100.200/latest/meta-data/"}, b""),
        "/to-mapped": (308, {"Location": "http://[::ffff:169.254.169.254]/"}, b""),
        "/to-nat64": (302, {"Location": "http://[64:ff9b::a9fe:a9fe]/"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/no-location": (302, {}, b""),
    }
    with http_server(routes, port=port) as (_, hits):
        answers = {
            NAME: [["127.0.0.1"]], moved: [["127.0.0.1"], ["127.0.0.2"]], "metadata.rhannu.test": [["100.64.0.1"]],
            "100.100.100.200": [["100.100.100.200"]], "::ffff:169.254.169.254": [["::ffff:169.254.169.254"]],
            "64:ff9b::a9fe:a9fe": [["64:ff9b::a9fe:a9fe"]],
        }
        calls: list[str] = []
        options = FetchOptions(allow_loopback=True, resolve=resolver(answers, calls), deadline=5)
        assert b"Moved here" in fetch_feed(f"http://{NAME}:{port}/old.xml", options)
        assert hits[-1] == ("/feed.xml", f"{moved}:{port}")
        for path, address in (("/to-metadata", "100.64.0.1"), ("/to-shared", "100.100.100.200"),
                              ("/to-mapped", "::ffff:169.254.169.254"), ("/to-nat64", "64:ff9b::a9fe:a9fe")):
            with pytest.raises(Refused, match=f"is at {re.escape(address)}, not a public address"):
                fetch_feed(f"http://{NAME}:{port}{path}", options)
        with pytest.raises(Refused, match="is not a web address"):
            fetch_feed(f"http://{NAME}:{port}/to-file", options)
        before = len(hits)
        with pytest.raises(Refused, match="redirected more than 5 times"):
            fetch_feed(f"http://{NAME}:{port}/loop", options)
        assert len(hits) - before == 6
        with pytest.raises(Refused, match="HTTP Error 302: Found"):
            fetch_feed(f"http://{NAME}:{port}/no-location", options)


def test_proxy_settings_do_not_route_the_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with http_server({}) as (proxy_port, proxy_hits), http_server({"/feed.xml": (200, {}, rss("Direct"))}) as (port, hits):
        proxy = f"http://127.0.0.1:{proxy_port}"
        for variable in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(variable, proxy)
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        options = FetchOptions(allow_loopback=True, resolve=resolver({NAME: [["127.0.0.1"]]}, []))
        assert b"Direct" in fetch_feed(f"http://{NAME}:{port}/feed.xml", options)
    assert proxy_hits == []
    assert hits == [("/feed.xml", f"{NAME}:{port}")]


# TLS ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for feeds.rhannu.test, made for this run."""
    folder = tmp_path_factory.mktemp("tls")
    assert shutil.which("openssl"), "openssl makes the test certificate"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=feeds.rhannu.test",
         "-addext", "subjectAltName=DNS:feeds.rhannu.test", "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )
    return folder / "cert.pem", folder / "key.pem"


def test_https_checks_the_certificate_against_the_name_while_connecting_to_the_checked_address(
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_side.sni_callback = lambda sock, name, context: names.append(name)
    trusting = ssl.create_default_context(cafile=str(cert))
    answers = {"feeds.rhannu.test": [["127.0.0.1"]], "impostor.rhannu.test": [["127.0.0.1"]]}
    with http_server({"/feed.xml": (200, {}, rss("Over TLS"))}, tls=server_side) as (port, hits):
        options = FetchOptions(allow_loopback=True, resolve=resolver(answers, []), tls=trusting, deadline=5)
        assert b"Over TLS" in fetch_feed(f"https://feeds.rhannu.test:{port}/feed.xml", options)
        assert names == ["feeds.rhannu.test"]
        assert hits == [("/feed.xml", f"feeds.rhannu.test:{port}")]
        with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
            fetch_feed(f"https://impostor.rhannu.test:{port}/feed.xml", options)
        untrusted = FetchOptions(allow_loopback=True, resolve=resolver(answers, []), deadline=5)  # the system's CAs
        with pytest.raises(ssl.SSLCertVerificationError, match="self-signed"):
            fetch_feed(f"https://feeds.rhannu.test:{port}/feed.xml", untrusted)
    assert len(hits) == 1


# Servers that do not speak HTTP, or speak it slowly ---------------------------------------------------


def garbage(conn: socket.socket) -> None:
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\x1b[31mred\r\n")


def too_many_headers(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Header-%d: x\r\n" % n for n in range(101)) + b"\r\n")


def endless_header_line(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 70000 + b"\r\n\r\n")


def trickled(prefix: bytes, body: bytes) -> Callable[[socket.socket], None]:
    """Sends `prefix`, then `body` a byte every 50 ms: never idle for long, so only the deadline stops it."""

    def respond(conn: socket.socket) -> None:
        conn.sendall(prefix)
        for byte in body[:400]:  # at most 20 s
            conn.sendall(bytes([byte]))
            time.sleep(0.05)

    return respond


SLOW_HEADERS = trickled(b"HTTP/1.1 200 OK\r\n", b"".join(b"X-Slow-%d: y\r\n" % n for n in range(40)))
SLOW_BODY = trickled(b"HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n", rss("Slow").ljust(400))


@pytest.mark.parametrize(
    ("respond", "expected"),
    [
        (garbage, r"did not answer as a web server does \(BadStatusLine: SSH-2.0-OpenSSH_9.6 \)"),
        (too_many_headers, r"did not answer as a web server does \(HTTPException: got more than 100 headers\)"),
        (endless_header_line, r"did not answer as a web server does \(LineTooLong: got more than 65536 bytes"),
    ],
)
def test_a_server_that_does_not_speak_http_is_reported_and_the_other_feeds_are_kept(
    tmp_path: Path, respond: Callable[[socket.socket], None], expected: str
) -> None:
    with raw_server(respond) as bad, http_server({"/feed.xml": (200, {}, rss("Good news"))}) as (port, _):
        root = project(tmp_path, {"Bad": bad, "Good": f"http://127.0.0.1:{port}/feed.xml"})
        report = fetch_all(root, FetchOptions(allow_loopback=True, deadline=5, timeout=2))
    assert re.fullmatch(rf"Bad: could not be fetched or read \({expected}.*\); kept its 0 cached items", report[0]), report
    assert report[1] == "Good: 1 items"
    assert [item["title"] for item in cached(root)] == ["Good news"]


@pytest.mark.parametrize(("what", "respond"), [("headers", SLOW_HEADERS), ("body", SLOW_BODY)])
def test_bytes_sent_slowly_cannot_stretch_the_deadline(what: str, respond: Callable[[socket.socket], None]) -> None:
    deadline = 1.5
    with raw_server(respond) as slow:
        started = time.monotonic()
        with pytest.raises(Refused, match=re.escape("took longer than 1.5 s")):
            fetch_feed(slow, FetchOptions(allow_loopback=True, deadline=deadline, timeout=1))
        took = time.monotonic() - started
    print(f"{what} sent a byte every 50 ms: refused after {took:.2f} s against a deadline of {deadline} s")
    assert deadline <= took < deadline + 0.5


def test_a_tls_handshake_that_never_ends_is_bounded_by_the_deadline() -> None:
    def silent(conn: socket.socket) -> None:
        time.sleep(4)  # reads the ClientHello and answers nothing

    with raw_server(silent) as url:
        port = url.split(":")[2].split("/")[0]
        options = FetchOptions(allow_loopback=True, resolve=resolver({NAME: [["127.0.0.1"]]}, []), deadline=1.5, timeout=1)
        started = time.monotonic()
        with pytest.raises(TimeoutError, match="handshake operation timed out"):
            fetch_feed(f"https://{NAME}:{port}/feed.xml", options)
        took = time.monotonic() - started
    print(f"a silent TLS server: refused after {took:.2f} s against a deadline of 1.5 s")
    assert took < 1.5 + 0.5


def test_any_failure_of_one_feed_is_reported_and_the_others_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = network.items_from

    def broken(feed: network.PartnerFeed, document: bytes, today: dt.date | None = None) -> tuple:
        if feed.name == "Odd":
            raise RuntimeError("a parser's own bug")
        return real(feed, document, today)

    monkeypatch.setattr(network, "items_from", broken)
    with http_server({"/feed.xml": (200, {}, rss("Fine"))}) as (port, _):
        url = f"http://127.0.0.1:{port}/feed.xml"
        root = project(tmp_path, {"Odd": url, "Fine": url})
        report = fetch_all(root, FetchOptions(allow_loopback=True, deadline=5))
        assert report == [
            "Odd: could not be fetched or read (RuntimeError: a parser's own bug); kept its 0 cached items",
            "Fine: 1 items",
        ]

        def interrupted(*args: object) -> tuple:
            raise KeyboardInterrupt

        monkeypatch.setattr(network, "items_from", interrupted)
        with pytest.raises(KeyboardInterrupt):  # not swallowed: the person at the keyboard stops the fetch
            fetch_all(root, FetchOptions(allow_loopback=True, deadline=5))
    assert [item["title"] for item in cached(root)] == ["Fine"]  # the interrupted fetch wrote nothing


# Partner text and dates -----------------------------------------------------------------------------

# The whole class of characters partner text may not hold: C0 (but tab and line breaks), DEL, C1,
# the bidirectional embeddings, overrides and isolates, and lone surrogates.
DROPPED = [chr(n) for n in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))] + [
    chr(n) for n in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xD800, 0xDBFF, 0xDC00, 0xDFFF)
]
PARTNER = network.PartnerFeed("Partner", f"https://{NAME}/feed.xml", "en")
TODAY = dt.date(2026, 12, 5)
IN_2026 = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # in range on TODAY


@pytest.mark.parametrize("character", DROPPED, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_and_bidi_character_is_dropped_from_partner_text_and_refused_in_the_cache(character: str) -> None:
    assert network.plain(f"a{character}b") == "ab"
    assert network.text_only(f"<b>a{character}b</b>") == "ab"
    item = network.NetworkItem(f"P{character}", f"T{character}", f"S{character}", "https://x.rhannu.test/", "2026-01-01T00:00:00+00:00", "en")
    errors = network._cache_item_errors(3, item, TODAY)
    assert [(error.field, error.message) for error in errors] == [
        (field, f"item 3: expected plain text; got the control character U+{ord(character):04X}")
        for field in ("feed", "title", "summary")
    ]


def test_tabs_and_line_breaks_become_spaces_and_ordinary_text_is_kept() -> None:
    assert network.text_only("One\ttwo\r\nthree\nfour") == "One two three four"
    kept = "Rhannu arfer da: ŵ ŷ â – “quoted” 😀 العربية"
    assert network.text_only(kept) == kept


def test_partner_text_is_cleaned_at_fetch() -> None:
    feed = rss("Bell\x07 &#x1b;[31mred&#x85; \u202egnp.exe\u2069 done", extra="<description>Sum\u2066mary\x1f</description>", when=IN_2026)
    items, refused = network.items_from(PARTNER, feed, TODAY)
    assert refused == []
    assert (items[0].title, items[0].summary) == ("Bell [31mred… gnp.exe done", "Summary")  # &#x85; is an ellipsis in HTML


def test_long_titles_are_cut_at_a_word_and_summaries_at_their_limit() -> None:
    words = " ".join(["partnership"] * 20000)  # about 240 KB
    unbroken = "x" * 200_001
    items, _ = network.items_from(PARTNER, rss(words, unbroken, "Short", extra=f"<description>{words}</description>", when=IN_2026), TODAY)
    titles = [item.title for item in items]
    assert titles[0].endswith("partnership…") and len(titles[0]) <= network.TITLE_LIMIT
    assert titles[1] == "x" * (network.TITLE_LIMIT - 1) + "…"
    assert titles[2] == "Short"
    assert all(len(item.summary) <= network.SUMMARY_LIMIT and item.summary.endswith("…") for item in items)
    assert network.shorten("a b c", 5) == "a b c" and network.shorten("ab cd ef", 6) == "ab…"


@pytest.mark.parametrize(
    ("when", "kept"),
    [
        ("0001-01-01T00:00:00Z", False), ("1000-06-01T12:00:00Z", False), ("1989-12-31T23:59:59Z", False),
        ("1990-01-01T00:00:00Z", True), ("2026-12-05T09:00:00Z", True), ("2027-12-06T00:00:00Z", True),
        ("2027-12-07T00:00:01Z", False), ("2100-01-01T00:00:00Z", False), ("9999-12-31T23:59:59Z", False),
    ],
)
def test_dates_are_kept_only_from_1990_to_a_year_after_the_fetch(when: str, kept: bool) -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>P</title><entry><title>Dated</title>'
        f'<link href="https://{NAME}/a"/><updated>{when}</updated></entry></feed>'
    ).encode()
    items, refused = network.items_from(PARTNER, atom, TODAY)
    if kept:
        assert (len(items), refused) == (1, [])
        items[0].published_at.astimezone(network_london())  # shown in London time without overflow
    else:
        assert items == []
        assert refused == [
            f"Partner: left out an item with a date out of range (expected a date from 1990-01-01 to 2027-12-06; "
            f"got {dt.datetime.fromisoformat(when.replace('Z', '+00:00')).isoformat()})"
        ]


def network_london() -> dt.tzinfo:
    from rhannu.dates import LONDON

    return LONDON


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "ftp://x/", f"https://{NAME}/a b", f"https://{NAME}/a\x07", f"https://{NAME}/\u202e",
     f"https://{NAME}/" + "a" * 1000, ""],
)
def test_links_must_be_short_plain_web_addresses(link: str) -> None:
    assert network._link_problem(link) is not None
    item = network.NetworkItem("P", "T", "S", link, "2026-01-01T00:00:00+00:00", "en")
    assert [error.field for error in network._cache_item_errors(1, item, TODAY)] == ["link"]
    assert network._link_problem(f"https://{NAME}/" + "a" * 900 + "?q=1#x") is None


def cache_with(tmp_path: Path, **changes: str) -> Path:
    item = {"feed": "Partner", "title": "Title", "summary": "Summary", "link": f"https://{NAME}/a",
            "published": "2026-03-01T09:00:00+00:00", "lang": "en", **changes}
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/network-cache.json").write_text(json.dumps({"items": [item]}), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"published": "9999-12-31T23:59:59-05:00"}, "published", "expected a date from 1990-01-01 to 2027-12-06; got 9999-12-31T23:59:59-05:00"),
        ({"published": "0001-01-01T00:00:00+01:00"}, "published", "expected a date from 1990-01-01 to 2027-12-06; got 0001-01-01T00:00:00+01:00"),
        ({"published": "1970-01-01T00:00:00+00:00"}, "published", "expected a date from 1990-01-01"),
        ({"published": "2026-03-01T09:00:00"}, "published", "expected a date and time with its offset"),
        ({"title": "x" * 201}, "title", "expected at most 200 characters; got 201"),
        ({"title": " "}, "title", "expected a title; got nothing"),
        ({"summary": "x" * 401}, "summary", "expected at most 400 characters; got 401"),
        ({"feed": "x" * 101}, "feed", "expected at most 100 characters; got 101"),
        ({"title": "Two\nlines"}, "title", "expected plain text; got the control character U+000A"),
        ({"summary": "\u202eevil"}, "summary", "expected plain text; got the control character U+202E"),
        ({"link": f"https://{NAME}/" + "a" * 1000}, "link", "expected a web address of at most 1000 characters; got 1028"),
        ({"link": "javascript:alert(1)"}, "link", "expected a web address starting https://; got 'javascript:alert(1)'"),
        ({"link": f"https://{NAME}/a\x1b[2J"}, "link", "expected a web address without spaces or control characters; got U+001B"),
        ({"lang": "fr"}, "lang", "expected en or cy; got 'fr'"),
    ],
)
def test_a_hand_edited_cache_is_refused_with_the_item_and_field(tmp_path: Path, changes: dict, field: str, message: str) -> None:
    with pytest.raises(ContentErrors) as raised:
        network.load_cache(cache_with(tmp_path, **changes), TODAY)
    [error] = raised.value.errors
    assert (error.path, error.field) == ("data/network-cache.json", field)
    assert error.message.startswith("item 1: ") and message in error.message


def test_a_cache_dated_far_ahead_stops_the_check_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    from tests.support.sites import copy_fixture

    root = copy_fixture(tmp_path / "project")
    cache_with(root, published="9999-12-31T23:59:59-05:00")
    done = subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(root), "check"],
                          capture_output=True, text=True, check=False, timeout=170)
    assert done.returncode == 1
    assert "ERROR: data/network-cache.json: field 'published': item 1: expected a date from 1990-01-01" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Bell\x07", "expected plain text on one line; got the control character U+0007"),
        ("Two\nlines", "got the control character U+000A"),
        ("\u202eevil", "got the control character U+202E"),
        ("Tab\there", "got the control character U+0009"),
        ("   ", "expected the partner's name; got nothing"),
        ("n" * 101, "expected at most 100 characters; got 101"),
    ],
)
def test_feed_names_must_be_plain_text_on_one_line(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "data").mkdir()
    listed = {"feeds": [{"name": "Fine", "url": f"https://{NAME}/f", "lang": "en"}, {"name": name, "url": f"https://{NAME}/g"}]}
    (tmp_path / "data/networks.yml").write_text(json.dumps(listed), encoding="utf-8")  # JSON is YAML
    with pytest.raises(ContentErrors) as raised:
        network.load_feeds(tmp_path)
    [error] = raised.value.errors
    assert (error.path, error.field) == ("data/networks.yml", "feeds[1].name")
    assert message in error.message


def test_feed_addresses_must_be_plain_web_addresses(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    listed = {"feeds": [{"name": "A", "url": f"https://{NAME}/a b"}, {"name": "B", "url": 7}, {"name": "C", "url": "file:///x"}]}
    (tmp_path / "data/networks.yml").write_text(json.dumps(listed), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        network.load_feeds(tmp_path)
    assert [error.field for error in raised.value.errors] == ["feeds[0].url", "feeds[1].url", "feeds[2].url"]


def test_a_cache_that_cannot_be_written_whole_leaves_the_old_one(tmp_path: Path) -> None:
    root = cache_with(tmp_path)
    before = (root / "data/network-cache.json").read_text(encoding="utf-8")
    unwritable = network.NetworkItem("P", "lone \ud800 surrogate", "", "https://x.rhannu.test/", "2026-01-01T00:00:00+00:00", "en")
    with pytest.raises(UnicodeEncodeError):
        network.write_cache(root, [unwritable])
    assert (root / "data/network-cache.json").read_text(encoding="utf-8") == before
    assert sorted(path.name for path in (root / "data").iterdir()) == ["network-cache.json"]


# Partner news in the email ----------------------------------------------------------------------


def partner_items(count: int, feeds: int = 1) -> list[dict]:
    """`count` items from each of `feeds` partners, in the fortnight of the issue of 2022-03-14,
    every field as long as the fetch lets it be."""
    return [
        {
            "feed": f"Partner {feed} " + "n" * 80, "lang": "cy" if number % 2 else "en",
            "title": f"Item {feed}-{number} " + "word " * 50, "summary": "s" * 399 + ".",
            "link": f"https://partner{feed}.rhannu.test/{number}/" + "p" * 960,
            "published": f"2022-03-{number % 6 + 7:02d}T09:00:00+00:00",
        }
        for feed in range(feeds)
        for number in range(count)
    ]


def sample_with(tmp_path: Path, items: list[dict]):
    from rhannu.site import prepare
    from rhannu.site_info import SiteInfo
    from tests.support.sites import BUILD_DATE_PINNED, FIXTURE_URL, copy_fixture

    root = copy_fixture(tmp_path / "project")
    for item in items:
        item["title"], item["feed"] = network.shorten(item["title"], 200), item["feed"][:100]
    (root / "data/network-cache.json").write_text(json.dumps({"items": items}), encoding="utf-8")
    info = SiteInfo(FIXTURE_URL, {"en": "Rhannu sample site", "cy": "Safle enghreifftiol Rhannu"}, "sample@example.org")
    site = prepare(root, BUILD_DATE_PINNED, info)
    return site, next(issue for issue in site.issues if issue.slug == "2022-03-14")


def test_the_email_lists_ten_partner_items_and_links_to_the_rest(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from rhannu.email import SECTION_ITEMS, render_html, render_text

    site, issue = sample_with(tmp_path, partner_items(25))
    assert len(issue.items("network")) == 25
    html = BeautifulSoup(render_html(issue, "en", site.info, None), "html.parser")
    heading = next(h2 for h2 in html.find_all("h2") if h2.get_text() == "From the network")
    listed = [h3 for h3 in heading.find_all_next("h3") if h3.find_previous("h2") is heading]
    assert len(listed) == SECTION_ITEMS == 10
    more = next(a for a in heading.find_all_next("a") if a.get_text().startswith("And "))
    assert more.get_text() == "And 15 more in this issue on the web"
    assert more["href"] == "https://sample.rhannu.example.org/newsletters/2022-03-14/#issue-network"
    text = render_text(issue, "cy", site.info, None)
    assert text.count("https://partner0.rhannu.test/") == 10
    assert "15 eitem arall yn y rhifyn hwn ar y we\nhttps://sample.rhannu.example.org/cy/cylchlythyrau/2022-03-14/#issue-network" in text


def test_three_full_partner_feeds_in_one_fortnight_do_not_stop_the_build(tmp_path: Path) -> None:
    """Three feeds of 50 items, every field at its longest, in one fortnight: each edition stays
    under Gmail's clipping size (they made a build stop, blaming the editorial)."""
    from rhannu.email import GMAIL_CLIP_BYTES, editions, size_errors

    site, issue = sample_with(tmp_path, partner_items(50, feeds=3))
    assert len(issue.items("network")) == 150
    rendered = editions((issue,), site.info)
    assert size_errors(rendered, site.info) == []
    sizes = {edition.edition: len(edition.html.encode()) for edition in rendered}
    assert max(sizes.values()) < GMAIL_CLIP_BYTES * 0.6, sizes


def test_the_size_guard_names_partner_news_when_it_takes_an_edition_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from rhannu import email

    site, issue = sample_with(tmp_path, partner_items(10))
    without = replace(issue, sections=tuple(section for section in issue.sections if section.key != "network"))
    own = len(email.render_html(without, "both", site.info, None).encode())
    whole = len(email.render_html(issue, "both", site.info, None).encode())
    assert own < whole
    [edition] = email.editions((issue,), site.info, which=("both",))
    monkeypatch.setattr(email, "GMAIL_CLIP_BYTES", (own + whole) // 2)  # fits without its partner news
    [error] = email.size_errors([edition], site.info)
    assert error.path == "newsletters/2022-03-14/email.html"
    assert error.message.endswith(
        "its 10 partner news items (from data/network-cache.json) take it over the limit; "
        "remove some of them from the cache, or shorten the issue's own items"
    )
    assert "editorial" not in error.message
    monkeypatch.setattr(email, "GMAIL_CLIP_BYTES", own - 1)  # too big even without it
    [error] = email.size_errors([edition], site.info)
    assert error.message.endswith("shorten its editorial or move items to the next issue")


def test_a_fetch_replaces_a_cache_the_build_would_refuse_and_says_what_it_left_out(tmp_path: Path) -> None:
    """Load_cache stops the build on a bad cache and says to fetch again: the fetch must not stop
    on it too. Good cached items are kept for a feed that fails; bad ones are named, not kept."""
    root = cache_with(tmp_path, feed="Down", title="x" * 201)
    cache = json.loads((root / "data/network-cache.json").read_text(encoding="utf-8"))
    good = {**cache["items"][0], "title": "Kept", "link": f"https://{NAME}/kept"}
    (root / "data/network-cache.json").write_text(json.dumps({"items": [*cache["items"], good]}), encoding="utf-8")
    with raw_server(garbage) as down:
        project(root, {"Down": down})
        report = fetch_all(root, FetchOptions(allow_loopback=True, deadline=5))
    assert report[0] == (
        "left out of the new cache: data/network-cache.json: field 'title': item 1: expected at most 200 characters; got 201"
    )
    assert report[1].startswith("Down: could not be fetched or read") and report[1].endswith("kept its 1 cached items")
    assert [item["title"] for item in cached(root)] == ["Kept"]
    network.load_cache(root, TODAY)  # the build reads it again

    (root / "data/network-cache.json").write_text("{not json", encoding="utf-8")
    with http_server({"/feed.xml": (200, {}, rss("Fresh"))}) as (port, _):
        project(root, {"Up": f"http://127.0.0.1:{port}/feed.xml"})
        report = fetch_all(root, FetchOptions(allow_loopback=True, deadline=5))
    assert report[0].startswith("left out of the new cache: data/network-cache.json: is not a cache written by 'rhannu network fetch'")
    assert report[1:] == ["Up: 1 items"]
    assert [item["title"] for item in cached(root)] == ["Fresh"]


def test_the_fetch_tries_each_checked_address_in_turn() -> None:
    with http_server({"/feed.xml": (200, {}, rss("Second address"))}) as (port, hits):
        calls: list[str] = []
        nobody = "127.0.0.3"  # loopback, with nothing listening: the connection is refused at once
        options = FetchOptions(allow_loopback=True, resolve=resolver({NAME: [[nobody, "127.0.0.1"]]}, calls), deadline=5)
        assert b"Second address" in fetch_feed(f"http://{NAME}:{port}/feed.xml", options)
    assert (calls, hits) == ([NAME], [("/feed.xml", f"{NAME}:{port}")])
