"""For other networks (issue 15): the terms of reuse (the licence in mkdocs.yml), "Cite this page"
on case studies and lessons, and the versioned JSON catalogue with its JSON Schema.

The sample site sets a licence (the Open Government Licence, as an example); the project's own
mkdocs.yml leaves it unset, and a copy of the sample site without it tests that state."""

from __future__ import annotations

import dataclasses
import json
import re
from html import unescape
from pathlib import Path

import jsonschema
import pytest
import yaml

from rhannu import catalogue
from rhannu.errors import ContentErrors
from rhannu.site import Site, prepare
from rhannu.site_info import Licence, SiteInfo, licence
from tests.support.sample_site import CASE_STUDIES, ISSUES, LEFT_OUT, LESSONS, at, welsh
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL, BuildResult, build, copy_fixture, read_html

OGL = {
    "name": {"en": "Open Government Licence v3.0", "cy": "Trwydded Llywodraeth Agored v3.0"},
    "url": {
        "en": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "cy": "https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/",
    },
}
EXPECTED_IDS = [
    *(f"case-study/{slug}" for slug in CASE_STUDIES),
    *(f"lesson/{slug}" for slug in LESSONS),
    *(f"issue/{day}" for day in reversed(ISSUES)),
    "event/sample-event",  # the sample site's one event, in the issue of 2022-03-14
    "news/sample-news",  # its one news item in an issue (issue 21)
]
NEW_FILES = ["api/v1/catalogue.json", "api/v1/schema.json", "cy/api/v1/catalogue.json", "cy/api/v1/schema.json"]


def _info(with_licence: bool = True) -> SiteInfo:
    return SiteInfo(
        FIXTURE_URL,
        {"en": "Rhannu sample site", "cy": "Safle enghreifftiol Rhannu"},
        "sample@example.org",
        licence=licence(OGL) if with_licence else None,
    )


@pytest.fixture(scope="module")
def sample() -> Site:
    return prepare(FIXTURE, BUILD_DATE_PINNED, _info())


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# --- The licence setting -------------------------------------------------------------------------


def test_a_licence_is_read_in_both_languages_and_none_is_unset() -> None:
    read = licence(OGL)
    assert read == Licence(OGL["name"], OGL["url"])
    assert (read.name("cy"), read.url("en")) == ("Trwydded Llywodraeth Agored v3.0", OGL["url"]["en"])
    assert licence(None) is None


def test_a_bad_licence_is_an_error_naming_mkdocs_yml_and_each_field() -> None:
    with pytest.raises(ContentErrors) as raised:
        licence({"name": {"en": "A licence", "cy": "Trwydded\nInjected: yes"}, "url": {"en": "http://example.org/l"}, "version": 3})
    assert [str(error) for error in raised.value.errors] == [
        "mkdocs.yml: field 'extra.licence.name.cy': expected the licence's name in this language, on one line; got 'Trwydded\\nInjected: yes'",
        "mkdocs.yml: field 'extra.licence.url.cy': expected the address of the licence's text in this language, starting https://; got None",
        "mkdocs.yml: field 'extra.licence.url.en': expected the address of the licence's text in this language, starting https://; got 'http://example.org/l'",
        "mkdocs.yml: field 'extra.licence.version': unknown field; expected name: {en: ..., cy: ...} and url: {en: https://..., cy: https://...}",
    ]
    with pytest.raises(ContentErrors) as raised:
        licence("OGL")
    assert str(raised.value.errors[0]).startswith("mkdocs.yml: field 'extra.licence': expected name: {en: ..., cy: ...}")


