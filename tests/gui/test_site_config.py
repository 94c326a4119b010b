"""IT's site file sets the default locale of new cases; a broken one is reported."""
from __future__ import annotations


def test_site_default_locale_applies_to_a_new_case(make_window, app_home, monkeypatch):
    site = app_home / "site.toml"
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text('default_locale = "US"\n')
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    window = make_window()
    assert window.session.case()["locale"] == "US"


def test_broken_site_file_is_reported_and_not_applied(make_window, app_home, monkeypatch):
    site = app_home / "site.toml"
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text('default_locale = "FR"\n')
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    window = make_window()
    assert "locale" not in window.session.case()
    assert "Site configuration ignored" in window.statusBar().currentMessage()
