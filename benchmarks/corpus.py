"""A synthetic corpus for benchmarks: N case studies per language, valid front matter across
every PSB, theme and approach, dates over five years, lessons cited, plus newsletter items."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
WORDS = (
    "co-production involvement engagement partnership wellbeing assessment community public service "
    "board cluster relationship trust planning capacity skills learning sharing practice digital "
    "consultation evidence people place prevention collaboration integration long-term"
).split()
WELSH = (
    "cyd-gynhyrchu cyfranogiad ymgysylltu partneriaeth llesiant asesiad cymuned gwasanaeth cyhoeddus "
    "bwrdd clwstwr perthynas ymddiriedaeth cynllunio capasiti sgiliau dysgu rhannu arfer digidol "
    "ymgynghori tystiolaeth pobl lle atal cydweithio integreiddio hirdymor"
).split()


def _prose(rng: random.Random, words: list[str], count: int) -> str:
    paragraphs = []
    while count > 0:
        size = min(count, rng.randint(60, 110))
        sentence = " ".join(rng.choice(words) for _ in range(size))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
        count -= size
    return "\n\n".join(paragraphs)


def _body(rng: random.Random, words: list[str], headings: tuple[str, str, str]) -> str:
    return "\n\n".join(f"## {heading}\n\n{_prose(rng, words, 200)}" for heading in headings)


def write_corpus(destination: Path, per_language: int, seed: int = 2021, project: Path = PROJECT) -> Path:
    """A copy of the project whose case studies and news are `per_language` synthetic ones."""
    rng = random.Random(seed)
    for name in ("mkdocs.yml",):
        shutil.copy2(project / name, destination / name)
    for name in ("docs", "overrides", "hooks", "data", "lessons"):
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
        settings.write_text(settings.read_text(encoding="utf-8").replace("first_issue:\n", "first_issue: 2021-03-01\n"), encoding="utf-8")

    def dated(day: dt.date) -> dict:
        return {"published": day, "when": day.year} if launched else {"date": day}

    start = dt.date(2021, 3, 1)
    for number in range(per_language):
        day = start + dt.timedelta(days=rng.randrange(5 * 365 - 400))
        meta = {
            "title": f"Case study {number}: {' '.join(rng.sample(WORDS, 3))}",
            "summary": _prose(rng, WORDS, 30),
            **dated(day),
            "psb": rng.choice(list(taxonomy["psbs"])),
            "themes": rng.sample(list(taxonomy["themes"]), 2),
            "approaches": rng.sample(list(taxonomy["approaches"]), 1),
            "lessons": rng.sample(lessons, rng.randint(0, 2)),
        }
        english = _body(rng, WORDS, ("What happened", "What changed", "What we learnt"))
        welsh_meta = {"title": f"Astudiaeth achos {number}: {' '.join(rng.sample(WELSH, 3))}", "summary": _prose(rng, WELSH, 30)}
        welsh = _body(rng, WELSH, ("Beth ddigwyddodd", "Beth newidiodd", "Beth a ddysgwyd"))
        _write(studies / f"case-study-{number:05d}.md", meta, english)
        _write(studies / f"case-study-{number:05d}.cy.md", welsh_meta, welsh)
    for number in range(max(4, per_language // 20)):
        day = start + dt.timedelta(days=rng.randrange(5 * 365 - 400))
        meta = {"title": f"News {number}", "summary": _prose(rng, WORDS, 20), "kind": "news", **dated(day)}
        _write(news / f"news-{number:04d}.md", meta, _prose(rng, WORDS, 80))
        _write(news / f"news-{number:04d}.cy.md", {"title": f"Newyddion {number}", "summary": _prose(rng, WELSH, 20)}, _prose(rng, WELSH, 80))
    return destination


def _write(path: Path, meta: dict, body: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


def write_bare_stack(destination: Path, corpus: Path) -> Path:
    """The same Markdown under MkDocs + Material + static-i18n alone: no hooks, no overrides,
    the same theme, plugins and navigation settings."""
    config = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "extra_javascript"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
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
