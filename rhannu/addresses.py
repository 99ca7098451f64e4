"""One table of every file a build writes, each with what writes it.

Editors' pages and files in docs/, every generated page, each language's copy of a page built
from English while its translation is missing, the files beside content sources, the build's own
outputs (feeds, calendars, the catalogue, redirects from aliases and old Welsh addresses, email
editions) and MkDocs' and Material's own files all claim their paths here, while the site is
prepared and before anything is written. A path two of them claim, or a file where another needs
a folder of that name, is an error naming both, blamed on the editor's file and field that chose
it. The build's one writer (rhannu.writer) then refuses a file that is not in the table.

Paths are compared case-folded: on a case-insensitive disk 'About/' would overwrite 'about/'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rhannu.content_types import WITH_PAGES, Text
from rhannu.errors import ContentError, ContentErrors
from rhannu.languages import CODES, DEFAULT, language, root
from rhannu.pairing import parse_source_path
from rhannu.routes import not_found_path
from rhannu.urls import url

if TYPE_CHECKING:
    from rhannu.content import Content
    from rhannu.site import Site
    from rhannu.views import VirtualPage


@dataclass(frozen=True)
class Owner:
    what: str  # what writes the file, in an editor's words
    source: str | None = None  # the editor's file whose name or field chose the path, relative to the project
    field: str | None = None
    fix: str = "give one of them another name"  # what would be valid, when the clash is blamed on it


THEME = "MkDocs and Material"


# MkDocs' and Material's own files, and the search index Rhannu splits per language; the folders
# they fill (assets/: Material's scripts, styles and images) belong to them whole.
def theme_files() -> dict[str, str]:
    """MkDocs' and Material's own files in each of the site's languages, each with what owns it."""
    return {
        **{not_found_path(code): f"{THEME}'s page for an address with no page" for code in CODES},
        "sitemap.xml": f"{THEME}'s sitemap",
        "sitemap.xml.gz": f"{THEME}'s compressed sitemap",
        "favicon.ico": "the site's icon for browsers that ask for /favicon.ico (overrides/favicon.ico)",
        **{f"{root(code)}search/search_index.json": f"{THEME}'s search index" for code in CODES},
    }


def theme_folders() -> dict[str, str]:
    """The folders the theme writes into, each with what owns it: its assets, each language's search."""
    return {"assets": f"{THEME}'s assets folder", **{f"{root(code)}search": f"{THEME}'s search folder" for code in CODES}}


PAGE_FIX = "give the page a name no other page or file of the site uses"
FILE_FIX = "rename the file: its name is its address"


def unclaimed(paths: Iterable[str], table: Mapping[str, Owner]) -> list[str]:
    """The paths a writer is about to write that the table does not hold, or holds once but are
    written twice: the writer would overwrite a file unseen (a fault in Rhannu, not in content)."""
    seen: set[str] = set()
    found = []
    for path in paths:
        key = path.casefold()
        in_reserved = any(key.startswith(f"{folder.casefold()}/") for folder in theme_folders())
        if key in seen or (key not in table and not in_reserved):
            found.append(path)
        seen.add(key)
    return found


def owner_of(path: str, table: Mapping[str, Owner]) -> Owner | None:
    """Who the table gives `path` to: its own entry, or the theme's folder it lies in."""
    key = path.casefold()
    if key in table:
        return table[key]
    folders = theme_folders()
    folder = next((folder for folder in folders if key.startswith(f"{folder.casefold()}/")), None)
    return Owner(folders[folder]) if folder else None


def page_file(page_url: str) -> str:
    """The file a page at a URL is written to: 'about/' -> 'about/index.html'."""
    return page_url + "index.html"


