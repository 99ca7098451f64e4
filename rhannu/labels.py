"""Rhannu's own interface text: one table per language, with exactly the same keys.

Everything Rhannu writes for readers and editors lives here: labels on generated pages, notices,
the language switch, the 404 page, the filter script's strings (passed to it by the page) and
the placeholders of `rhannu new`. Two other homes hold interface text: Material's own strings in
its language partials (`overrides/partials/languages/`), and navigation names in `mkdocs.yml`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from string import Formatter
from types import MappingProxyType

ENGLISH: dict[str, str] = {
    "case_studies": "Case studies",
    "case_studies_intro": "Filter the case studies below to find the ones you need.",
    "lessons": "Lessons learnt",
    "lessons_intro": "Lessons learnt, grouped by theme. Each lesson lists its related case studies.",
    "published": "Published",
    "browse_by": "Browse by",
    "all": "All",
    "count_one": "1 case study",
    "count_other": "{n} case studies",
    "none_yet": "There are no case studies here.",
    "lessons_evidenced": "Related lessons",
    "evidence": "Related case studies",
    "lessons_source": "These lessons come from: {source}",
    "no_evidence": "No case study is related to this lesson.",
    "lesson_group": "Lesson group",
    "page_of": "Page {page} of {pages}",
    "previous": "Previous page",
    "next": "Next page",
    "pagination": "Pages",
    "filter": "Filter case studies",
    "facet_title": "{label}: case studies",
    "facet_description": "Case studies for {label}.",
    "newsletter": "Newsletter",
    "newsletters": "Newsletters",
    "newsletters_intro": "The programme's{cadence} newsletter: news, events, and new case studies and lessons. Every issue published on this site, by year.",
    "newsletters_intro_empty": "The programme's{cadence} newsletter: news, events, and new case studies and lessons. Its issues will be listed here, by year, as they are published on this site.",
    "issue_title": "Newsletter: {date}",
    "issue_number": "Issue {number}",
    "issue_covers": "News from {start} to {end}",
    "issue_covers_first": "News up to {end}",
    "newsletter_not_here": "The programme's newsletters are not published on this site yet.",
    "next_issue_due": "The next issue is due on {date}.",
    "subscribe": "How to subscribe",
    "editorial": "Editorial",
    "news": "News",
    "events": "Events coming up",
    "new_case_studies": "New case studies",
    "new_lessons": "New lessons learnt",
    "latest_issue": "Latest newsletter",
    "read_issue": "Read the newsletter of {date}",
    "all_issues": "All newsletters",
    "join_online": "Join online",
    "when": "When",
    "where": "Where",
    "online": "Online",
    "source": "Source",
    "season_spring": "Spring {year}",
    "season_summer": "Summer {year}",
    "season_autumn": "Autumn {year}",
    "season_winter": "Winter {year}",
    "feed_issues": "Newsletter (RSS)",
    "feed_all": "Everything new (RSS)",
    "feed_issues_description": "Issues of the programme's{cadence} newsletter, in English, as they are published on this site.",
    "feed_all_description": "New case studies, lessons learnt and newsletter issues, in English, as they are published on this site.",
    "network": "From the network",
    "subscribe_email": "By email",
    "subscribe_signup": "Sign up for the email newsletter",
    "subscribe_not_launched": (
        "The programme's newsletters are not published on this site yet. Once they are, there will be an email "
        "edition in Welsh and English, with a link to unsubscribe at the bottom of every email. Until then, you can "
        "follow what is new on this site by RSS."
    ),
    "subscribe_not_yet": (
        "Sign-up for the email edition is not open yet. Once it is, the email edition will come in Welsh and English, "
        "with a link to unsubscribe at the bottom of every email. Until then, follow the newsletter by RSS."
    ),
    "subscribe_email_open": "The email edition comes in Welsh and English, with a link to unsubscribe at the bottom of every email.",
    "email_unsubscribe_future": "Once sign-up for the email edition is open, every email will have a link at the bottom to unsubscribe.",
    "email_unsubscribe_now": "Every email has a link at the bottom to unsubscribe.",
    "mailing_list_none": "Sign-up for the email edition is not open yet, so there is no mailing list yet.",
    "mailing_list_open": "Sign-up for the email edition is open.",
    "subscribe_rss": "By RSS",
    "subscribe_rss_intro": "Add one of these addresses to your feed reader:",
    "email_view_web": "Read this newsletter on the web",
    "email_jump": "Read in English",
    "email_why": "You are receiving this email because you subscribed to the newsletter of {site}.",
    "email_unsubscribe": "Unsubscribe",
    "in_en": "in English",
    "in_cy": "in Welsh",
    "moved": "Page moved",
    "moved_to": "This page has moved to",
    "switch_to": "Change the language to English",
    "search_dialog": "Search",
    "missing_title": "This page is not available in English yet",
    "missing_description": "This page is being translated into English.",
    "missing_body": "This page is being translated into English. In the meantime, you can read the Welsh version:",
    "stale_notice": "The Welsh page has changed since this page was translated, so the English version may not be up to date.",
    "stale_link": "Read the latest Welsh version",
    "not_found": "Page not found",
    "not_found_help": "If you typed the address, check it is correct. If you followed a link, the page may have moved.",
    "not_found_home": "Go to the English home page",
    # addresses and the 404 page (issue 21)
    "not_found_menu": "Menu",
    # The content editor's own page (`rhannu edit`, /admin/): Decap draws the rest.
    "editor_page_title": "Content editor",
    "editor_page_noscript": "The content editor needs JavaScript. Without it, edit the Markdown files as the editors' guide (EDITING.md) describes.",
    "editor_page_missing_title": "The content editor is not installed",
    "editor_page_missing": "The editor's code (Decap CMS, from npm) is not in this site's node_modules folder. In the site's folder, run `npm ci`, then start `rhannu edit` again.",
    "filter_none": "No case study matches these filters.",
    "scaffold_title_case_studies": "TODO: the case study's title in English",
    "scaffold_title_news": "TODO: the title in English",
    "scaffold_summary_case_studies": "TODO: one or two sentences, shown on cards, in link previews and in feeds",
    "scaffold_summary_news": "TODO: one or two sentences, shown in the newsletter, its email and its feed",
    "scaffold_body_case_studies": 'TODO: write the case study. Use "## " headings for its parts, such as\n"## What happened" and "## What we learnt".',
    "scaffold_body_news": "TODO: write the news item.",
    "scaffold_body_event": "TODO: write the event.",
    "scaffold_place": "# place: Where it happens, in English (leave out for an online event)",
    # filters (issue 14)
    "filtered_by": "Filtered by: {filters}",
    "clear_filters": "Clear filters",
    "see_all_case_studies": "See all case studies",
    # light and dark schemes, the bilingual 404, print (issue 14)
    "palette_to_dark": "Switch to dark mode",
    "palette_to_light": "Switch to light mode",
    "print_address": "The address of this page:",
    # link previews (issue 15)
    "preview_image_alt": "The name of this site in Welsh and English: {welsh}; {english}",
    # big issues (issue 15)
    "email_more": "And {n} more in this issue on the web",
    # wayfinding (issue 14): breadcrumb trails, previous/next, the newsletter's editions
    "home": "Home",
    "breadcrumb": "Breadcrumb",
    "pager_previous": "Previous",
    "pager_next": "Next",
    "pager_case_studies": "More case studies",
    "pager_lessons": "More lessons learnt",
    "pager_newsletters": "More newsletters",
    "all_case_studies": "All case studies",
    "all_lessons": "All lessons learnt",
    "in_this_issue": "In this issue:",
    "email_edition": "Email edition",
    "text_edition": "Plain-text edition",
    # email (issue 15): the email edition's web copy and its link to the other language's edition
    "email_web_copy": "This is the web copy of an email from the newsletter of {site}.",
    "email_unsendable": (
        "This message cannot be sent to the newsletter's subscribers as it is: it has no unsubscribe address of its own."
    ),
    "email_unsubscribe_how": "How to unsubscribe",
    "unsubscribing_id": "unsubscribing",  # the id of the Subscribe page's heading over unsubscribing, which web copies link to
    "email_other_edition": "Read this newsletter in English",
    # calendar (issue 15)
    "add_to_calendar": "Add to calendar",
    "calendar_feed": "Events calendar (iCalendar)",
    "calendar_name": "Events: {site}",
    "calendar_description": (
        "Events announced in the programme's{cadence} newsletter, in English, as its issues are published on this "
        "site. Times are UK time."
    ),
    "subscribe_calendar": "In your calendar",
    "subscribe_calendar_intro": (
        "Subscribe to this address in your calendar app (Outlook, Google Calendar, Apple Calendar, Thunderbird) "
        "and the events the newsletter announces appear in your calendar:"
    ),
    # feeds (issue 15)
    "feed_facet": "{label}: case studies (RSS)",
    "feed_facet_description": "New case studies for {label}, in English.",
    "feed_this_page": "Feed for this page (RSS)",
    "subscribe_rss_facets": "There is also a feed of the case studies of each {facets}, linked from the relevant page in {case_studies}.",
    "subscribe_rss_facets_and": "and each",  # joins facets' names: "each PSB and each theme"
    # catalogue, licence, cite (issue 15)
    "cite_heading": "Cite this page",
    "cite_address": "Available at",
    "reusing": "Reusing our content",
    "licence_terms": "You may reuse this content under this licence: {licence}.",
    "licence_unset": "No licence for reusing this content has been chosen yet. To reuse it, ask us first: {contact}.",
    "licence_unset_no_contact": "No licence for reusing this content has been chosen yet. To reuse it, ask the programme first.",
    "catalogue_en": "in English",
    "catalogue_cy": "in Welsh",
    "catalogue_schema": "its JSON Schema",
    # subscribers (issue 21): calendar links that say what to do, email subjects, editors' copies, feeds in a browser
    "add_to_calendar_hint": "(a calendar file: open it and your calendar app adds the event)",
    "calendar_feed_hint": (
        "Add it to your calendar app: download it, or copy its address to subscribe and see new events as they are announced."
    ),
    "subject_more": "+ {n} more",
    "editors_heading": "For editors",
    "editors_intro": (
        "Copies of this issue for sending by email: the edition in Welsh and English, and message files (.eml) to open "
        "in a mail program such as Outlook or Thunderbird, check and send."
    ),
    "editors_bilingual_edition": "Email edition in Welsh and English",
    "editors_message_bilingual": "Message file in Welsh and English (.eml)",
    "editors_message_cy": "Message file in Welsh (.eml)",
    "editors_message_en": "Message file in English (.eml)",
    "feed_page_label": "Web feed",
    "feed_page_intro": (
        "This is a web feed (RSS). Copy its address into a feed reader (such as Feedly, Inoreader, NetNewsWire or "
        "Thunderbird) to follow what is new here without visiting the site."
    ),
    "feed_page_address": "The feed's address:",
    "feed_page_items": "Latest in this feed",
    "feed_page_empty": "There is nothing in this feed yet.",
    "feed_page_site": "Go to the website",
    # search and contact (issue 21)
    "search_elsewhere": "Search in Welsh",
    "contact_page": "Contact us",
    "contact_unset": "(no contact address has been given yet)",
    "contact_details_unset": "No contact details have been given for this site yet: until they are, there is no address here to write to.",
    "contact_email": "Email",
    "contact_form": "Contact form",
    "contact_who": "Who answers messages: {name}.",
    "data_controller": "The data controller for this website and its mailing list is {controller}.",
    "data_controller_unset": "The data controller for this website has not been named here yet.",
    # journeys (issue 21): contents on a phone, facet pages, filters across pages
    "on_this_page": "On this page",
    "filter_all_case_studies": "Filter all case studies: {label}",
    # cite this page, catalogue index (issue 21)
    "cite_no_date": "n.d.",
    "cite_accessed": "Accessed",
    "cite_accessed_unknown": "[date]",
    "cite_copy": "Copy citation",
    "cite_copied": "Citation copied.",
    "cite_copy_failed": "Could not copy. The citation is selected: copy it with your keyboard.",
    "cite_files": "For your reference manager:",
    "cite_ris": "RIS file",
    "cite_bibtex": "BibTeX file",
    "catalogue_schema_en": "its JSON Schema in English",
    "catalogue_schema_cy": "its JSON Schema in Welsh",
    "api_title": "Catalogue for other websites",
    "api_description": "Version 1 of this site's catalogue in JSON, in Welsh and in English, and the JSON Schema of each.",
    "api_intro": "Every case study, lesson, newsletter issue, event and news item on this site, in JSON, for other websites and tools. Each file has a JSON Schema beside it.",
    "api_catalogues": "Catalogues",
    "api_schemas": "Schemas",
    "api_page_link": "They are listed on a page of their own too: {page}.",
    "api_reusing": "How you may reuse the content, and what a website that fetches the catalogue needs, is on the page {reusing}.",
    # cadence (issue 22): the adjective for the newsletter's cadence in data/newsletter.yml. The
    # sentences above take it as `{cadence}`: a space and the word, or nothing for a cadence that
    # has none (every 10 days), so each sentence must read well both ways.
    "cadence_weekly": "weekly",
    "cadence_fortnightly": "fortnightly",
    "cadence_monthly": "monthly",
    # the content editor (issue 23): its field labels, hints and the messages of its patterns (rhannu/editor_config.py)
    "editor_title": "Title",
    "editor_summary": "Summary",
    "editor_hint_summary": "One or two sentences, shown on cards, in link previews and in feeds.",
    "editor_body": "Text",
    "editor_hint_body": (
        "Markdown, with `##` headings for its parts. HTML may hold only these elements: {elements}; no script, no "
        "`on...=` attributes, and links only to {schemes} addresses or this site. Describe every image between the "
        "square brackets, in each language: `![what it shows](photo.jpg)`. Images: {images}."
    ),
    "editor_pattern_body": "Describe every image between the square brackets, and use {images} only (no SVG)",
    "editor_published": "Published on this site",
    "editor_hint_published": "The day it goes on the site: a later day keeps it off until then. Leave it empty if it is not published.",
    "editor_updated": "Last changed in substance",
    "editor_hint_updated": "The day what it says last changed (not a typo fix). Leave it empty if you do not know it.",
    "editor_lessons": "Related lessons",
    "editor_hint_lessons": "The lessons it illustrates. Link only what your source links.",
    "editor_aliases": "Old addresses",
    "editor_hint_aliases": "Addresses it had before, such as {example}, so that links to them keep working.",
    "editor_pattern_aliases": "Expected a site address such as {example}",
    "editor_when": "When it happened",
    "editor_hint_when": (
        "Only as precisely as your source says: a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year (2021)."
    ),
    "editor_pattern_when": "Expected a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year (2021)",
    "editor_source": "Source",
    "editor_hint_source": "Where it comes from: a source listed in data/sources.yml.",
    "editor_draft": "Draft: keep it off the site",
    "editor_slug": "Name in the Welsh address",
    "editor_hint_slug": (
        "Welsh only, optional: the Welsh page's own name in its address, in lower case with hyphens, such as "
        "rhannu-arfer. Leave it empty in English."
    ),
    "editor_pattern_slug": "Expected lower case letters and digits, words joined by single hyphens, such as rhannu-arfer",
    "editor_order": "Order in its group",
    "editor_hint_order": "Its place within its group: 1, 2, 3...",
    "editor_kind": "Kind",
    "editor_kind_event": "Event",
    "editor_event_date": "Date of the event",
    "editor_hint_event_date": "Events only: a day (2022-03-17) or a day and a time (2022-03-17 14:00), in UK time.",
    "editor_event_end": "End of the event",
    "editor_hint_event_end": (
        "Events only, optional: as precise as its date: a time (2022-03-17 16:00) for an event with a time, its last "
        "day (2022-03-18) for one given by days."
    ),
    "editor_pattern_event_date": "Expected a day (2022-03-17) or a day and a time (2022-03-17 14:00)",
    "editor_place": "Place",
    "editor_hint_place": "Events: where it happens, in this language (or give an online link).",
    "editor_online_link": "Online link",
    "editor_hint_web_address": "A web address starting https://",
    "editor_pattern_web_address": "Expected a web address starting https:// or http://, with no spaces",
    "editor_translation_state": "Translation",
    "editor_hint_translation_state": (
        "Filled in by `rhannu edit`, in a translation's column: whether it is up to date, stale (the original has "
        "changed since it was translated) or missing. Changing it here changes nothing."
    ),
    "editor_mark_current": "Mark the translation as up to date",
    "editor_hint_mark_current": (
        "Tick it in a translation's column once it translates the original as it now stands: saving records it."
    ),
    "editor_hint_number": "A whole number from 1.",
}

WELSH: dict[str, str] = {
    "case_studies": "Astudiaethau achos",
    "case_studies_intro": "Hidlwch yr astudiaethau achos isod i ddod o hyd i'r rhai sydd eu hangen arnoch.",
    "lessons": "Gwersi a ddysgwyd",
    "lessons_intro": "Gwersi a ddysgwyd, fesul thema. Mae pob gwers yn rhestru ei hastudiaethau achos cysylltiedig.",
    "published": "Cyhoeddwyd",
    "browse_by": "Pori yn ôl",
    "all": "Y cyfan",
    "count_one": "1 astudiaeth achos",
    "count_other": "{n} astudiaeth achos",
    "none_yet": "Nid oes astudiaethau achos yma.",
    "lessons_evidenced": "Gwersi cysylltiedig",
    "evidence": "Astudiaethau achos cysylltiedig",
    "lessons_source": "Daw'r gwersi hyn o: {source}",
    "no_evidence": "Nid oes astudiaeth achos yn gysylltiedig â'r wers hon.",
    "lesson_group": "Grŵp gwersi",
    "page_of": "Tudalen {page} o {pages}",
    "previous": "Tudalen flaenorol",
    "next": "Tudalen nesaf",
    "pagination": "Tudalennau",
    "filter": "Hidlo'r astudiaethau achos",
    "facet_title": "{label}: astudiaethau achos",
    "facet_description": "Astudiaethau achos ar gyfer {label}.",
    "newsletter": "Cylchlythyr",
    "newsletters": "Cylchlythyrau",
    "newsletters_intro": "Cylchlythyr{cadence} y rhaglen: newyddion, digwyddiadau, ac astudiaethau achos a gwersi newydd. Pob rhifyn a gyhoeddwyd ar y wefan hon, fesul blwyddyn.",
    "newsletters_intro_empty": "Cylchlythyr{cadence} y rhaglen: newyddion, digwyddiadau, ac astudiaethau achos a gwersi newydd. Bydd ei rifynnau'n cael eu rhestru yma, fesul blwyddyn, wrth iddynt gael eu cyhoeddi ar y wefan hon.",
    "issue_title": "Cylchlythyr: {date}",
    "issue_number": "Rhifyn {number}",
    "issue_covers": "Newyddion o {start} i {end}",
    "issue_covers_first": "Newyddion hyd at {end}",
    "newsletter_not_here": "Nid yw cylchlythyrau'r rhaglen wedi'u cyhoeddi ar y wefan hon eto.",
    "next_issue_due": "Mae disgwyl y rhifyn nesaf ar {date}.",
    "subscribe": "Sut i danysgrifio",
    "editorial": "Gair gan y golygydd",
    "news": "Newyddion",
    "events": "Digwyddiadau i ddod",
    "new_case_studies": "Astudiaethau achos newydd",
    "new_lessons": "Gwersi newydd a ddysgwyd",
    "latest_issue": "Y cylchlythyr diweddaraf",
    "read_issue": "Darllen cylchlythyr {date}",
    "all_issues": "Pob cylchlythyr",
    "join_online": "Ymuno ar-lein",
    "when": "Pryd",
    "where": "Ble",
    "online": "Ar-lein",
    "source": "Ffynhonnell",
    "season_spring": "Gwanwyn {year}",
    "season_summer": "Haf {year}",
    "season_autumn": "Yr hydref {year}",
    "season_winter": "Gaeaf {year}",
    "feed_issues": "Cylchlythyr (RSS)",
    "feed_all": "Popeth newydd (RSS)",
    "feed_issues_description": "Rhifynnau o gylchlythyr{cadence} y rhaglen, yn Gymraeg, wrth iddynt gael eu cyhoeddi ar y wefan hon.",
    "feed_all_description": "Astudiaethau achos, gwersi a ddysgwyd a rhifynnau newydd o'r cylchlythyr, yn Gymraeg, wrth iddynt gael eu cyhoeddi ar y wefan hon.",
    "network": "O'r rhwydwaith",
    "subscribe_email": "Drwy e-bost",
    "subscribe_signup": "Cofrestru i gael y cylchlythyr drwy e-bost",
    "subscribe_not_launched": (
        "Nid yw cylchlythyrau'r rhaglen wedi'u cyhoeddi ar y wefan hon eto. Pan fyddant yn cael eu cyhoeddi yma, "
        "bydd fersiwn e-bost yn Gymraeg ac yn Saesneg, gyda dolen i ddad-danysgrifio ar waelod pob e-bost. Tan "
        "hynny, gallwch ddilyn yr hyn sy'n newydd ar y wefan hon drwy RSS."
    ),
    "subscribe_not_yet": (
        "Nid yw'n bosibl cofrestru ar gyfer y fersiwn e-bost eto. Pan fydd hynny'n bosibl, bydd y fersiwn e-bost yn "
        "Gymraeg ac yn Saesneg, gyda dolen i ddad-danysgrifio ar waelod pob e-bost. Tan hynny, dilynwch y "
        "cylchlythyr drwy RSS."
    ),
    "subscribe_email_open": "Mae'r fersiwn e-bost yn Gymraeg ac yn Saesneg, gyda dolen i ddad-danysgrifio ar waelod pob e-bost.",
    "email_unsubscribe_future": "Pan fydd yn bosibl cofrestru ar gyfer y fersiwn e-bost, bydd dolen i ddad-danysgrifio ar waelod pob e-bost.",
    "email_unsubscribe_now": "Mae dolen i ddad-danysgrifio ar waelod pob e-bost.",
    "mailing_list_none": "Nid yw'n bosibl cofrestru ar gyfer y fersiwn e-bost eto, felly nid oes rhestr bostio eto.",
    "mailing_list_open": "Mae'n bosibl cofrestru ar gyfer y fersiwn e-bost.",
    "subscribe_rss": "Drwy RSS",
    "subscribe_rss_intro": "Ychwanegwch un o'r cyfeiriadau hyn at eich darllenydd ffrydiau:",
    "email_view_web": "Darllen y cylchlythyr hwn ar y we",
    "email_why": "Rydych yn cael yr e-bost hwn am eich bod wedi tanysgrifio i gylchlythyr {site}.",
    "email_unsubscribe": "Dad-danysgrifio",
    "in_en": "yn Saesneg",
    "in_cy": "yn Gymraeg",
    "moved": "Tudalen wedi symud",
    "moved_to": "Mae'r dudalen hon wedi symud i",
    "email_jump": "Darllen yn Saesneg",
    "switch_to": "Newid yr iaith i'r Gymraeg",
    "search_dialog": "Chwilio",
    "missing_title": "Nid yw'r dudalen hon ar gael yn Gymraeg eto",
    "missing_description": "Mae'r dudalen hon yn cael ei chyfieithu i'r Gymraeg.",
    "missing_body": "Mae'r dudalen hon yn cael ei chyfieithu i'r Gymraeg. Yn y cyfamser, gallwch ddarllen y fersiwn Saesneg:",
    "stale_notice": "Mae'r dudalen Saesneg wedi newid ers cyfieithu'r dudalen hon, felly efallai nad yw'r fersiwn Gymraeg yn gyfredol.",
    "stale_link": "Darllen y fersiwn Saesneg ddiweddaraf",
    "not_found": "Heb ddod o hyd i'r dudalen",
    "not_found_help": "Os gwnaethoch deipio'r cyfeiriad, gwiriwch ei fod yn gywir. Os gwnaethoch ddilyn dolen, efallai fod y dudalen wedi symud.",
    "not_found_home": "Ewch i'r hafan Gymraeg",
    # addresses and the 404 page (issue 21)
    "not_found_menu": "Dewislen",
    "editor_page_title": "Golygydd cynnwys",
    "editor_page_noscript": "Mae angen JavaScript ar y golygydd cynnwys. Hebddo, golygwch y ffeiliau Markdown fel y mae canllaw'r golygyddion (EDITING.md) yn ei ddisgrifio.",
    "editor_page_missing_title": "Nid yw'r golygydd cynnwys wedi'i osod",
    "editor_page_missing": "Nid yw cod y golygydd (Decap CMS, o npm) yn ffolder node_modules y wefan hon. Yn ffolder y wefan, rhedwch `npm ci`, yna dechreuwch `rhannu edit` eto.",
    "filter_none": "Nid oes astudiaeth achos yn cyfateb i'r hidlwyr hyn.",
    "scaffold_title_case_studies": "TODO: teitl yr astudiaeth achos yn Gymraeg",
    "scaffold_title_news": "TODO: y teitl yn Gymraeg",
    "scaffold_summary_case_studies": "TODO: crynodeb o frawddeg neu ddwy yn Gymraeg",
    "scaffold_summary_news": "TODO: crynodeb o frawddeg neu ddwy yn Gymraeg",
    "scaffold_body_case_studies": "TODO: ysgrifennwch yr astudiaeth achos yn Gymraeg. Mae'r dyddiad, y BGC, y themâu a'r\ndulliau yn dod o'r ffeil Saesneg.",
    "scaffold_body_news": "TODO: ysgrifennwch yr eitem newyddion yn Gymraeg.",
    "scaffold_body_event": "TODO: ysgrifennwch am y digwyddiad yn Gymraeg.",
    "scaffold_place": "# place: Ble mae'n digwydd, yn Gymraeg",
    # filters (issue 14)
    "filtered_by": "Wedi'u hidlo yn ôl: {filters}",
    "clear_filters": "Clirio'r hidlwyr",
    "see_all_case_studies": "Gweld pob astudiaeth achos",
    # light and dark schemes, the bilingual 404, print (issue 14)
    "palette_to_dark": "Newid i'r modd tywyll",
    "palette_to_light": "Newid i'r modd golau",
    "print_address": "Cyfeiriad y dudalen hon:",
    # link previews (issue 15)
    "preview_image_alt": "Enw'r safle hwn yn Gymraeg ac yn Saesneg: {welsh}; {english}",
    # big issues (issue 15)
    "email_more": "{n} eitem arall yn y rhifyn hwn ar y we",
    # wayfinding (issue 14): breadcrumb trails, previous/next, the newsletter's editions
    "home": "Hafan",
    "breadcrumb": "Briwsion bara",
    "pager_previous": "Blaenorol",
    "pager_next": "Nesaf",
    "pager_case_studies": "Rhagor o astudiaethau achos",
    "pager_lessons": "Rhagor o wersi a ddysgwyd",
    "pager_newsletters": "Rhagor o gylchlythyrau",
    "all_case_studies": "Pob astudiaeth achos",
    "all_lessons": "Pob gwers a ddysgwyd",
    "in_this_issue": "Yn y rhifyn hwn:",
    "email_edition": "Fersiwn e-bost",
    "text_edition": "Fersiwn testun plaen",
    # email (issue 15): the email edition's web copy and its link to the other language's edition
    "email_web_copy": "Dyma'r copi ar y we o e-bost gan gylchlythyr {site}.",
    "email_unsendable": (
        "Ni ellir anfon y neges hon at danysgrifwyr y cylchlythyr fel y mae: nid oes ganddi ei chyfeiriad dad-danysgrifio ei hun."
    ),
    "email_unsubscribe_how": "Sut i ddad-danysgrifio",
    "unsubscribing_id": "dad-danysgrifio",
    "email_other_edition": "Darllen y cylchlythyr hwn yn Gymraeg",
    # calendar (issue 15)
    "add_to_calendar": "Ychwanegu at galendr",
    "calendar_feed": "Calendr digwyddiadau (iCalendar)",
    "calendar_name": "Digwyddiadau: {site}",
    "calendar_description": (
        "Digwyddiadau a gyhoeddir yng nghylchlythyr{cadence} y rhaglen, yn Gymraeg, wrth i'w rifynnau gael eu "
        "cyhoeddi ar y wefan hon. Mae'r amseroedd yn amser y DU."
    ),
    "subscribe_calendar": "Yn eich calendr",
    "subscribe_calendar_intro": (
        "Tanysgrifiwch i'r cyfeiriad hwn yn eich ap calendr (Outlook, Google Calendar, Apple Calendar, Thunderbird) "
        "a bydd y digwyddiadau y mae'r cylchlythyr yn eu cyhoeddi yn ymddangos yn eich calendr:"
    ),
    # feeds (issue 15)
    "feed_facet": "{label}: astudiaethau achos (RSS)",
    "feed_facet_description": "Astudiaethau achos newydd ar gyfer {label}, yn Gymraeg.",
    "feed_this_page": "Ffrwd ar gyfer y dudalen hon (RSS)",
    "subscribe_rss_facets": "Mae ffrwd hefyd ar gyfer astudiaethau achos pob {facets}, gyda dolen iddi ar y dudalen berthnasol yn {case_studies}.",
    "subscribe_rss_facets_and": "a phob",  # "pob BGC a phob thema"
    # catalogue, licence, cite (issue 15)
    "cite_heading": "Dyfynnu'r dudalen hon",
    "cite_address": "Ar gael yn",
    "reusing": "Ailddefnyddio ein cynnwys",
    "licence_terms": "Gallwch ailddefnyddio'r cynnwys hwn o dan delerau'r drwydded hon: {licence}.",
    "licence_unset": "Nid oes trwydded ar gyfer ailddefnyddio'r cynnwys hwn wedi'i dewis eto. I'w ailddefnyddio, gofynnwch i ni yn gyntaf: {contact}.",
    "licence_unset_no_contact": "Nid oes trwydded ar gyfer ailddefnyddio'r cynnwys hwn wedi'i dewis eto. I'w ailddefnyddio, gofynnwch i'r rhaglen yn gyntaf.",
    "catalogue_en": "yn Saesneg",
    "catalogue_cy": "yn Gymraeg",
    "catalogue_schema": "ei Sgema JSON",
    # subscribers (issue 21): calendar links that say what to do, email subjects, editors' copies, feeds in a browser
    "add_to_calendar_hint": "(ffeil calendr: agorwch hi a bydd eich ap calendr yn ychwanegu'r digwyddiad)",
    "calendar_feed_hint": (
        "Ychwanegwch ef at eich ap calendr: lawrlwythwch ef, neu copïwch ei gyfeiriad i danysgrifio a gweld digwyddiadau "
        "newydd wrth iddynt gael eu cyhoeddi."
    ),
    "subject_more": "+ {n} arall",
    "editors_heading": "Ar gyfer golygyddion",
    "editors_intro": (
        "Copïau o'r rhifyn hwn i'w hanfon drwy e-bost: y fersiwn yn Gymraeg ac yn Saesneg, a ffeiliau neges (.eml) i'w "
        "hagor mewn rhaglen e-bost fel Outlook neu Thunderbird, eu gwirio a'u hanfon."
    ),
    "editors_bilingual_edition": "Fersiwn e-bost yn Gymraeg ac yn Saesneg",
    "editors_message_bilingual": "Ffeil neges yn Gymraeg ac yn Saesneg (.eml)",
    "editors_message_cy": "Ffeil neges yn Gymraeg (.eml)",
    "editors_message_en": "Ffeil neges yn Saesneg (.eml)",
    "feed_page_label": "Ffrwd we",
    "feed_page_intro": (
        "Ffrwd we (RSS) yw hon. Copïwch ei chyfeiriad i ddarllenydd ffrydiau (fel Feedly, Inoreader, NetNewsWire neu "
        "Thunderbird) i ddilyn yr hyn sy'n newydd yma heb ymweld â'r wefan."
    ),
    "feed_page_address": "Cyfeiriad y ffrwd:",
    "feed_page_items": "Y diweddaraf yn y ffrwd hon",
    "feed_page_empty": "Nid oes dim yn y ffrwd hon eto.",
    "feed_page_site": "Ewch i'r wefan",
    # search and contact (issue 21)
    "search_elsewhere": "Chwilio yn Saesneg",
    "contact_page": "Cysylltu â ni",
    "contact_unset": "(nid oes cyfeiriad cyswllt wedi'i roi eto)",
    "contact_details_unset": "Nid oes manylion cyswllt wedi'u rhoi ar gyfer y wefan hon eto: tan hynny, nid oes cyfeiriad yma i ysgrifennu ato.",
    "contact_email": "E-bost",
    "contact_form": "Ffurflen gyswllt",
    "contact_who": "Pwy sy'n ateb negeseuon: {name}.",
    "data_controller": "Y rheolydd data ar gyfer y wefan hon a'i rhestr bostio yw {controller}.",
    "data_controller_unset": "Nid yw'r rheolydd data ar gyfer y wefan hon wedi'i enwi yma eto.",
    # journeys (issue 21): contents on a phone, facet pages, filters across pages
    "on_this_page": "Ar y dudalen hon",
    "filter_all_case_studies": "Hidlo pob astudiaeth achos: {label}",
    # cite this page, catalogue index (issue 21)
    "cite_no_date": "d.d.",
    "cite_accessed": "Cyrchwyd",
    "cite_accessed_unknown": "[dyddiad]",
    "cite_copy": "Copïo'r cyfeirnod",
    "cite_copied": "Copïwyd y cyfeirnod.",
    "cite_copy_failed": "Methwyd â chopïo. Mae'r cyfeirnod wedi'i ddewis: copïwch ef gan ddefnyddio'ch bysellfwrdd.",
    "cite_files": "Ar gyfer eich rheolwr cyfeirnodau:",
    "cite_ris": "Ffeil RIS",
    "cite_bibtex": "Ffeil BibTeX",
    "catalogue_schema_en": "ei Sgema JSON yn Saesneg",
    "catalogue_schema_cy": "ei Sgema JSON yn Gymraeg",
    "api_title": "Catalog ar gyfer gwefannau eraill",
    "api_description": "Fersiwn 1 o gatalog y wefan hon mewn JSON, yn Gymraeg ac yn Saesneg, a Sgema JSON pob un.",
    "api_intro": "Pob astudiaeth achos, gwers, rhifyn o'r cylchlythyr, digwyddiad ac eitem newyddion ar y wefan hon, mewn JSON, ar gyfer gwefannau ac offer eraill. Mae Sgema JSON wrth ymyl pob ffeil.",
    "api_catalogues": "Catalogau",
    "api_schemas": "Sgemâu",
    "api_page_link": "Maent wedi'u rhestru ar dudalen eu hunain hefyd: {page}.",
    "api_reusing": "Mae'r dudalen {reusing} yn egluro sut y gallwch ailddefnyddio'r cynnwys, a'r hyn sydd ei angen ar wefan sy'n nôl y catalog.",
    # cadence (issue 22): the adjective for the newsletter's cadence in data/newsletter.yml. The
    # sentences above take it as `{cadence}` after "cylchlythyr" (masculine, so the adjective keeps
    # its radical form; the sentence mutates the noun itself: "o gylchlythyr", "yng nghylchlythyr").
    "cadence_weekly": "wythnosol",
    "cadence_fortnightly": "pythefnosol",
    "cadence_monthly": "misol",
    # the content editor (issue 23): its field labels, hints and the messages of its patterns (rhannu/editor_config.py)
    "editor_title": "Teitl",
    "editor_summary": "Crynodeb",
    "editor_hint_summary": "Brawddeg neu ddwy, a ddangosir ar gardiau, mewn rhagolygon o ddolenni ac mewn ffrydiau.",
    "editor_body": "Testun",
    "editor_hint_body": (
        "Markdown, gyda phenawdau `##` ar gyfer ei rannau. Dim ond yr elfennau hyn a gaiff fod mewn HTML: {elements}; "
        "dim sgript, dim priodoleddau `on...=`, a dolenni i gyfeiriadau {schemes} neu i'r wefan hon yn unig. Disgrifiwch "
        "bob delwedd rhwng y cromfachau sgwâr, ym mhob iaith: `![beth mae'n ei ddangos](llun.jpg)`. Delweddau: {images}."
    ),
    "editor_pattern_body": "Disgrifiwch bob delwedd rhwng y cromfachau sgwâr, a defnyddiwch {images} yn unig (dim SVG)",
    "editor_published": "Cyhoeddwyd ar y wefan hon",
    "editor_hint_published": (
        "Y diwrnod y mae'n mynd ar y wefan: mae diwrnod diweddarach yn ei gadw oddi arni tan hynny. Gadewch yn wag os "
        "nad yw wedi'i gyhoeddi."
    ),
    "editor_updated": "Newidiwyd ei sylwedd ddiwethaf",
    "editor_hint_updated": (
        "Y diwrnod y newidiodd yr hyn y mae'n ei ddweud ddiwethaf (nid cywiro gwall teipio). Gadewch yn wag os nad "
        "ydych yn ei wybod."
    ),
    "editor_lessons": "Gwersi cysylltiedig",
    "editor_hint_lessons": "Y gwersi y mae'n eu dangos. Cysylltwch yr hyn y mae eich ffynhonnell yn ei gysylltu yn unig.",
    "editor_aliases": "Hen gyfeiriadau",
    "editor_hint_aliases": "Cyfeiriadau a oedd ganddo o'r blaen, megis {example}, fel bod dolenni atynt yn dal i weithio.",
    "editor_pattern_aliases": "Disgwylir cyfeiriad ar y wefan megis {example}",
    "editor_when": "Pryd y digwyddodd",
    "editor_hint_when": (
        "Dim ond mor fanwl ag y mae eich ffynhonnell yn ei ddweud: diwrnod (2021-06-15), mis (2021-11), tymor, a'i enw yn "
        "Saesneg (summer 2021), neu flwyddyn (2021)."
    ),
    "editor_pattern_when": (
        "Disgwylir diwrnod (2021-06-15), mis (2021-11), tymor, a'i enw yn Saesneg (summer 2021), neu flwyddyn (2021)"
    ),
    "editor_source": "Ffynhonnell",
    "editor_hint_source": "O ble y daw: ffynhonnell a restrir yn data/sources.yml.",
    "editor_draft": "Drafft: ei gadw oddi ar y wefan",
    "editor_slug": "Enw yn y cyfeiriad Cymraeg",
    "editor_hint_slug": (
        "Cymraeg yn unig, dewisol: enw'r dudalen Gymraeg yn ei chyfeiriad, mewn llythrennau bach gyda chysylltnodau, "
        "megis rhannu-arfer. Gadewch yn wag yn Saesneg."
    ),
    "editor_pattern_slug": "Disgwylir llythrennau bach a digidau, a chysylltnod rhwng geiriau, megis rhannu-arfer",
    "editor_order": "Trefn yn ei grŵp",
    "editor_hint_order": "Ei le o fewn ei grŵp: 1, 2, 3...",
    "editor_kind": "Math",
    "editor_kind_event": "Digwyddiad",
    "editor_event_date": "Dyddiad y digwyddiad",
    "editor_hint_event_date": "Digwyddiadau yn unig: diwrnod (2022-03-17) neu ddiwrnod ac amser (2022-03-17 14:00), yn amser y DU.",
    "editor_event_end": "Diwedd y digwyddiad",
    "editor_hint_event_end": (
        "Digwyddiadau yn unig, dewisol: mor fanwl â'i ddyddiad: amser (2022-03-17 16:00) ar gyfer digwyddiad ag amser, "
        "ei ddiwrnod olaf (2022-03-18) ar gyfer un a roddir fesul diwrnod."
    ),
    "editor_pattern_event_date": "Disgwylir diwrnod (2022-03-17) neu ddiwrnod ac amser (2022-03-17 14:00)",
    "editor_place": "Lleoliad",
    "editor_hint_place": "Digwyddiadau: ble mae'n digwydd, yn yr iaith hon (neu rhowch ddolen ar-lein).",
    "editor_online_link": "Dolen ar-lein",
    "editor_hint_web_address": "Cyfeiriad gwe sy'n dechrau https://",
    "editor_pattern_web_address": "Disgwylir cyfeiriad gwe sy'n dechrau https:// neu http://, heb fylchau",
    "editor_translation_state": "Cyfieithiad",
    "editor_hint_translation_state": (
        "Caiff ei lenwi gan `rhannu edit`, yng ngholofn cyfieithiad: a yw'n gyfredol, wedi dyddio (mae'r gwreiddiol "
        "wedi newid ers ei gyfieithu) neu ar goll. Nid yw ei newid yma yn newid dim."
    ),
    "editor_mark_current": "Nodi bod y cyfieithiad yn gyfredol",
    "editor_hint_mark_current": (
        "Ticiwch ef yng ngholofn cyfieithiad pan fo'n cyfieithu'r gwreiddiol fel y mae nawr: mae cadw yn cofnodi hynny."
    ),
    "editor_hint_number": "Rhif cyfan o 1 ymlaen.",
}

# Rhannu's own words, by language. A site in another language gives all of them in that language
# (`labels:` in its data/schema.yml; `rhannu check` lists any missing).
TABLES: dict[str, dict[str, str]] = {"en": ENGLISH, "cy": WELSH}
KEYS: dict[str, str] = ENGLISH  # every label Rhannu has; its English text gives each one's placeholders


# A site's own words for these labels (`labels:` in its data/schema.yml), by language then key.
#
# They are held in a context variable, not passed down: label() is read at some 200 places in 20
# modules (pages, feeds, email, calendar, catalogue, templates), most several calls below anything
# that sees the site, and threading a table through all of them would add an argument to nearly
# every renderer for one lookup. A ContextVar keeps label() a plain call while staying per build:
# rhannu.site.prepare sets it to the site it prepares (so `rhannu check`, `rhannu newsletter` and
# the build see the same words), the plugin sets it again at the start of every language pass and
# puts back what was there when the build ends, and each thread or asyncio task has its own
# context, so two sites built in one process each see their own words, never a module global.
NO_WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType({})
_SITE_WORDS: ContextVar[Mapping[str, Mapping[str, str]]] = ContextVar("rhannu_site_words", default=NO_WORDS)


def use_site_words(words: Mapping[str, Mapping[str, str]]) -> Token[Mapping[str, Mapping[str, str]]]:
    """Make `words` the site's own words for this context; the token puts back the ones before."""
    return _SITE_WORDS.set(words)


def restore_site_words(token: Token[Mapping[str, Mapping[str, str]]]) -> None:
    _SITE_WORDS.reset(token)


@contextmanager
def site_words(words: Mapping[str, Mapping[str, str]]) -> Iterator[None]:
    token = use_site_words(words)
    try:
        yield
    finally:
        restore_site_words(token)


def text(lang: str, key: str) -> str:
    """The label's text before its placeholders are filled: the site's own words, or Rhannu's."""
    return _SITE_WORDS.get().get(lang, {}).get(key) or TABLES.get(lang, {})[key]


def table(lang: str) -> dict[str, str]:
    """Every label in `lang`, the site's own words in place of Rhannu's (for templates)."""
    return TABLES.get(lang, {}) | dict(_SITE_WORDS.get().get(lang, {}))


def placeholders(template: str) -> frozenset[str]:
    """The names a label's text fills in: 'Page {page} of {pages}' -> {'page', 'pages'}."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name is not None)


def label(lang: str, key: str, **values: object) -> str:
    return text(lang, key).format(**values)


def count(lang: str, n: int) -> str:
    return label(lang, "count_one") if n == 1 else label(lang, "count_other", n=n)
