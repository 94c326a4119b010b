"""Fixtures for the export and print dialogs: a real case and assessment, one signing
identity per session, and a private app data directory per test."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    path = tmp_path / "appdata"
    monkeypatch.setenv("MSCC_PATHWAY_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def case() -> dict:
    return json.loads((REPO / "examples" / "index-case-c5.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def assessment(case) -> dict:
    import engine

    return engine.assess(case)


@pytest.fixture(scope="session")
def identity(tmp_path_factory):
    from engine.report.signing import create_identity

    folder = tmp_path_factory.mktemp("gui-identity")
    ident = create_identity("Dr Gui Tester", "GMC 5550001", PASSPHRASE, folder / "gui.p12")
    return SimpleNamespace(p12_path=ident.p12_path, cert_path=ident.cert_path,
                           test_passphrase=PASSPHRASE)
