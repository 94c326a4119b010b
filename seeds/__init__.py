"""MSCC Pathway source registry (data only).

The registry itself is ``sources.toml`` next to this file; the engine reads and
validates it (see ``seeds/README.md``). This module only says where it is, so that
the path also resolves inside a PyInstaller bundle, where ``__file__`` points into
the unpacked bundle directory and ``sources.toml`` must be collected as data into
``seeds/``.
"""

from pathlib import Path

SOURCES_PATH: Path = Path(__file__).resolve().parent / "sources.toml"

__all__ = ["SOURCES_PATH"]
