"""Site configuration: the machine-wide settings hospital IT sets for every user of a
workstation (hospital name printed on the PDF, default locale, trusted signing
certificates, how long drafts are kept).

Pure: no Qt, no global state. `load(path)` parses and validates one TOML file;
`site_config_path()` says which file applies on this machine; `load_site_config()`
combines the two for the app and the report.

Where the file lives (machine-wide, writable only by administrators):

    Linux    /etc/mscc-pathway/site.toml
    Windows  %PROGRAMDATA%\\MSCC Pathway\\site.toml   (normally C:\\ProgramData\\...)
    macOS    /Library/Application Support/MSCC Pathway/site.toml

`MSCC_PATHWAY_SITE_CONFIG=/some/site.toml` points elsewhere, for tests and trial
installs, but ONLY where the machine-wide file does not exist: once IT has installed
one, nothing a user can change (environment, user settings) overrides it.

Clinical thresholds are deliberately not configurable here: they live in the
versioned rule set (engine/rules, knowledge version), so a site file naming one is
rejected with a message that says so."""
from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "MSCC_PATHWAY_SITE_CONFIG"
LOCALES = ("GB", "US")
RETENTION_MIN, RETENTION_MAX = 1, 365
HOSPITAL_NAME_MAX = 120
PEM_MARKER = b"-----BEGIN CERTIFICATE-----"
KEYS = ("hospital_name", "default_locale", "trusted_certificates", "draft_retention_days",
        "timezone", "neuro_observations_every_hours", "on_call_doctor_contact",
        "mscc_coordinator_contact", "allow_override", "audit_directory")
OVERRIDABLE = ("hospital_name", "default_locale")  # what IT may let a user change
# Neurological observations on page 1 of the summary: how often, by local policy (the
# default when the site names none), and whom to call, with the site's numbers.
NEURO_OBS_DEFAULT_HOURS = 4
NEURO_OBS_HOURS = (1, 12)
CONTACT_MAX = 60

# Words that mark a key as a clinical setting (for a clearer refusal than "unknown").
_CLINICAL_WORDS = ("threshold", "dose", "dexamethasone", "calcium", "platelet", "lmwh",
                   "sins", "bilsky", "frankel", "tokuhashi", "padua", "creatinine",
                   "albumin", "inr", "hours", "mg", "mmol", "score", "rule", "pathway",
                   "order", "due_within")


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    value: str
    origin: str   # "site file /etc/mscc-pathway/site.toml", "command line", "not set ..."


# What the About dialog and the PDF list: key, label, how a value reads, the words for a
# key the site leaves unset.
SHOWN = (("hospital_name", "Hospital name", "{}", "none printed"),
         ("default_locale", "Dose conventions", "{}", "from each case (GB or US)"),
         ("timezone", "Ward time zone", "{}", "this computer's time zone"),
         ("neuro_observations_every_hours", "Neurological observations", "every {} h",
          f"every {NEURO_OBS_DEFAULT_HOURS} h"),
         ("on_call_doctor_contact", "On-call doctor", "{}", "not given"),
         ("mscc_coordinator_contact", "MSCC coordinator", "{}", "not given"),
         ("trusted_certificates", "Trusted signing certificates", "{}",
          "none (signatures are checked for integrity only)"),
         ("audit_directory", "Audit log folder", "{}", "each user's own data folder"),
         ("draft_retention_days", "Drafts kept", "{} days", "the app's setting"))


def _text(value: object, fmt: str = "{}") -> str:
    if isinstance(value, (tuple, list)):
        value = ", ".join(str(v) for v in value)
    return fmt.format(value)


