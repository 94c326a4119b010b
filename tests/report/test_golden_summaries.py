"""Every golden case of ../shared renders a summary that passes the content checks
and round-trips its case (skipped outside CI when ../shared is absent)."""
from __future__ import annotations

import json

import pytest
from .test_render import check_summary


@pytest.mark.shared
def test_every_vignette_renders(vignette_dir):
    import engine
    from engine.report import extract_case_bytes, render_summary

    paths = sorted(vignette_dir.glob("*.json"))
    assert paths
    for path in paths:
        case = json.loads(path.read_text(encoding="utf-8"))["case"]
        a = engine.assess(case)
        pdf = render_summary(case, a)
        check_summary(case, a, pdf)
        assert extract_case_bytes(pdf) == engine.canonical_case_json(engine.parse_case(case))
