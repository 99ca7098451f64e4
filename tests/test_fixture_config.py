"""The sample site is built with the project's own settings for everything the software reads:
if the project's mkdocs.yml changes how pages are built, the sample site must follow, or the
end-to-end tests would test something the live site no longer is."""

from __future__ import annotations

from typing import Any

import yaml

from tests.support.sites import FIXTURE, PROJECT

SOFTWARE_KEYS = ("docs_dir", "use_directory_urls", "theme", "extra_css", "extra_javascript", "markdown_extensions")
LANGUAGE_KEYS = ("locale", "default", "build", "theme")


def _settings(folder) -> dict[str, Any]:
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return {
        **{key: config.get(key) for key in SOFTWARE_KEYS},
        "plugins": [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in config["plugins"]],
        "i18n": {key: value for key, value in i18n.items() if key != "languages"},
        "languages": [{key: language.get(key) for key in LANGUAGE_KEYS} for language in i18n["languages"]],
    }


def test_the_sample_site_builds_with_the_projects_settings() -> None:
    project, sample = _settings(PROJECT), _settings(FIXTURE)
    assert project["languages"] and "rhannu" in project["plugins"]
    assert sample == project
