"""`rhannu init PATH`: a new bilingual site that builds at once, copied from the starter site
inside the package (rhannu/starter/): its settings, data files, required pages with their
markers, a neutral logo and colours, and one example of each content type in both languages.

The files are copied as they are. Only the site's name, when given, is written into the two
places that hold it: mkdocs.yml (site_name and copyright, in each language) and the home page in
each language, whose Welsh twin is then marked as translated from the new English.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rhannu.languages import CODES
from rhannu.names import has_control
from rhannu.site_info import PLACEHOLDER_NAMES
from rhannu.translations import mark

STARTER = "starter"  # the package folder the new site is copied from
HOME = {"en": "docs/index.md", "cy": "docs/index.cy.md"}
SETTINGS = "mkdocs.yml"
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


class InitProblem(Exception):
    """Why a site cannot be created where asked: nothing has been written."""


def starter_files() -> list[tuple[str, bytes]]:
    """Every file of the starter site: its path in the new site, and its bytes, in path order."""
    return sorted(_walk(files("rhannu") / STARTER, ""))


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.read_bytes()


def name_problem(name: str, option: str) -> str | None:
    if not name.strip() or has_control(name):
        return f"{option}: expected the site's name as text on one line; got {name!r}"
    return None


def target_problem(path: Path) -> str | None:
    """Why `path` cannot become the new site's folder, or None: it must not exist, or be an
    empty folder."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        return f"{path}: already exists and is not a folder; choose a new folder for the site"
    if path.is_dir() and any(path.iterdir()):
        return f"{path}: already exists and is not empty; choose a new or empty folder for the site"
    return None


def create_site(path: Path, names: dict[str, str] | None = None) -> list[str]:
    """Write the starter site into `path` (new, or an empty folder), with the site's name in each
    language where given; the paths written. All of it or nothing: the site is written into a
    folder beside `path` and renamed into place. Raises InitProblem, having written nothing."""
    path = path.absolute()
    if problem := target_problem(path):
        raise InitProblem(problem)
    starter = [(name, _named(name, data, names)) for name, data in starter_files()] if names else starter_files()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        work = _new_folder(path.parent, f".{path.name}.init-")
    except OSError as error:
        raise InitProblem(f"{path}: cannot be written ({error.strerror}); choose a folder you may write to") from None
    try:
        for name, data in starter:
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if names:
            mark(work, HOME["en"])  # the Welsh home page translates the English as now named
        if path.is_dir():
            path.rmdir()  # empty, as checked
        os.rename(work, path)
    except OSError as error:
        raise InitProblem(f"{path}: cannot be written ({error.strerror}); choose a folder you may write to") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [name for name, _ in starter]


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder in `parent`, with the permissions any new folder gets (unlike mkdtemp's 0o700)."""
    for number in range(1000):
        folder = parent / f"{prefix}{os.getpid()}-{number}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(parent)


def _named(name: str, data: bytes, names: dict[str, str]) -> bytes:
    """A starter file with the placeholder names replaced, in the files that hold them."""
    if name == SETTINGS:
        text = data.decode("utf-8")
        for code in CODES:
            for key in ("site_name", "copyright"):
                text = text.replace(f"{key}: {PLACEHOLDER_NAMES[code]}\n", f"{key}: {_yaml_text(names[code])}\n")
        return text.encode("utf-8")
    for code, home in HOME.items():
        if name == home:
            text = data.decode("utf-8")
            text = text.replace(f"title: {PLACEHOLDER_NAMES[code]}\n", f"title: {_yaml_text(names[code])}\n", 1)
            text = text.replace(f"# {PLACEHOLDER_NAMES[code]}\n", f"# {_markdown_text(names[code])}\n", 1)
            return text.encode("utf-8")
    return data


def _yaml_text(text: str) -> str:
    """A YAML scalar holding `text` as it is: a JSON string is a YAML double-quoted one."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _markdown_text(text: str) -> str:
    """`text` as Markdown that shows it as it is: punctuation escaped, markup characters as entities."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def next_steps(path: Path, named: bool) -> str:
    """What to do after `rhannu init`, printed for the person who ran it."""
    name_step = (
        ""
        if named
        else "  - the site's name in each language: site_name and copyright in mkdocs.yml (the Welsh ones under\n"
        "    plugins > i18n > languages > cy), and the titles of docs/index.md and docs/index.cy.md;\n"
    )
    return (
        f"Created a new site in {path}.\n\n"
        "In that folder:\n"
        "  rhannu check                  # validate every page, as the build would\n"
        "  rhannu preview                # see the site at http://127.0.0.1:8000/, updated as you edit\n"
        "  npm ci                        # once: the content editor's code (Decap CMS, pinned in package.json)\n"
        "  rhannu edit                   # edit the content in the browser at http://127.0.0.1:8000/admin/\n"
        "  rhannu build --site-dir site  # build the site to publish, into site/\n\n"
        "Replace the example content (every page says where it is), and before publishing set:\n"
        f"{name_step}"
        "  - in mkdocs.yml: site_url, extra.contact and extra.data_controller (and extra.licence, if you choose one);\n"
        "  - in data/taxonomy.yml: your own organisations, themes, approaches and groups of lessons.\n"
        "'rhannu check --publish' lists what is left."
    )
