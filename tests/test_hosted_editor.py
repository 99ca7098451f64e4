"""The editor on the published site (rhannu/hosted_editor.py): /admin/ only where mkdocs.yml names
a backend, Decap's GitHub backend in its config.yml, and no secret anywhere in the built site.
(Without the option, tests/test_editor_files.py checks that the built site carries no /admin/.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rhannu.editor_config import decap_config
from rhannu.editor_files import BUNDLE, DECAP_DIST
from rhannu.hosted_editor import EditorOptionError, GitHubBackend, github_backend
from tests.support.sites import PROJECT, BuildResult, build, copy_fixture

PLUGIN_LINE = "  - rhannu  # after i18n"
BACKEND = {
    "backend": "github",
    "repo": "sample-org/sample-site",
    "branch": "published",
    "base_url": "https://oauth.sample.example.org",
}
FAKE_SECRET = "fake-client-secret-3c9d2e71b5a04f68"  # in the build's environment, as a careless deploy might have it
SECRET_LIKE = re.compile(rb"client_secret|access_token|refresh_token|password|api_key", re.IGNORECASE)


def with_editor_option(project: Path, options: dict[str, str]) -> Path:
    """The project's mkdocs.yml with the rhannu plugin given `editor: options`."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN_LINE in text
    option = yaml.safe_dump({"rhannu": {"editor": options}}, sort_keys=False)
    indented = "\n".join("    " + line if number else "  - " + line for number, line in enumerate(option.splitlines()))
    lines = [indented if line.startswith(PLUGIN_LINE) else line for line in text.splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


def with_decap(project: Path) -> Path:
    """Decap from this project's node_modules, as `npm ci` would install it in the site."""
    if not (PROJECT / DECAP_DIST / BUNDLE).is_file():
        pytest.skip("Decap CMS is not installed here: run npm ci")
    (project / "node_modules").symlink_to(PROJECT / "node_modules", target_is_directory=True)
    return project


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    project = with_decap(with_editor_option(copy_fixture(tmp_path_factory.mktemp("hosted") / "project"), BACKEND))
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("GITHUB_CLIENT_SECRET", FAKE_SECRET)
    monkeypatch.setenv("OAUTH_CLIENT_SECRET", FAKE_SECRET)
    try:
        result = build(project, tmp_path_factory.mktemp("hosted") / "site")
    finally:
        monkeypatch.undo()
    assert result.returncode == 0, result.log
    return project, result


def test_the_built_site_carries_the_editors_page(hosted: tuple[Path, BuildResult]) -> None:
    site = hosted[1].site
    page = (site / "admin/index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page
    assert '<meta name="robots" content="noindex">' in page
    assert (site / "admin/rhannu-editor.js").is_file()


def test_the_config_names_the_github_backend_and_no_local_one(hosted: tuple[Path, BuildResult]) -> None:
    project, result = hosted
    config = yaml.safe_load((result.site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", **{key: value for key, value in BACKEND.items() if key != "backend"}}
    assert "local_backend" not in config
    assert config["collections"] == decap_config(project, "")["collections"]
    assert config["site_url"] == config["display_url"] == "https://sample.rhannu.example.org/"


def test_decaps_bundle_its_chunks_and_webassembly_are_published_without_source_maps(hosted: tuple[Path, BuildResult]) -> None:
    admin, dist = hosted[1].site / "admin", PROJECT / DECAP_DIST
    assert (admin / BUNDLE).read_bytes() == (dist / BUNDLE).read_bytes()
    chunks = sorted(path.name for path in dist.glob(f"*.{BUNDLE}"))
    assert chunks and sorted(path.name for path in admin.glob(f"*.{BUNDLE}")) == chunks
    assert sorted(path.name for path in admin.glob("*.wasm")) == sorted(path.name for path in dist.glob("*.wasm"))
    assert not list(admin.glob("*.map"))
    assert not list(admin.glob("*.cms.js")) and not (admin / "cms.js").exists()  # the other bundle, which /admin/ never loads


def test_no_file_of_the_built_site_holds_a_secret(hosted: tuple[Path, BuildResult]) -> None:
    site, dist = hosted[1].site, PROJECT / DECAP_DIST
    built = [path for path in site.rglob("*") if path.is_file()]
    assert len(built) > 100
    assert [path for path in built if FAKE_SECRET.encode() in path.read_bytes()] == []
    # Decap's and Material's own code names sign-in fields; nothing else the build wrote may
    vendors = [site / "assets/javascripts", *(site / "admin" / path.name for path in dist.iterdir())]
    ours = [path for path in built if not any(path == vendor or vendor in path.parents for vendor in vendors)]
    assert site / "admin/config.yml" in ours and site / "admin/index.html" in ours
    assert [path for path in ours if SECRET_LIKE.search(path.read_bytes())] == []


def test_the_sitemap_leaves_the_editor_out(
    hosted: tuple[Path, BuildResult],
) -> None:
    sitemap = (hosted[1].site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap


@pytest.mark.parametrize(
    ("key", "value"),
    [("client_secret", FAKE_SECRET), ("token", FAKE_SECRET), ("api_key", FAKE_SECRET), ("githubPassword", FAKE_SECRET)],
)
def test_a_secret_like_key_is_refused_naming_mkdocs_yml_and_the_key(tmp_path: Path, key: str, value: str) -> None:
    project = with_editor_option(copy_fixture(tmp_path / "project"), {**BACKEND, key: value})
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    assert f"mkdocs.yml: plugins.rhannu.editor.{key}: a secret never goes in mkdocs.yml" in result.log
    assert FAKE_SECRET not in result.log
    assert not (tmp_path / "site").exists()


def test_the_option_without_decap_installed_is_a_clear_build_error(tmp_path: Path) -> None:
    project = with_editor_option(copy_fixture(tmp_path / "project"), BACKEND)  # no node_modules
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    assert "mkdocs.yml" in result.log and "needs Decap CMS" in result.log and "npm" in result.log
    assert not (tmp_path / "site" / "admin").exists()


def test_a_page_at_admin_clashes_with_the_editor(tmp_path: Path) -> None:
    project = with_decap(with_editor_option(copy_fixture(tmp_path / "project"), BACKEND))
    (project / "docs/admin.md").write_text("# Admin\n", encoding="utf-8")
    (project / "docs/admin.cy.md").write_text("# Gweinyddu\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    assert "docs/admin.md" in result.log and "the editor on the published site" in result.log
    assert not (tmp_path / "site" / "admin").exists()


def test_an_alias_at_admin_clashes_with_the_editor(tmp_path: Path) -> None:
    project = with_decap(with_editor_option(copy_fixture(tmp_path / "project"), BACKEND))
    study = project / "case_studies/sample-sharing-practice.md"
    study.write_text(study.read_text(encoding="utf-8").replace("aliases: [news/sample-sharing/]", "aliases: [admin/]"))
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    assert "case_studies/sample-sharing-practice.md" in result.log and "the editor on the published site" in result.log


# --- The option itself, without MkDocs ----------------------------------------------------------


def test_the_option_gives_decaps_github_backend() -> None:
    backend = github_backend({**BACKEND, "auth_endpoint": "oauth/authorize", "site_domain": "sample.example.org"})
    assert backend.decap() == {
        "name": "github",
        "repo": "sample-org/sample-site",
        "branch": "published",
        "base_url": "https://oauth.sample.example.org",
        "auth_endpoint": "oauth/authorize",
        "site_domain": "sample.example.org",
    }
    assert github_backend({"backend": "github", "repo": "a/b"}) == GitHubBackend("a/b", "main")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"backend": "github"}, "plugins.rhannu.editor.repo: missing; valid: the repository on GitHub as OWNER/NAME"),
        ({"backend": "github", "repo": "just-a-name"}, "plugins.rhannu.editor.repo: 'just-a-name'; valid: the repository"),
        ({"backend": "gitlab", "repo": "a/b"}, "plugins.rhannu.editor.backend: 'gitlab'; valid: github"),
        ({**BACKEND, "base_url": "http://oauth.example.org"}, "plugins.rhannu.editor.base_url: 'http://oauth.example.org'"),
        ({**BACKEND, "base_url": "https://user:pw@oauth.example.org"}, "plugins.rhannu.editor.base_url"),
        ({**BACKEND, "api_root": "https://x"}, "plugins.rhannu.editor.api_root: not a setting of the editor; valid: backend"),
        ({**BACKEND, "branch": 3}, "plugins.rhannu.editor.branch: 3 is not text"),
        ("github", "plugins.rhannu.editor must be a mapping"),
    ],
)
def test_a_bad_option_says_what_would_be_valid(options: object, message: str) -> None:
    with pytest.raises(EditorOptionError) as raised:
        github_backend(options)
    assert str(raised.value).startswith("mkdocs.yml: ")
    assert message in str(raised.value)


def test_the_editor_is_the_same_bytes_in_every_build(hosted: tuple[Path, BuildResult], tmp_path: Path) -> None:
    project, first = hosted
    again = build(project, tmp_path / "site")
    assert again.returncode == 0, again.log
    files = sorted(path.relative_to(first.site) for path in (first.site / "admin").rglob("*"))
    assert files == sorted(path.relative_to(again.site) for path in (again.site / "admin").rglob("*"))
    assert [path for path in files if (first.site / path).read_bytes() != (again.site / path).read_bytes()] == []
