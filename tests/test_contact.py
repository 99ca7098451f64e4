"""Contact and data controller, issue 21: extra.contact and extra.data_controller in mkdocs.yml,
read and refused field by field; the Contact page (in the menu, the footer and the About page)
and the privacy notice, in both languages, set (the sample site) and unset (the project as it
ships), built and in Chromium at 375 and 1280 px with axe at zero in both colour schemes."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from rhannu.blocks import contact_details_html, contact_inline, data_controller_text
from rhannu.cli import main
from rhannu.errors import ContentErrors
from rhannu.labels import ENGLISH, WELSH
from rhannu.site_info import Contact, SiteInfo, contact, data_controller, placeholders
from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import welsh
from tests.support.sites import PINNED_EPOCH, BuildResult, build, copy_fixture, read_html

LABELS = {"en": ENGLISH, "cy": WELSH}
PAGES = {"en": ("contact/", "privacy/", "about/"), "cy": tuple(welsh(page) for page in ("contact/", "privacy/", "about/"))}


def _messages(raised: pytest.ExceptionInfo[ContentErrors]) -> list[str]:
    return [str(error) for error in raised.value.errors]


# --- Reading the settings ------------------------------------------------------------------------


def test_a_full_contact_is_read_with_names_on_one_line() -> None:
    read = contact(
        {"email": "helo@rhannu.cymru", "url": "https://rhannu.cymru/cysylltu/", "name": {"en": "The  team", "cy": "Y tîm\n"}}
    )
    assert read == Contact("helo@rhannu.cymru", "https://rhannu.cymru/cysylltu/", {"en": "The team", "cy": "Y tîm"})
    assert contact(None) == Contact() and contact({"email": "a@b.cymru"}) == Contact("a@b.cymru")
    assert data_controller({"en": "Org Ltd", "cy": "Sefydliad Cyf"}) == {"en": "Org Ltd", "cy": "Sefydliad Cyf"}
    assert data_controller(None) is None


def test_a_bad_contact_is_named_field_by_field() -> None:
    with pytest.raises(ContentErrors) as raised:
        contact({"email": "not an address", "url": "http://insecure.example/", "name": {"en": "Team"}, "phone": "0123"})
    assert sorted(_messages(raised)) == [
        "mkdocs.yml: field 'extra.contact.email': expected one email address, such as hello@example.org, on one line; "
        "got 'not an address'",
        "mkdocs.yml: field 'extra.contact.name.cy': expected who answers (a team or a role) in this language, as text on "
        "one line; got None",
        "mkdocs.yml: field 'extra.contact.phone': unknown field; expected email: hello@example.org, url: https://... "
        "(a contact form or page), name: {en: ..., cy: ...}",
        "mkdocs.yml: field 'extra.contact.url': expected the address of a contact form or page, starting https://; "
        "got 'http://insecure.example/'",
    ]
    with pytest.raises(ContentErrors) as raised:
        contact("helo@rhannu.cymru")
    assert _messages(raised)[0].startswith("mkdocs.yml: field 'extra.contact': expected email: ")


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        (
            "Org Ltd",
            [
                "mkdocs.yml: field 'extra.data_controller': expected the data controller's name in each language: en: ..., cy: ...; got 'Org Ltd'"
            ],
        ),
        (
            {"en": "Org Ltd", "cy": "", "fr": "Org"},
            [
                "mkdocs.yml: field 'extra.data_controller.fr': unknown language; expected cy and en",
                "mkdocs.yml: field 'extra.data_controller.cy': expected the data controller's name in this language, as text on one line; got ''",
            ],
        ),
        (
            {"en": "Org\nLtd", "cy": "Org\x07"},
            [
                "mkdocs.yml: field 'extra.data_controller.en': expected the data controller's name in this language, as text on one line; got 'Org\\nLtd'",
                "mkdocs.yml: field 'extra.data_controller.cy': expected the data controller's name in this language, as text on one line; got 'Org\\x07'",
            ],
        ),
    ],
)
def test_a_bad_data_controller_is_named(value: object, messages: list[str]) -> None:
    with pytest.raises(ContentErrors) as raised:
        data_controller(value)
    assert sorted(_messages(raised)) == sorted(messages)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def _set(project: Path, key: str, value: object) -> None:
    """Replace (or, with None, remove) one setting under `extra` in the copy's mkdocs.yml,
    keeping every other line as it is."""
    config = project / "mkdocs.yml"
    text = re.sub(rf"\n  {key}:\n(    .*\n)+", "\n", config.read_text(encoding="utf-8"))
    if value is not None:
        block = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False)
        text = text.replace("\nextra:\n", "\nextra:\n" + "".join(f"  {line}\n" for line in block.splitlines()), 1)
    config.write_text(text, encoding="utf-8")


def test_rhannu_check_names_a_bad_setting_without_a_traceback(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    _set(project, "contact", {"email": "helo@rhannu.cymru", "url": "ftp://rhannu.cymru/"})
    _set(project, "data_controller", {"en": "Org Ltd"})
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        "mkdocs.yml: field 'extra.contact.url': expected the address of a contact form or page, starting https://; got 'ftp://rhannu.cymru/'"
        in err
    )
    assert "mkdocs.yml: field 'extra.data_controller.cy': expected the data controller's name in this language" in err


def test_a_build_with_a_bad_setting_stops_with_the_message(project: Path) -> None:
    _set(project, "data_controller", ["Org Ltd"])
    result = build(project, project.parent / "site")
    assert result.returncode == 1
    assert "mkdocs.yml: field 'extra.data_controller': expected the data controller's name" in result.log
    assert "Traceback" not in result.log


def test_publishing_is_refused_until_contact_and_controller_are_set() -> None:
    unset = placeholders(SiteInfo("https://rhannu.cymru/", {"en": "Site"}))
    assert [error.field for error in unset] == ["extra.contact", "extra.data_controller"]
    assert all("not set" in error.message for error in unset)
    ready = SiteInfo(
        "https://rhannu.cymru/",
        {"en": "Site"},
        contact=Contact(url="https://rhannu.cymru/cysylltu/"),
        data_controller={"en": "A", "cy": "B"},
    )
    assert placeholders(ready) == []
    example = SiteInfo(
        "https://rhannu.cymru/",
        {"en": "Site"},
        contact=Contact(url="https://forms.example.org/x"),
        data_controller={"en": "A", "cy": "B"},
    )
    assert [error.field for error in placeholders(example)] == ["extra.contact.url"]


# --- The blocks ---------------------------------------------------------------------------------


def test_the_contact_block_gives_what_is_set_escaped() -> None:
    full = Contact("helo@rhannu.cymru", "https://rhannu.cymru/cysylltu/?a=1&b=2", {"en": "<b>Team</b>", "cy": "Tîm"})
    english = contact_details_html(full, "en")
    assert "Who answers messages: &lt;b&gt;Team&lt;/b&gt;." in english
    assert '<a href="mailto:helo@rhannu.cymru">helo@rhannu.cymru</a>' in english
    assert '<a href="https://rhannu.cymru/cysylltu/?a=1&amp;b=2">Contact form</a>' in english
    welsh = unescape(contact_details_html(full, "cy"))
    assert "Pwy sy'n ateb negeseuon: Tîm." in welsh and "E-bost:" in welsh and "Ffurflen gyswllt" in welsh
    assert "Pwy" not in contact_details_html(Contact("helo@rhannu.cymru"), "cy")  # no name: no line for it


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_unset_blocks_say_what_is_missing(lang: str) -> None:
    labels = LABELS[lang]
    assert labels["contact_details_unset"] in unescape(contact_details_html(Contact(), lang))
    assert "mailto" not in contact_details_html(Contact(), lang)
    assert labels["contact_unset"] in unescape(contact_inline(None, lang))
    assert unescape(data_controller_text(None, lang)) == labels["data_controller_unset"]
    assert "Org &amp; Co" in data_controller_text({"en": "Org & Co", "cy": "Org & Co"}, lang)


# --- The built sites: set (the sample) and unset (as the project ships) --------------------------


@pytest.fixture(scope="module")
def unset_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_fixture(tmp_path_factory.mktemp("unset-contact") / "project")
    _set(project, "contact", None)
    _set(project, "data_controller", None)
    extra = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    assert "contact" not in extra and "data_controller" not in extra
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    return result


def _text(site: Path, path: str, selector: str = "article") -> str:
    return " ".join(read_html(site / path / "index.html").select_one(selector).get_text(" ").split())


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_sample_site_shows_its_contact_and_controller(site: Path, lang: str) -> None:
    contact_page, privacy, about = PAGES[lang]
    name = {"en": "The sample programme team", "cy": "Tîm y rhaglen enghreifftiol"}[lang]
    controller = {"en": "Sample Data Controller Ltd", "cy": "Rheolydd Data Enghreifftiol Cyf"}[lang]
    assert LABELS[lang]["contact_who"].format(name=name) in _text(site, contact_page)
    assert read_html(site / contact_page / "index.html").select_one("article a[href='mailto:sample@example.org']")
    assert LABELS[lang]["data_controller"].format(controller=controller) in _text(site, privacy)
    assert read_html(site / privacy / "index.html").select_one("article a[href='mailto:sample@example.org']")
    # the About page links to the Contact page
    assert read_html(site / about / "index.html").select_one("article a[href='../contact/']")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_shipped_state_says_what_is_missing(unset_site: BuildResult, lang: str) -> None:
    site = unset_site.site
    contact_page, privacy, about = PAGES[lang]
    assert LABELS[lang]["contact_details_unset"] in _text(site, contact_page)
    assert LABELS[lang]["data_controller_unset"] in _text(site, privacy)
    assert LABELS[lang]["contact_unset"] in _text(site, privacy)
    assert LABELS[lang]["contact_unset"] in _text(site, about)
    for path in PAGES[lang]:
        assert "mailto:" not in (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path", ["", "about/", "case-studies/", "lessons/sample-skills/", "contact/", "cy/", "cy/astudiaethau-achos/", "cy/contact/"]
)
def test_every_page_links_to_contact_in_footer_and_menu(site: Path, path: str) -> None:
    lang = "cy" if path.startswith("cy/") else "en"
    page = read_html(site / path / "index.html")
    footer = page.select_one(".md-copyright .rhannu-contact-link a")
    assert footer is not None and footer.get_text() == LABELS[lang]["contact_page"]
    target = (site / path / footer["href"]).resolve() / "index.html"
    assert target == (site / PAGES[lang][0] / "index.html").resolve()
    menu = [link.get_text(" ", strip=True) for link in page.select("nav.md-nav--primary a.md-nav__link")]
    assert LABELS[lang]["contact_page"] in menu


# --- In Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unset_url(unset_site: BuildResult):
    from tests.support.server import serve

    with serve(unset_site.site) as url:
        yield url


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme(request) -> str:
    return request.param


def _audit(browser, base: str, scheme: str, width: int, path: str):
    context = browser.new_context(base_url=base, color_scheme=scheme, viewport={"width": width, "height": 800})
    tab = context.new_page()
    external: list[str] = []
    tab.on("request", lambda req: None if req.url.startswith((base, "data:")) else external.append(req.url))
    tab.goto(path)
    tab.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg="slate" if scheme == "dark" else "default"
    )
    settle(tab)
    violations = [
        f"{item['id']}: {[node['target'] for node in item['nodes']]}"
        for item in Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    ]
    return context, tab, violations, external


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", [*PAGES["en"][:2], *PAGES["cy"][:2]])
@pytest.mark.parametrize("state", ["set", "unset"])
def test_contact_and_privacy_pages_in_the_browser(
    browser, site_url: str, unset_url: str, scheme: str, state: str, path: str, width: int
) -> None:
    lang = "cy" if path.startswith("cy/") else "en"
    context, tab, violations, external = _audit(browser, site_url if state == "set" else unset_url, scheme, width, path)
    try:
        assert violations == [], (state, path)
        assert external == []
        footer = tab.locator(".rhannu-contact-link a")
        assert footer.is_visible() and footer.inner_text() == LABELS[lang]["contact_page"]
        if state == "unset" and path.endswith("contact/"):
            assert tab.locator(".rhannu-contact.rhannu-unset").is_visible()
        # the footer's link leads to the Contact page, at either width
        footer.click()
        tab.wait_for_url(f"**/{PAGES[lang][0]}")
        assert tab.locator("h1").first.inner_text() == LABELS[lang]["contact_page"]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_menu_leads_to_contact_at_375_px(browser, site_url: str, lang: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 375, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(PAGES[lang][2])
        tab.locator("label.md-header__button[for=__drawer]").click()
        link = tab.locator("nav.md-nav--primary a.md-nav__link", has_text=LABELS[lang]["contact_page"])
        link.wait_for(state="visible")
        link.click()
        tab.wait_for_url(f"**/{PAGES[lang][0]}")
    finally:
        context.close()
