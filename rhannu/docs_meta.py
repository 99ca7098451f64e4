"""Front matter of the pages in docs/: only the fields Rhannu knows, each with a value it can print.

MkDocs hands a page's front matter to the templates as `page.meta`, and its templates print
values unescaped (autoescape is off): an unknown field is a typo or something no template
should see, and a known one is checked here for what it may hold. `FIELDS` is the one list;
a feature that gives docs pages a new field adds it there, with its check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from rhannu.errors import ContentError, one_of
from rhannu.frontmatter import Source
from rhannu.names import has_control, slug_problem
from rhannu.schema import FieldProblem
from rhannu.schema import address as _address
from rhannu.schema import fingerprint as _fingerprint

ROBOTS = ("index", "noindex", "follow", "nofollow", "none", "noarchive", "nosnippet", "noimageindex", "notranslate")
OG_TYPES = ("website", "article")
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")  # what Material can hide on a page
_TEMPLATE = re.compile(r"[A-Za-z0-9_-]+\.html")
# Templates in the theme's folders that are not for a docs page: the site's 404, Material's
# redirect page (it prints page.meta.location into a script) and its blog's (the blog plugin's).
NOT_PAGE_TEMPLATES = ("404.html", "redirect.html", "blog.html", "blog-post.html")
_ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")

Check = Callable[[object, Sequence[Path]], None]  # raises FieldProblem; the theme's template folders


def _line(value: object, _: Sequence[Path]) -> None:
    if not isinstance(value, str) or not value.strip() or has_control(value):
        raise FieldProblem(f"expected text on one line, without control characters; got {value!r}")


def _paragraph(value: object, _: Sequence[Path]) -> None:
    if not isinstance(value, str) or not value.strip() or has_control(value, allowed="\n"):
        raise FieldProblem(f"expected text, without control characters; got {value!r}")


def _translated_from(value: object, _: Sequence[Path]) -> None:
    _fingerprint(value, None)  # type: ignore[arg-type]  # the taxonomy is not needed


def _robots(value: object, _: Sequence[Path]) -> None:
    tokens = [token.strip() for token in value.split(",")] if isinstance(value, str) else []
    if not tokens or any(token not in ROBOTS for token in tokens):
        raise FieldProblem(f"expected one or more of {', '.join(ROBOTS)}, separated by commas; got {value!r}")


def _og_type(value: object, _: Sequence[Path]) -> None:
    if value not in OG_TYPES:
        raise FieldProblem(f"{one_of(OG_TYPES)}; got {value!r}")


def _hide(value: object, _: Sequence[Path]) -> None:
    if not isinstance(value, list) or not value or any(item not in HIDE for item in value):
        raise FieldProblem(f"expected a list of one or more of {', '.join(HIDE)}; got {value!r}")


def page_templates(dirs: Sequence[Path]) -> list[str]:
    """The templates in the theme's folders (the site's overrides/, Rhannu's and Material's) that a docs page may name."""
    return sorted({path.name for folder in dirs for path in Path(folder).glob("*.html")} - set(NOT_PAGE_TEMPLATES))


def _slug(value: object, _: Sequence[Path]) -> None:
    if problem := slug_problem(value, "a page name of lower case letters and digits joined by hyphens, such as 'amdanom'"):
        raise FieldProblem(problem)


def _aliases(value: object, _: Sequence[Path]) -> None:
    if not isinstance(value, list) or not value:
        raise FieldProblem(f"expected a list of old addresses, such as [old/name/]; got {value!r}")
    for item in value:
        _address(item, None)  # type: ignore[arg-type]  # the taxonomy is not needed


def aliases(meta: dict) -> tuple[str, ...]:
    """A page's old addresses as `aliases` gives them, each normalised to 'old/name/'."""
    return tuple(_address(item, None) for item in meta.get("aliases") or ())  # type: ignore[arg-type]


def _template(value: object, dirs: Sequence[Path]) -> None:
    names = page_templates(dirs)
    if not isinstance(value, str) or not _TEMPLATE.fullmatch(value) or value not in names:
        raise FieldProblem(f"expected the name of one of the theme's page templates ({', '.join(names)}); got {value!r}")


def _icon(value: object, dirs: Sequence[Path]) -> None:
    if not isinstance(value, str) or not _ICON.fullmatch(value) or not _in_theme(f".icons/{value}.svg", dirs):
        raise FieldProblem(
            f"expected an icon the theme has, as set/name (for example material/home, fontawesome/solid/book); got {value!r}"
        )


def _in_theme(name: str, dirs: Sequence[Path]) -> bool:
    return any((Path(folder) / name).is_file() for folder in dirs)


# Every field a page in docs/ may have, and its check.
FIELDS: dict[str, Check] = {
    "title": _line,
    "description": _paragraph,
    "translated_from": _translated_from,
    "robots": _robots,
    "og_type": _og_type,
    "subtitle": _line,
    "template": _template,
    "icon": _icon,
    "hide": _hide,
    "slug": _slug,  # a Welsh page's own name in its address (issue 21)
    "aliases": _aliases,  # old addresses of the page, which redirect to it (issue 21)
}
SLUG_ONLY_WHERE = (
    "only a Welsh page other than an index names its address (the English page takes the file's name); "
    "remove it here, or rename the file"
)


def meta_errors(source: Source, theme_dirs: Sequence[Path]) -> list[ContentError]:
    """Each unknown field of a docs page, and each known one whose value does not fit it."""
    errors = []
    for name, value in source.meta.items():
        check = FIELDS.get(name)
        if check is None:
            errors.append(ContentError(source.path, f"unknown field; expected one of {', '.join(FIELDS)}", name))
            continue
        try:
            check(value, theme_dirs)
        except FieldProblem as problem:
            errors.append(ContentError(source.path, str(problem), name))
            continue
        if name == "slug" and (not source.path.endswith(".cy.md") or Path(source.path).name == "index.cy.md"):
            errors.append(ContentError(source.path, SLUG_ONLY_WHERE, name))
    return errors


TEXT_FIELDS = ("title", "subtitle")  # what Material prints unescaped: as escaped markup (Markup)


def escape_text(meta: MutableMapping[str, Any]) -> None:
    """Text fields go to the templates as escaped markup, which the `e` filter leaves alone, so that
    a template printing them bare shows text and one that escapes them does not escape twice."""
    for name in TEXT_FIELDS:
        if isinstance(meta.get(name), str) and not isinstance(meta[name], Markup):
            meta[name] = Markup.escape(meta[name])
