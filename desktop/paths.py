"""Where the app keeps its own files (platformdirs; XDG variables are honoured, which
is also how tests and the crash test point the app at a temporary home)."""
from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop.atomic import ensure_private_dir

APP_NAME = "mscc-pathway"
APP_AUTHOR = "mscc-pathway"


def data_dir() -> Path:
    return ensure_private_dir(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def config_dir() -> Path:
    return ensure_private_dir(Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)))


def drafts_dir() -> Path:
    return ensure_private_dir(data_dir() / "drafts")


def log_dir() -> Path:
    return ensure_private_dir(data_dir() / "logs")


def log_file() -> Path:
    return log_dir() / "mscc-pathway.log"


def settings_file() -> Path:
    return config_dir() / "settings.json"
