"""Where content comes from: the sources in data/sources.yml, each with a bilingual title, its
publisher, the period it covers and, where known, its date and address."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rhannu.data_files import read_data
from rhannu.errors import ContentError, ContentErrors
from rhannu.labels import label
from rhannu.languages import CODES, default_first
from rhannu.names import control_problem, slug_problem
from rhannu.partial_dates import PartialDate, PartialDateProblem, parse, show_period

SOURCES_FILE = "data/sources.yml"
FIELDS = ("title", "publisher", "period", "date", "url")


@dataclass(frozen=True)
class Source:
    key: str
    titles: dict[str, str]  # by language code
    publishers: dict[str, str]
    period: tuple[PartialDate, PartialDate]  # the first and the last of what it covers
    date: dt.date | None = None  # its publication date, where known
    url: str | None = None

    def line_html(self, lang: str) -> str:
        """'The programme's year-one report, <publisher>, March 2021 – March 2022'."""
        title = escape(self.titles[lang])
        if self.url:
            title = f'<a href="{escape(self.url)}">{title}</a>'
        return f"{title}, {escape(self.publishers[lang])}, {escape(show_period(*self.period, lang))}"

    def schema_org(self, lang: str) -> dict[str, object]:
        """The source as schema.org describes what a work is based on."""
        data: dict[str, object] = {
            "@type": "Report",
            "name": self.titles[lang],
            "publisher": {"@type": "Organization", "name": self.publishers[lang]},
            "temporalCoverage": f"{self.period[0].iso_start()}/{self.period[1].iso_end()}",
        }
        if self.date:
            data["datePublished"] = self.date.isoformat()
        if self.url:
            data["url"] = self.url
        return data


def source_html(source: Source, lang: str) -> str:
    return f'<p class="rhannu-source">{escape(label(lang, "source"))}: {source.line_html(lang)}</p>'


def load_sources(root: Path) -> dict[str, Source]:
    """Every source in data/sources.yml (none where the file is absent); raises ContentErrors
    listing every problem."""
    if not (root / SOURCES_FILE).exists():
        return {}
    errors: list[ContentError] = []
    sources = {}
    for key, entry in read_data(root, SOURCES_FILE).items():
        source = _source(str(key), entry, errors)
        if source is not None:
            sources[source.key] = source
    if errors:
        raise ContentErrors(errors)
    return sources


def _source(key: str, entry: object, errors: list[ContentError]) -> Source | None:
    before = len(errors)

    def problem(field: str, message: str) -> None:
        errors.append(ContentError(SOURCES_FILE, message, f"{key}.{field}"))

    if wrong := slug_problem(key, "a key of lower case letters and digits joined by hyphens, such as 'year-one-report'"):
        errors.append(ContentError(SOURCES_FILE, wrong, key))
        return None
    if not isinstance(entry, dict):
        errors.append(ContentError(SOURCES_FILE, f"expected the fields {', '.join(FIELDS[:3])}", key))
        return None
    for unknown in sorted(set(entry) - set(FIELDS)):
        problem(unknown, f"unknown field; expected one of {', '.join(FIELDS)}")
    for name in ("title", "publisher"):
        value = entry.get(name)
        for code, text in value.items() if isinstance(value, dict) else ():
            if isinstance(text, str) and (found := control_problem(text)):
                problem(f"{name}.{code}", found)
    titles, publishers = _bilingual(entry.get("title")), _bilingual(entry.get("publisher"))
    if titles is None:
        problem("title", f"expected the title in each language: {_in_each()}")
    if publishers is None:
        problem("publisher", f"expected the publisher in each language: {_in_each()}")
    period = _period(entry.get("period"), problem)
    published = entry.get("date")
    if published is not None and (not isinstance(published, dt.date) or isinstance(published, dt.datetime)):
        problem("date", f"expected the day it was published, as YYYY-MM-DD, or nothing; got {published!r}")
    url = entry.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith(("https://", "http://")) or _unsafe_address(url)):
        problem("url", f"expected a web address starting https://, or nothing; got {url!r}")
    if len(errors) > before or titles is None or publishers is None or period is None:
        return None
    return Source(key, titles, publishers, period, published, url)


def _in_each() -> str:
    return ", ".join(f"{code}: ..." for code in default_first())


def _unsafe_address(url: str) -> bool:
    return any(char.isspace() for char in url) or control_problem(url) is not None


def _bilingual(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict) or any(not isinstance(value.get(code), str) or not value[code].strip() for code in CODES):
        return None
    return {code: " ".join(value[code].split()) for code in CODES}


def _period(value: object, problem) -> tuple[PartialDate, PartialDate] | None:
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        problem("period", "expected start: and end:, each a day, a month (2021-03), a season or a year")
        return None
    try:
        start, end = parse(value["start"]), parse(value["end"])
    except PartialDateProblem as error:
        problem("period", str(error))
        return None
    if end.end < start.start:
        problem("period", f"its end ({end.iso()}) is before its start ({start.iso()})")
        return None
    return start, end
