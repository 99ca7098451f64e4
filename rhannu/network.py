"""Partner networks' news: fetched on request into a cache of plain text, read by every build.

A partner feed is untrusted input from the internet. No partner HTML, image or script reaches our
pages: titles and summaries are reduced to plain text without control characters, cut to a length,
links must be http(s), dates must fall in a sensible range, and anything else is refused with a
message. The fetch connects only to public addresses, to the very address it checked (a name that
is public when checked cannot be this machine when fetched), ignores proxy settings, follows at
most a few redirects, each checked, and bounds each feed in bytes and in time. The cache is checked
again when it is read, so a hand edit cannot publish what a fetch would have refused.
"""

from __future__ import annotations

import datetime as dt
import html
import http.client
import io
import ipaddress
import json
import re
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

import feedparser
import nh3

from rhannu.data_files import read_data
from rhannu.dates import build_date
from rhannu.errors import ContentError, ContentErrors
from rhannu.files import write_whole
from rhannu.languages import CODES, DEFAULT, default_first
from rhannu.links import is_link, shown
from rhannu.names import CONTROL, CONTROL_OR_BREAK

FEEDS_FILE = "data/networks.yml"
CACHE_FILE = "data/network-cache.json"
NAME_LIMIT = 100  # characters in a partner feed's name
TITLE_LIMIT = 200  # characters in a partner item's title: longer ones are cut at a word
SUMMARY_LIMIT = 400
LINK_LIMIT = 1000  # characters in a partner item's link: a longer one is refused (it cannot be cut)
FETCH_TIMEOUT = 20  # seconds for each network operation
FETCH_DEADLINE = 60  # seconds for the whole of one feed: a server that trickles bytes cannot hold it open
MAX_FEED_BYTES = 5 * 1024 * 1024  # a feed larger than this is refused, not read into memory
MAX_ITEMS_PER_FEED = 50  # the newest are kept: an issue shows a fortnight's news, not an archive
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# A partner item's date must fall from EARLIEST up to a year after the fetch (or, for the cache,
# the build date): older is no news, and a year such as 1 or 9999 cannot be shown in London time.
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
AHEAD = dt.timedelta(days=366)

# Control characters (C0 but tab and line breaks, which become spaces; DEL; C1), the bidirectional
# overrides and isolates that can make text read other than it is, and lone surrogates, which UTF-8
# cannot hold: none has a place in a partner's plain text, an RSS feed, a .ics file or a terminal.
_BREAKS = re.compile("[\t\n\r]")
_UNSAFE = CONTROL  # what content may not hold (rhannu.names), dropped from partner text
_CONTROL = CONTROL_OR_BREAK  # and line breaks, which no cached value holds
_LINK_UNSAFE = re.compile(rf"\s|{CONTROL.pattern}")


@dataclass(frozen=True)
class PartnerFeed:
    name: str
    url: str
    lang: str  # the language to assume when the feed does not give one


@dataclass(frozen=True)
class NetworkItem:
    feed: str  # the partner feed's name
    title: str
    summary: str
    link: str
    published: str  # ISO 8601 with offset, as cached
    lang: str  # en, cy

    @property
    def published_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.published)


def _control_character(text: str) -> str | None:
    """The first character one line of partner text may not hold, as U+XXXX, or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def load_feeds(root: Path) -> list[PartnerFeed]:
    entries = read_data(root, FEEDS_FILE).get("feeds") or []
    feeds, errors = [], []
    for index, entry in enumerate(entries if isinstance(entries, list) else [None]):
        where = f"feeds[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            errors.append(ContentError(FEEDS_FILE, "expected name, url and lang", where))
            continue
        if problem := _name_problem(entry["name"]):
            errors.append(ContentError(FEEDS_FILE, problem, f"{where}.name"))
            continue
        url = entry.get("url", "")
        if problem := _link_problem(url) if isinstance(url, str) else f"expected a web address; got {url!r}":
            errors.append(ContentError(FEEDS_FILE, problem, f"{where}.url"))
            continue
        if entry.get("lang", DEFAULT.code) not in CODES:
            expected = ", ".join(default_first())
            errors.append(ContentError(FEEDS_FILE, f"expected one of {expected}; got {entry.get('lang')!r}", f"{where}.lang"))
            continue
        feeds.append(PartnerFeed(entry["name"], url, entry.get("lang", DEFAULT.code)))
    if errors:
        raise ContentErrors(errors)
    return feeds


def _name_problem(name: str) -> str | None:
    """A feed's name is shown beside its items: plain text on one line, not too long to show."""
    if not name.strip():
        return "expected the partner's name; got nothing"
    if found := _control_character(name):
        return f"expected plain text on one line; got the control character {found} in {name!r}"
    if len(name) > NAME_LIMIT:
        return f"expected at most {NAME_LIMIT} characters; got {len(name)}"
    return None


