"""Reading the owner's YAML data files under data/, with errors in the one format."""

from __future__ import annotations

from pathlib import Path

import yaml

from rhannu.errors import ContentError, ContentErrors, read_text
from rhannu.frontmatter import YamlProblem, load_yaml


def read_data(root: Path, name: str) -> dict:
    """The mapping in `root/name`; an unreadable file or bad YAML is a ContentErrors naming it."""
    try:
        data = load_yaml(read_text(root, name))
    except YamlProblem as error:
        raise ContentErrors([ContentError(name, error.message(offset=1), line=error.line + 1)]) from None
    except OSError as error:
        raise ContentErrors([ContentError(name, f"cannot be read: {error.strerror}")]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise ContentErrors([ContentError(name, f"YAML syntax error: {error.problem}", line=line)]) from None
    except ValueError as error:  # a date the calendar lacks, such as 2021-02-30
        message = f"a date that does not exist ({error}): write a real day as YYYY-MM-DD"
        raise ContentErrors([ContentError(name, message)]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(name, "expected 'key: value' lines at the top level")])
    return data
