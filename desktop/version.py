"""The application's version, from the installed package metadata when available."""
from __future__ import annotations


def app_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("mscc-pathway")
    except (ImportError, PackageNotFoundError):
        try:
            from engine import ENGINE_VERSION

            return ENGINE_VERSION
        except ImportError:
            return "unknown"
