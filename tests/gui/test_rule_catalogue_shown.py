"""The About dialog and each recommendation's basis show the engine's declared limits
(issue 13): generated from the declarations, not a desktop copy."""
from __future__ import annotations

from engine.rules.thromboprophylaxis import PLATELETS_HOLD


def test_about_lists_every_rule_with_its_limits():
    import engine
    from desktop.ui.about_dialog import about_html
    page = about_html()
    assert all(rule_id in page for rule_id in engine.RULES)
    assert f"limit: {PLATELETS_HOLD.text}" in page


def test_the_basis_of_an_order_names_its_limits_and_their_sources():
    from desktop.basis import basis_for
    item = {"rule": "VTE-LMWH-1", "sources": ["SPC-ENOXAPARIN"]}
    text = basis_for(item, {"trace": []}).as_text()
    assert f"{PLATELETS_HOLD.text} ({PLATELETS_HOLD.source})" in text
    assert "Limits" in text


def test_about_shows_each_setting_with_its_origin(tmp_path, monkeypatch):
    from desktop.ui.about_dialog import about_html
    site = tmp_path / "site.toml"
    site.write_text('hospital_name = "St Elsewhere"\n', encoding="utf-8")
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    page = about_html()
    assert "St Elsewhere" in page and f"site file {site}" in page
    assert "default, not in the site file" in page
