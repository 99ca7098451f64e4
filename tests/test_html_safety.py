"""The HTML judge: nh3 cleans with the allowlist, one browser-grade parser (Lexbor) compares what
the editor wrote with what nh3 kept, and only nh3's output is ever published. The tests hold it
to that by construction: whatever the judge passes parses, in Lexbor, to the tree the editor
wrote; whatever it publishes, passed or not, holds nothing outside the allowlist."""

from __future__ import annotations

import random

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from rhannu import html_safety

PIECES = ["<", "</", ">", "a", "img", "p", "script", "iframe", " ", "=", '"', "'", "src", "href", "onerror", "javascript:",
          "data:", "&#106;", "x", "/", "<!--", "-->", "<!-->", "<!--->", "--!>", "<![CDATA[", "]]>", "class", "\n", "style",
          "A", "Img", "on", "\t", "br", "{", "}", "svg", "math", "noscript", "title", "textarea", "id", "__config", "rhannu-",
          "body", "onload", "<?", "<!", "\x00", "table", "mglyph", "select", "template"]

# Parser-mismatch members: each hides script from Python's html.parser, or plays on how a browser
# recovers from broken markup. None may reach a reader with its script.
HOSTILE = [
    "<!--><img src=x onerror=pwn()>",
    "<!---><img src=x onerror=pwn()>-->",
    "<!--!><img src=x onerror=pwn()>-->",
    "<![CDATA[><img src=x onerror=pwn()>]]>",
    "<?xml x><img src=x onerror=pwn()>?>",
    "<!DOCTYPE x><img src=x onerror=pwn()>",
    "<p title='</p><img src=x onerror=pwn()>'>x</p>",
    "<noscript><p title=\"</noscript><img src=x onerror=pwn()>\"></noscript>",
    "<svg><p><style><img src=x onerror=pwn()></style></p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=pwn()>",
    "<img/src=x/onerror=pwn()>",
    "<img src=x onerror\x0c=pwn()>",
    "<img src=x\nonerror=pwn()>",
    "<body onload=pwn()>",
    "<a href=\"java&#x09;script:pwn()\">x</a>",
    "<a href=\"&#x6A;avascript:pwn()\">x</a>",
    "<a href=\" javascript:pwn()\">x</a>",
    "<details open ontoggle=pwn()>x</details>",
    "<select><template><img src=x onerror=pwn()></template></select>",
    "<textarea></textarea><img src=x onerror=pwn()>",
    "<title><img src=x onerror=pwn()></title>",
    "<p id=\"__config\">{\"features\":[]}</p>",
    "<abbr id=\"rhannu-filters\" title=\"x\">x</abbr>",
]


def nodes(html: str) -> list[tuple[str, dict]]:
    """Every element of `html` as a browser builds it, with its attributes."""
    root = LexborHTMLParser(html).root
    return [(node.tag, node.attributes) for node in root.traverse() if node.is_element_node]


def allowed(html: str) -> None:
    """Nothing in the published HTML is outside the allowlist, reserved or a script address."""
    for tag, attributes in nodes(html):
        if tag in ("html", "head", "body"):
            assert attributes == {}, (tag, attributes, html)
            continue
        assert tag in html_safety.ALLOWED_ELEMENTS, (tag, html)
        for name, value in attributes.items():
            assert name in html_safety.GLOBAL_ATTRIBUTES or name.startswith("aria-") or name in html_safety.ALLOWED_ATTRIBUTES.get(tag, ()), (name, html)
            assert not (name == "id" and html_safety.reserved_id(value or "")), html
            if name in html_safety.ADDRESS_ATTRIBUTES:
                assert html_safety._unsafe_address(value or "") is None, (value, html)


def test_what_is_published_holds_only_the_allowlist_and_what_passes_is_what_was_written() -> None:
    rng = random.Random(2021)
    passed = refused = 0
    for _ in range(20000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))
        judged = html_safety.judge(html)
        allowed(judged.html)
        assert html_safety.judge(judged.html) == html_safety.Judged(judged.html, None), html  # a fixed point
        if judged.problem is None:
            passed += 1
            assert list(html_safety._nodes(judged.html)) == list(html_safety._nodes(html)), html
        else:
            refused += 1
    assert passed > 2000 and refused > 300  # both sides of the property were exercised


def test_documents_told_alike_by_their_serialisation_are_alike_node_by_node() -> None:
    rng = random.Random(2026)
    alike = 0
    for _ in range(20000):
        written = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))
        cleaned = html_safety._PAGE_CLEANER.clean(written)
        if html_safety.parses_the_same(written, cleaned):
            alike += 1
            assert list(html_safety._nodes(written)) == list(html_safety._nodes(cleaned)), written
    assert alike > 2000  # the quick answer was exercised


