"""The package as another network installs it: a wheel of the project, installed (not editable)
into a fresh virtual environment, builds a site that has none of the engine's files, from a folder
outside the repository. Its dependencies come from the test environment, so no network is used."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.support.new_site import NEW_SITE_EPOCH
from tests.support.schemas import REGION_FACET
from tests.support.sites import PROJECT, build_env, copy_fixture, read_html

PACKAGING = ("pyproject.toml", "README.md", "rhannu")  # what the wheel is built from


def run(command: list[str], cwd: Path, epoch: str | None = None) -> subprocess.CompletedProcess[str]:
    """`command`, which must succeed, built as of the sample site's day (or `epoch`)."""
    environment = build_env(epoch) if epoch else build_env()
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the project, built from a copy of its sources so that the build leaves nothing
    in the repository."""
    sources = tmp_path_factory.mktemp("sources")
    for name in PACKAGING:
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy2
        copy(PROJECT / name, sources / name)
    shutil.rmtree(sources / "rhannu/__pycache__", ignore_errors=True)
    wheels = tmp_path_factory.mktemp("wheels")
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(sources)],
        sources,
    )
    (built,) = wheels.glob("rhannu-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; the test environment's site-packages
    after its own on sys.path, for the dependencies (its .pth files, the editable rhannu's among
    them, are not read from there)."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(folder)], folder.parent)
    python = folder / "bin/python"
    own = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], folder).stdout.strip())
    (own / "test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        folder,
    )
    return folder


def test_the_wheel_carries_the_engines_templates_assets_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {path.relative_to(PROJECT).as_posix() for path in (PROJECT / "rhannu/theme").rglob("*") if path.is_file()}
    assert theme and theme <= names, sorted(theme - names)
    assert {"rhannu/plugin.py", "rhannu/theme/main.html", "rhannu/theme/assets/javascripts/lunr/min/lunr.cy.min.js"} <= names
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "[mkdocs.plugins]\nrhannu = rhannu.plugin:RhannuPlugin" in text


def test_the_installed_package_builds_a_site_strictly_from_outside_the_repository(venv: Path, tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "elsewhere")
    assert not project.is_relative_to(PROJECT)
    python = str(venv / "bin/python")
    where = run([python, "-c", "import rhannu, rhannu.plugin; print(rhannu.__file__)"], project).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the installed copy, not the repository's
    site = tmp_path / "site"
    result = run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project)
    assert "WARNING" not in result.stderr, result.stderr
    home = read_html(site / "index.html")
    assert home.select_one(".rhannu-language-switch") is not None
    assert (site / "cy/index.html").is_file()
    installed_css = Path(where).parent / "theme/assets/stylesheets/rhannu.css"
    assert (site / "assets/stylesheets/rhannu.css").read_bytes() == installed_css.read_bytes()


def test_the_installed_package_starts_a_new_site_that_checks_and_builds_strictly(venv: Path, tmp_path: Path) -> None:
    """What another network does first: `rhannu init` in an empty folder, then `rhannu check` and
    `rhannu build`, which builds strictly; nothing of this project's folder is used."""
    rhannu = str(venv / "bin/rhannu")
    (tmp_path / "ours").mkdir()
    run([rhannu, "init", "ours", "--name", "Our network", "--name-cy", "Ein rhwydwaith"], tmp_path)
    project = tmp_path / "ours"
    assert not (project / "hooks").exists()
    run([rhannu, "check"], project)
    run([rhannu, "build", "--site-dir", "site"], project)
    home = read_html(project / "site/index.html")
    assert home.select_one("h1") is not None and "Our network" in home.title.get_text()
    assert "Ein rhwydwaith" in read_html(project / "site/cy/index.html").title.get_text()


def test_a_new_site_gains_a_field_and_a_facet_from_its_schema_alone(venv: Path, tmp_path: Path) -> None:
    """The change request another network makes first: a `region` facet and a `funder` field on
    case studies, declared in the new site's data/schema.yml with the region's values in
    data/taxonomy.yml, builds again with the installed package and no code of its own."""
    rhannu = str(venv / "bin/rhannu")
    run([rhannu, "init", "ours"], tmp_path)
    project = tmp_path / "ours"
    schema_file = project / "data/schema.yml"
    schema = yaml.safe_load(schema_file.read_text(encoding="utf-8"))
    # a list, possibly empty, off the cards: case studies written before it need no change
    schema["vocabularies"]["regions"] = {key: value for key, value in REGION_FACET.items() if key != "card"} | {"values": "any"}
    schema["content_types"]["case_studies"]["fields"] = {"funder": {"type": "text"}}
    schema_file.write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taxonomy = project / "data/taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8") + "regions:\n  north: {en: The north, cy: Y gogledd}\n", encoding="utf-8"
    )
    study = project / "case_studies/example-case-study.md"
    study.write_text(
        study.read_text(encoding="utf-8").replace("\npublished:", "\nregion: [north]\nfunder: An example funder\npublished:", 1),
        encoding="utf-8",
    )
    run([rhannu, "check"], project, NEW_SITE_EPOCH)
    run([rhannu, "build", "--site-dir", "site"], project, NEW_SITE_EPOCH)
    site = project / "site"
    assert read_html(site / "case-studies/region/north/index.html").select_one("h1").get_text(strip=True).startswith("The north")
    assert (
        read_html(site / "cy/astudiaethau-achos/rhanbarth/north/index.html")
        .select_one("h1")
        .get_text(strip=True)
        .startswith("Y gogledd")
    )
    assert read_html(site / "case-studies/index.html").select_one('select[name="region"]') is not None
    catalogue = json.loads((site / "api/v1/catalogue.json").read_text(encoding="utf-8"))
    (entry,) = [entry for entry in catalogue["entries"] if entry["id"] == "case-study/example-case-study"]
    assert (entry["region"], entry["funder"]) == ([{"id": "north", "label": "The north"}], "An example funder")