class SiteConfigError(ValueError):
    """The site file cannot be used. `problems`: one line per problem, each naming the
    file, the key, the value found and what is accepted."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class SiteConfig:
    """Validated site settings. A field left out of the file is None (or empty): the
    app then uses its own default or the user's setting."""

    hospital_name: str | None = None
    default_locale: str | None = None          # "GB" or "US"
    trusted_certificates: tuple[Path, ...] = ()  # absolute paths to PEM files
    draft_retention_days: int | None = None
    timezone: str | None = None                # IANA zone of the ward, e.g. "Europe/London"
    allow_override: tuple[str, ...] = ()       # keys a user may override (command line, UI)
    neuro_observations_every_hours: int | None = None  # None: NEURO_OBS_DEFAULT_HOURS
    on_call_doctor_contact: str | None = None  # e.g. "bleep 1234"
    mscc_coordinator_contact: str | None = None  # e.g. "ext 5678, 24 h"
    # One audit chain for every user of a shared ward PC (made by the installer,
    # group-writable); None: each user's own data folder.
    audit_directory: Path | None = None
    path: Path | None = None                   # the file read; None: no site file
    keys_set: tuple[str, ...] = field(default=())  # the keys the file set

    def value_for(self, key: str, wanted):
        """The value to use for `key` when a user asks for `wanted` (None: no wish):
        IT's value wins unless site.toml allows the override. Raises SiteConfigError
        naming the file when a user tries to change a value IT has fixed."""
        fixed = getattr(self, key)
        if wanted is None or fixed is None or wanted == fixed or key in self.allow_override:
            return fixed if wanted is None else wanted
        raise SiteConfigError([f"{self.path}: {key} is set by the site configuration "
                               f"({fixed!r}) and may not be overridden here; ask IT to add it "
                               "to allow_override"])

    def origins(self, chosen: Mapping[str, tuple[object, str]] | None = None) -> list[Setting]:
        """Each setting with where its value came from, for the About dialog and the PDF.
        `chosen`: key -> (value, who) for what a user set (command line, settings
        dialog); it shows only where the site file leaves the key open."""
        chosen = chosen or {}
        out = []
        for key, label, fmt, default in SHOWN:
            fixed = getattr(self, key)
            wish = chosen.get(key)
            if wish is not None and wish[0] not in (None, "") and (
                    fixed is None or key in self.allow_override):
                allowed = " (the site file allows it)" if fixed is not None else ""
                out.append(Setting(key, label, _text(wish[0], fmt), f"{wish[1]}{allowed}"))
            elif key in self.keys_set and fixed not in (None, ()):
                out.append(Setting(key, label, _text(fixed, fmt), f"site file {self.path}"))
            else:
                out.append(Setting(key, label, default, "default, no site file" if self.path
                                   is None else "default, not in the site file"))
        return out

    def trusted_pem(self) -> bytes | None:
        """All trusted certificates as one PEM bundle (for engine.report.verify), or
        None when the site trusts none. Files were checked when the config was loaded;
        one removed since raises SiteConfigError."""
        if not self.trusted_certificates:
            return None
        chunks = []
        for cert in self.trusted_certificates:
            try:
                chunks.append(cert.read_bytes().strip())
            except OSError as exc:
                raise SiteConfigError([f"{self.path}: trusted_certificates: {str(cert)!r} "
                                       f"cannot be read ({exc.strerror})"]) from exc
        return b"\n".join(chunks) + b"\n"


# --- where the file is ---------------------------------------------------------------

