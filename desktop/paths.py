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
