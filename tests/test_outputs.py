"""The output step: files besides pages, each written by one owner, never twice."""

from __future__ import annotations

import pytest

from rhannu.outputs import OutputClash, _Files


def test_a_path_written_twice_is_an_error_naming_it() -> None:
    files = _Files()
    files.add("case-studies/cards.json", "[]")
    with pytest.raises(OutputClash, match=r"^case-studies/cards\.json: two outputs of this build would write it$"):
        files.add("case-studies/cards.json", "{}")
    assert files.written == {"case-studies/cards.json": b"[]"}


def test_the_sample_sites_outputs_by_owner() -> None:
    """outputs(site) holds what belongs to no language; outputs(site, lang) each language's own."""
    from rhannu.languages import CODES
    from rhannu.outputs import all_outputs, outputs
    from rhannu.site import prepare
    from rhannu.site_info import SiteInfo
    from tests.support.sample_site import CASE_STUDIES, FACETS, ISSUES, LESSONS, REDIRECTS, at, section, welsh
    from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL

    site = prepare(FIXTURE, BUILD_DATE_PINNED, SiteInfo(FIXTURE_URL, {"en": "Sample", "cy": "Enghraifft"}))
    emails = {f"newsletters/{day}/email{edition}.{kind}" for day in ISSUES for edition in ("", ".cy", ".en") for kind in ("html", "txt", "eml")}
    shared = outputs(site)
    assert set(shared) == {"robots.txt", "_headers", "_redirects"} | {path for path in emails if "/email." in path and path.count(".") == 1}
    for lang, root in (("en", ""), ("cy", "cy/")):
        own = outputs(site, lang)
        assert set(own) == {
            f"{root}feed.xml", f"{section(root, 'newsletters')}/feed.xml", f"{section(root, 'case-studies')}/cards.json",
            f"{root}api/v1/catalogue.json", f"{root}api/v1/schema.json",
            *(f"{root}{old}index.html" for old in REDIRECTS),
            *(f"{at(root, f'case-studies/{facet}/{value}/')}feed.xml" for facet in ("psb", "theme") for value in FACETS[facet]),
            *(path for path in emails if f"/email.{lang}." in path),
            f"{root}feed.xsl",  # the feeds' page for browsers (issue 21)
            f"{root}events.ics",  # the events calendar, and the sample event's own file beside its issue
            f"{section(root, 'newsletters')}/2022-03-14/sample-event.ics",
            # each case study's and lesson's citation files, beside its page (issue 21)
            *(f"{section(root, 'case-studies')}/{slug}/citation.{kind}" for slug in CASE_STUDIES for kind in ("ris", "bib")),
            *(f"{welsh(f'lessons/{slug}/') if root else f'lessons/{slug}/'}citation.{kind}" for slug in LESSONS for kind in ("ris", "bib")),
        }
    assert set(all_outputs(site, CODES)) == {"robots.txt", "_headers", "_redirects", *emails, *(path for lang in CODES for path in outputs(site, lang))}
    assert shared["robots.txt"] == f"User-agent: *\nAllow: /\n\nSitemap: {FIXTURE_URL}sitemap.xml\n".encode()
