"""Decap CMS's own check of a config.yml, for Python's jsonschema.

Transcribed from decaporg/decap-cms at 2f5c54d96d3eaf657d0b75a0a2578073731907a7 (decap-cms-core
3.16.0): packages/decap-cms-core/src/constants/configSchema.js, the JSON Schema Decap validates its
configuration with (AJV, draft-07) before it loads, and the schemas the widgets of decap-cms-app
register (packages/decap-cms-widget-*/src/schema.js). AJV keywords from ajv-keywords are rendered
in standard JSON Schema or as a keyword of this validator: `select`/`selectCases` (a widget's own
schema for each field using it) as `if`/`then` on the field's widget, `uniqueItemProperties` as a
keyword below. `instanceof: RegExp` is left out: a config.yml holds no RegExp. Decap's checks after
the schema that refuse a config (the i18n default locale among the locales; a widget it has, which
it asks for when the editor opens) are `decap_problems`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, ValidationError, validators

# The widgets decap-cms-app registers (packages/decap-cms-app/src/extensions.js), with their schemas.
WIDGET_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {},
    "number": {
        "properties": {
            "step": {"type": "number"},
            "value_type": {"type": "string"},
            "min": {"type": "number"},
            "max": {"type": "number"},
        }
    },
    "text": {},
    "image": {"properties": {"allow_multiple": {"type": "boolean"}}},
    "file": {"properties": {"allow_multiple": {"type": "boolean"}}},
    "select": {
        "properties": {
            "multiple": {"type": "boolean"},
            "min": {"type": "integer"},
            "max": {"type": "integer"},
            "options": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"type": "string"},
                        {"type": "number"},
                        {
                            "type": "object",
                            "properties": {
                                "label": {"type": "string"},
                                "value": {"oneOf": [{"type": "string"}, {"type": "number"}]},
                            },
                            "required": ["label", "value"],
                        },
                    ]
                },
            },
        },
        "required": ["options"],
    },
    "markdown": {
        "properties": {
            "minimal": {"type": "boolean"},
            "buttons": {"type": "array", "items": {"type": "string"}},
            "editor_components": {"type": "array", "items": {"type": "string"}},
            "modes": {"type": "array", "items": {"type": "string", "enum": ["raw", "rich_text"]}, "minItems": 1},
        }
    },
    "richtext": {},
    "list": {
        "properties": {
            "allow_add": {"type": "boolean"},
            "allow_remove": {"type": "boolean"},
            "allow_reorder": {"type": "boolean"},
            "collapsed": {"type": "boolean"},
            "summary": {"type": "string"},
            "minimize_collapsed": {"type": "boolean"},
            "label_singular": {"type": "string"},
            "i18n": {"type": "boolean"},
            "min": {"type": "number"},
            "max": {"type": "number"},
        }
    },
    "object": {},
    "relation": {
        "properties": {
            "collection": {"type": "string"},
            "value_field": {"type": "string"},
            "search_fields": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "file": {"type": "string"},
            "multiple": {"type": "boolean"},
            "min": {"type": "integer"},
            "max": {"type": "integer"},
            "display_fields": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "options_length": {"type": "integer"},
        },
        "oneOf": [
            {"required": ["collection", "value_field", "search_fields"]},
            {"required": ["collection", "valueField", "searchFields"]},
        ],
    },
    "boolean": {},
    "map": {},
    "datetime": {
        "properties": {
            "format": {"type": "string"},
            "date_format": {"oneOf": [{"type": "string"}, {"type": "boolean"}]},
            "time_format": {"oneOf": [{"type": "string"}, {"type": "boolean"}]},
            "picker_utc": {"type": "boolean"},
        }
    },
    "code": {},
    "color": {},
}

_LOCALE = {"type": "string", "minLength": 2, "maxLength": 10, "pattern": "^[a-zA-Z-_]+$"}
_I18N = {
    "type": "object",
    "properties": {
        "structure": {"type": "string", "enum": ["multiple_folders", "multiple_files", "single_file"]},
        "locales": {"type": "array", "minItems": 1, "items": _LOCALE, "uniqueItems": True},
        "default_locale": _LOCALE,
    },
}


def _fields() -> dict[str, Any]:
    field = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "label": {"type": "string"},
            "widget": {"type": "string"},
            "required": {"type": "boolean"},
            "i18n": {"oneOf": [{"type": "boolean"}, {"type": "string", "enum": ["translate", "duplicate", "none"]}]},
            "hint": {"type": "string"},
            "pattern": {"type": "array", "minItems": 2, "items": [{"type": "string"}, {"type": "string"}]},
            "field": {"$ref": "#/definitions/field"},
            "fields": {"$ref": "#/definitions/fields"},
            "types": {"$ref": "#/definitions/fields"},
        },
        # ajv-keywords' select on the field's own widget: that widget's schema
        "allOf": [
            {"if": {"properties": {"widget": {"const": name}}, "required": ["widget"]}, "then": schema}
            for name, schema in WIDGET_SCHEMAS.items()
        ],
        "required": ["name"],
    }
    return {"field": field, "fields": {"type": "array", "minItems": 1, "items": field, "uniqueItemProperties": ["name"]}}


CONFIG_SCHEMA: dict[str, Any] = {
    "definitions": _fields(),
    "type": "object",
    "properties": {
        "backend": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "auth_scope": {"type": "string", "enum": ["repo", "public_repo"]},
                "cms_label_prefix": {"type": "string", "minLength": 1},
                "open_authoring": {"type": "boolean"},
            },
            "required": ["name"],
        },
        "local_backend": {
            "oneOf": [
                {"type": "boolean"},
                {
                    "type": "object",
                    "properties": {"url": {"type": "string"}, "allowed_hosts": {"type": "array", "items": {"type": "string"}}},
                    "additionalProperties": False,
                },
            ]
        },
        "locale": {"type": "string"},
        "i18n": {**_I18N, "required": ["structure", "locales"]},
        "site_url": {"type": "string"},
        "display_url": {"type": "string"},
        "logo_url": {"type": "string"},
        "logo": {
            "type": "object",
            "properties": {"src": {"type": "string"}, "show_in_header": {"type": "boolean"}},
            "required": ["src"],
        },
        "show_preview_links": {"type": "boolean"},
        "media_folder": {"type": "string"},
        "public_folder": {"type": "string"},
        "media_folder_relative": {"type": "boolean"},
        "media_library": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "config": {"type": "object"}},
            "required": ["name"],
        },
        "publish_mode": {"type": "string", "enum": ["simple", "editorial_workflow", ""]},
        "slug": {
            "type": "object",
            "properties": {"encoding": {"type": "string", "enum": ["unicode", "ascii"]}, "clean_accents": {"type": "boolean"}},
        },
        "issue_reports": {"type": "object", "properties": {"url": {"type": "string"}}},
        "collections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "label": {"type": "string"},
                    "label_singular": {"type": "string"},
                    "description": {"type": "string"},
                    "folder": {"type": "string"},
                    "files": {"type": "array"},
                    "identifier_field": {"type": "string"},
                    "summary": {"type": "string"},
                    "slug": {"type": "string"},
                    "path": {"type": "string"},
                    "preview_path": {"type": "string"},
                    "preview_path_date_field": {"type": "string"},
                    "preview_path_preserve_slashes": {"type": "boolean"},
                    "create": {"type": "boolean"},
                    "publish": {"type": "boolean"},
                    "hide": {"type": "boolean"},
                    "editor": {"type": "object", "properties": {"preview": {"type": "boolean"}}},
                    "format": {"type": "string"},
                    "extension": {"type": "string"},
                    "frontmatter_delimiter": {
                        "type": ["string", "array"],
                        "minItems": 2,
                        "maxItems": 2,
                        "items": {"type": "string"},
                    },
                    "fields": {"$ref": "#/definitions/fields"},
                    "sortable_fields": {"type": "array"},
                    "sortableFields": {"type": "array", "items": {"type": "string"}},
                    "i18n": {"oneOf": [{"type": "boolean"}, _I18N]},
                },
                "required": ["name", "label"],
                "oneOf": [{"required": ["files"]}, {"required": ["folder", "fields"]}],
                "not": {"required": ["sortable_fields", "sortableFields"]},
                "if": {"required": ["extension"]},
                # extensionFormatters: yml, yaml, toml, json, md, markdown, html (else a format is required)
                "then": {
                    "if": {"properties": {"extension": {"enum": ["yml", "yaml", "toml", "json", "md", "markdown", "html"]}}},
                    "else": {"required": ["format"]},
                },
            },
            "uniqueItemProperties": ["name"],
        },
        "editor": {"type": "object", "properties": {"preview": {"type": "boolean"}}},
    },
    "required": ["backend", "collections"],
    "anyOf": [{"required": ["media_folder"]}, {"required": ["media_library"]}],
}


def _unique_item_properties(validator: Any, names: list[str], instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not isinstance(instance, list):
        return
    for name in names:
        values = [item.get(name) for item in instance if isinstance(item, dict) and name in item]
        if len(values) != len(set(map(repr, values))):
            yield ValidationError(f"{name} must be unique; got {values}")


DecapValidator = validators.extend(Draft7Validator, {"uniqueItemProperties": _unique_item_properties})


def decap_problems(config: dict[str, Any]) -> list[str]:
    """What Decap would refuse in `config`, as `path: message` lines; [] if it loads."""
    problems = [
        f"{'.'.join(map(str, error.absolute_path)) or 'config'}: {error.message}"
        for error in DecapValidator(CONFIG_SCHEMA).iter_errors(config)
    ]
    i18n = config.get("i18n") or {}
    if i18n.get("default_locale") and i18n["default_locale"] not in i18n.get("locales", []):
        problems.append(f"i18n: locales {i18n['locales']} are missing the default locale {i18n['default_locale']}")
    for collection in config.get("collections", []):
        for field in _all_fields(collection.get("fields", [])):
            if field.get("widget", "string") not in WIDGET_SCHEMAS:
                problems.append(f"{collection.get('name')}.{field.get('name')}: Decap has no widget {field['widget']!r}")
    return problems


def _all_fields(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))
        if isinstance(field.get("field"), dict):
            yield field["field"]
