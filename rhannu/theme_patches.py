"""Changes to Material's compiled JavaScript that its configuration cannot make.

Material fetches `sitemap.xml` relative to every `<link rel="alternate">` in a page's head, to map
positions between language roots. Our alternates point at each page's twin (and, later, feeds), so
it would request `/about/sitemap.xml` and the like: 404s on our host, and requests to the
placeholder domain when previewing. The language switch links straight to the twin, so the
prefetch is not needed.
"""

from __future__ import annotations

from pathlib import Path

# The call in mkdocs-material 9.8.2's bundle; a version with another bundle must update this.
ALTERNATE_PREFETCH = "ui({document$:ct});"
# A comment of the same length, so the bundle's source map stays aligned.
PATCHED = "/*rhannu: removed*/"
assert len(PATCHED) == len(ALTERNATE_PREFETCH)


class ThemePatchError(RuntimeError):
    pass


def without_alternate_prefetch(bundle: str, name: str) -> str:
    if PATCHED in bundle:
        return bundle
    if ALTERNATE_PREFETCH not in bundle:
        raise ThemePatchError(
            f"{name}: Material's alternate-link prefetch ({ALTERNATE_PREFETCH}) was not found; "
            "the pinned mkdocs-material changed, so update rhannu/theme_patches.py for its bundle"
        )
    return bundle.replace(ALTERNATE_PREFETCH, PATCHED)


def patch_bundles(site_dir: Path) -> None:
    bundles = sorted((site_dir / "assets/javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise ThemePatchError(f"{site_dir}/assets/javascripts: Material's bundle was not found")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        bundle.write_text(without_alternate_prefetch(text, str(bundle)), encoding="utf-8")
