"""Where the app keeps its own files. The data directory is the one the audit log uses
(engine.audit.data_dir: MSCC_PATHWAY_DATA_DIR, else the platformdirs user data dir), so
drafts, logs and the audit trail always sit together."""
from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop.atomic import ensure_private_dir
from engine.audit import APP_AUTHOR, APP_NAME
from engine.audit import data_dir as _shared_data_dir


def data_dir() -> Path:
    return ensure_private_dir(_shared_data_dir())


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


def settings_file_path() -> Path:
    """Where the settings file is, without creating its folder (reading must work,
    and say so, when the folder cannot be created)."""
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "settings.json"


def drafts_dir_path() -> Path:
    """Where drafts go, without creating the folder (the window starts and says drafts
    cannot be saved when it cannot be created)."""
    import os

    from engine.audit import ENV_DATA_DIR

    # engine.audit.data_dir() creates the folder, which is what fails here; this is
    # the same rule (its environment variable, else the user data folder) without it.
    env = os.environ.get(ENV_DATA_DIR)
    base = Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return base / "drafts"
