"""Rhannu's interface text: one table per language, the same keys in both."""

from __future__ import annotations

import re

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