def default_path(platform: str | None = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """The machine-wide location for `platform` (sys.platform values). Returned as a
    string-built Path so that the Windows and macOS answers can be computed (and
    tested) on any system."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        base = environ.get("PROGRAMDATA") or environ.get("ALLUSERSPROFILE") or r"C:\ProgramData"
        from pathlib import PureWindowsPath

        return Path(str(PureWindowsPath(base, "MSCC Pathway", "site.toml")))
    if platform == "darwin":
        return Path("/Library/Application Support/MSCC Pathway/site.toml")
    return Path("/etc/mscc-pathway/site.toml")


def site_config_path(environ: Mapping[str, str] | None = None,
                     machine_path: Path | None = None) -> Path | None:
    """The site file that applies: the machine-wide file when it exists; otherwise the
    file named by MSCC_PATHWAY_SITE_CONFIG (tests, trial installs); otherwise None."""
    environ = os.environ if environ is None else environ
    machine = default_path(environ=environ) if machine_path is None else machine_path
    if machine.exists():
        return machine
    override = environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override)
    return None


def load_site_config(environ: Mapping[str, str] | None = None,
                     machine_path: Path | None = None) -> SiteConfig:
    """The site settings for this machine: an empty SiteConfig when there is no site
    file (the normal case on a workstation IT has not configured). Raises
    SiteConfigError when the file exists but is invalid, or when MSCC_PATHWAY_SITE_CONFIG
    names a file that does not exist: a broken site file must be seen, not ignored."""
    path = site_config_path(environ, machine_path)
    if path is None:
        return SiteConfig()
    return load(path)


# --- parsing and validation ----------------------------------------------------------

def load(path: str | Path) -> SiteConfig:
    """Parse and validate one site file. Raises SiteConfigError listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SiteConfigError([f"{path}: site configuration file not found"]) from None
    except OSError as exc:
        raise SiteConfigError([f"{path}: cannot be read ({exc.strerror})"]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SiteConfigError([f"{path}: not UTF-8 text (byte {exc.start}); save the file "
                               "as UTF-8"]) from exc
    return parse(text, path)


def parse(text: str, path: str | Path = "site.toml") -> SiteConfig:
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError([f"{path}: not valid TOML: {exc}"]) from exc

    problems: list[str] = []

    def bad(key: str, value: object, accepted: str) -> None:
        problems.append(f"{path}: {key} = {_show(value)} is not accepted; {accepted}")

    for key in data:
        if key not in KEYS:
            problems.append(_unknown_key(path, key, data[key]))

    hospital_name = data.get("hospital_name")
    if hospital_name is not None:
        if not isinstance(hospital_name, str) or not hospital_name.strip():
            bad("hospital_name", hospital_name, "accepted: a non-empty text, "
                'e.g. hospital_name = "St Elsewhere NHS Foundation Trust"')
            hospital_name = None
        elif len(hospital_name.strip()) > HOSPITAL_NAME_MAX or any(
                ord(ch) < 32 or ord(ch) == 127 for ch in hospital_name):
            bad("hospital_name", hospital_name, f"accepted: one line of at most "
                f"{HOSPITAL_NAME_MAX} characters (it is printed on every PDF page)")
            hospital_name = None
        else:
            hospital_name = hospital_name.strip()

    locale = data.get("default_locale")
    if locale is not None and locale not in LOCALES:
        bad("default_locale", locale, "accepted values: \"GB\" (UK dose conventions) or "
            "\"US\"")
        locale = None

    days = data.get("draft_retention_days")
    if days is not None:
        if not isinstance(days, int) or isinstance(days, bool) \
                or not RETENTION_MIN <= days <= RETENTION_MAX:
            bad("draft_retention_days", days, f"accepted: a whole number of days from "
                f"{RETENTION_MIN} to {RETENTION_MAX}")
            days = None

    override = data.get("allow_override", [])
    if not isinstance(override, list) or not all(k in OVERRIDABLE for k in override):
        bad("allow_override", override, "accepted: a list of the keys a user may override, "
            f"from {', '.join(OVERRIDABLE)}, e.g. allow_override = [\"hospital_name\"]")
        override = []

    zone = data.get("timezone")
    if zone is not None and not _valid_zone(zone):
        bad("timezone", zone, 'accepted: an IANA time zone name, e.g. timezone = '
            '"Europe/London" (clock times on screen and paper are that zone\'s wall clock)')
        zone = None

    obs = data.get("neuro_observations_every_hours")
    if obs is not None and (not isinstance(obs, int) or isinstance(obs, bool)
                            or not NEURO_OBS_HOURS[0] <= obs <= NEURO_OBS_HOURS[1]):
        bad("neuro_observations_every_hours", obs, f"accepted: a whole number of hours from "
            f"{NEURO_OBS_HOURS[0]} to {NEURO_OBS_HOURS[1]} (local policy; default "
            f"{NEURO_OBS_DEFAULT_HOURS})")
        obs = None

    contacts = {}
    for key in ("on_call_doctor_contact", "mscc_coordinator_contact"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()
                                  or len(value.strip()) > CONTACT_MAX
                                  or any(ord(ch) < 32 or ord(ch) == 127 for ch in value)):
            bad(key, value, f"accepted: one line of at most {CONTACT_MAX} characters, "
                f'e.g. {key} = "bleep 1234" (printed on page 1 of every summary)')
            value = None
        contacts[key] = value.strip() if isinstance(value, str) else None

    certs: list[Path] = []
    listed = data.get("trusted_certificates")
    if listed is not None:
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            bad("trusted_certificates", listed, "accepted: a list of paths to PEM "
                'certificate files, e.g. trusted_certificates = ["/etc/mscc-pathway/'
                'hospital-root.pem"]')
        else:
            for item in listed:
                cert, problem = _check_certificate(path, item)
                if problem:
                    problems.append(problem)
                else:
                    certs.append(cert)

    audit_dir = data.get("audit_directory")
    if audit_dir is not None:
        if not isinstance(audit_dir, str) or not _absolute(audit_dir) \
                or any(ord(ch) < 32 or ord(ch) == 127 for ch in audit_dir):
            bad("audit_directory", audit_dir, "accepted: an absolute folder path, e.g. "
                'audit_directory = "/var/lib/mscc-pathway" (made by the package, '
                "group-writable by the mscc-pathway group)")
            audit_dir = None
        else:
            audit_dir = Path(audit_dir)

    if problems:
        raise SiteConfigError(problems)
    return SiteConfig(hospital_name=hospital_name, audit_directory=audit_dir, default_locale=locale,
                      trusted_certificates=tuple(certs), draft_retention_days=days,
                      timezone=zone, neuro_observations_every_hours=obs, **contacts,
                      allow_override=tuple(override), path=path,
                      keys_set=tuple(k for k in KEYS if k in data))


def _absolute(text: str) -> bool:
    from pathlib import PurePosixPath, PureWindowsPath

    return PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute()


def _valid_zone(name: object) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(name, str) or not name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_certificate(config_path: Path, item: str) -> tuple[Path, str | None]:
    """A relative path is taken relative to the site file's folder."""
    shown = f"{config_path}: trusted_certificates: {item!r}"
    if not item.strip():
        return Path(), f"{shown} is empty; accepted: a path to a PEM certificate file"
    cert = Path(item)
    if not cert.is_absolute():
        cert = config_path.parent / cert
    try:
        data = cert.read_bytes()
    except FileNotFoundError:
        return cert, f"{shown}: no such file ({cert})"
    except OSError as exc:
        return cert, f"{shown}: cannot be read ({exc.strerror})"
    if PEM_MARKER not in data:
        return cert, (f"{shown}: not a PEM certificate (no '-----BEGIN CERTIFICATE-----' "
                      "line); convert a .cer/.der file with "
                      "`openssl x509 -inform der -in CERT.cer -out CERT.pem`")
    return cert, None


def _unknown_key(path: Path, key: str, value: object) -> str:
    accepted = ", ".join(KEYS)
    if isinstance(value, dict) or _looks_clinical(key):
        return (f"{path}: {key} is not a site setting: clinical thresholds, doses and rules "
                "are part of the versioned rule set and cannot be changed per site "
                f"(accepted keys: {accepted})")
    return f"{path}: unknown key {key!r} (accepted keys: {accepted})"


def _looks_clinical(key: str) -> bool:
    low = key.lower()
    return any(word in low for word in _CLINICAL_WORDS)


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = ["ENV_VAR", "KEYS", "LOCALES", "SiteConfig", "SiteConfigError", "default_path",
           "site_config_path", "load_site_config", "load", "parse"]
