"""The allowlist's fast scan may only ever pass what the full parse passes."""

from __future__ import annotations

import random

import markdown

from rhannu import html_safety

PIECES = ["<", "</", ">", "a", "img", "p", "script", "iframe", " ", "=", '"', "'", "src", "href", "onerror", "javascript:",
          "data:", "&#106;", "x", "/", "<!--", "-->", "class", "\n", "style", "A", "Img", "on", "\t", "br", "{", "}"]


def full_parse(html: str) -> list[html_safety.Problem]:
    reporter = html_safety._Reporter()
    reporter.feed(html)
    reporter.close()
    return reporter.found


def test_the_fast_scan_never_passes_what_the_full_parse_refuses() -> None:
    rng = random.Random(2021)
    passed = 0
    for _ in range(30000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))
        if html_safety.looks_safe(html):
            passed += 1
            assert full_parse(html) == [], html
    assert passed > 1000  # the property was exercised, not vacuous


def test_ordinary_markdown_takes_the_fast_path_and_hostile_html_does_not() -> None:
    page = markdown.markdown("## A heading\n\nSome **text** with [a link](https://example.org/) and `code`.\n\n- a list\n",
                             extensions=["attr_list", "md_in_html", "toc"])
    assert html_safety.looks_safe(page) and html_safety.problems(page) == []
    for hostile in ('<img src="x.png" alt="x" onerror="alert(1)">', "<SCRIPT>alert(1)</SCRIPT>", '<a href="&#106;avascript:x">x</a>',
                    '<a href=" javascript:x">x</a>', "<img/onerror=alert(1) src=x>", "<p style=x>x</p>"):
        assert not html_safety.looks_safe(hostile) and html_safety.problems(hostile), hostile