class Table:
    """Files by path and the folders they need, each with its first owner; every clash found."""

    def __init__(self, twice: str = "'{path}' would be written twice: by {new} and by {old}") -> None:
        self.twice = twice
        self.files: dict[str, tuple[str, Owner]] = {}  # case-folded path -> (path, owner)
        self.folders: dict[str, tuple[str, Owner]] = {}  # case-folded folder -> (a file in it, its owner)
        self.reserved: dict[str, Owner] = {}  # case-folded folders that belong to one owner whole
        self.errors: list[ContentError] = []
        self.blamed: set[Owner] = set()

    def reserve_folder(self, folder: str, owner: Owner) -> None:
        self.reserved[folder.casefold()] = owner
        self.folders[folder.casefold()] = (f"{folder}/", owner)

    def taken(self, path: str) -> tuple[Owner, str] | None:
        """Who owns `path` already, and how ('{new}' and '{old}' to fill in): the same file, a file
        where the path needs a folder, a folder where it would be a file, or a folder kept whole."""
        key = path.casefold()
        if key in self.files:
            return self.files[key][1], self.twice.replace("{path}", path)
        if key in self.folders:
            inside, other = self.folders[key]
            return other, f"{{new}} would write a file '{path}' where {{old}} needs a folder (for '{inside}')"
        for folder in _folders(key):
            if folder in self.files:
                taken, other = self.files[folder]
                return other, f"{{new}} would write '{path}' inside '{taken}', a file of {{old}}"
            if folder in self.reserved:
                return self.reserved[folder], f"{{new}} would write '{path}' inside {{old}}"
        return None

    def claim(self, path: str, owner: Owner) -> None:
        if found := self.taken(path):
            other, message = found
            return self._clash(owner, other, message)
        key = path.casefold()
        self.files[key] = (path, owner)
        for folder in _folders(key):
            self.folders.setdefault(folder, (path, owner))

    def _clash(self, new: Owner, old: Owner, message: str) -> None:
        blamed = new if new.source or not old.source else old
        if blamed in self.blamed:  # an alias that clashes in each language: once is enough
            return
        self.blamed.add(blamed)
        text = message.format(new=new.what, old=old.what)
        if blamed.source is None:  # two of the build's own files: the build's fault, not an editor's
            self.errors.append(ContentError("rhannu", f"{text}: a fault in Rhannu, please report it"))
        else:
            self.errors.append(ContentError(blamed.source, f"{text}: {blamed.fix}", blamed.field))


def _folders(path: str) -> Iterator[str]:
    """'a/b/c.html' -> 'a', 'a/b'."""
    parts = path.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        yield "/".join(parts[:end])


def _theme_table() -> Table:
    table = Table()
    for path, what in theme_files().items():
        table.claim(path, Owner(what))
    for folder, what in theme_folders().items():
        table.reserve_folder(folder, Owner(what))
    return table


def taken(addresses: Mapping[str, Owner], path: str) -> Owner | None:
    """What owns `path` in a site's table (`Site.addresses`), or None where the build would be free
    to write it: the one answer the alias guard, `rhannu check`, `rhannu new` and the redirects
    share (a file where the path needs a folder, and the theme's own folders, count as taken)."""
    table = _theme_table()
    for key, owner in addresses.items():
        if key not in table.files:  # the theme's own files are in both
            table.claim(key, owner)
    found = table.taken(path)
    return found[0] if found else None


def address_table(site: Site, outputs: Iterable[tuple[str, Owner]]) -> dict[str, Owner]:
    """Every file of the build by case-folded path, with its owner; raises ContentErrors naming
    each path two owners claim. `outputs` are the build's own files (rhannu.outputs.plan_all)."""
    table = _theme_table()
    for path, owner in _pages(site):
        table.claim(path, owner)
    for path, owner in _docs_files(site):
        table.claim(path, owner)
    for uri, source in site.assets.items():
        asset = source.relative_to(site.root).as_posix()
        table.claim(uri, Owner(f"the file {asset}", asset, fix=FILE_FIX))
    # aliases last: of two addresses that clash, an old one is the one to give up
    for path, owner in sorted(outputs, key=lambda output: output[1].field == "aliases"):
        table.claim(path, owner)
    if table.errors:
        raise ContentErrors(table.errors)
    return {key: owner for key, (_, owner) in table.files.items()}


