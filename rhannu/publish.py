"""Building a site without ever leaving a half-built one where a server is serving it.

`mkdocs build` empties the site folder before writing, so an interrupted build (a crash, a
killed process, a full disk) leaves a half-empty live site. `rhannu build` builds into a fresh
folder beside it and swaps it in, under a lock, only when the build has succeeded: a reader sees
the old site or the new one. Two builds at once wait for each other.

The site folder is replaced whole, so it may not be a folder that holds anything else: not the
project, nor a folder the project is in, nor a source folder (docs_dir, the content folders,
data/, overrides/) or a folder inside one or holding one, nor a hidden folder of the
project (.git, .venv). An existing folder with files but no index.html is not a site a build
wrote, and is refused too.

Every temporary folder a build makes holds a MARKER file; only folders holding it are ever
deleted as left behind by a killed build.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from rhannu import parallel_build
from rhannu.content_types import site_types
from rhannu.errors import ContentError, ContentErrors
from rhannu.frontmatter import load_settings
from rhannu.site_languages import build_order

MARKER = ".rhannu-temporary"  # in every folder a build makes and may delete


def source_folders(project: Path) -> tuple[str, ...]:
    """The project's source folders beside docs_dir: each content type's (data/schema.yml), data/,
    and overrides/ (the site's own theme files)."""
    return (*(kind.folder for kind in site_types(project)), "data", "overrides")


SITE = "site"  # the built site's name inside a temporary folder


def build(root: Path, site_dir: Path, *, strict: bool = True) -> int:
    """Build the site at `root` into `site_dir`; the exit status of the build."""
    site_dir = site_dir.absolute()
    try:
        problem = unsafe_site_dir(root, site_dir)
    except OSError as error:
        problem = f"cannot be read ({error.strerror}): choose a folder you may write to"
    if problem:
        raise ContentErrors([ContentError(str(site_dir), problem)])
    parent = site_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = open(parent / f".{site_dir.name}.lock", "w")  # noqa: SIM115 - held until the swap is done
    except OSError as error:
        message = f"cannot be written ({error.strerror}): choose a folder you may write to"
        raise ContentErrors([ContentError(str(site_dir), message)]) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        remove_stale(parent, site_dir)
        work = temporary_folder(parent, f".{site_dir.name}.new-")
        try:
            fresh = work / SITE
            fresh.mkdir()  # with the permissions any new folder gets (0o777 less the umask), as the site's
            command = [sys.executable, "-m", "rhannu.language_process", *(["--strict"] if strict else [])]
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            # Ctrl-C reaches this process, which stops the build and says so in one line; MkDocs
            # ignores it rather than print a traceback of its own.
            status = parallel_build.run(command, fresh, work, root, env, build_order(root))
            if status != 0:
                return status
            try:
                with signals_deferred():
                    swap(fresh, site_dir)
            except OSError as error:  # a read-only volume, a folder of another user's
                message = f"cannot be replaced ({error.strerror}): choose a folder you may write to"
                raise ContentErrors([ContentError(str(site_dir), message)]) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def unsafe_site_dir(root: Path, site_dir: Path) -> str | None:
    """Why `site_dir` may not be replaced by a built site, or None when it may."""
    project, site = root.resolve(), site_dir.resolve()
    rule = (
        "the site folder is replaced whole by each build, so it must be a folder of its own: not the project, "
        "a folder the project is in, a source folder (docs_dir, "
        + ", ".join(f"{folder}/" for folder in source_folders(project))
        + ") or a folder in one or holding one, nor a hidden folder of the project; the default, site/, is one"
    )
    if project.is_relative_to(site):
        return f"holds the project {project}: {rule}"
    for source in (_docs_dir(project), *(project / folder for folder in source_folders(project))):
        if site == source:
            return f"is the source folder {source}: {rule}"
        if site.is_relative_to(source):
            return f"lies in the source folder {source}: {rule}"
        if source.is_relative_to(site):
            return f"holds the source folder {source}: {rule}"
    if site.is_relative_to(project) and any(part.startswith(".") for part in site.relative_to(project).parts):
        return f"is a hidden folder of the project: {rule}"
    if site.exists() and not site.is_dir():
        return f"is a file, not a folder: {rule}"
    if site.is_dir() and any(site.iterdir()) and not (site / "index.html").is_file():
        return "holds files but no index.html, so it is not a site a build wrote: choose a new or empty folder"
    return None


def _docs_dir(project: Path) -> Path:
    """docs_dir from mkdocs.yml (MkDocs' default, docs, when it cannot be read here: the build
    then reports why)."""
    try:
        config = load_settings((project / "mkdocs.yml").read_text(encoding="utf-8"))
        docs = config.get("docs_dir") if isinstance(config, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        docs = None
    return (project / (docs if isinstance(docs, str) and docs else "docs")).resolve()


def temporary_folder(parent: Path, prefix: str) -> Path:
    """A new folder in `parent`, marked as one a build made (and so may delete)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    (folder / MARKER).write_text("made by rhannu build; deleted when the build ends\n", encoding="utf-8")
    return folder


def remove_stale(parent: Path, site_dir: Path) -> None:
    """Delete what killed builds left: marked temporary folders beside the site or in it."""
    candidates = [*parent.glob(f".{site_dir.name}.*-*"), *(site_dir.glob(".rhannu-*-*") if site_dir.is_dir() else [])]
    for stale in candidates:
        if stale.is_dir() and not stale.is_symlink() and (stale / MARKER).is_file():
            shutil.rmtree(stale, ignore_errors=True)


def swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is, then remove the old site: two renames, so a reader sees
    one site or the other whole (never a mixture, never a half-written one). A site folder that
    is a mount point (a container's volume) cannot be renamed: its contents are replaced instead."""
    holder = None
    if site_dir.exists():
        holder = temporary_folder(site_dir.parent, f".{site_dir.name}.old-")
        try:
            os.rename(site_dir, holder / SITE)
        except OSError as error:
            shutil.rmtree(holder, ignore_errors=True)
            if error.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM):
                raise
            replace_contents(fresh, site_dir)
            return
    os.rename(fresh, site_dir)
    if holder is not None:
        shutil.rmtree(holder, ignore_errors=True)


def replace_contents(fresh: Path, site_dir: Path) -> None:
    """Replace what `site_dir` holds with what `fresh` holds, for a folder that cannot itself be
    renamed (a mount point).

    The new site is first copied whole into a hidden folder inside `site_dir` (on its own file
    system, which is the slow part, while readers still see the old site), then each top-level
    entry is moved into place by rename, the old one moved aside first, and what the new site no
    longer has is moved aside last. No file is ever half-written, and renames are instant, but
    they are one per top-level entry rather than one for the whole site: for those few
    milliseconds a reader may get a page of the new site beside an old stylesheet. Ctrl-C waits
    for them; a killed process leaves that mixture until the next build, which replaces it whole
    and deletes the hidden folders (each marked as a build's own)."""
    staging = temporary_folder(site_dir, ".rhannu-new-")
    aside = temporary_folder(site_dir, ".rhannu-old-")
    try:
        shutil.copytree(fresh, staging / SITE, symlinks=True)
        new_names = sorted(os.listdir(staging / SITE))
        for name in new_names:
            if os.path.lexists(site_dir / name):
                os.rename(site_dir / name, aside / name)
            os.rename(staging / SITE / name, site_dir / name)
        for name in sorted(os.listdir(site_dir)):
            if name not in new_names and name not in (staging.name, aside.name):
                os.rename(site_dir / name, aside / name)
    except BaseException:  # put back every old entry not yet replaced: nothing of the old site is lost
        for name in os.listdir(aside):
            if name != MARKER and not os.path.lexists(site_dir / name):
                os.rename(aside / name, site_dir / name)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C (and a polite kill) waits until the block is done, then takes effect: the swap is
    never left half-done by them."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread has handlers
        yield
        return
    caught: list[int] = []
    handlers = {
        number: signal.signal(number, lambda got, frame: caught.append(got)) for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])
