"""IT's site file sets the default locale of new cases; a broken one is reported."""
from __future__ import annotations


def window_with_site_file(make_window, app_home, monkeypatch, text: str):
    site = app_home / "site.toml"
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text(text)
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    return make_window()


def test_site_default_locale_applies_to_a_new_case(make_window, app_home, monkeypatch):
    window = window_with_site_file(make_window, app_home, monkeypatch, 'default_locale = "US"\n')
    assert window.session.case()["locale"] == "US"


def test_broken_site_file_is_reported_and_not_applied(make_window, app_home, monkeypatch):
    window = window_with_site_file(make_window, app_home, monkeypatch, 'default_locale = "FR"\n')
    assert "locale" not in window.session.case()
    assert "Site configuration ignored" in window.statusBar().currentMessage()
