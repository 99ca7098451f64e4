"""The bad-input corpus: each case one small edit to a copy of the sample site, run through
`rhannu check` in-process. Every case must end in exit status 1 with no traceback and an error
naming the file and the field or line, with what would be valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rhannu.cli import main
from tests.support.sites import FIXTURE, PINNED_EPOCH, copy_fixture

HACKATHON = "case_studies/sample-hackathon.md"
HACKATHON_CY = "case_studies/sample-hackathon.cy.md"
LESSON = "lessons/sample-time.md"
EVENT = "newsletters/sample-event.md"
NEWS = "newsletters/sample-news.md"

# (class, file, text to replace, replacement, expected start of the first error)
CASES = [
    ("front matter", HACKATHON, 'title: "Sample case study: a hackathon"', "title: 123", f"{HACKATHON}: field 'title': expected text"),
    ("front matter", HACKATHON, "themes: [well-being-assessments]", "themes: wellbeing", f"{HACKATHON}: field 'themes': expected one of"),
    ("front matter", HACKATHON, "themes: [well-being-assessments]", "themes: []", f"{HACKATHON}: field 'themes': expected at least one value"),
    ("front matter", HACKATHON, "themes: [well-being-assessments]", "themes: {a: b}", f"{HACKATHON}: field 'themes': expected a list"),
    ("front matter", HACKATHON, "lessons: [sample-skills]", "lessons: [no-such-lesson]", f"{HACKATHON}: field 'lessons': expected ids of lessons"),
    ("front matter", HACKATHON, "lessons: [sample-skills]", "lessons: [Sample Skills]", f"{HACKATHON}: field 'lessons': expected an id in lower case"),
    ("front matter", HACKATHON, "psb: sample-south", "psb: [sample-south]", f"{HACKATHON}: field 'psb': expected one of"),
    ("front matter", HACKATHON, "psb: sample-south\n", "", f"{HACKATHON}: field 'psb': missing; this field is required"),
    ("front matter", HACKATHON, "published: 2023-10-20", "published: 20/10/2023", f"{HACKATHON}: field 'published': expected a date as YYYY-MM-DD"),
    ("front matter", HACKATHON, "published: 2023-10-20", "published: 2023-10-20 09:00", f"{HACKATHON}: field 'published': expected a date"),
    ("front matter", HACKATHON, "published: 2023-10-20", "date: 2023-10-20", f"{HACKATHON}: field 'date': unknown field: 'date' is now two fields"),
    ("front matter", HACKATHON, "when: autumn 2021", "when: autumn", f"{HACKATHON}: field 'when': expected a day (2021-06-15)"),
    ("front matter", HACKATHON, "when: autumn 2021", "when: 2021-13", f"{HACKATHON}: field 'when': expected a day (2021-06-15)"),
    ("front matter", HACKATHON, "when: autumn 2021", "source: 5", f"{HACKATHON}: field 'source': expected one of sample-report"),
    ("front matter", HACKATHON, "when: autumn 2021", "draft: yes please", f"{HACKATHON}: field 'draft': expected true or false"),
    ("front matter", HACKATHON, "when: autumn 2021", "aliases: [../outside/]", f"{HACKATHON}: field 'aliases': expected a site-relative address"),
    ("front matter", HACKATHON, "when: autumn 2021", "aliases: [https://example.org/x/]", f"{HACKATHON}: field 'aliases': expected a site-relative address"),
    ("front matter", HACKATHON, "when: autumn 2021", "translated_from: abc", f"{HACKATHON}: field 'translated_from': expected the 12 characters"),
    ("front matter", HACKATHON, "when: autumn 2021", "colour: green", f"{HACKATHON}: field 'colour': unknown field"),
    ("front matter", HACKATHON, "when: autumn 2021", "psb: sample-north", f"{HACKATHON}: line 9: 'psb' is given twice, on lines 5 and 9: keep one"),
    ("front matter", HACKATHON, "when: autumn 2021", "title: [unclosed", f"{HACKATHON}: line 10: YAML syntax error: did not find expected ',' or ']'"),
    ("front matter", HACKATHON, "when: autumn 2021", "\tindented: with a tab", f"{HACKATHON}: line 9: YAML syntax error: found character that cannot start any token"),
    ("front matter", HACKATHON, "when: autumn 2021\n---\n", "when: autumn 2021\n", f"{HACKATHON}: line 1: front matter is not closed"),
    ("front matter", HACKATHON, '---\ntitle: "Sample case study: a hackathon"', '---\n- a list', f"{HACKATHON}: line 3: YAML syntax error: did not find expected '-' indicator"),
    ("front matter", HACKATHON_CY, "---\ntitle:", "---\npsb: sample-north\ntitle:", f"{HACKATHON_CY}: field 'psb': contradicts {HACKATHON}"),
    ("front matter", HACKATHON_CY, "summary:", "summary: TODO: write it\nsummary_was:", f"{HACKATHON_CY}: "),
    ("front matter", LESSON, "order: 1", "order: -1", f"{LESSON}: field 'order': expected a whole number from 1"),
    ("front matter", LESSON, "order: 1", "order: first", f"{LESSON}: field 'order': expected a whole number from 1"),
    ("front matter", LESSON, "group: time", "group: patience", f"{LESSON}: field 'group': expected one of"),
    ("front matter", EVENT, "kind: event", "kind: blog", f"{EVENT}: field 'kind': expected one of news, event, editorial"),
    ("front matter", EVENT, "event_date: 2022-03-17 14:00", "event_date: next Thursday", f"{EVENT}: field 'event_date': expected YYYY-MM-DD"),
    ("front matter", EVENT, "event_date: 2022-03-17 14:00", "event_date: 2022-03-17 25:00", f"{EVENT}: field 'event_date': expected YYYY-MM-DD"),
    ("front matter", EVENT, "online_link: https://events.example.org/sample-learning-event", "online_link: ftp://x", f"{EVENT}: field 'online_link': expected a web address"),
    ("front matter", EVENT, "event_date: 2022-03-17 14:00\n", "", f"{EVENT}: field 'event_date': missing; an event needs the day"),
    ("front matter", NEWS, "kind: news", "kind: news\nplace: Somewhere", f"{NEWS}: field 'place': only events have this field"),
    ("front matter", HACKATHON, "when: autumn 2021", "slug: hacathon", f"{HACKATHON}: field 'slug': only Welsh files name their page"),
    ("front matter", HACKATHON_CY, "translated_from:", "slug: Hacathon Undydd\ntranslated_from:", f"{HACKATHON_CY}: field 'slug': expected an id in lower case"),
    ("front matter", HACKATHON_CY, "translated_from:", "slug: sample-hackathon-x\nslug_was:", f"{HACKATHON_CY}: field 'slug_was': unknown field"),
    ("front matter", HACKATHON_CY, "translated_from:", "slug: sample-online-events\ntranslated_from:", f"{HACKATHON_CY}: field 'slug': duplicate page name 'sample-online-events': already used by case_studies/sample-online-events.cy.md"),
    ("front matter", NEWS, "kind: news", "kind: news\nslug: newyddion", f"{NEWS}: field 'slug': unknown field"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\nTODO: finish this\n", f"{HACKATHON}: line 14: the body still has the placeholder"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\n![](picture.png)\n", f"{HACKATHON}: line 14: image picture.png has no alt text"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\n<object data=x></object>\n", f"{HACKATHON}: line 14: the element <object> is not allowed"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\n<a href=\"data:text/html,x\">x</a>\n", f"{HACKATHON}: line 14: the address 'data:text/html,x'"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\n<p style=\"x\">x</p>\n", f"{HACKATHON}: line 14: the attribute 'style' on <p> is not allowed"),
    ("body", HACKATHON, "## What happened\n", "## What happened\n\n[x]( JaVaScRiPt:alert(1))\n", f"{HACKATHON}: line 14: the address"),
    ("body", NEWS, "\n---\n", "\n---\n\n<script>alert(1)</script>\n", f"{NEWS}: line 8: the element <script> is not allowed"),
    ("body", EVENT, "\n---\n", "\n---\n\n[Join](javascript:alert(1))\n", f"{EVENT}: line 12: the address 'javascript:alert(1)'"),
    ("data file", "data/newsletter.yml", "days: 14", "days: fourteen", "data/newsletter.yml: field 'days': expected a whole number of days"),
    ("data file", "data/newsletter.yml", "anchor: 2021-03-01\n", "", "data/newsletter.yml: field 'anchor': expected a date as YYYY-MM-DD"),
    ("data file", "data/newsletter.yml", "first_issue: 2022-03-14", "first_issue: soon", "data/newsletter.yml: field 'first_issue': expected the day of the first issue"),
    ("data file", "data/newsletter.yml", "first_issue: 2022-03-14", "first_issue: 2022-03-15", "data/newsletter.yml: field 'first_issue': 2022-03-15 is not an issue day"),
    ("data file", "data/newsletter.yml", "days: 14", "days: 14\ndays: 7", "data/newsletter.yml: line "),
    ("data file", "data/taxonomy.yml", "psbs:\n", "psbs: []\nold_psbs:\n", "data/taxonomy.yml: field 'psbs': expected a mapping"),
    ("data file", "data/sources.yml", "    end: 2022", "    end: 2020", "data/sources.yml: field 'sample-report.period': its end (2020) is before its start"),
    ("data file", "data/sources.yml", "    cy: Adroddiad enghreifftiol\n", "", "data/sources.yml: field 'sample-report.title': expected the title in each language"),
    ("data file", "data/sources.yml", "  period:", "  edition: 2\n  period:", "data/sources.yml: field 'sample-report.edition': unknown field"),
    ("data file", "data/networks.yml", "    url: https://network.example.org/feed.xml\n", "", "data/networks.yml: "),
    ("data file", "data/network-cache.json", '"lang": "en"', '"lang": "fr"', "data/network-cache.json: field 'lang': item "),
    ("data file", "data/network-cache.json", '"link": "https://network.example.org/news/sample-partner-news"', '"link": "javascript:alert(1)"', "data/network-cache.json: field 'link': item "),
    ("data file", "data/network-cache.json", '{', '{{', "data/network-cache.json: is not a cache written by 'rhannu network fetch'"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("corpus") / "pristine")


@pytest.mark.parametrize(("kind", "path", "old", "new", "expected"), CASES, ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES)])
def test_each_bad_input_is_a_clear_error(pristine, tmp_path, capsys, monkeypatch, kind, path, old, new, expected) -> None:
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    source = project / path
    text = source.read_text(encoding="utf-8")
    assert old in text, f"the sample site changed: {old!r} is not in {path}"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    code = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")]
    assert code == 1 and errors, err
    assert any(error.startswith(expected) for error in errors), errors


def test_the_corpus_covers_every_class() -> None:
    counts = {kind: sum(case[0] == kind for case in CASES) for kind in ("front matter", "body", "data file")}
    assert counts == {"front matter": 40, "body": 8, "data file": 13}
    assert FIXTURE.is_dir()
