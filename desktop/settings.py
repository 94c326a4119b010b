"""User settings as one typed, versioned object stored in a JSON file in the user's
config directory. Widgets read and write `Settings` attributes, never string keys.

A damaged or unknown-version file is not trusted field by field: bad fields fall
back to "not set" (never to a clinical default) and the problem is reported."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop import paths
from desktop.atomic import atomic_write_bytes, ensure_private_dir

SETTINGS_VERSION = 1
LOCALES = ("GB", "US")
MAX_RECENT = 8
log = logging.getLogger(__name__)


@dataclass
class Settings:
    clinician_name: str = ""
    registration_number: str = ""
    # Locale given to a new case (dose conventions). None: the doctor picks per case.
    default_locale: str | None = None
    recent_files: list[str] = field(default_factory=list)
    # Drafts older than this are deleted at start-up (patient data at rest).
    draft_retention_days: int = 14
    # View › Zoom, in percent of the normal text size (desktop.zoom.STEPS).
    zoom_percent: int = 100
    version: int = SETTINGS_VERSION

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        self.recent_files = [path] + [p for p in self.recent_files if p != path]
        del self.recent_files[MAX_RECENT:]

    def remove_recent(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]


class SettingsStore:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.settings_file_path()
        self.warnings: list[str] = []

    def load(self) -> Settings:
        self.warnings = []
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            return Settings()
        except (OSError, ValueError) as exc:
            self.warnings.append(f"Settings file could not be read ({type(exc).__name__}); "
                                 "using empty settings.")
            return Settings()
        if not isinstance(raw, dict):
            self.warnings.append("Settings file is not an object; using empty settings.")
            return Settings()
        return self._from_dict(raw)

    def save(self, settings: Settings) -> None:
        data = json.dumps(asdict(settings), indent=2, sort_keys=True).encode("utf-8")
        ensure_private_dir(self.path.parent)
        atomic_write_bytes(self.path, data)

    def _from_dict(self, raw: dict) -> Settings:
        version = raw.get("version")
        if version != SETTINGS_VERSION:
            # Only one version exists; a future one would be migrated here.
            self.warnings.append(f"Settings version {version!r} is not known; "
                                 "fields that cannot be read are left empty.")
        s = Settings()
        s.clinician_name = self._str(raw, "clinician_name")
        s.registration_number = self._str(raw, "registration_number")
        locale = raw.get("default_locale")
        if locale in LOCALES:
            s.default_locale = locale
        elif locale is not None:
            self.warnings.append(f"Default locale {locale!r} is not GB or US; not set.")
        recent = raw.get("recent_files", [])
        if isinstance(recent, list):
            s.recent_files = [p for p in recent if isinstance(p, str)][:MAX_RECENT]
        days = raw.get("draft_retention_days", s.draft_retention_days)
        if isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 365:
            s.draft_retention_days = days
        zoom = raw.get("zoom_percent", s.zoom_percent)
        if isinstance(zoom, int) and not isinstance(zoom, bool) and 50 <= zoom <= 300:
            s.zoom_percent = zoom
        return s

    def _str(self, raw: dict, key: str) -> str:
        value = raw.get(key, "")
        if isinstance(value, str):
            return value
        self.warnings.append(f"Setting {key} is not text; left empty.")
        return ""
