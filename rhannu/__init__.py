"""Rhannu: the logic behind the bilingual co-production and involvement site.

The modules hold plain functions over plain records; `rhannu.plugin` adapts MkDocs events to them.
"""
