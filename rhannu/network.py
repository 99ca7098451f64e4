"""Partner networks' news: fetched on request into a cache of plain text, read by every build.

No partner HTML, image or script reaches our pages: titles and summaries are reduced to text,
links must be http(s), and anything else is refused with a message.
"""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import json
import re
import socket
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import feedparser
import nh3

from rhannu.data_files import read_data
from rhannu.errors import ContentError, ContentErrors
from rhannu.files import write_whole
from rhannu.links import is_link, shown

FEEDS_FILE = "data/networks.yml"
CACHE_FILE = "data/network-cache.json"
SUMMARY_LIMIT = 400
FETCH_TIMEOUT = 20  # seconds for each network operation
FETCH_DEADLINE = 60  # seconds for the whole of one feed: a server that trickles bytes cannot hold it open
MAX_FEED_BYTES = 5 * 1024 * 1024  # a feed larger than this is refused, not read into memory
MAX_ITEMS_PER_FEED = 50  # the newest are kept: an issue shows a fortnight's news, not an archive


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


def load_feeds(root: Path) -> list[PartnerFeed]:
    entries = read_data(root, FEEDS_FILE).get("feeds") or []
    feeds, errors = [], []
    for index, entry in enumerate(entries if isinstance(entries, list) else [None]):
        where = f"feeds[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            errors.append(ContentError(FEEDS_FILE, "expected name, url and lang", where))
            continue
        if not is_link(entry.get("url"), ("https://", "http://")):
            message = f"expected a web address, on one line with no spaces; got {shown(entry.get('url'))}"
            errors.append(ContentError(FEEDS_FILE, message, f"{where}.url"))
            continue
        if entry.get("lang", "en") not in ("en", "cy"):
            errors.append(ContentError(FEEDS_FILE, f"expected one of en, cy; got {entry.get('lang')!r}", f"{where}.lang"))
            continue
        feeds.append(PartnerFeed(entry["name"], entry["url"], entry.get("lang", "en")))
    if errors:
        raise ContentErrors(errors)
    return feeds


def load_cache(root: Path) -> tuple[NetworkItem, ...]:
    path = root / CACHE_FILE
    if not path.exists():
        return ()
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        cached = tuple(NetworkItem(**item) for item in items)
    except (ValueError, KeyError, TypeError) as error:
        problem = f"is not a cache written by 'rhannu network fetch' ({error}); run it again"
        raise ContentErrors([ContentError(CACHE_FILE, problem)]) from None
    if errors := [error for number, item in enumerate(cached, start=1) for error in _cache_item_errors(number, item)]:
        raise ContentErrors(errors)
    return cached


def _cache_item_errors(number: int, item: NetworkItem) -> list[ContentError]:
    """The cache is checked as the fetch checks what it keeps: a hand edit cannot publish a bad value."""
    errors = []
    for name in ("feed", "title", "summary", "link", "published", "lang"):
        if not isinstance(getattr(item, name), str):
            errors.append(ContentError(CACHE_FILE, f"item {number}: expected text; got {getattr(item, name)!r}", name))
    if errors:
        return errors
    try:
        if item.published_at.tzinfo is None:
            raise ValueError
    except ValueError:
        message = (
            f"item {number}: expected a date and time with its offset, such as 2022-03-01T09:00:00+00:00; got {item.published!r}"
        )
        errors.append(ContentError(CACHE_FILE, message, "published"))
    if not is_link(item.link, ("https://", "http://")):
        message = f"item {number}: expected a web address starting https://, with no spaces; got {shown(item.link)}"
        errors.append(ContentError(CACHE_FILE, message, "link"))
    if item.lang not in ("en", "cy"):
        errors.append(ContentError(CACHE_FILE, f"item {number}: expected en or cy; got {item.lang!r}", "lang"))
    return errors