def load_cache(root: Path, today: dt.date | None = None) -> tuple[NetworkItem, ...]:
    """The cached items, each checked as a fetch checks what it keeps; `today` (by default the
    build date) bounds how far ahead a date may be."""
    cached, errors = _read_cache(root, build_date() if today is None else today)
    if errors:
        raise ContentErrors(errors)
    return cached


def _read_cache(root: Path, today: dt.date) -> tuple[tuple[NetworkItem, ...], list[ContentError]]:
    """The cached items that pass the checks, and what is wrong with the others."""
    path = root / CACHE_FILE
    if not path.exists():
        return (), []
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        cached = tuple(NetworkItem(**item) for item in items)
    except (ValueError, KeyError, TypeError) as error:
        problem = f"is not a cache written by 'rhannu network fetch' ({error}); run it again"
        return (), [ContentError(CACHE_FILE, problem)]
    kept, errors = [], []
    for number, item in enumerate(cached, start=1):
        problems = _cache_item_errors(number, item, today)
        errors += problems
        if not problems:
            kept.append(item)
    return tuple(kept), errors


TEXT_LIMITS = {"feed": NAME_LIMIT, "title": TITLE_LIMIT, "summary": SUMMARY_LIMIT}


def _cache_item_errors(number: int, item: NetworkItem, today: dt.date) -> list[ContentError]:
    """The cache is checked as the fetch checks what it keeps: a hand edit cannot publish a bad value."""
    errors = []
    for name in ("feed", "title", "summary", "link", "published", "lang"):
        if not isinstance(getattr(item, name), str):
            errors.append(ContentError(CACHE_FILE, f"item {number}: expected text; got {getattr(item, name)!r}", name))
    if errors:
        return errors
    for name, limit in TEXT_LIMITS.items():
        value = getattr(item, name)
        if found := _control_character(value):
            message = f"item {number}: expected plain text; got the control character {found}"
            errors.append(ContentError(CACHE_FILE, message, name))
        if len(value) > limit:
            message = f"item {number}: expected at most {limit} characters; got {len(value)}"
            errors.append(ContentError(CACHE_FILE, message, name))
    if not item.title.strip():
        errors.append(ContentError(CACHE_FILE, f"item {number}: expected a title; got nothing", "title"))
    errors += _published_errors(number, item.published, today)
    if problem := _link_problem(item.link):
        errors.append(ContentError(CACHE_FILE, f"item {number}: {problem}", "link"))
    if item.lang not in CODES:
        expected = " or ".join(default_first())
        errors.append(ContentError(CACHE_FILE, f"item {number}: expected {expected}; got {item.lang!r}", "lang"))
    return errors


def _published_errors(number: int, published: str, today: dt.date) -> list[ContentError]:
    try:
        moment = dt.datetime.fromisoformat(published)
        if moment.tzinfo is None:
            raise ValueError
    except ValueError:
        message = f"item {number}: expected a date and time with its offset, such as 2022-03-01T09:00:00+00:00; got {published!r}"
        return [ContentError(CACHE_FILE, message, "published")]
    if problem := date_problem(moment, today):
        return [ContentError(CACHE_FILE, f"item {number}: expected {problem}", "published")]
    return []


def date_problem(moment: dt.datetime, today: dt.date) -> str | None:
    """Why an aware date is outside the range partner items may have, or None."""
    latest = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC) + AHEAD
    if EARLIEST <= moment <= latest:  # compared without converting: year 1 or 9999 cannot be converted
        return None
    return f"a date from {EARLIEST.date()} to {latest.date()}; got {moment.isoformat()}"


def _link_problem(link: str) -> str | None:
    """Why a link is not one a partner item may have, or None."""
    if not link.startswith(("https://", "http://")):
        return f"expected a web address starting https://; got {shown(link)}"
    if len(link) > LINK_LIMIT:
        return f"expected a web address of at most {LINK_LIMIT} characters; got {len(link)}"
    if found := _LINK_UNSAFE.search(link):
        return f"expected a web address without spaces or control characters; got U+{ord(found.group()):04X} in {shown(link)}"
    if not is_link(link, ("https://", "http://")):  # a quote or angle bracket would end it in a page
        return f"expected a web address on one line, with no quotes, angle brackets or invisible characters; got {shown(link)}"
    return None


