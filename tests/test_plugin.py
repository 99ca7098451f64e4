"""The rhannu MkDocs plugin (rhannu/plugin.py): its typed options, its place after i18n, the
engine's templates and assets from the package (a site's own override winning), and builds
repeated in one process giving the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

import rhannu
from rhannu import material_theme, static_i18n
from rhannu.plugin import RhannuPlugin
from tests.support.sites import PINNED_EPOCH, build, copy_fixture, edit, read_html

PACKAGE_THEME = Path(rhannu.__file__).parent / "theme"
I18N_LINE = "  - i18n:\n"
RHANNU_LINE = "  - rhannu"
REORDER = re.escape("Re-order `plugins` in mkdocs.yml so that `rhannu` comes after `i18n`")


def configured(project: Path) -> MkDocsConfig:
    """The project's mkdocs.yml as MkDocs loads it, after every plugin's on_config."""
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# --- Options ---------------------------------------------------------------------------------


def test_the_plugin_is_found_by_its_entry_point_with_its_typed_defaults(sample_project: Path) -> None:
    config = load_config(str(sample_project / "mkdocs.yml"))
    plugin = config.plugins["rhannu"]
    assert isinstance(plugin, RhannuPlugin)
    assert plugin.config.preview_image is None  # assets/images/preview.png in overrides/, where the site has one


def test_an_option_of_the_wrong_type_is_refused_by_mkdocs_config_checks(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    edit(project / "mkdocs.yml", RHANNU_LINE, "  - rhannu:\n      preview_image: 3")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Config value 'plugins': Plugin 'rhannu' option 'preview_image': Expected type: <class 'str'>" in result.log
    assert "Traceback" not in result.log
    assert not (tmp_path / "site").exists()


def test_the_preview_image_option_names_the_sites_own_image(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "overrides/assets/images/preview.png").rename(project / "overrides/assets/images/card.png")
    edit(project / "mkdocs.yml", RHANNU_LINE, "  - rhannu:\n      preview_image: assets/images/card.png")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    image = read_html(tmp_path / "site/index.html").select_one('meta[property="og:image"]')
    assert image is not None and image["content"] == "https://sample.rhannu.example.org/assets/images/card.png"
    assert (tmp_path / "site/assets/images/card.png").is_file()


def test_a_site_without_its_preview_image_is_told_which_file_is_missing(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "overrides/assets/images/preview.png").unlink()
    edit(project / "mkdocs.yml", RHANNU_LINE, "  - rhannu:\n      preview_image: assets/images/preview.png")
    with pytest.raises(PluginError) as refused:
        configured(project)
    assert str(refused.value).startswith(f"{project / 'overrides/assets/images/preview.png'}: the site's link-preview image is missing")


def test_a_site_without_a_custom_dir_is_told_where_its_preview_image_belongs(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    edit(project / "mkdocs.yml", "  custom_dir: overrides\n", "")
    edit(project / "mkdocs.yml", RHANNU_LINE, "  - rhannu:\n      preview_image: assets/images/preview.png")
    with pytest.raises(PluginError, match=r"^mkdocs.yml: field 'theme.custom_dir': expected the site's own theme folder"):
        configured(project)


# --- Its place among the plugins ----------------------------------------------------------------


def test_the_plugin_listed_before_i18n_says_how_to_reorder_them(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    edit(config_file, RHANNU_LINE, "")
    edit(config_file, I18N_LINE, "  - rhannu\n" + I18N_LINE)
    with pytest.raises(PluginError, match=REORDER):
        configured(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Re-order `plugins` in mkdocs.yml so that `rhannu` comes after `i18n`" in result.log
    assert "Traceback" not in result.log


def test_the_plugin_without_i18n_says_how_to_list_it(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    start, end = text.index(I18N_LINE), text.index(RHANNU_LINE)
    config_file.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(PluginError, match=r"needs the i18n plugin .* " + REORDER):
        configured(project)


# --- Templates and assets from the package ---------------------------------------------------


def test_the_engines_theme_comes_after_the_sites_own_and_before_materials(sample_project: Path) -> None:
    config = configured(sample_project)
    dirs = [Path(folder) for folder in config.theme.dirs]
    assert dirs[0] == sample_project / "overrides"
    assert dirs[1] == PACKAGE_THEME == material_theme.THEME_DIR
    assert dirs[2].name == "templates" and dirs[2].parent.name == "material"
    assert not any(folder.name == "custom_i18n_sitemap" for folder in dirs)  # Rhannu's sitemap.xml, not static-i18n's
    assert [str(path) for path in config.extra_css] == ["assets/stylesheets/rhannu.css"]
    assert [str(path) for path in config.extra_javascript] == list(material_theme.SCRIPTS)


def test_rhannu_check_sees_the_same_theme_folders_as_the_build(sample_project: Path) -> None:
    from rhannu import site_info

    checked = site_info.from_config(site_info.load_config(sample_project)).theme_dirs  # no plugin events run here
    assert checked[:2] == (sample_project / "overrides", PACKAGE_THEME)


def test_a_second_pass_of_on_config_changes_nothing_more(sample_project: Path) -> None:
    config = configured(sample_project)
    before = (list(config.theme.dirs), list(config.extra_css), [str(path) for path in config.extra_javascript])
    config = config.plugins.on_config(config)  # as static-i18n's Welsh pass runs it
    assert (list(config.theme.dirs), list(config.extra_css), [str(path) for path in config.extra_javascript]) == before


def test_the_engines_files_come_first_and_the_sites_own_follow_once() -> None:
    listed = ["assets/own.css", "assets/stylesheets/rhannu.css"]
    assert material_theme.with_engine_files(material_theme.STYLESHEETS, listed) == ["assets/stylesheets/rhannu.css", "assets/own.css"]
    assert material_theme.with_engine_files(material_theme.STYLESHEETS, []) == ["assets/stylesheets/rhannu.css"]


def test_the_engines_theme_goes_first_when_the_site_has_no_folder_of_its_own() -> None:
    assert material_theme.with_engine_theme(["/material/templates"], None) == [str(PACKAGE_THEME), "/material/templates"]
    assert material_theme.with_engine_theme(["/site/overrides", str(PACKAGE_THEME), "/material"], "/site/overrides") == [
        "/site/overrides",
        str(PACKAGE_THEME),
        "/material",
    ]


def test_static_i18ns_sitemap_template_is_left_out() -> None:
    dirs = [str(static_i18n._SITEMAP_DIR), "/site/overrides", "/material"]
    assert static_i18n.without_own_sitemap(dirs) == ["/site/overrides", "/material"]


def test_the_site_is_built_from_the_packages_templates_and_assets(sample_project: Path, site: Path) -> None:
    assert not (sample_project / "overrides/main.html").exists() and not (sample_project / "hooks").exists()
    home = read_html(site / "index.html")
    assert home.select_one('meta[property="og:image:alt"]') is not None  # rhannu/theme/main.html's site_meta block
    assert home.select_one(".rhannu-language-switch") is not None  # rhannu/theme/partials/alternate.html
    stylesheet = "assets/stylesheets/rhannu.css"
    assert home.select_one(f'link[rel="stylesheet"][href="{stylesheet}"]') is not None
    assert (site / stylesheet).read_bytes() == (PACKAGE_THEME / stylesheet).read_bytes()
    for script in (*material_theme.SCRIPTS, "assets/javascripts/search-forms.js", "assets/javascripts/lunr/min/lunr.cy.min.js"):
        assert (site / script).read_bytes() == (PACKAGE_THEME / script).read_bytes(), script
    assert "<urlset" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "assets/images/preview.png").read_bytes() == (sample_project / "overrides/assets/images/preview.png").read_bytes()


def test_a_sites_own_template_wins_over_the_engines(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    own = (PACKAGE_THEME / "partials/copyright.html").read_text(encoding="utf-8")
    (project / "overrides/partials").mkdir(parents=True)
    (project / "overrides/partials/copyright.html").write_text(own + '\n<p class="own-footer">Our own footer</p>\n', encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for page in ("index.html", "cy/index.html"):
        footer = read_html(result.site / page).select_one(".own-footer")
        assert footer is not None and footer.get_text() == "Our own footer", page


# --- Re-entrant ------------------------------------------------------------------------------


def test_two_builds_in_one_process_give_the_same_bytes_as_a_fresh_process(
    sample_project: Path, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    builds = []
    for number in (1, 2):
        folder = tmp_path / f"site-{number}"
        mkdocs_build(load_config(str(sample_project / "mkdocs.yml"), site_dir=str(folder), strict=True))
        builds.append(tree(folder))
    expected = tree(site)
    assert builds[0].keys() == expected.keys()
    assert [name for name in expected if builds[0][name] != expected[name]] == []
    assert [name for name in expected if builds[1][name] != expected[name]] == []
