"""The benchmarks' own parts, checked quickly (no timing): the corpus writes real Welsh with its
mutated forms and real English, from the sentences of the pages it is given; the search
benchmark's helpers read what the page, the worker and the index give them; and its measurement
works on the sample site in Chromium."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import build_benchmark
import corpus
import search_benchmark

from tests.support.sites import build

# Real sentences of the project's pages, with their markup, as a source folder holds them. The
# Welsh ones carry soft (Fyrddau, gyd-gynhyrchu, dri), nasal (Nghymru), aspirate (chyfranogiad,
# phartneriaid, thîm) mutations and h-prothesis (hymddiriedaeth).
WELSH_PAGE = """---
title: Meithrin perthnasoedd cefnogol sy'n seiliedig ar ymddiriedaeth
summary: Bwriad y rhaglen oedd gweithio gyda thri chlwstwr o Fyrddau Gwasanaethau Cyhoeddus (BGCau) am bum mlynedd.
---

## Yr hyn a ddigwyddodd

Rhaglen bum mlynedd, a ariennir gan Gronfa Gymunedol y Loteri Genedlaethol, sy'n cefnogi Byrddau
Gwasanaethau Cyhoeddus yng Nghymru i symud eu gwaith ymgysylltu tuag at arfer cadarn o
*gyd-gynhyrchu* a chyfranogiad. Penododd dri thîm prosiect.

- [Mae meithrin perthnasoedd yn cymryd amser](../lessons/relationship-time.md). Mae hyn yn cynnwys
  gweithio gyda phartneriaid unigol ac ennill eu hymddiriedaeth, fel eu bod yn dod ynghyd fel
  partneriaeth gydlynus.

Anfonwch e-bost at <!-- rhannu:contact --> os oes gennych gwestiwn am y rhaglen.
"""
WELSH_SENTENCES = [
    "Bwriad y rhaglen oedd gweithio gyda thri chlwstwr o Fyrddau Gwasanaethau Cyhoeddus (BGCau) am bum mlynedd.",
    "Rhaglen bum mlynedd, a ariennir gan Gronfa Gymunedol y Loteri Genedlaethol, sy'n cefnogi Byrddau Gwasanaethau Cyhoeddus yng Nghymru i symud eu gwaith ymgysylltu tuag at arfer cadarn o gyd-gynhyrchu a chyfranogiad.",
    "Penododd dri thîm prosiect.",
    "Mae meithrin perthnasoedd yn cymryd amser.",
    "Mae hyn yn cynnwys gweithio gyda phartneriaid unigol ac ennill eu hymddiriedaeth, fel eu bod yn dod ynghyd fel partneriaeth gydlynus.",
]
MUTATED = ["Fyrddau", "gyd-gynhyrchu", "dri", "Nghymru", "chyfranogiad", "phartneriaid", "thîm", "hymddiriedaeth"]
ENGLISH_PAGE = """---
title: Building trusted and supportive relationships
summary: The programme set out to work with three clusters of Public Services Boards (PSBs) for five years.
---

## What happened

A five-year programme, funded by the National Lottery Community Fund, that supports Public Services
Boards in Wales to shift their engagement into a solid practice of **co-production** and
involvement. It appointed three project teams.

