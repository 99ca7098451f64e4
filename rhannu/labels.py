"""Interface text that Rhannu's own pages show, in both languages."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "case_studies": "Case studies",
        "case_studies_intro": "Practice from the programme and the PSBs it works with. Find case studies by PSB, theme, approach or year.",
        "lessons": "Lessons learnt",
        "lessons_intro": "What the programme learnt in its first year, grouped under three themes. Each lesson lists the case studies that give evidence for it.",
        "psb": "PSB",
        "theme": "Theme",
        "themes": "Themes",
        "approach": "Approach",
        "approaches": "Approaches",
        "year": "Year",
        "published": "Published",
        "browse_by": "Browse by",
        "all": "All",
        "count_one": "1 case study",
        "count_other": "{n} case studies",
        "none_yet": "There are no case studies here yet.",
        "lessons_evidenced": "Lessons this case study gives evidence for",
        "evidence": "Evidence: case studies that cite this lesson",
        "no_evidence": "No case study cites this lesson yet.",
        "lesson_group": "Lesson group",
        "page_of": "Page {page} of {pages}",
        "previous": "Previous page",
        "next": "Next page",
        "pagination": "Pages",
        "filter": "Filter case studies",
        "filter_apply": "Show case studies",
        "facet_title": "{label}: case studies",
        "facet_description": "Case studies for {label}.",
        "moved": "Page moved",
        "moved_to": "This page has moved to",
    },
    "cy": {
        "case_studies": "Astudiaethau achos",
        "case_studies_intro": "Arfer o'r rhaglen ac o'r BGCau y mae'n gweithio gyda nhw. Dewch o hyd i astudiaethau achos yn ôl BGC, thema, dull neu flwyddyn.",
        "lessons": "Gwersi a ddysgwyd",
        "lessons_intro": "Yr hyn a ddysgodd y rhaglen yn ei blwyddyn gyntaf, o dan dair thema. Mae pob gwers yn rhestru'r astudiaethau achos sy'n dystiolaeth ar ei chyfer.",
        "psb": "BGC",
        "theme": "Thema",
        "themes": "Themâu",
        "approach": "Dull",
        "approaches": "Dulliau",
        "year": "Blwyddyn",
        "published": "Cyhoeddwyd",
        "browse_by": "Pori yn ôl",
        "all": "Y cyfan",
        "count_one": "1 astudiaeth achos",
        "count_other": "{n} astudiaeth achos",
        "none_yet": "Nid oes astudiaethau achos yma eto.",
        "lessons_evidenced": "Gwersi y mae'r astudiaeth achos hon yn dystiolaeth ar eu cyfer",
        "evidence": "Tystiolaeth: astudiaethau achos sy'n cyfeirio at y wers hon",
        "no_evidence": "Nid oes astudiaeth achos yn cyfeirio at y wers hon eto.",
        "lesson_group": "Grŵp gwersi",
        "page_of": "Tudalen {page} o {pages}",
        "previous": "Tudalen flaenorol",
        "next": "Tudalen nesaf",
        "pagination": "Tudalennau",
        "filter": "Hidlo'r astudiaethau achos",
        "filter_apply": "Dangos astudiaethau achos",
        "facet_title": "{label}: astudiaethau achos",
        "facet_description": "Astudiaethau achos ar gyfer {label}.",
        "moved": "Tudalen wedi symud",
        "moved_to": "Mae'r dudalen hon wedi symud i",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    return LABELS[lang][key].format(**values)


def count(lang: str, n: int) -> str:
    return label(lang, "count_one") if n == 1 else label(lang, "count_other", n=n)