# --- The catalogue, from the site model ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_catalogue_lists_every_published_item_with_stable_ids_and_fits_its_schema(sample: Site, lang: str) -> None:
    data = catalogue.catalogue(sample.info, sample.content, sample.issues, lang)
    _validator(catalogue.schema(sample.info, lang, sample.content.taxonomy.schema)).validate(data)
    assert [entry["id"] for entry in data["entries"]] == EXPECTED_IDS
    assert not {f"case-study/{slug}" for slug in LEFT_OUT} & {entry["id"] for entry in data["entries"]}
    assert data["version"] == 1
    assert data["schema"] == f"{FIXTURE_URL}{'cy/' if lang == 'cy' else ''}api/v1/schema.json"
    assert data["licence"] == {"name": OGL["name"][lang], "url": OGL["url"][lang]}
    assert all(entry["licence"] == data["licence"] for entry in data["entries"])


def test_an_entry_has_both_addresses_its_dates_at_their_precision_and_labels_in_the_language(sample: Site) -> None:
    english, welsh_ = ({entry["id"]: entry for entry in catalogue.catalogue(sample.info, sample.content, sample.issues, lang)["entries"]} for lang in ("en", "cy"))
    hackathon = welsh_["case-study/sample-hackathon"]
    assert hackathon["url"] == {"cy": FIXTURE_URL + welsh("case-studies/sample-hackathon/"), "en": FIXTURE_URL + "case-studies/sample-hackathon/"}
    assert (hackathon["published"], hackathon["when"]) == ("2023-10-20", "2021-09/2021-11")  # a day; an autumn, as months
    assert hackathon["psb"] == {"id": "sample-south", "label": "Clwstwr enghreifftiol y De"}
    assert hackathon["approaches"] == [{"id": "hackathon", "label": "Hacathon"}]
    assert english["case-study/sample-hackathon"]["approaches"] == [{"id": "hackathon", "label": "Hackathon"}]
    # a Welsh text that names its own page has its own address; the id stays the file's name
    assert welsh_["lesson/sample-uncited"]["url"]["cy"] == FIXTURE_URL + "cy/gwersi/gwers-heb-gyfeiriad/"
    assert english["lesson/sample-uncited"]["url"] == welsh_["lesson/sample-uncited"]["url"]
    source = english["case-study/sample-sharing-practice"]["source"]
    assert (source["id"], source["period"]) == ("sample-report", {"start": "2021-09", "end": "2022"})  # autumn 2021 to 2022
    event = welsh_["event/sample-event"]
    assert event["event"] == {
        "start": "2022-03-17T14:00:00+00:00",
        "all_day": False,
        "place": "Neuadd Gymunedol Enghreifftiol",
        "online_link": "https://events.example.org/sample-learning-event",
        "issue": "issue/2022-03-14",
    }
    assert event["url"]["cy"] == FIXTURE_URL + "cy/cylchlythyrau/2022-03-14/#issue-events"
    assert english["issue/2022-03-14"]["published"] == "2022-03-14"


def test_without_a_licence_the_catalogue_says_null(sample: Site) -> None:
    info = _info(with_licence=False)
    data = catalogue.catalogue(info, sample.content, sample.issues, "en")
    _validator(catalogue.schema(info, "en", sample.content.taxonomy.schema)).validate(data)
    assert data["licence"] is None and {entry["licence"] for entry in data["entries"]} == {None}


def test_the_schema_refuses_what_the_catalogue_must_not_hold(sample: Site) -> None:
    """The schema is strict enough to fail: a test of the catalogue against it can go red."""
    data = catalogue.catalogue(sample.info, sample.content, sample.issues, "en")
    validator = _validator(catalogue.schema(sample.info, "en", sample.content.taxonomy.schema))
    broken = [
        lambda entry: entry.update(published="31/03/2022"),
        lambda entry: entry.update(id="case study/x"),
        lambda entry: entry.pop("licence"),
        lambda entry: entry["url"].update(fr="https://example.org/"),
        lambda entry: entry.update(type="event"),  # an event without its event details
    ]
    for change in broken:
        copy = json.loads(json.dumps(data))
        change(copy["entries"][0])
        assert list(validator.iter_errors(copy)), change


