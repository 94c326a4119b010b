"""The PDF says which settings it was made with and where each came from (issue 12)."""
from __future__ import annotations

from engine.report.summary_pdf import render_summary

from .report_helpers import page_texts, squash


def test_the_last_page_names_each_setting_and_its_origin(case, assessment, tmp_path,
                                                         monkeypatch):
    site = tmp_path / "site.toml"
    site.write_text('hospital_name = "St Elsewhere"\non_call_doctor_contact = "bleep 1234"\n',
                    encoding="utf-8")
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(site))
    last = squash(page_texts(render_summary(case, assessment, hospital_name="St Elsewhere"))[-1])
    assert squash(f"Hospital name: St Elsewhere (site file {site})") in last
    assert squash(f"On-call doctor: bleep 1234 (site file {site})") in last
    assert squash("MSCC coordinator: not given (default, not in the site file)") in last


def test_a_name_given_for_one_export_says_so(case, assessment, monkeypatch):
    monkeypatch.delenv("MSCC_PATHWAY_SITE_CONFIG", raising=False)
    last = squash(page_texts(render_summary(case, assessment, hospital_name="Ward 7"))[-1])
    assert squash("Hospital name: Ward 7 (given for this export)") in last