def write_cache(root: Path, items: list[NetworkItem]) -> None:
    """Written whole or not at all: a failure part-way leaves the previous cache as it was."""
    ordered = sorted(items, key=lambda item: (item.published, item.feed, item.link))
    text = json.dumps({"items": [asdict(item) for item in ordered]}, ensure_ascii=False, indent=1, sort_keys=True)
    write_whole(root / CACHE_FILE, text + "\n")


def plain(text: str) -> str:
    """Text with no control character: tabs and line breaks become spaces, and the other
    characters in _UNSAFE are dropped."""
    return _UNSAFE.sub("", _BREAKS.sub(" ", text))


def text_only(markup: str) -> str:
    """A partner's HTML as plain text: the Ammonia sanitiser (nh3) keeps no element at all, and
    drops the content of scripts and styles; what is left is unescaped into text without control
    characters, on one line."""
    return re.sub(r"\s+", " ", plain(html.unescape(nh3.clean(plain(markup or ""), tags=set())))).strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with an ellipsis where it was longer."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _language(code: str | None, fallback: str) -> str:
    code = (code or "").lower()
    return next((lang for lang in default_first()[::-1] if code.startswith(lang)), fallback)


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    """The entry's date: feedparser gives it as a time.struct_time in UTC."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    year, month, day, hour, minute, second = stamp[:6]
    return dt.datetime(year, month, day, hour, minute, min(second, 59), tzinfo=dt.UTC)  # 60: a leap second


def _item(feed: PartnerFeed, entry: Mapping[str, Any], feed_lang: str, today: dt.date) -> NetworkItem | str:
    """The entry as an item, or what is wrong with it."""
    title = shorten(text_only(str(entry.get("title", ""))), TITLE_LIMIT)
    if not title:
        return "no title"
    link = entry.get("link", "")
    if not isinstance(link, str) or (problem := _link_problem(link)):
        return f"a link that is not a web address ({shown(link)})"
    try:
        published = _published(entry)
    except (ValueError, TypeError, OverflowError):
        return "a date that cannot be read"
    if published is None:
        return "no date"
    if problem := date_problem(published, today):
        return f"a date out of range (expected {problem})"
    summary = shorten(text_only(str(entry.get("summary", ""))), SUMMARY_LIMIT)
    lang = _language(entry.get("language"), feed_lang)
    return NetworkItem(feed.name, title, summary, link, published.isoformat(), lang)


def items_from(feed: PartnerFeed, document: bytes, today: dt.date | None = None) -> tuple[list[NetworkItem], list[str]]:
    """The feed's items as text, and a message for each entry refused."""
    parsed = feedparser.parse(document)
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not a feed ({parsed.get('bozo_exception')})")
    feed_lang = _language(parsed.feed.get("language"), feed.lang)
    today = dt.datetime.now(dt.UTC).date() if today is None else today
    items, refused = [], []
    for entry in parsed.entries:
        item = _item(feed, entry, feed_lang, today)
        if isinstance(item, str):
            refused.append(f"{feed.name}: left out an item with {item}")
        else:
            items.append(item)
    return items, refused


class Refused(ValueError):
    """A feed not fetched or not kept: the message says why."""


Resolver = Callable[..., list[tuple[Any, ...]]]  # socket.getaddrinfo's signature


@dataclass(frozen=True)
class FetchOptions:
    """How feeds are fetched. Tests allow this machine (loopback), shorten the limits, stand in
    for the name service (`resolve`) and trust their own certificate (`tls`)."""

    allow_loopback: bool = False
    deadline: float = FETCH_DEADLINE  # seconds for the whole of one feed, redirects included
    timeout: float = FETCH_TIMEOUT  # seconds for each network operation
    resolve: Resolver = socket.getaddrinfo
    tls: ssl.SSLContext | None = None  # None: the system's trusted certificates


