"""The editor on the published site: /admin/, written only when mkdocs.yml names a backend.

`rhannu edit` serves the editor on the editor's own computer, saving through its local backend.
A site that sets the plugin's `editor` option (Decap's GitHub backend: the repository, its branch,
the OAuth proxy that signs editors in) publishes the same editor at /admin/: its page, Decap's
pinned files from the site's node_modules, and the configuration generated from the schema with
that backend in place of the local one. The built site is public, so the option takes only what
Decap's GitHub backend reads and refuses any key that looks like a secret: the OAuth app's client
secret stays in the proxy's own settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from rhannu.editor_config import decap_config
from rhannu.editor_files import BUNDLE, DECAP_DIST, EDITOR_SCRIPT, admin_file, decap_problem
from rhannu.errors import ContentError, ContentErrors
from rhannu.routes import admin_path

WHERE = "mkdocs.yml"
OPTION = "plugins.rhannu.editor"
BACKENDS = ("github",)
KEYS = ("backend", "repo", "branch", "base_url", "auth_endpoint", "site_domain")  # Decap's github backend, as a site needs it
_SECRET_WORDS = re.compile(r"secret|token|passw|credential|private|(^|_)key($|_)|api_?key", re.IGNORECASE)
_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]{1,200}")
_DOMAIN = re.compile(r"[A-Za-z0-9.-]{1,253}(?::\d{1,5})?")
_ENDPOINT = re.compile(r"[A-Za-z0-9._~/-]{1,200}")
# Decap's own files the bundle loads from beside itself: its numbered chunks and WebAssembly, and
# the licence notice the minified bundle points to; not the source maps.
_DECAP_FILES = re.compile(rf"{re.escape(BUNDLE)}|\d+\.{re.escape(BUNDLE)}|[0-9a-f]+\.wasm|{re.escape(BUNDLE)}\.LICENSE\.txt")


class EditorOptionError(ValueError):
    """The `editor` option in mkdocs.yml is not one the build can publish; the message says why."""


@dataclass(frozen=True)
class GitHubBackend:
    """Decap's GitHub backend, as mkdocs.yml names it: nothing in it is secret."""

    repo: str  # OWNER/NAME
    branch: str = "main"
    base_url: str | None = None  # the OAuth proxy that signs editors in
    auth_endpoint: str | None = None  # the proxy's sign-in path, where it is not Decap's default (auth)
    site_domain: str | None = None

    def decap(self) -> dict[str, str]:
        """The `backend` of Decap's config.yml."""
        optional = {"base_url": self.base_url, "auth_endpoint": self.auth_endpoint, "site_domain": self.site_domain}
        return {"name": "github", "repo": self.repo, "branch": self.branch, **{k: v for k, v in optional.items() if v}}


def github_backend(options: object) -> GitHubBackend:
    """The backend the `editor` option names; raises EditorOptionError saying what is wrong and what would be valid."""
    if not isinstance(options, Mapping):
        raise EditorOptionError(f"{WHERE}: {OPTION} must be a mapping of {', '.join(KEYS)}, not {options!r}")
    if secrets := [str(key) for key in options if _SECRET_WORDS.search(str(key))]:
        raise EditorOptionError(
            f"{WHERE}: {OPTION}.{secrets[0]}: a secret never goes in mkdocs.yml, which is published with the site: "
            "keep the GitHub OAuth app's client secret in the OAuth proxy's own settings. "
            f"The option takes only {', '.join(KEYS)}"
        )
    if unknown := [str(key) for key in options if key not in KEYS]:
        raise EditorOptionError(f"{WHERE}: {OPTION}.{unknown[0]}: not a setting of the editor; valid: {', '.join(KEYS)}")
    values = {key: _text(options, key) for key in KEYS}
    if values["backend"] not in BACKENDS:
        raise EditorOptionError(f"{WHERE}: {OPTION}.backend: {values['backend']!r}; valid: {', '.join(BACKENDS)}")
    _check(values, "repo", _REPO, "the repository on GitHub as OWNER/NAME, e.g. my-org/my-site", required=True)
    _check(values, "branch", _BRANCH, "a branch name, e.g. main")
    _check(values, "auth_endpoint", _ENDPOINT, "a path on the proxy, e.g. auth")
    _check(values, "site_domain", _DOMAIN, "a host name, e.g. example.org")
    if (base_url := values["base_url"]) is not None and not _is_https_origin(base_url):
        raise EditorOptionError(
            f"{WHERE}: {OPTION}.base_url: {base_url!r}; valid: the OAuth proxy's https address, "
            "e.g. https://oauth.example.org, with no user name, password, query or fragment"
        )
    return GitHubBackend(
        str(values["repo"]), values["branch"] or "main", base_url, values["auth_endpoint"], values["site_domain"]
    )


def _text(options: Mapping[Any, Any], key: str) -> str | None:
    value = options.get(key)
    if value is None or isinstance(value, str):
        return value
    raise EditorOptionError(f"{WHERE}: {OPTION}.{key}: {value!r} is not text")


def _check(values: Mapping[str, str | None], key: str, pattern: re.Pattern[str], valid: str, required: bool = False) -> None:
    value = values[key]
    if value is None and not required:
        return
    if value is None or not pattern.fullmatch(value):
        raise EditorOptionError(f"{WHERE}: {OPTION}.{key}: {'missing' if value is None else repr(value)}; valid: {valid}")


def _is_https_origin(address: str) -> bool:
    parts = urlsplit(address)
    extras = parts.username or parts.password or parts.query or parts.fragment
    return parts.scheme == "https" and bool(parts.hostname) and not extras


def published_files(root: Path, backend: GitHubBackend, site_url: str) -> dict[str, Callable[[], bytes]]:
    """Every file of /admin/ for the site at `root`, by site path, each read or rendered when called.
    Raises ContentErrors when Decap is not installed."""
    if problem := decap_problem(root):
        raise ContentErrors([ContentError(WHERE, f"the editor at /admin/ needs Decap CMS: {problem}", OPTION)])
    files: dict[str, Callable[[], bytes]] = {
        admin_path("index.html"): lambda: _served(root, ""),
        admin_path(EDITOR_SCRIPT): lambda: _served(root, EDITOR_SCRIPT),
        admin_path("config.yml"): lambda: config_yml(root, backend, site_url).encode("utf-8"),
    }
    for file in sorted((root / DECAP_DIST).iterdir()):
        if _DECAP_FILES.fullmatch(file.name):
            files[admin_path(file.name)] = file.read_bytes
    return files


def config_yml(root: Path, backend: GitHubBackend, site_url: str) -> str:
    """Decap's config.yml for the published editor: `rhannu edit`'s, with the GitHub backend and no local one."""
    config = decap_config(root, "")
    del config["local_backend"]
    config["backend"] = backend.decap()
    if site_url.startswith(("https://", "http://")):
        config = {**config, "site_url": site_url, "display_url": site_url}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _served(root: Path, path: str) -> bytes:
    found = admin_file(root, path)
    if found is None:  # admin_file serves both while Decap is installed, which published_files checked
        raise ContentErrors([ContentError(WHERE, f"the editor's file {path or 'index.html'} is missing", OPTION)])
    return found[0]
