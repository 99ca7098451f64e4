"""A corpus for benchmarks: N case studies per language, valid front matter across every PSB,
theme and approach, dates over five years, lessons cited, plus newsletter items.

Their text is real prose in each language: sentences sampled from the project's own pages
(`case_studies/`, `lessons/`, `docs/`), the Welsh from the `.cy.md` twins and the English from
the others, so the Welsh carries the mutated forms real Welsh has (*Fyrddau*, *gyd-gynhyrchu*,
*phobl*) and both languages are of the same length in words. The sentences come from the
checkout that runs the benchmark (`sources`), so a revision built with `--compare` indexes the
same text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ("case_studies", "lessons", "docs")
HEADINGS = {
    "en": ("What happened", "What changed", "What we learnt"),
    "cy": ("Beth ddigwyddodd", "Beth newidiodd", "Beth a ddysgwyd"),
}
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{:[^}]*\}")
_EMPHASIS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u2018\u201c(]?[A-ZÀ-ÖØ-ÞŴŶ0-9])")
_MIN_WORDS = 4
_MARKER = "\N{OBJECT REPLACEMENT CHARACTER}"


@dataclass(frozen=True)
class Prose:
    """One language's sentences and page titles, from the project's own pages."""

    sentences: tuple[str, ...]
    titles: tuple[str, ...]


def prose(sources: Path, lang: str) -> Prose:
    """The sentences (summaries, descriptions and body text, markup removed) and titles of every
    page in `lang` ('en' or 'cy') under `sources`' content folders, in file order."""
    sentences: list[str] = []
    titles: list[str] = []
    for folder in SOURCE_FOLDERS:
        for path in sorted((sources / folder).rglob("*.md")):
            if path.name.endswith(".cy.md") != (lang == "cy"):
                continue
            meta, body = _split(path.read_text(encoding="utf-8"))
            if isinstance(meta.get("title"), str):
                titles.append(_inline(meta["title"]))
            for field in ("summary", "description"):
                if isinstance(meta.get(field), str):
                    sentences += split_sentences(_inline(meta[field]))
            for passage in passages(body):
                sentences += split_sentences(passage)
    sentences = list(dict.fromkeys(sentences))  # a summary often repeats the first paragraph
    if not sentences or not titles:
        raise SystemExit(f"no {lang} prose found under {sources}: the corpus needs the project's own pages")
    return Prose(tuple(sentences), tuple(titles))