# Not public though Python 3.11's is_global says they are: NAT64 local use (RFC 8215, whose IPv4
# address may sit anywhere in it), IPv6 site-local, documentation (RFC 9637), SRv6 SIDs (RFC 9602)
# and the old 6to4 relay anycast.
NOT_PUBLIC = tuple(
    ipaddress.ip_network(network) for network in ("64:ff9b:1::/48", "fec0::/10", "3fff::/20", "5f00::/16", "192.88.99.0/24")
)
# IPv6 addresses whose last 32 bits are an IPv4 address a connection may reach: NAT64's
# well-known prefix (RFC 6052), IPv4-compatible (deprecated) and IPv4-translated (RFC 2765).
CARRY_IPV4 = tuple(ipaddress.ip_network(network) for network in ("64:ff9b::/96", "::/96", "::ffff:0:0:0/96"))

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def unwrapped(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, compatible, translated), else itself."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if carried := ip.ipv4_mapped or ip.sixtofour:
        return carried
    if any(ip in network for network in CARRY_IPV4):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def is_public(ip: IPAddress) -> bool:
    """An allowlist, not a deny-list: global and not multicast or reserved, looking through any
    IPv4 address an IPv6 one carries (Python 3.11's is_global alone passes 224.0.0.1,
    ::ffff:100.64.0.1 and 64:ff9b::7f00:1)."""
    if any(ip in network for network in NOT_PUBLIC):
        return False
    inner = unwrapped(ip)
    if inner != ip:
        return is_public(inner)
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def _allowed(ip: IPAddress, allow_loopback: bool) -> bool:
    # ::ffff:127.0.0.1 reaches this machine; 64:ff9b::7f00:1 or 2002:7f00:1:: would reach a gateway
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return is_public(ip) or (allow_loopback and (ip.is_loopback or bool(mapped and mapped.is_loopback)))


def check_address(url: str, *, allow_loopback: bool = False, resolve: Resolver = socket.getaddrinfo) -> tuple[str, ...]:
    """The addresses of the url's host, once each, in the resolver's order, every one of them
    public: a partner feed is on the public web. Tests may allow loopback explicitly. The fetch
    connects to these addresses, never resolving the name again."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"{shown(url)} is not a web address")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(f"{shown(url)} has a port that is not a number from 0 to 65535") from None
    try:
        found = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise Refused(f"{parts.hostname} cannot be found ({error})") from None
    addresses = tuple(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in found))
    if not addresses:
        raise Refused(f"{parts.hostname} cannot be found")
    for address in addresses:
        if not _allowed(ipaddress.ip_address(address), allow_loopback):
            raise Refused(f"{parts.hostname} is at {address}, not a public address: only public feeds are fetched")
    return addresses


def _time_left(deadline: float, seconds: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise Refused(f"took longer than {seconds:g} s: not read")
    return left


class _TimedReader(io.RawIOBase):
    """Reads a socket giving each read only the time left before the deadline, and none after
    it: headers or a body sent a byte at a time cannot stretch the deadline."""

    def __init__(self, sock: socket.socket, deadline: float, seconds: float, timeout: float) -> None:
        super().__init__()
        self.sock, self.deadline, self.seconds, self.timeout = sock, deadline, seconds, timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = _time_left(self.deadline, self.seconds)
        self.sock.settimeout(min(self.timeout, left))
        try:
            return self.sock.recv_into(buffer)
        except TimeoutError:
            if left <= self.timeout:  # it waited until the deadline
                raise Refused(f"took longer than {self.seconds:g} s: not read") from None
            raise


class _TimedSocket:
    """The parts of a socket that http.client uses, every one within the deadline."""

    def __init__(self, sock: socket.socket, deadline: float, seconds: float, timeout: float) -> None:
        self.sock, self.deadline, self.seconds, self.timeout = sock, deadline, seconds, timeout

    def sendall(self, data: bytes) -> None:
        self.sock.settimeout(min(self.timeout, _time_left(self.deadline, self.seconds)))
        self.sock.sendall(data)

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_TimedReader(self.sock, self.deadline, self.seconds, self.timeout))

    def close(self) -> None:
        """Nothing: http.client closes a connection the response will close before the body is
        read (a real socket waits for its files to close); the fetch closes the socket when done."""


class _PinnedHTTP(http.client.HTTPConnection):
    """A connection to the addresses checked for `host`, never to the name resolved again (which
    could have become this machine since: DNS rebinding). The Host header names the host."""

    def __init__(self, host: str, port: int, addresses: tuple[str, ...], deadline: float, options: FetchOptions) -> None:
        super().__init__(host, port)
        self.addresses, self.deadline, self.options = addresses, deadline, options
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        self.raw = self._open()
        self.sock = cast(socket.socket, _TimedSocket(self.raw, self.deadline, self.options.deadline, self.options.timeout))

    def _open(self) -> socket.socket:
        """A socket to the first checked address that answers (one per address, each in the time left)."""
        error: OSError = OSError(f"{self.host} has no address")
        for ip in self.addresses:
            left = _time_left(self.deadline, self.options.deadline)
            try:
                return socket.create_connection((ip, self.port), timeout=min(self.options.timeout, left))
            except OSError as failed:
                error = failed
        raise error


class _PinnedHTTPS(_PinnedHTTP):
    """As _PinnedHTTP, over TLS checked against the host's name: SNI and certificate."""

    default_port = http.client.HTTPS_PORT

    def _open(self) -> socket.socket:
        sock = super()._open()
        # the socket's timeout bounds the whole handshake (Python 3.5+), so give it the time left
        sock.settimeout(_time_left(self.deadline, self.options.deadline))
        context = self.options.tls or ssl.create_default_context()
        try:
            return context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


