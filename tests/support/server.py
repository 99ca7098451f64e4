"""The static host the tests serve built sites from: the package's (rhannu/static_host.py), which
the pre-deploy check (rhannu/site_check.py) uses too."""

from rhannu.static_host import serve

__all__ = ["serve"]
