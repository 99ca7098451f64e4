"""What the sample site in tests/fixture_site holds, written down by hand: the tests assert that
the build gives exactly this. Change it together with the fixture."""

from __future__ import annotations

BULK_2023 = [f"sample-case-study-{n:02}" for n in range(51, 30, -1)]  # dated 2023-10-20
BULK_2022 = [f"sample-case-study-{n:02}" for n in range(30, 0, -1)]  # dated 2022-03-31
# Published case studies as listings show them: newest first, then by slug, descending.
CASE_STUDIES = ["sample-hackathon", *BULK_2023, "sample-sharing-practice", *BULK_2022, "sample-online-events"]
LEFT_OUT = {"sample-draft": "draft", "sample-future": "published 2023-12-01, after the build date 2023-11-14"}
LESSONS = ["sample-permission", "sample-skills", "sample-time", "sample-uncited"]  # by group, then order
CITED_BY = {
    "sample-permission": {"sample-sharing-practice"},
    "sample-skills": {"sample-sharing-practice", "sample-hackathon"},
    "sample-time": {"sample-online-events"},
    "sample-uncited": set(),
}
NEWS_ITEMS = ["sample-editorial", "sample-event", "sample-news", "sample-next-issue"]
ISSUES = {"2022-03-14": 1, "2022-04-11": 2, "2023-10-23": 3}  # numbered as published; empty issue days (2022-03-28...) get none
STALE_WELSH = "case_studies/sample-online-events.cy.md"

FACETS = {
    "psb": {"sample-north": 51, "sample-south": 1, "sample-west": 0, "programme": 2},
    "theme": {"well-being-assessments": 52, "sharing-practice": 2, "digital-engagement": 1, "consultation-fatigue": 0},
    "approach": {"engagement-activity": 51, "hackathon": 1, "online-learning-event": 2, "virtual-working": 26},
    "year": {"2023": 21, "2022": 31, "2021": 1},  # by when what they describe happened
}


def listing_pages(path: str, count: int) -> list[str]:
    """A listing and its further pages, 50 cards a page."""
    return [path] + [f"{path}page/{number}/" for number in range(2, (count - 1) // 50 + 2)]


# Every English web page but the 404 page; each has its Welsh twin under cy/.
PAGES = sorted([
    "", "about/", "subscribe/", "reusing/", "privacy/", "contact/",
    *listing_pages("case-studies/", len(CASE_STUDIES)),
    *(f"case-studies/{slug}/" for slug in CASE_STUDIES),
    *(page for facet, values in FACETS.items() for value, count in values.items()
      for page in listing_pages(f"case-studies/{facet}/{value}/", count)),
    "lessons/", *(f"lessons/{slug}/" for slug in LESSONS),
    "newsletters/", *(f"newsletters/{day}/" for day in ISSUES),
    "news/sample-sharing/",  # the alias of sample-sharing-practice: a page that redirects
    "api/v1/",  # the catalogue's own page (issue 21)
])
REDIRECTS = {"news/sample-sharing/": "case-studies/sample-sharing-practice/"}

# Welsh pages live at Welsh addresses: their sections' Welsh names, and a Welsh text's own name.
WELSH_SECTIONS = {"case-studies": "astudiaethau-achos", "lessons": "gwersi", "newsletters": "cylchlythyrau"}
WELSH_PAGE_NAMES = {  # slug: in its .cy.md
    "lessons/sample-uncited/": "cy/gwersi/gwers-heb-gyfeiriad/",
    "about/": "cy/amdanom/",  # a docs page (docs/about.cy.md)
}


# Facet pages: each facet's Welsh folder, and the values data/taxonomy.yml gives a Welsh `slug`.
WELSH_FACETS = {"psb": "bgc", "theme": "thema", "approach": "dull", "year": "blwyddyn"}
WELSH_VALUES = {("psb", "programme"): "ar-draws-y-rhaglen", ("theme", "sharing-practice"): "rhannu-arfer"}


def welsh(english_url: str) -> str:
    """The Welsh twin's address of an English page's: 'case-studies/x/' -> 'cy/astudiaethau-achos/x/',
    'case-studies/theme/sharing-practice/page/2/' -> 'cy/astudiaethau-achos/thema/rhannu-arfer/page/2/'."""
    if english_url in WELSH_PAGE_NAMES:
        return WELSH_PAGE_NAMES[english_url]
    parts = english_url.split("/")
    if len(parts) > 3 and parts[0] == "case-studies" and parts[1] in WELSH_FACETS:
        value = WELSH_VALUES.get((parts[1], parts[2]), parts[2])
        return "/".join(["cy", WELSH_SECTIONS["case-studies"], WELSH_FACETS[parts[1]], value, *parts[3:]])
    section, slash, rest = english_url.partition("/")
    return "cy/" + (f"{WELSH_SECTIONS[section]}/{rest}" if slash and section in WELSH_SECTIONS else english_url)


def english(welsh_url: str) -> str:
    """The inverse of `welsh`."""
    return next(url for url in [*PAGES, *REDIRECTS, "404.html"] if welsh(url) == welsh_url)


# The Welsh addresses a page had before it took its Welsh name, which no reader was ever given:
# the build leaves nothing at them (only the old addresses editors list in `aliases` redirect).
MOVED: dict[str, str] = {}


def section(prefix: str, name: str) -> str:
    """A section's folder under a language's root: ('cy/', 'lessons') -> 'cy/gwersi'."""
    return prefix + (WELSH_SECTIONS[name] if prefix else name)


def at(prefix: str, english_url: str) -> str:
    """The address of a page in the language whose root is `prefix` ('' or 'cy/')."""
    return welsh(english_url) if prefix else english_url


def within(prefix: str, english_url: str) -> str:
    """`at`, relative to the language's root: ('cy/', 'lessons/x/') -> 'gwersi/x/'."""
    return at(prefix, english_url).removeprefix(prefix)