- [Relationship building takes time](../lessons/relationship-time.md). This includes working with
  individual partners and earning their trust, so that they come together as a cohesive partnership.
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    (folder / "case_studies").mkdir()
    (folder / "case_studies/trusted-relationships.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    (folder / "case_studies/trusted-relationships.cy.md").write_text(WELSH_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def written(sources: Path, sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of 4 case studies a language, on the sample site, in the sentences above."""
    return corpus.write_corpus(tmp_path_factory.mktemp("corpus"), 4, project=sample_project, sources=sources)


def _bodies(project: Path, welsh: bool) -> list[str]:
    pages = sorted((project / "case_studies").glob("*.md"))
    return [page.read_text(encoding="utf-8").split("---\n", 2)[2] for page in pages if page.name.endswith(".cy.md") == welsh]


def _sentences(body: str) -> set[str]:
    return {sentence for line in body.splitlines() if line and not line.startswith("#") for sentence in corpus.split_sentences(line)}


def test_prose_is_the_sources_sentences_without_markup(sources: Path) -> None:
    welsh = corpus.prose(sources, "cy")
    assert list(welsh.sentences) == WELSH_SENTENCES  # no heading, link, emphasis, or sentence around a block marker
    assert welsh.titles == ("Meithrin perthnasoedd cefnogol sy'n seiliedig ar ymddiriedaeth",)
    english = corpus.prose(sources, "en")
    assert "It appointed three project teams." in english.sentences
    assert not set(english.sentences) & set(welsh.sentences)


def test_corpus_welsh_is_real_sentences_with_mutated_forms(written: Path) -> None:
    welsh = "\n".join(_bodies(written, welsh=True))
    english = "\n".join(_bodies(written, welsh=False))
    assert _sentences(welsh) == set(WELSH_SENTENCES)
    words = set(re.findall(r"[\w'-]+", welsh))
    assert [form for form in MUTATED if form not in words] == []
    assert not set(re.findall(r"[\w'-]+", english)) & {"Fyrddau", "Nghymru", "phartneriaid", "hymddiriedaeth"}
    welsh_words, english_words = len(welsh.split()), len(english.split())
    assert 0.8 < welsh_words / english_words < 1.25, (welsh_words, english_words)


def test_corpus_builds_strictly(written: Path, tmp_path: Path) -> None:
    result = build(written, tmp_path / "site")
    assert result.returncode == 0, result.log
    welsh_index = json.loads((tmp_path / "site/cy/search/search_index.json").read_text(encoding="utf-8"))
    assert any("Fyrddau" in doc["text"] for doc in welsh_index["docs"])


def test_links_to_the_projects_case_studies_lead_to_generated_ones(tmp_path: Path) -> None:
    docs, studies = tmp_path / "docs", tmp_path / "case_studies"
    docs.mkdir()
    studies.mkdir()
    for name in ("case-study-00000.md", "case-study-00000.cy.md", "case-study-00001.md"):
        (studies / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    page = docs / "work.md"
    page.write_text("[a](case-studies/trusted-relationships.md) [b](case-studies/case-study-00001.md)\n", encoding="utf-8")
    corpus._link_generated_studies(docs, studies)
    assert page.read_text(encoding="utf-8") == "[a](case-studies/case-study-00000.md) [b](case-studies/case-study-00001.md)\n"


def test_a_measure_is_the_median_of_its_runs() -> None:
    ours = build_benchmark.Measure((30.0, 10.0, 12.0), 900.0, 8000, 3, (40.0, 20.0, 22.0))
    bare = build_benchmark.Measure((14.0, 15.0, 16.0), 500.0, 4000, 1, (14.0, 15.0, 15.5))
    assert (ours.seconds, ours.spread, ours.per_thousand) == (12.0, 20.0, 1.5)
    assert build_benchmark._row(2000, ours, bare).splitlines() == [
        "| 2000 | Rhannu | 12.0 | 20.0 | 22.0 | 900 | 3 | 8000 | 1.50 | 0.80 |",
        "| 2000 | bare stack | 15.0 | 2.0 | 15.0 | 500 | 1 | 4000 | 3.75 | 1.00 |",
    ]


# A parent holding about 40 MiB that starts a child holding about 80 MiB, both alive at once.
_TWO_PROCESSES = (
    "import subprocess, sys, time\n"
    "held = bytearray(40 << 20)\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; held = bytearray(80 << 20); time.sleep(1)'])\n"
    "child.wait()\n"
)


def test_peak_memory_is_summed_over_the_process_tree(tmp_path: Path) -> None:
    seconds, peak_kib, processes, cpu = build_benchmark.measure_once([sys.executable, "-c", _TWO_PROCESSES], tmp_path, {})
    assert processes == 2
    assert peak_kib > 120 * 1024  # both processes' peaks, not the parent's alone
    assert seconds >= 1 and 0 < cpu < seconds


def test_index_facts(tmp_path: Path) -> None:
    index = {"config": {"lang": ["cy"], "pipeline": []}, "docs": [{"location": "", "title": "Hafan", "text": "Fyrddau " * 50}] * 3}
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(index), encoding="utf-8")
    facts = search_benchmark.index_facts(path)
    assert (facts.size, facts.lang, facts.docs) == (path.stat().st_size, ("cy",), 3)
    assert 0 < facts.gzipped < facts.size


def test_load_from_the_page_record() -> None:
    record = {"worker": "http://127.0.0.1:8000/assets/javascripts/workers/search.js", "setup": 250.5, "ready": 900.0,
              "index": "http://127.0.0.1:8000/cy/search/search_index.json", "fetched": 200.0}
    load = search_benchmark.load_from_record(record, 5 * 1024 * 1024)
    assert (load.index, load.fetched_ms, load.in_worker_ms, load.heap_bytes) == ("cy/search/search_index.json", 200.0, 649.5, 5 * 1024 * 1024)
    with pytest.raises(ValueError, match="lacks ready"):
        search_benchmark.load_from_record({**record, "ready": None}, 0)


def test_heap_from_the_worker_reply() -> None:
    assert search_benchmark.heap_used({"id": 3, "result": {"usedSize": 4553688, "totalSize": 5505024}}) == 4553688
    with pytest.raises(RuntimeError, match="getHeapUsage failed"):
        search_benchmark.heap_used({"id": 3, "error": {"code": -32601, "message": "'Runtime.getHeapUsage' wasn't found"}})


def test_report_gives_welsh_over_english_and_growth() -> None:
    def result(size: int, ready: float, heap: int) -> search_benchmark.Result:
        return search_benchmark.Result(search_benchmark.Index(size, size // 4, ("en",), 10), ready, 100.0, ready - 150, heap, ready + 100)

    before = {"en": result(1000, 400, 10 * 1024 * 1024), "cy": result(1000, 600, 20 * 1024 * 1024)}
    after = {"en": result(1020, 400, 10 * 1024 * 1024), "cy": result(1100, 800, 30 * 1024 * 1024)}
    table = search_benchmark.rows("before", before)
    assert table[1].startswith("| before | Welsh | 1,000 | 250 | en | 10 | 100 | 600 | 450 | 20.0 | 700 |")
    assert table[2] == "| before | Welsh / English | 1.00 | 1.00 | | | 1.00 | 1.50 | 1.80 | 2.00 | 1.40 |"
    lines = search_benchmark.summary({"before": before, "after": after})
    assert lines[1] == "after: Welsh / English ready 2.00x, worker heap 3.00x (target: at most 2x)"
    assert lines[2].startswith("index after against before: English +2.0% (+2.0% gzipped), Welsh +10.0% (+10.0% gzipped)")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_measuring_a_page_of_the_sample_site(browser, site_url: str, lang: str) -> None:
    _, path, index = search_benchmark.LANGUAGES[lang]
    load = search_benchmark.measure_load(browser, site_url + path)
    assert load.index == index
    assert 0 < load.fetched_ms <= load.setup_ms < load.ready_ms
    assert load.heap_bytes > 1024 * 1024  # lunr and the index, not an empty worker's few hundred KB


def test_builds_are_measured_in_turn(tmp_path: Path) -> None:
    """Rhannu's and the bare stack's builds alternate, so that a drift in the machine's speed
    during the run slows both alike."""
    log = tmp_path / "order.log"

    def command(name: str):
        def build(folder: Path) -> list[str]:
            script = f"import pathlib; pathlib.Path({str(folder)!r}).mkdir(); open({str(log)!r}, 'a').write({name!r})"
            return [sys.executable, "-c", script]

        return build

    builds = [build_benchmark.Build(command("a"), tmp_path, tmp_path / "a"), build_benchmark.Build(command("b"), tmp_path, tmp_path / "b")]
    measures = build_benchmark.measure_builds(builds, 3)
    assert log.read_text() == "ababab"
    assert [len(measure.runs) for measure in measures] == [3, 3]
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_dir()) == ["a-0", "a-1", "a-2", "b-0", "b-1", "b-2"]
