"""The build is reproducible: the same sources and the same build date give the same bytes, in
every file of the site (pages, feeds, email editions and message files, search indexes, assets)."""

from __future__ import annotations

from pathlib import Path

from tests.support.sites import BuildResult, build


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_sources_on_the_same_date_are_byte_identical(
    built_site: BuildResult, sample_project: Path, tmp_path: Path
) -> None:
    again = build(sample_project, tmp_path / "again")
    assert again.returncode == 0, again.log
    first, second = files_of(built_site.site), files_of(again.site)
    assert sorted(first) == sorted(second)
    assert len(first) > 300
    differ = [path for path in first if first[path] != second[path]]
    assert differ == [], f"{len(differ)} files differ, such as {differ[:5]}"
