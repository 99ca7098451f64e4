"""Fixes to Material's markup that the Nu HTML checker reports and its templates cannot avoid.

- `autocomplete="off"` on its checkbox toggles (only text-like inputs may carry it);
- `tabindex=""` on navigation labels (an empty tabindex is not a number);
- the table of contents' title is a `<label for="__toc">`, but the `__toc` toggle only exists on
  pages listed in the navigation: elsewhere the title becomes a plain element.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_ORPHAN_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)


def fix_material_markup(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = _ORPHAN_TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
