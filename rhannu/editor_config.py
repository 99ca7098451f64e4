"""The content editor's configuration (Decap CMS), generated from the site's schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Fields the editor shows but no file holds (`rhannu edit` adds and removes them): the Welsh text's
# translation state (current or stale, from rhannu.translations), and a tick box that records the
# Welsh as translated from the English as it stands (a fresh translated_from).
TRANSLATION_STATE_FIELD = "translation_state"
MARK_CURRENT_FIELD = "mark_translation_current"


def decap_config(root: Path, api_url: str) -> dict[str, Any]:
    """Decap's config.yml for the site at `root`, its local backend at `api_url`."""
    # Interface agreed for issue 23; the generation from data/schema.yml replaces this body.
    return {"local_backend": {"url": api_url}, "backend": {"name": "proxy", "proxy_url": api_url}, "collections": []}
