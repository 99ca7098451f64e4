"""Rhannu's interface text: one table per language, the same keys in both."""

from __future__ import annotations

import re
from pathlib import Path

from rhannu.labels import ENGLISH, TABLES, WELSH


def test_both_tables_have_exactly_the_same_keys() -> None:
    assert sorted(ENGLISH) == sorted(WELSH)
    assert set(TABLES) == {"en", "cy"}


def test_both_languages_fill_the_same_placeholders() -> None:
    fields = re.compile(r"\{(\w+)\}")
    for key in ENGLISH:
        assert set(fields.findall(ENGLISH[key])) == set(fields.findall(WELSH[key])), key


def test_no_welsh_string_is_left_in_english() -> None:
    same = {key for key in ENGLISH if ENGLISH[key] == WELSH[key]}
    assert same == set(), same


def test_one_welsh_word_for_feed_ffrwd_and_ffrydiau() -> None:
    """'porthiant' (Material's own Welsh) is not used: Rhannu's labels and its override of
    Material's Welsh strings say 'ffrwd' (feminine) and 'ffrydiau'."""
    override = (Path(__file__).parents[1] / "rhannu/theme/partials/languages/rhannu-cy.html").read_text(encoding="utf-8")
    for text in (*WELSH.values(), override):
        assert not re.search(r"\b[pb]?h?orthiant", text, re.IGNORECASE), text
    assert '"rss.created": "Ffrwd RSS"' in override


def test_no_label_says_the_newsletter_has_not_started() -> None:
    """The programme's newsletter ran from its first year; only this site's archive is newer."""
    for text in (*ENGLISH.values(), *WELSH.values()):
        assert not any(words in text for words in ("has not started", "not started yet", "wedi dechrau eto", "heb ddechrau"))


def test_a_welsh_season_standing_alone_is_capitalised() -> None:
    assert [WELSH[f"season_{name}"].format(year=2021) for name in ("spring", "summer", "autumn", "winter")] == [
        "Gwanwyn 2021", "Haf 2021", "Yr hydref 2021", "Gaeaf 2021",
    ]
