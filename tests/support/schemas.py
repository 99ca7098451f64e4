"""Declarations the tests add to a site's data/schema.yml."""

from __future__ import annotations

from typing import Any

# A region facet on case studies: one value each, a page per value (in Welsh under rhanbarth/),
# a choice in the filters, on each card.
REGION_FACET: dict[str, Any] = {
    "facet": "region",
    "field": "region",
    "values": "one",
    "folder": {"cy": "rhanbarth"},
    "pages": True,
    "filter": True,
    "card": "meta",
    "labels": {
        "en": {"name": "Region", "field": "Region", "others": "Other regions with case studies"},
        "cy": {"name": "Rhanbarth", "field": "Rhanbarth", "others": "Rhanbarthau eraill sydd ag astudiaethau achos"},
    },
}