def test_a_title_with_a_line_break_or_markup_stays_a_string(sample: Site) -> None:
    study = sample.content.case_studies[0]
    text = dataclasses.replace(study.texts["en"], title='Line one\nLine two</script><b>"x"</b>')
    entry = catalogue.item_entry(sample.info, sample.content, dataclasses.replace(study, texts={"en": text}), "en", None)
    written = catalogue.catalogue_json({"entries": [entry]})
    assert json.loads(written)["entries"][0]["title"] == 'Line one\nLine two</script><b>"x"</b>'
    assert "\nLine two" not in written  # the line break is escaped: one JSON string


# --- On the built sample site ---------------------------------------------------------------------


def _json(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("root", ["", "cy/"])
def test_the_built_catalogue_fits_the_schema_beside_it_and_every_address_is_a_page(site: Path, root: str) -> None:
    data, schema = _json(site, f"{root}api/v1/catalogue.json"), _json(site, f"{root}api/v1/schema.json")
    _validator(schema).validate(data)
    assert schema["$id"] == f"{FIXTURE_URL}{root}api/v1/schema.json" == data["schema"]
    assert data["language"] == ("cy" if root else "en-GB")
    assert [entry["id"] for entry in data["entries"]] == EXPECTED_IDS
    for entry in data["entries"]:
        assert set(entry["url"]) == {"en", "cy"}
        for address in entry["url"].values():
            page = address.removeprefix(FIXTURE_URL).split("#")[0]
            assert (site / page / "index.html").is_file(), address
    assert data["entries"][EXPECTED_IDS.index("lesson/sample-uncited")]["url"]["cy"] == FIXTURE_URL + welsh("lessons/sample-uncited/")


def test_with_a_licence_it_shows_in_the_footer_json_ld_feeds_and_reusing_page(site: Path) -> None:
    for lang, root in (("en", ""), ("cy", "cy/")):
        footer = read_html(site / at(root, "about/") / "index.html").select_one(".md-copyright .rhannu-reuse")
        link = footer.select_one('a[rel="license"]')
        assert (link["href"], link.get_text()) == (OGL["url"][lang], OGL["name"][lang])
        assert footer.select("a")[-1]["href"] == "../reusing/"
        reusing = read_html(site / root / "reusing/index.html").select_one("article .rhannu-reuse-terms")
        assert reusing.select_one("a")["href"] == OGL["url"][lang]
        feed = (site / root / "feed.xml").read_text(encoding="utf-8")
        assert f"({OGL['url'][lang]}).</copyright>" in feed
    jsonld = read_html(site / "cy/astudiaethau-achos/sample-hackathon/index.html").select_one('script[type="application/ld+json"]')
    assert json.loads(jsonld.string)["license"] == OGL["url"]["cy"]


def test_the_reusing_page_links_to_the_catalogue_in_both_languages(site: Path) -> None:
    article = read_html(site / "reusing/index.html").select_one("article")
    assert article.h1.get_text() == "Reusing our content"
    assert [code.get_text() for code in article.select("li code")] == [
        f"{FIXTURE_URL}api/v1/catalogue.json", f"{FIXTURE_URL}cy/api/v1/catalogue.json", f"{FIXTURE_URL}api/v1/schema.json",
        f"{FIXTURE_URL}cy/api/v1/schema.json",  # both languages' schemas (issue 21)
    ]
    assert [a["href"] for a in article.select("li a") if not a.find_parent(class_="rhannu-contents")] == [
        "../api/v1/catalogue.json", "../cy/api/v1/catalogue.json", "../api/v1/schema.json", "../cy/api/v1/schema.json"
    ]
    assert read_html(site / "cy/reusing/index.html").select_one("article h1").get_text() == "Ailddefnyddio ein cynnwys"


@pytest.fixture(scope="module")
def unlicensed(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The sample site as the project ships: no licence chosen."""
    project = copy_fixture(tmp_path_factory.mktemp("unlicensed") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    settings = yaml.safe_load(text)
    assert "licence" in settings["extra"]
    config.write_text(re.sub(r"\n  licence:\n(    .*\n)+", "\n", text), encoding="utf-8")
    assert "licence" not in yaml.safe_load(config.read_text(encoding="utf-8"))["extra"]
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    return result


def test_until_a_licence_is_set_the_reusing_page_says_to_ask_the_contact(unlicensed: BuildResult) -> None:
    site = unlicensed.site
    expected = {
        "": "No licence for reusing this content has been chosen yet. To reuse it, ask us first: sample@example.org.",
        "cy/": "Nid oes trwydded ar gyfer ailddefnyddio'r cynnwys hwn wedi'i dewis eto. I'w ailddefnyddio, gofynnwch i ni yn gyntaf: sample@example.org.",
    }
    for root, sentence in expected.items():
        terms = read_html(site / root / "reusing/index.html").select_one("article .rhannu-reuse-terms")
        assert terms.get_text() == sentence
        assert terms.select_one("a")["href"] == "mailto:sample@example.org"
        page = read_html(site / at(root, "about/") / "index.html")
        assert page.select_one('a[rel="license"]') is None
        assert page.select_one(".md-copyright .rhannu-reuse a")["href"] == "../reusing/"
        assert "<copyright>" not in (site / root / "feed.xml").read_text(encoding="utf-8")
        data = _json(site, f"{root}api/v1/catalogue.json")
        _validator(_json(site, f"{root}api/v1/schema.json")).validate(data)
        assert data["licence"] is None and [entry["id"] for entry in data["entries"]] == EXPECTED_IDS
    jsonld = read_html(site / "case-studies/sample-hackathon/index.html").select_one('script[type="application/ld+json"]')
    assert "license" not in json.loads(jsonld.string)


def test_two_builds_write_the_same_bytes_for_the_catalogue_and_the_new_pages(sample_project: Path, site: Path, tmp_path: Path) -> None:
    again = build(sample_project, tmp_path / "again")
    assert again.returncode == 0, again.log
    pages = ["reusing/index.html", "cy/reusing/index.html", "case-studies/sample-hackathon/index.html", "cy/gwersi/gwers-heb-gyfeiriad/index.html"]
    for path in [*NEW_FILES, *pages]:
        assert (again.site / path).read_bytes() == (site / path).read_bytes(), path


def test_a_bad_licence_in_mkdocs_yml_stops_the_build_naming_the_field(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(OGL["url"]["cy"], "javascript:alert(1)"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: field 'extra.licence.url.cy': expected the address of the licence's text in this language, starting https://; got 'javascript:alert(1)'" in result.log


def test_a_licence_name_with_markup_is_shown_as_text_on_pages_and_in_feeds() -> None:
    from rhannu.blocks import reuse_terms_html
    from rhannu.feeds import Channel, render_rss

    odd = licence({"name": {"en": "<b>Ours</b> & co", "cy": "<i>Ein un ni</i>"}, "url": OGL["url"]})
    assert reuse_terms_html(odd, None, "en") == (
        f'<p class="rhannu-reuse-terms">You may reuse this content under this licence: '
        f'<a href="{OGL["url"]["en"]}">&lt;b&gt;Ours&lt;/b&gt; &amp; co</a>.</p>'
    )
    assert unescape(reuse_terms_html(None, None, "cy")) == (
        "<p class=\"rhannu-reuse-terms\">Nid oes trwydded ar gyfer ailddefnyddio'r cynnwys hwn wedi'i dewis eto. "
        "I'w ailddefnyddio, gofynnwch i'r rhaglen yn gyntaf.</p>"
    )
    feed = render_rss(Channel("T", "https://e.org/", "D", "en", "https://e.org/feed.xml", (), copyright="<b>Ours</b> & co"))
    assert "<copyright>&lt;b&gt;Ours&lt;/b&gt; &amp; co</copyright>" in feed
