"""What the build needs to know about the site from mkdocs.yml: its names and its address."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rhannu import material_theme
from rhannu.errors import ContentError, ContentErrors
from rhannu.labels import label
from rhannu.languages import CODES, DEFAULT, default_first, is_default, using
from rhannu.links import is_email, is_link, shown
from rhannu.names import has_control
from rhannu.site_languages import site_languages

if TYPE_CHECKING:
    from rhannu.hosted_editor import GitHubBackend

INTRO_KEYS = ("case_studies", "lessons")  # listings whose introduction the owner may write
FEED_ITEMS = 50  # each feed's newest items kept, unless extra.feed_items says otherwise


@dataclass(frozen=True)
class Licence:
    """The terms the site's content may be reused on (extra.licence): its name and the address of
    its text, in each language (the Open Government Licence has a Welsh text at its own address)."""

    names: dict[str, str]  # by language code
    urls: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names[lang]

    def url(self, lang: str) -> str:
        return self.urls[lang]


@dataclass(frozen=True)
class Contact:
    """Whom readers may contact (extra.contact): the programme's public address, the address of
    a contact form or page elsewhere, and who answers, in each language; each may be unset."""

    email: str | None = None
    url: str | None = None
    names: dict[str, str] | None = None  # by language code

    def name(self, lang: str) -> str | None:
        return self.names[lang] if self.names else None


@dataclass(frozen=True)
class SiteInfo:
    url: str  # ends with "/"
    names: dict[str, str]  # by language code
    contact_email: str | None = None  # the programme's public address (extra.contact.email)
    intros: dict[str, dict[str, str]] = field(default_factory=dict)  # extra.intros, by listing and language
    feed_items: int = FEED_ITEMS  # the most items a feed carries, newest first (extra.feed_items)
    licence: Licence | None = None  # extra.licence; None until the owner chooses one
    theme_dirs: tuple[Path, ...] = ()  # where the theme's templates are found: overrides/, Rhannu's, Material's
    contact: Contact = Contact()  # extra.contact; its email is contact_email
    data_controller: dict[str, str] | None = None  # extra.data_controller, by language; None until named
    # docs pages whose `slug` names their address: the address their file's name gives -> theirs
    renamed: dict[str, str] = field(default_factory=dict)
    hosted_editor: GitHubBackend | None = None  # the plugin's `editor` option: the backend the editor at /admin/ saves to

    def intro(self, key: str, lang: str, default: str | None = None) -> str:
        """The owner's introduction to a listing (extra.intros in mkdocs.yml), else Rhannu's own
        (the label `default`, or the listing's own)."""
        return self.intros.get(key, {}).get(lang) or label(lang, default or f"{key}_intro")

    def name(self, lang: str) -> str:
        return self.names.get(lang, self.names[DEFAULT.code])

    def address(self, default_url: str) -> str:
        """A docs page's address: where its file's name puts it ('cy/subscribe/'), or where its
        `slug` does ('cy/tanysgrifio/'). For links the build writes to pages it knows by name."""
        return self.renamed.get(default_url, default_url)


def from_config(config) -> SiteInfo:
    """From a loaded MkDocs config: site_name, and each static-i18n language's own site_name.
    Raises ContentErrors naming each setting that templates and links could not print as it is.
    Settings given in each language are read in the site's (rhannu.site_languages)."""
    with using(site_languages(Path(config.config_file_path).parent)):
        return _from_config(config)


def _from_config(config) -> SiteInfo:
    languages = config.plugins["i18n"].config.languages
    names = {next((language.locale for language in languages if language.default), DEFAULT.code): config.site_name}
    for language in languages:
        if language.site_name:
            names[language.locale] = language.site_name
    errors = [*_name_errors(config.site_name, "site_name"), *_url_errors(config.site_url, "site_url")]
    for language in languages:
        where = f"plugins.i18n.languages.{language.locale}"
        errors += _name_errors(language.site_name, f"{where}.site_name") if language.site_name is not None else []
        errors += _url_errors(language.site_url, f"{where}.site_url") if language.site_url is not None else []
    if errors:
        raise ContentErrors(errors)
    url = config.site_url or "/"
    reach, controller = _both(
        lambda: contact(config.extra.get("contact")), lambda: data_controller(config.extra.get("data_controller"))
    )
    return SiteInfo(
        url if url.endswith("/") else url + "/",
        names,
        reach.email,
        _intros(config.extra.get("intros")),
        feed_items(config.extra.get("feed_items")),
        licence(config.extra.get("licence")),
        tuple(Path(folder) for folder in material_theme.with_engine_theme(config.theme.dirs, config.theme.custom_dir)),
        reach,
        controller,
        hosted_editor=_hosted_editor(config),
    )


def _hosted_editor(config) -> GitHubBackend | None:
    """The backend the Rhannu plugin's `editor` option names (validated by the plugin), or None."""
    plugin = config.plugins.get("rhannu")
    return getattr(plugin, "config", {}).get("editor") if plugin is not None else None


def _both(first, second):
    """Two settings read together, so that a problem in each is reported in one run."""
    errors: list[ContentError] = []
    values = []
    for read in (first, second):
        try:
            values.append(read())
        except ContentErrors as problems:
            errors += problems.errors
    if errors:
        raise ContentErrors(errors)
    return values


# A site's address: http(s), a host, then a path (no query or fragment: pages' addresses are
# joined to it), with nothing that could end an HTML attribute or a line.
_SITE_URL = re.compile(r"https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[^\s<>\"'`?#\\]*)?")


def _url_errors(value: object, where: str) -> list[ContentError]:
    """site_url: http(s):// and a host. It may not be left out: citations, feeds and calendar
    entries give every page's full address."""
    if isinstance(value, str) and _SITE_URL.fullmatch(value):
        return []
    message = f"expected the address the site is published at, as https://host/ (or http://); got {value!r}"
    return [ContentError("mkdocs.yml", message, where)]


def _name_errors(value: object, where: str) -> list[ContentError]:
    if isinstance(value, str) and value.strip() and not has_control(value):
        return []
    message = f"expected the site's name as text on one line, without control characters; got {value!r}"
    return [ContentError("mkdocs.yml", message, where)]


def contact_email(value: object) -> str | None:
    """extra.contact.email: the programme's public address, shown as a link and sent from."""
    return contact(value).email


CONTACT_SHAPE = "email: hello@example.org, url: https://... (a contact form or page), name: {en: ..., cy: ...}"
CONTROLLER_SHAPE = "the data controller's name in each language: en: ..., cy: ..."


def contact(value: object) -> Contact:
    """extra.contact: any of email, url (a contact form or page elsewhere) and name (who answers,
    in each language); unset, or each field unset, until the owner gives it. Raises ContentErrors
    naming each bad field."""
    if value is None:
        return Contact()
    if not isinstance(value, dict):
        raise ContentErrors([ContentError("mkdocs.yml", f"expected {CONTACT_SHAPE}; got {shown(value)}", "extra.contact")])
    errors = [
        ContentError("mkdocs.yml", f"unknown field; expected {CONTACT_SHAPE}", f"extra.contact.{key}")
        for key in sorted(set(map(str, value)) - {"email", "url", "name"})
    ]
    email, address, names = value.get("email"), value.get("url"), value.get("name")
    if email is not None and not is_email(email):
        message = f"expected one email address, such as hello@example.org, on one line; got {shown(email)}"
        errors.append(ContentError("mkdocs.yml", message, "extra.contact.email"))
    if address is not None and not is_link(address):
        message = f"expected the address of a contact form or page, starting https://; got {shown(address)}"
        errors.append(ContentError("mkdocs.yml", message, "extra.contact.url"))
    if names is not None:
        errors += _per_language(names, "extra.contact.name", "who answers (a team or a role)")
    if errors:
        raise ContentErrors(errors)
    return Contact(email, address, _one_line_each(names) if names is not None else None)


def data_controller(value: object) -> dict[str, str] | None:
    """extra.data_controller: the organisation the privacy notice names as data controller, in
    each language; None until the owner names it."""
    if value is None:
        return None
    if not isinstance(value, dict):
        message = f"expected {CONTROLLER_SHAPE}; got {shown(value)}"
        raise ContentErrors([ContentError("mkdocs.yml", message, "extra.data_controller")])
    errors = _per_language(value, "extra.data_controller", "the data controller's name")
    if errors:
        raise ContentErrors(errors)
    return _one_line_each(value)


def _per_language(value: object, where: str, what: str) -> list[ContentError]:
    """Errors for a setting that needs text in every language, on one line, without control
    characters, and nothing else."""
    if not isinstance(value, dict):
        return [ContentError("mkdocs.yml", f"expected {what} in each language: en: ..., cy: ...; got {shown(value)}", where)]
    errors = [
        ContentError("mkdocs.yml", f"unknown language; expected {' and '.join(CODES)}", f"{where}.{key}")
        for key in sorted(set(map(str, value)) - set(CODES))
    ]
    for code in CODES:
        text = value.get(code)
        if not isinstance(text, str) or not text.strip() or "\n" in text.strip() or has_control(text.strip()):
            message = f"expected {what} in this language, as text on one line; got {shown(text)}"
            errors.append(ContentError("mkdocs.yml", message, f"{where}.{code}"))
    return errors


def _one_line_each(value: dict) -> dict[str, str]:
    return {code: " ".join(value[code].split()) for code in CODES}


# Names reserved for examples and tests (RFC 2606, RFC 6761): an address on one is a placeholder,
# never the real one.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid", "localhost")


def is_placeholder_host(host: str | None) -> bool:
    """Whether a host name is missing or one of PLACEHOLDER_DOMAINS or under one, in any case,
    with or without the final dot of a fully qualified name."""
    name = (host or "").lower().rstrip(".")
    return not name or any(name == domain or name.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)


# The site's name in each language in a new site from `rhannu init` (rhannu/starter/mkdocs.yml)
# until its owner names it.
PLACEHOLDER_NAMES = {"en": "New knowledge-sharing site", "cy": "Safle rhannu gwybodaeth newydd"}


def placeholders(info: SiteInfo) -> list[ContentError]:
    """Settings still holding the placeholders the project ships with: not to be published."""
    errors = []
    for code in default_first():
        where = "site_name" if is_default(code) else f"plugins.i18n.languages.{code}.site_name"
        if code in PLACEHOLDER_NAMES and info.names.get(code) == PLACEHOLDER_NAMES[code]:
            message = f"still the placeholder {PLACEHOLDER_NAMES[code]!r}: set the site's name (and the home page's title)"
            errors.append(ContentError("mkdocs.yml", message, where))
    try:
        host = urlsplit(info.url).hostname  # lower case, without user, port or path
    except ValueError:  # a port that is not a number, an unclosed [IPv6 address]
        host = None
    if is_placeholder_host(host):
        errors.append(
            ContentError(
                "mkdocs.yml", f"still the placeholder {info.url!r}: set the address the site is published at", "site_url"
            )
        )
    if info.contact_email and is_placeholder_host(info.contact_email.rpartition("@")[2]):
        message = f"still the placeholder {info.contact_email!r}: set the programme's public contact address"
        errors.append(ContentError("mkdocs.yml", message, "extra.contact.email"))
    if info.contact.url and is_placeholder_host(_host(info.contact.url)):
        message = f"still the placeholder {info.contact.url!r}: set the address of the contact form or page"
        errors.append(ContentError("mkdocs.yml", message, "extra.contact.url"))
    if not info.contact.email and not info.contact.url:
        message = f"not set: the site says there is no contact yet; give the programme's public contact ({CONTACT_SHAPE})"
        errors.append(ContentError("mkdocs.yml", message, "extra.contact"))
    if info.data_controller is None:
        message = f"not set: the privacy notice says no data controller is named yet; give {CONTROLLER_SHAPE}"
        errors.append(ContentError("mkdocs.yml", message, "extra.data_controller"))
    return errors


def _host(address: str) -> str | None:
    try:
        return urlsplit(address).hostname
    except ValueError:
        return None


def _intros(value: object) -> dict[str, dict[str, str]]:
    """extra.intros: for each listing in INTRO_KEYS, its introduction in every language."""
    if value is None:
        return {}
    errors = []
    if not isinstance(value, dict):
        errors.append(ContentError("mkdocs.yml", f"expected {', '.join(INTRO_KEYS)}, each with en: and cy: text", "extra.intros"))
        value = {}
    for key, texts in value.items():
        if key not in INTRO_KEYS:
            errors.append(ContentError("mkdocs.yml", f"expected one of {', '.join(INTRO_KEYS)}", f"extra.intros.{key}"))
        elif not isinstance(texts, dict) or any(not isinstance(texts.get(code), str) for code in CODES):
            errors.append(
                ContentError("mkdocs.yml", "expected the introduction in each language: en: ..., cy: ...", f"extra.intros.{key}")
            )
    if errors:
        raise ContentErrors(errors)
    return {key: {code: " ".join(texts[code].split()) for code in CODES} for key, texts in value.items()}


def feed_items(value: object) -> int:
    """extra.feed_items: how many of its newest items each feed keeps (FEED_ITEMS when unset)."""
    if value is None:
        return FEED_ITEMS
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentErrors(
            [ContentError("mkdocs.yml", f"expected a whole number of items, 1 or more, not {value!r}", "extra.feed_items")]
        )
    return value


LICENCE_SHAPE = "name: {en: ..., cy: ...} and url: {en: https://..., cy: https://...}"


def licence(value: object) -> Licence | None:
    """extra.licence: the licence's name and the address of its text, each in every language; or
    nothing, while the owner has not chosen one. Raises ContentErrors naming each bad field."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ContentErrors([ContentError("mkdocs.yml", f"expected {LICENCE_SHAPE}; got {value!r}", "extra.licence")])
    errors = [
        ContentError("mkdocs.yml", f"unknown field; expected {LICENCE_SHAPE}", f"extra.licence.{key}")
        for key in sorted(set(map(str, value)) - {"name", "url"})
    ]
    names, urls = value.get("name"), value.get("url")
    for code in CODES:
        name = names.get(code) if isinstance(names, dict) else None
        if not isinstance(name, str) or not name.strip() or "\n" in name.strip() or "\r" in name:
            message = f"expected the licence's name in this language, on one line; got {name!r}"
            errors.append(ContentError("mkdocs.yml", message, f"extra.licence.name.{code}"))
        address = urls.get(code) if isinstance(urls, dict) else None
        if not is_link(address):
            message = f"expected the address of the licence's text in this language, starting https://; got {address!r}"
            errors.append(ContentError("mkdocs.yml", message, f"extra.licence.url.{code}"))
    if errors:
        raise ContentErrors(errors)
    assert isinstance(names, dict) and isinstance(urls, dict)
    return Licence({code: " ".join(names[code].split()) for code in CODES}, {code: urls[code] for code in CODES})


def load(root: Path) -> SiteInfo:
    """From the project's mkdocs.yml, for commands that run without a build."""
    return from_config(load_config(root))


def load_config(root: Path):
    """The project's mkdocs.yml as MkDocs validates it; a setting MkDocs refuses (a site_url
    without a scheme) is a ContentErrors naming it, where MkDocs' own loader would abort."""
    from mkdocs.config.defaults import MkDocsConfig

    path = root / "mkdocs.yml"
    config = MkDocsConfig(config_file_path=str(path))
    with path.open("rb") as source:
        config.load_file(source)
    errors, _ = config.validate()
    if errors:
        raise ContentErrors([ContentError("mkdocs.yml", str(error), name) for name, error in errors])
    return config
