"""Where each setting came from (issue 12): IT's site file, a user's choice where the site
allows it, or the default; the PDF and Help > About print the same list."""
from __future__ import annotations

from engine.site_config import SiteConfig, parse

SITE = "/etc/mscc-pathway/site.toml"


def origin(config, key, chosen=None):
    return next(s for s in config.origins(chosen) if s.key == key)


def test_a_value_in_the_site_file_names_the_file():
    config = parse('hospital_name = "St Elsewhere"\ntimezone = "Europe/London"\n', SITE)
    s = origin(config, "hospital_name")
    assert (s.value, s.origin) == ("St Elsewhere", f"site file {SITE}")
    assert origin(config, "timezone").origin == f"site file {SITE}"


def test_a_user_value_shows_only_where_the_site_leaves_it_open():
    fixed = parse('hospital_name = "St Elsewhere"\n', SITE)
    wish = {"hospital_name": ("Other Hospital", "command line")}
    assert origin(fixed, "hospital_name", wish).value == "St Elsewhere"
    allowed = parse('hospital_name = "St Elsewhere"\nallow_override = ["hospital_name"]\n', SITE)
    s = origin(allowed, "hospital_name", wish)
    assert (s.value, s.origin) == ("Other Hospital", "command line (the site file allows it)")
    unset = parse('timezone = "Europe/London"\n', SITE)
    s = origin(unset, "hospital_name", wish)
    assert (s.value, s.origin) == ("Other Hospital", "command line")


def test_defaults_say_they_are_defaults():
    s = origin(SiteConfig(), "neuro_observations_every_hours")
    assert s.origin == "default, no site file" and s.value.startswith("every ")
    s = origin(parse('timezone = "Europe/London"\n', SITE), "audit_directory")
    assert s.origin == "default, not in the site file"


def test_the_audit_directory_must_be_absolute():
    import pytest
    from engine.site_config import SiteConfigError
    assert parse('audit_directory = "/var/lib/mscc-pathway"\n', SITE).audit_directory.as_posix() \
        == "/var/lib/mscc-pathway"
    with pytest.raises(SiteConfigError, match="audit_directory"):
        parse('audit_directory = "var/lib"\n', SITE)
