"""schema.org metadata (JSON-LD) for case studies, for search engines and other networks' tools."""

from __future__ import annotations

import json
from typing import Any

from rhannu.content import Content
from rhannu.content_types import CaseStudy, page_path
from rhannu.languages import CODES, DEFAULT, is_default, language
from rhannu.site_info import Licence
from rhannu.urls import absolute, url
from rhannu.views import term_label


def case_study_jsonld(
    content: Content, study: CaseStudy, lang: str, site_url: str, site_name: str, licence: Licence | None = None
) -> str | None:
    if lang not in study.texts:
        return None
    text = study.texts[lang]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": text.title,
        "description": text.summary,
        "inLanguage": language(lang).tag,
        "url": absolute(site_url, url(page_path(study, lang), lang)),
        "about": [  # the values of the facets data/schema.yml marks `about: true` (the themes)
            term_label(content, facet.key, value, lang)
            for facet in content.taxonomy.schema.vocabulary_facets
            if facet.about
            for value in study.terms[facet.key]
        ],
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": absolute(site_url, url("index", lang))},
        "publisher": {"@type": "Organization", "name": site_name},
    }
    if study.published is not None:  # left out where it was never published here, as schema.org allows
        data["datePublished"] = study.published.date().isoformat()
    if study.updated is not None:  # only where its editor recorded the day (front matter `updated`)
        data["dateModified"] = study.updated.isoformat()
    if licence is not None:  # the terms of reuse, once the owner has chosen them
        data["license"] = licence.url(lang)
    if study.when is not None:
        data["temporalCoverage"] = study.when.iso()
    if study.source is not None:
        data["isBasedOn"] = content.taxonomy.sources[study.source].schema_org(lang)
    if is_default(lang):  # the original: each of its translations
        works = [_work(study, code, site_url) for code in CODES if code in study.texts and code != lang]
        if works:
            data["workTranslation"] = works[0] if len(works) == 1 else works
    elif DEFAULT.code in study.texts:  # a translation: of the default language's original
        data["translationOfWork"] = _work(study, DEFAULT.code, site_url)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")  # no markup inside <script>
    return f'<script type="application/ld+json">{payload}</script>'


def _work(study: CaseStudy, code: str, site_url: str) -> dict[str, str]:
    return {"@type": "Article", "url": absolute(site_url, url(page_path(study, code), code)), "inLanguage": language(code).tag}
