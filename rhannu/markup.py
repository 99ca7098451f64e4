"""Fixes to Material's markup that the Nu HTML checker reports and its templates cannot avoid.

- `autocomplete="off"` on its checkbox toggles (only text-like inputs may carry it);
- `tabindex=""` on navigation labels (an empty tabindex is not a number);
- the table of contents' title is a `<label for="__toc">`, but the `__toc` toggle only exists on
  pages listed in the navigation: elsewhere the title becomes a plain element.
"""

from __future__ import annotations

import re

# Exact strings from mkdocs-material 9.8.2's templates: plain replacement runs on every page, and a
# regular expression over whole pages cost a tenth of the build. tests/test_quality.py runs the
# Nu checker on every page, so a changed template shows there.
_REPLACEMENTS = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    (' tabindex=""', ""),
)
_ORPHAN_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)


def fix_material_markup(html: str) -> str:
    for old, new in _REPLACEMENTS:
        html = html.replace(old, new)
    if 'id="__toc"' not in html and 'for="__toc"' in html:
        html = _ORPHAN_TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
