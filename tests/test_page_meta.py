from rhannu.languages import ENGLISH, WELSH
from rhannu.page_meta import first_paragraph, language_links, shorten
from rhannu.sitemap import Alternate, sitemap_entries


def test_first_paragraph_skips_empty_ones_and_strips_markup() -> None:
    html = '<h1>T</h1><p> </p><p>Co-production &amp; <a href="x">involvement</a>\n in PSBs.</p><p>Next</p>'
    assert first_paragraph(html) == "Co-production & involvement in PSBs."


def test_first_paragraph_of_a_page_without_one_is_empty() -> None:
    assert first_paragraph("<h1>Only a title</h1>") == ""


def test_long_descriptions_are_cut_at_a_word() -> None:
    text = "word " * 100
    short = shorten(text.strip(), limit=30)
    assert short == "word word word word word word…"
    assert len(short) <= 30


def test_language_links_put_welsh_first_and_mark_the_current_one() -> None:
    links = language_links(
        ENGLISH, {"en": "about/", "cy": "cy/about/"}, {"en"}, "https://example.org/"
    )
    assert [(link.lang, link.is_current, link.has_own_page) for link in links] == [
        (WELSH, False, False),
        (ENGLISH, True, True),
    ]
    assert links[0].absolute_url == "https://example.org/cy/about/"


def test_sitemap_entries_list_each_language_with_all_alternates() -> None:
    entries = sitemap_entries([{"en": "about/", "cy": "cy/about/"}, {"en": "only/"}], "https://e.org/")
    assert [entry.loc for entry in entries] == [
        "https://e.org/about/",
        "https://e.org/cy/about/",
        "https://e.org/only/",
    ]
    assert entries[0].alternates == (
        Alternate("cy", "https://e.org/cy/about/"),
        Alternate("en-GB", "https://e.org/about/"),
        Alternate("x-default", "https://e.org/about/"),
    )
    assert entries[2].alternates == (
        Alternate("en-GB", "https://e.org/only/"),
        Alternate("x-default", "https://e.org/only/"),
    )


def test_relative_links_between_site_urls() -> None:
    import posixpath

    from rhannu.views import relative

    cases = {
        ("cy/case-studies/x/", "cy/case-studies/"): "x/",
        ("case-studies/", "case-studies/page/2/"): "../../",
        ("cy/feed.xml", "cy/subscribe/"): "../feed.xml",
        ("", "about/"): "../",
        ("about/", ""): "about/",
        ("cy/", "cy/"): "./",
        ("lessons/a/", "case-studies/b/"): "../../lessons/a/",
    }
    for (target, start), expected in cases.items():
        assert relative(target, start) == expected
        resolved = posixpath.normpath(posixpath.join(start or ".", expected))
        assert resolved == posixpath.normpath(target or "."), (target, start)


def test_the_preview_image_gives_its_own_size_and_alt_text_in_the_page_language(tmp_path) -> None:
    from rhannu.page_meta import preview_image

    theme = tmp_path / "theme"
    (theme / "assets/images").mkdir(parents=True)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (640).to_bytes(4, "big") + (320).to_bytes(4, "big")
    (theme / "assets/images/preview.png").write_bytes(png + b"\x08\x02\x00\x00\x00")
    image = preview_image(theme, "https://e.org/", "cy", "Enw", "Name")
    assert (image.url, image.width, image.height) == ("https://e.org/assets/images/preview.png", 640, 320)
    assert image.alt == "Enw'r safle hwn yn Gymraeg ac yn Saesneg: Enw; Name"


def test_a_preview_image_that_is_not_a_png_is_refused(tmp_path) -> None:
    import pytest

    from rhannu.page_meta import png_size

    (tmp_path / "preview.png").write_bytes(b"GIF89a" + b"\x00" * 30)
    with pytest.raises(ValueError, match="not a PNG image"):
        png_size(tmp_path / "preview.png")