HEADERS = {
    "User-Agent": "Rhannu partner news (rhannu network fetch)",
    "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
}


def _get(url: str, options: FetchOptions, deadline: float) -> tuple[int, str, str | None, bytes]:
    """One request: its status, reason, Location header and (for 200) body."""
    addresses = check_address(url, allow_loopback=options.allow_loopback, resolve=options.resolve)
    parts = urllib.parse.urlsplit(url)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname or "", parts.port or kind.default_port, addresses, deadline, options)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", target, headers=HEADERS)
        response = connection.getresponse()
        if response.status != 200:
            return response.status, response.reason, response.getheader("Location"), b""
        return 200, response.reason, None, read_limited(response, deadline, options.deadline)
    except http.client.HTTPException as error:  # not an OSError: a server that does not speak HTTP
        raise Refused(f"did not answer as a web server does ({type(error).__name__}: {error})") from None
    finally:
        connection.close()
        if connection.raw is not None:
            connection.raw.close()


def fetch_feed(url: str, options: FetchOptions) -> bytes:
    """The feed's bytes, following at most MAX_REDIRECTS redirects, each address checked, all
    within options.deadline seconds."""
    deadline = time.monotonic() + options.deadline
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, location, body = _get(url, options, deadline)
        if status == 200:
            return body
        if status not in REDIRECTS or not location:
            raise Refused(f"HTTP Error {status}: {reason}")
        url = urllib.parse.urljoin(url, location)
    raise Refused(f"redirected more than {MAX_REDIRECTS} times")


def read_limited(response: Any, deadline: float, seconds: float = FETCH_DEADLINE) -> bytes:
    """The response body, refusing more than MAX_FEED_BYTES or reading past `deadline`."""
    chunks, size = [], 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > MAX_FEED_BYTES:
            raise Refused(f"larger than {MAX_FEED_BYTES // (1024 * 1024)} MB: not read")
        _time_left(deadline, seconds)
        chunks.append(chunk)
    _time_left(deadline, seconds)  # a body cut short by the deadline is not taken for the whole
    return b"".join(chunks)


def _reported(error: Exception) -> str:
    """An error as one line of report: plain text (a server's words may hold control characters), not too long."""
    text = str(error) if isinstance(error, ValueError | OSError) and str(error) else f"{type(error).__name__}: {error}"
    return shorten(" ".join(plain(text).split()), 300)


def fetch_all(root: Path, options: FetchOptions | None = None) -> list[str]:
    """Fetch every partner feed into the cache; a feed that fails keeps its cached items.
    Returns one line of report per feed and per refused item."""
    options = options or FetchOptions()
    today = dt.datetime.now(dt.UTC).date()
    cached, problems = _read_cache(root, today)  # a bad cache must not stop the fetch that replaces it
    report: list[str] = [f"left out of the new cache: {problem}" for problem in problems]
    items = []
    for feed in load_feeds(root):
        previous = [item for item in cached if item.feed == feed.name]
        try:
            fresh, refused = items_from(feed, fetch_feed(feed.url, options), today)
        except Exception as error:  # whatever one feed does, the others are fetched and kept
            report.append(
                f"{feed.name}: could not be fetched or read ({_reported(error)}); kept its {len(previous)} cached items"
            )
            items += previous
            continue
        report += refused
        if len(fresh) > MAX_ITEMS_PER_FEED:
            report.append(f"{feed.name}: kept the newest {MAX_ITEMS_PER_FEED} of its {len(fresh)} items")
            fresh = sorted(fresh, key=lambda item: item.published_at, reverse=True)[:MAX_ITEMS_PER_FEED]
        report.append(f"{feed.name}: {len(fresh)} items")
        items += fresh
    write_cache(root, items)
    return report