def _split(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    return (meta if isinstance(meta, dict) else {}), body


def passages(body: str) -> list[str]:
    """The running text of a Markdown body: paragraphs and list items as plain text, without
    headings, tables, code, HTML or editors' block markers."""
    found = []
    for block in re.split(r"\n\s*\n", _COMMENT.sub(_MARKER, body)):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines or lines[0].lstrip().startswith(("#", "|", "```", "~~~", "!!!", "???", "<")):
            continue
        items: list[list[str]] = []
        for line in lines:
            if _LIST_ITEM.match(line) or not items:
                items.append([_LIST_ITEM.sub("", line)])
            else:
                items[-1].append(line)
        found += [text for text in (_inline(" ".join(item).lstrip("> ")) for item in items) if text]
    return found


def split_sentences(text: str) -> list[str]:
    """`text` cut after each full stop, question or exclamation mark that a capital follows;
    pieces shorter than four words (labels, fragments) and sentences around an editors' block
    marker (which stands for text the build fills in) are left out."""
    return [sentence for sentence in _SENTENCE_END.split(text) if len(sentence.split()) >= _MIN_WORDS and _MARKER not in sentence]


def _inline(text: str) -> str:
    for pattern, replacement in ((_IMAGE, ""), (_LINK, r"\1"), (_TAG, ""), (_ATTRIBUTES, ""), (_EMPHASIS, "")):
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _prose(rng: random.Random, sentences: tuple[str, ...], count: int) -> str:
    """Paragraphs of whole sentences drawn at random, about `count` words in all."""
    paragraphs = []
    while count > 0:
        target = min(count, rng.randint(60, 110))
        paragraph: list[str] = []
        while sum(len(sentence.split()) for sentence in paragraph) < target:
            paragraph.append(rng.choice(sentences))
        paragraphs.append(" ".join(paragraph))
        count -= sum(len(sentence.split()) for sentence in paragraph)
    return "\n\n".join(paragraphs)


def _body(rng: random.Random, sentences: tuple[str, ...], headings: tuple[str, str, str]) -> str:
    return "\n\n".join(f"## {heading}\n\n{_prose(rng, sentences, 200)}" for heading in headings)


def write_corpus(
    destination: Path, per_language: int, seed: int = 2021, project: Path = PROJECT, sources: Path = PROJECT
) -> Path:
    """A copy of `project` whose case studies and news are `per_language` generated ones, in
    sentences from `sources`' own pages."""
    rng = random.Random(seed)
    english_prose, welsh_prose = prose(sources, "en"), prose(sources, "cy")
    english_text, welsh_text = english_prose.sentences, welsh_prose.sentences
    for name in ("mkdocs.yml",):
        shutil.copy2(project / name, destination / name)
    for name in ("docs", "overrides", "hooks", "data", "lessons"):
        if (project / name).is_dir():  # hooks/: revisions before the rhannu plugin
            shutil.copytree(project / name, destination / name)
    taxonomy = yaml.safe_load((project / "data/taxonomy.yml").read_text(encoding="utf-8"))
    lessons = sorted(path.name[:-3] for path in (project / "lessons").glob("*.md") if ".cy." not in path.name)
    studies = destination / "case_studies"
    news = destination / "newsletters"
    studies.mkdir()
    news.mkdir(exist_ok=True)
    # Revisions before issue 12 take 'date'; later ones 'published' and 'when', and a newsletter
    # that has launched (first_issue), so that both build the same issues, emails and facets.
    settings = destination / "data/newsletter.yml"
    launched = "first_issue:" in settings.read_text(encoding="utf-8")
    if launched:
        settings.write_text(
            settings.read_text(encoding="utf-8").replace("first_issue:\n", "first_issue: 2021-03-01\n"), encoding="utf-8"
        )

    def dated(day: dt.date) -> dict:
        return {"published": day, "when": day.year} if launched else {"date": day}

    start = dt.date(2021, 3, 1)
    for number in range(per_language):
        day = start + dt.timedelta(days=rng.randrange(5 * 365 - 400))
        meta = {
            "title": f"Case study {number}: {rng.choice(english_prose.titles)}",
            "summary": _prose(rng, english_text, 30),
            **dated(day),
            "psb": rng.choice(list(taxonomy["psbs"])),
            "themes": rng.sample(list(taxonomy["themes"]), 2),
            "approaches": rng.sample(list(taxonomy["approaches"]), 1),
            "lessons": rng.sample(lessons, rng.randint(0, 2)),
        }
        english = _body(rng, english_text, HEADINGS["en"])
        welsh_meta = {
            "title": f"Astudiaeth achos {number}: {rng.choice(welsh_prose.titles)}",
            "summary": _prose(rng, welsh_text, 30),
        }
        welsh = _body(rng, welsh_text, HEADINGS["cy"])
        _write(studies / f"case-study-{number:05d}.md", meta, english)
        _write(studies / f"case-study-{number:05d}.cy.md", welsh_meta, welsh)
    for number in range(max(4, per_language // 20)):
        day = start + dt.timedelta(days=rng.randrange(5 * 365 - 400))
        meta = {"title": f"News {number}", "summary": _prose(rng, english_text, 20), "kind": "news", **dated(day)}
        _write(news / f"news-{number:04d}.md", meta, _prose(rng, english_text, 80))
        welsh_meta = {"title": f"Newyddion {number}", "summary": _prose(rng, welsh_text, 20)}
        _write(news / f"news-{number:04d}.cy.md", welsh_meta, _prose(rng, welsh_text, 80))
    _link_generated_studies(destination / "docs", studies)
    return destination


def _link_generated_studies(docs: Path, studies: Path) -> None:
    """Links from the project's pages to its own case studies lead to generated ones instead, so
    that the corpus builds with --strict, as `rhannu build` does."""
    generated = sorted(path.stem for path in studies.glob("*.md") if ".cy" not in path.suffixes)

    def generated_for(match: re.Match) -> str:
        return match[0] if match[1] in generated else f"case-studies/{generated[0]}.md"

    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if (linked := _STUDY_LINK.sub(generated_for, text)) != text:
            page.write_text(linked, encoding="utf-8")


_STUDY_LINK = re.compile(r"case-studies/([\w-]+)\.md")


def _write(path: Path, meta: dict, body: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)  # one line a field
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


def write_bare_stack(destination: Path, corpus: Path) -> Path:
    """The same Markdown under MkDocs + Material + static-i18n alone: no hooks, no overrides,
    the same theme, plugins and navigation settings."""
    config = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "extra_javascript"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin != "rhannu"]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                language.pop("theme", None)  # Rhannu's language partials live in its overrides
    docs = destination / "docs"
    shutil.copytree(corpus / "docs", docs)
    for folder, target in (("case_studies", "case-studies"), ("lessons", "lessons")):
        (docs / target).mkdir(exist_ok=True)
        for source in (corpus / folder).glob("*.md"):
            text = source.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            title = yaml.safe_load(front)["title"]
            (docs / target / source.name).write_text(f"---\ntitle: {json_str(title)}\n---\n\n{body}", encoding="utf-8")
        for language in ("", ".cy"):
            (docs / target / f"index{language}.md").write_text("# Index\n", encoding="utf-8")
    (docs / "newsletters").mkdir(exist_ok=True)
    for language in ("", ".cy"):
        (docs / "newsletters" / f"index{language}.md").write_text("# Newsletters\n", encoding="utf-8")
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination


def json_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