@pytest.mark.parametrize(("written", "cleaned", "same"), [
    ("<p>Mae&#x27;n dda &amp; <b>iawn</b></p>", "<p>Mae'n dda &amp; <b>iawn</b></p>", True),
    ('<p class="x" id="y">a</p>', '<p class="x">a</p>', False),
    ("<p>a<b>b</b></p>", "<p>a&lt;b&gt;b&lt;/b&gt;</p>", False),
    ("<p>a</p><!-- rhannu:subscribe -->", "<p>a</p>", False),
    ("<noscript><b>x</b></noscript>", "<noscript><b>x</b></noscript>", False),  # raw text: node by node
])
def test_parses_the_same(written: str, cleaned: str, same: bool) -> None:
    assert html_safety.parses_the_same(written, cleaned) is same


@pytest.mark.parametrize("html", HOSTILE)
def test_every_parser_trick_is_refused_or_published_inert(html: str) -> None:
    judged = html_safety.judge(html)
    allowed(judged.html)
    if judged.problem is None:  # passed: the browser sees no element the editor did not write
        assert [tag for tag, _ in nodes(judged.html)] == [tag for tag, _ in nodes(html)]


@pytest.mark.parametrize(("html", "expected"), [
    ("<!--><img src=x onerror=pwn()>", "the attribute 'onerror' on <img> is not allowed (it runs script)"),
    ("<!---><img src=x onerror=pwn()>-->", "the attribute 'onerror' on <img> is not allowed (it runs script)"),
    ("<body onload=pwn()><p>x</p>", "the attribute 'onload' on <body> is not allowed (it runs script)"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=pwn()>", "the element <math> is not allowed"),
    ("<p>a <font color=red>b</font></p>", "the element <font> is not allowed"),
    ('<a href="java&#x09;script:pwn()">x</a>', "the address 'java\\tscript:pwn()' in href on <a> uses 'javascript:'"),
    ('<img src="data:image/svg+xml,x" alt="x">', "the address 'data:image/svg+xml,x' in src on <img> uses 'data:'"),
    ('<p id="__config">x</p>', "the id '__config' on <p> is reserved for the site's theme and script"),
    ('<span id="rhannu-card-list">x</span>', "the id 'rhannu-card-list' on <span> is reserved"),
    ('<h2 id="__search">Find</h2>', "the heading 'Find' has the id '__search'"),
])
def test_the_first_difference_is_named(html: str, expected: str) -> None:
    problem = html_safety.judge(html).problem
    assert problem is not None and problem.message.startswith(expected), problem


def test_headings_never_derive_a_reserved_id_and_written_ones_are_refused() -> None:
    configs = html_safety.safe_heading_ids({"toc": {"permalink": False}})
    assert html_safety.safe_heading_ids(configs)["toc"]["slugify"] is configs["toc"]["slugify"]  # wrapped once
    renderer = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs=configs)
    html = renderer.convert("## Rhannu arfer\n\n## __config\n\n## Rhannu'r hyn a ddysgwn\n\n## Filters {#rhannu-filters}\n")
    assert 'id="h-rhannu-arfer"' in html and 'id="h-__config"' in html and 'id="rhannur-hyn-a-ddysgwn"' in html
    problem = html_safety.judge(html).problem
    assert problem is not None and problem.message.startswith("the heading 'Filters' has the id 'rhannu-filters'")
    assert "{#another-id}" in problem.message


def test_ordinary_markdown_is_published_as_written() -> None:
    page = markdown.markdown("## A heading\n\nSome **text** with [a link](https://example.org/?a=1&b=2) and `<code>`.\n\n"
                             "| a | b |\n|---|---|\n| 1 | 2 |\n\n- a list\n\n<!-- rhannu:subscribe -->\n",
                             extensions=["attr_list", "md_in_html", "toc", "tables"])
    judged = html_safety.judge(page)
    assert judged.problem is None
    assert "<!-- rhannu:subscribe -->" in judged.html  # block markers survive, to be replaced after judging


def test_email_html_loses_comments_so_no_conditional_comment_reaches_outlook() -> None:
    html = "<p>x</p><!--[if mso]><img src=x onerror=pwn()><![endif]-->"
    assert html_safety.judge(html, keep_comments=False) == html_safety.Judged("<p>x</p>", None)
    assert html_safety.clean(html) == "<p>x</p>"
