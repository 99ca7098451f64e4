"""Site settings read from mkdocs.yml: the owner's introductions to the listings."""

from __future__ import annotations

import pytest

from rhannu.errors import ContentErrors
from rhannu.site_info import SiteInfo, _intros


def test_an_owners_introduction_replaces_rhannus_own_in_its_language() -> None:
    info = SiteInfo("https://example.org/", {"en": "Site"}, intros=_intros({"lessons": {"en": "Ours.", "cy": "Ein rhai ni."}}))
    assert (info.intro("lessons", "en"), info.intro("lessons", "cy")) == ("Ours.", "Ein rhai ni.")
    assert info.intro("case_studies", "cy") == "Hidlwch yr astudiaethau achos isod i ddod o hyd i'r rhai sydd eu hangen arnoch."


def test_a_malformed_introduction_is_named() -> None:
    with pytest.raises(ContentErrors) as raised:
        _intros({"lessons": {"en": "Only English."}, "events": {"en": "x", "cy": "y"}})
    assert [str(error) for error in raised.value.errors] == [
        "mkdocs.yml: field 'extra.intros.events': expected one of case_studies, lessons",
        "mkdocs.yml: field 'extra.intros.lessons': expected the introduction in each language: en: ..., cy: ...",
    ]