def unique_pages(pages: Iterable[VirtualPage], content: Content) -> dict[str, VirtualPage]:
    """Generated pages by src_uri; two at one src_uri (a lesson named 'index' and the lessons'
    index) would leave one out silently, so that is an error naming both."""
    found: dict[str, VirtualPage] = {}
    owners = _item_texts(content)
    table = Table("{new} and {old} would both be the page '{path}' under docs/, and one of them would be lost")
    for page in pages:
        table.claim(page.src_uri, page_owner(page, owners))
        found.setdefault(page.src_uri, page)
    if table.errors:
        raise ContentErrors(table.errors)
    return found


def page_owner(page: VirtualPage, texts: Mapping[str, Text]) -> Owner:
    """A generated page's owner: an item's source file (and the field `slug`, where its Welsh text
    names the page), or the build for a listing."""
    text = texts.get(page.source) if page.source else None
    if text is None:
        return Owner(f"the generated page '{page.url or '/'}'")
    if text.slug:
        return Owner(f"the page of {text.path} (slug '{text.slug}')", text.path, "slug", PAGE_FIX)
    return Owner(f"the page of {text.path}", text.path, fix=FILE_FIX)


def _item_texts(content: Content) -> dict[str, Text]:
    return {text.path: text for kind in WITH_PAGES for item in content.of(kind) for text in item.texts.values()}


def _pages(site: Site) -> Iterator[tuple[str, Owner]]:
    """Every page in every language: docs/ pages and generated ones, in each language they have
    a text in, and, in each other language, the copy built from English where a text is missing."""
    texts = _item_texts(site.content)
    sources: list[tuple[str, str | None, Owner]] = [(uri, page.url, page_owner(page, texts)) for uri, page in site.pages.items()]
    for uri in _docs_pages(site):
        path = f"{site.docs_folder}/{uri}"
        if uri in site.docs_names:  # named by its slug
            sources.append((uri, site.docs_names[uri], Owner(f"{path} (slug)", path, "slug", PAGE_FIX)))
        else:
            sources.append((uri, None, Owner(path, path, fix="move or rename the page: that address is taken")))
    languages: dict[str, set[str]] = {}
    for uri, _, _ in sources:
        languages.setdefault(parse_source_path(uri).key, set()).add(parse_source_path(uri).lang.code)
    for uri, page_url, owner in sources:
        source = parse_source_path(uri)
        english_url = url(source.key.removesuffix(".md"), DEFAULT.code)
        yield page_file(page_url or site.address(english_url, source.lang.code)), owner
        if source.lang.code != DEFAULT.code:
            continue
        for code in sorted(set(CODES) - languages[source.key]):
            what = f"the {language(code).english_name} copy of {owner.what}, built from English"
            yield page_file(site.address(english_url, code)), Owner(what, owner.source, owner.field, owner.fix)


def _docs_pages(site: Site) -> list[str]:
    folder = site.root / site.docs_folder
    return sorted(path.relative_to(folder).as_posix() for path in _visible(folder) if path.suffix == ".md")


def _docs_files(site: Site) -> Iterator[tuple[str, Owner]]:
    """Files in docs/ that are not pages, which MkDocs copies: 'x.cy.png' to 'cy/x.png'."""
    folder = site.root / site.docs_folder
    for path in _visible(folder):
        if path.suffix != ".md":
            relative = path.relative_to(folder).as_posix()
            owner = Owner(f"{site.docs_folder}/{relative}", f"{site.docs_folder}/{relative}", fix=FILE_FIX)
            yield _published_as(relative), owner


def _published_as(relative: str) -> str:
    folder, slash, name = relative.rpartition("/")
    for code in CODES:
        stem, dot, suffix = name.rpartition(".")
        if code != DEFAULT.code and stem.endswith(f".{code}"):
            return f"{root(code)}{folder}{slash}{stem.removesuffix(f'.{code}')}{dot}{suffix}"
    return relative


def _visible(folder: Path) -> list[Path]:
    """Files MkDocs reads: none in a hidden folder or hidden itself."""
    if not folder.is_dir():
        return []
    found = (path for path in folder.rglob("*") if path.is_file())
    return sorted(path for path in found if not any(part.startswith(".") for part in path.relative_to(folder).parts))
