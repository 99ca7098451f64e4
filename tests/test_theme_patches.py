import pytest

from rhannu.theme_patches import PATCHED, ThemePatchError, without_alternate_prefetch


def test_the_prefetch_call_is_replaced_by_a_comment_of_the_same_length() -> None:
    bundle = 'a();ui({document$:ct});var b=1;'
    patched = without_alternate_prefetch(bundle, "bundle.js")
    assert patched == f"a();{PATCHED}var b=1;"
    assert len(patched) == len(bundle)


def test_patching_twice_changes_nothing() -> None:
    once = without_alternate_prefetch("ui({document$:ct});", "bundle.js")
    assert without_alternate_prefetch(once, "bundle.js") == once


def test_an_unknown_bundle_is_an_error_that_says_what_to_update() -> None:
    with pytest.raises(ThemePatchError, match=r"bundle\.js: .* update rhannu/theme_patches\.py"):
        without_alternate_prefetch("something else", "bundle.js")
