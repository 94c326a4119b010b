"""Fixtures for the PDF summary tests. The cases come from the repo (examples/ and
tests/report/data/), so these tests run without ../shared; one signing identity is
created per session because key generation is the slow part."""
from __future__ import annotations

import copy

import pytest
from .report_helpers import DATA, PASSPHRASE, load_case


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Every test gets its own app data directory (audit log, key)."""
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(tmp_path / "appdata"))


@pytest.fixture(scope="session")
def base_case() -> dict:
    # Vignette 01's case with a name that needs more than Latin-1.
    return load_case(DATA / "c5-myelopathy.json")


@pytest.fixture
def case(base_case) -> dict:
    return copy.deepcopy(base_case)


@pytest.fixture(scope="session")
def assessment(base_case) -> dict:
    import engine

    return engine.assess(base_case)


@pytest.fixture(scope="session")
def summary_pdf(base_case, assessment) -> bytes:
    from engine.report import render_summary

    return render_summary(base_case, assessment, hospital_name="St Elsewhere Hospital")


@pytest.fixture(scope="session")
def identity(tmp_path_factory):
    from engine.report.signing import create_identity

    folder = tmp_path_factory.mktemp("identity")
    return create_identity("Dr Zoë Example", "GMC 1234567", PASSPHRASE, folder / "zoe.p12")


@pytest.fixture(scope="session")
def other_identity(tmp_path_factory):
    from engine.report.signing import create_identity

    folder = tmp_path_factory.mktemp("other")
    return create_identity("Dr Other Person", "GMC 7654321", PASSPHRASE, folder / "other.p12")


@pytest.fixture(scope="session")
def signed_pdf(base_case, assessment, identity) -> bytes:
    from engine.report import render_summary
    from engine.report.signing import sign_pdf

    pdf = render_summary(base_case, assessment, signature_expected=True)
    return sign_pdf(pdf, identity.p12_path, PASSPHRASE)


@pytest.fixture
def cli(capsys):
    """Runs the command line in-process: (exit code, stdout, stderr), never a traceback."""
    from engine.cli import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return code, out, err
    return run
