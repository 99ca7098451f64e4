"""Partner feeds fetched for real from a local HTTP server: good RSS, good Atom, hostile, broken."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.sample_site import section
from tests.support.server import serve
from tests.support.sites import build, copy_fixture, read_html

FIXTURES = Path(__file__).parent / "fixtures/feeds"
CACHED_BROKEN = {
    "feed": "Broken network", "title": "Kept from before", "summary": "Cached earlier.",
    "link": "https://broken.example.org/kept", "published": "2022-03-05T09:00:00+00:00", "lang": "en",
}


def fetch(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(project), "network", "fetch", "--allow-loopback"],
                          capture_output=True, text=True, check=False)


def test_fetch_keeps_text_only_refuses_unsafe_links_and_survives_a_broken_feed(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "data/network-cache.json").write_text(json.dumps({"items": [CACHED_BROKEN]}), encoding="utf-8")
    with serve(FIXTURES) as base:
        (project / "data/networks.yml").write_text(
            "feeds:\n"
            f"  - {{name: Good RSS network, url: '{base}good.rss.xml', lang: en}}\n"
            f"  - {{name: Rhwydwaith Atom, url: '{base}good.atom.xml', lang: en}}\n"
            f"  - {{name: Hostile network, url: '{base}hostile.rss.xml', lang: en}}\n"
            f"  - {{name: Broken network, url: '{base}broken.xml', lang: en}}\n"
            f"  - {{name: Missing network, url: '{base}missing.xml', lang: en}}\n",
            encoding="utf-8",
        )
        done = fetch(project)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert "Good RSS network: 2 items" in lines
    assert "Rhwydwaith Atom: 1 items" in lines
    assert "Hostile network: left out an item with a link that is not a web address ('javascript:alert(5)')" in lines
    assert "Hostile network: 1 items" in lines
    assert any(line.startswith("Broken network: could not be fetched or read (not a feed") and line.endswith("kept its 1 cached items") for line in lines)
    assert any(line.startswith("Missing network: could not be fetched or read (HTTP Error 404") for line in lines)

    raw = (project / "data/network-cache.json").read_text(encoding="utf-8")
    items = {item["title"]: item for item in json.loads(raw)["items"]}
    for unsafe in ("<", "javascript:", "onerror", "onclick", "pixel.gif", "steal()"):
        assert unsafe not in raw, unsafe
    assert items["Involvement & engagement toolkit"]["summary"] == "A toolkit for involvement."
    assert items["Harmless title"]["summary"] == "Text click"
    assert items["Digwyddiad rhannu arfer"]["lang"] == "cy"
    assert items["Kept from before"] == CACHED_BROKEN

    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for prefix, heading in (("", "From the network"), ("cy/", "O'r rhwydwaith")):
        page = read_html(result.site / f"{section(prefix, 'newsletters')}/2022-03-14/index.html")
        network = page.select_one("#issue-network").find_parent("section")
        assert network.h2.get_text() == heading
        langs = {li.a.get_text(): li["lang"] for li in network.select("li")}
        assert langs["Digwyddiad rhannu arfer"] == "cy" and langs["Second item"] == "en-GB"
        assert not network.select("img, script, [onerror], [onclick]")
    email = (result.site / "newsletters/2022-03-14/email.html").read_text(encoding="utf-8")
    assert "Digwyddiad rhannu arfer" in email and "<script" not in email


def test_fetch_with_no_partner_feeds_says_so(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "data/networks.yml").write_text("feeds: []\n", encoding="utf-8")
    done = fetch(project)
    assert (done.returncode, done.stdout) == (0, "no partner feeds are listed in data/networks.yml\n")
    assert json.loads((project / "data/network-cache.json").read_text(encoding="utf-8")) == {"items": []}


def test_feeds_on_private_or_local_networks_are_refused_before_connecting() -> None:
    import pytest

    from rhannu.network import Refused, check_address

    for url in ("http://127.0.0.1:8000/feed.xml", "http://10.1.2.3/feed.xml", "http://192.168.0.5/", "http://169.254.1.1/",
                "http://[::1]/feed.xml", "file:///etc/passwd"):
        with pytest.raises(Refused):
            check_address(url)
    check_address("http://127.0.0.1:8000/feed.xml", allow_loopback=True)  # tests allow this machine explicitly
    with pytest.raises(Refused, match="not a public address"):
        check_address("http://10.1.2.3/feed.xml", allow_loopback=True)


def test_a_feed_is_limited_in_size_and_time() -> None:
    import time

    import pytest

    from rhannu.network import MAX_FEED_BYTES, Refused, read_limited

    class Endless:
        def read(self, size: int) -> bytes:
            return b"x" * size

    with pytest.raises(Refused, match="larger than 5 MB"):
        read_limited(Endless(), time.monotonic() + 60)
    with pytest.raises(Refused, match="took longer than 60 s"):
        read_limited(Endless(), time.monotonic() - 1)
    assert MAX_FEED_BYTES == 5 * 1024 * 1024


def test_only_the_newest_items_of_a_long_feed_are_kept(tmp_path: Path) -> None:
    from rhannu.network import MAX_ITEMS_PER_FEED

    feeds = tmp_path / "feeds"
    feeds.mkdir()
    items = "".join(
        f"<item><title>Item {n}</title><link>https://long.example.org/{n}</link>"
        f"<pubDate>Mon, {n % 28 + 1:02d} Mar 2022 09:00:00 +0000</pubDate></item>"
        for n in range(60)
    )
    (feeds / "long.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>{items}</channel></rss>',
                                    encoding="utf-8")
    project = copy_fixture(tmp_path / "project")
    with serve(feeds) as base:
        (project / "data/networks.yml").write_text(f"feeds:\n  - name: Long\n    url: {base}long.xml\n    lang: en\n", encoding="utf-8")
        done = fetch(project)
    assert done.returncode == 0, done.stderr
    assert f"Long: kept the newest {MAX_ITEMS_PER_FEED} of its 60 items" in done.stdout
    assert len(json.loads((project / "data/network-cache.json").read_text(encoding="utf-8"))["items"]) == MAX_ITEMS_PER_FEED
