"""The content type declarations: each type's folder, address, fields and issue sections."""

from __future__ import annotations

from rhannu.content_types import BY_FOLDER, CASE_STUDIES, LESSONS, NEWS_ITEMS, TYPES, WITH_PAGES, page_path
from rhannu.newsletter import sections
from tests.test_newsletter import at, news, study


def test_every_type_has_its_own_folder_and_key() -> None:
    assert len({kind.folder for kind in TYPES}) == len({kind.key for kind in TYPES}) == len(TYPES) == 3
    assert BY_FOLDER["case_studies"] is CASE_STUDIES and BY_FOLDER["lessons"] is LESSONS and BY_FOLDER["newsletters"] is NEWS_ITEMS


def test_types_with_pages_and_their_addresses() -> None:
    assert tuple(WITH_PAGES) == (CASE_STUDIES, LESSONS)
    assert page_path(study("x", at(2022, 3, 1))) == "case-studies/x"


def test_every_section_of_an_issue_is_declared_by_one_type_or_the_network() -> None:
    keys = [section.key for section in sections()]
    assert len(keys) == len(set(keys))
    assert [section.key for section in NEWS_ITEMS.sections] == ["editorial", "news", "events"]


def test_news_items_go_to_their_section_and_events_say_when_they_happen() -> None:
    slot = NEWS_ITEMS.issue_slot
    assert slot is not None
    assert slot(news("a", at(2021, 3, 3))).section == "news"
    event = slot(news("b", at(2021, 3, 3), "event", at(2021, 4, 1, 14)))
    assert event is not None and (event.section, event.day.isoformat(), event.happens.isoformat()) == ("events", "2021-03-03", "2021-04-01")