def write_cache(root: Path, items: list[NetworkItem]) -> None:
    ordered = sorted(items, key=lambda item: (item.published, item.feed, item.link))
    text = json.dumps({"items": [asdict(item) for item in ordered]}, ensure_ascii=False, indent=1, sort_keys=True)
    write_whole(root / CACHE_FILE, text + "\n")


def text_only(markup: str) -> str:
    """A partner's HTML as plain text: the Ammonia sanitiser (nh3) keeps no element at all, and
    drops the content of scripts and styles; what is left is unescaped into text."""
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(markup or "", tags=set()))).strip()


def _language(code: str | None, fallback: str) -> str:
    code = (code or "").lower()
    return "cy" if code.startswith("cy") else "en" if code.startswith("en") else fallback


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    """The entry's date: feedparser gives it as a time.struct_time in UTC."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    year, month, day, hour, minute, second = stamp[:6]
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


def items_from(feed: PartnerFeed, document: bytes) -> tuple[list[NetworkItem], list[str]]:
    """The feed's items as text, and a message for each entry refused."""
    parsed = feedparser.parse(document)
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not a feed ({parsed.get('bozo_exception')})")
    feed_lang = _language(parsed.feed.get("language"), feed.lang)
    items, refused = [], []
    for entry in parsed.entries:
        title = text_only(entry.get("title", ""))
        link = entry.get("link", "")
        published = _published(entry)
        problem = (
            "no title"
            if not title
            else f"a link that is not a web address ({link!r})"
            if not link.startswith(("https://", "http://"))
            else "no date"
            if published is None
            else None
        )
        if problem or published is None:  # the second test repeats "no date" for the type checker
            refused.append(f"{feed.name}: left out an item with {problem}")
            continue
        summary = text_only(entry.get("summary", ""))
        if len(summary) > SUMMARY_LIMIT:
            summary = summary[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        lang = _language(entry.get("language"), feed_lang)
        items.append(NetworkItem(feed.name, title, summary, link, published.isoformat(), lang))
    return items, refused


class Refused(ValueError):
    """A feed not fetched or not kept: the message says why."""


def check_address(url: str, *, allow_loopback: bool = False) -> None:
    """Refuse an address whose host is on a private, loopback or link-local network (or is not
    http/https): a partner feed is on the public web. Tests may allow loopback explicitly."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"{url!r} is not a web address")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)}
    except OSError as error:
        raise Refused(f"{parts.hostname} cannot be found ({error})") from None
    for address in sorted(addresses):
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
        if allow_loopback and ip.is_loopback:
            continue
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            raise Refused(f"{parts.hostname} is at {address}, on a private or local network: only public feeds are fetched")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl, allow_loopback=self.allow_loopback)  # each redirect, as the first address
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_limited(response: Any, deadline: float) -> bytes:
    """The response body, refusing more than MAX_FEED_BYTES or reading past `deadline`."""
    chunks, size = [], 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > MAX_FEED_BYTES:
            raise Refused(f"larger than {MAX_FEED_BYTES // (1024 * 1024)} MB: not read")
        if time.monotonic() > deadline:
            raise Refused(f"took longer than {FETCH_DEADLINE} s: not read")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_all(root: Path, *, allow_loopback: bool = False) -> list[str]:
    """Fetch every partner feed into the cache; a feed that fails keeps its cached items.
    Returns one line of report per feed and per refused item."""
    cached = load_cache(root)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_loopback))
    report, items = [], []
    for feed in load_feeds(root):
        previous = [item for item in cached if item.feed == feed.name]
        try:
            check_address(feed.url, allow_loopback=allow_loopback)
            deadline = time.monotonic() + FETCH_DEADLINE
            with opener.open(feed.url, timeout=FETCH_TIMEOUT) as response:
                fresh, refused = items_from(feed, read_limited(response, deadline))
        except (OSError, ValueError) as error:
            report.append(f"{feed.name}: could not be fetched or read ({error}); kept its {len(previous)} cached items")
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
