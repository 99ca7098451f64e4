"""The build's CPU cuts (issue 22, item 6): work done once, and only what a process's language
needs, with the same bytes as before."""

from __future__ import annotations

import pytest

from rhannu.message import message_files
from rhannu.site import Site, prepare
from rhannu.site_info import SiteInfo
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL


@pytest.fixture(scope="module")
def sample() -> Site:
    return prepare(FIXTURE, BUILD_DATE_PINNED, SiteInfo(FIXTURE_URL, {"en": "Sample", "cy": "Enghraifft"}))


@pytest.mark.parametrize("edition", ["both", "en", "cy"])
def test_message_files_of_one_edition_are_those_of_every_edition_rendered_together(sample: Site, edition: str) -> None:
    every = message_files(sample.editions, sample.info, sample.settings.list_unsubscribe)
    ours = sample.message_files(edition)
    assert ours
    assert ours == {path: data for path, data in every.items() if path in ours}
    issues = {copy.issue.slug for copy in sample.editions}
    assert len(ours) == len(issues)  # one message file per issue, of this edition alone


def test_message_files_of_each_edition_together_are_every_message_file(sample: Site) -> None:
    every = message_files(sample.editions, sample.info, sample.settings.list_unsubscribe)
    assert {**sample.message_files("both"), **sample.message_files("en"), **sample.message_files("cy")} == every

