"""IT's site file reaches the command line: hospital name on the PDF, trusted signers."""
from __future__ import annotations

import pytest

from conftest import REPO

from engine.cli import main

EXAMPLE = REPO / "examples" / "index-case-c5.json"


@pytest.fixture
def site_file(tmp_path, monkeypatch):
    path = tmp_path / "site.toml"
    monkeypatch.setenv("MSCC_PATHWAY_SITE_CONFIG", str(path))
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(tmp_path / "data"))
    return path


def test_report_prints_the_site_hospital_name(site_file, tmp_path):
    from pypdf import PdfReader
    site_file.write_text('hospital_name = "St Elsewhere Site Hospital"\n')
    out = tmp_path / "out.pdf"
    assert main(["report", str(EXAMPLE), "-o", str(out)]) == 0
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "St Elsewhere Site Hospital" in text


def test_a_broken_site_file_stops_the_report_with_the_problem(site_file, tmp_path, capsys):
    site_file.write_text('default_locale = "FR"\n')
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf")]) == 2
    assert "default_locale" in capsys.readouterr().err
    assert not (tmp_path / "out.pdf").exists()
