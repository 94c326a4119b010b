"""QS56 audit report (issue 14 part 4): each export's audit entry keeps the QS56 times
(no name, hospital number only as the keyed hash); `audit report` gives one case per
exported summary, the intervals and shares within 24 h / 1 week, the overdue cases,
verifies the chain first and reports a broken one on the PDF's first page."""
from __future__ import annotations

import json

import pytest

from engine.cli import main

from .report_helpers import EXAMPLES, load_case, page_texts

ONSET = "2026-03-01T08:00:00+00:00"


@pytest.fixture
def log(tmp_path):
    return tmp_path / "appdata" / "audit.jsonl"


def _qs56(assessed_at, times: dict, overdue=(), pathway="mscc_radiotherapy"):
    codes = ("neuro_onset", "coordinator_contact", "dexamethasone_start", "mri",
             "treatment_decision", "spinal_surgery", "radiotherapy_start")
    return {"assessed_at": assessed_at, "pathway": pathway, "urgency": "emergency",
            "timestamps": [{"code": c, "at": times.get(c), "due_by": None,
                            "overdue": c in overdue} for c in codes]}


def _export(log, fp, qs56, hn="H1", outcome="signed"):
    from engine import audit

    audit.append("export", hospital_number=hn, fingerprint=fp, signer="Dr A",
                 outcome=outcome, log=log, qs56=qs56)


def _report(log, *extra):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["audit", "report", "--log", str(log), "--json", *extra])
    return code, json.loads(out.getvalue())


def test_export_entry_records_the_qs56_times_without_identifiers(case, assessment, tmp_path,
                                                                 log):
    from engine.report.export import export_summary

    export_summary(case, assessment, tmp_path / "s.pdf", log=log)
    raw = log.read_text()
    (entry,) = [json.loads(line) for line in raw.splitlines()]
    qs = entry["qs56"]
    assert qs["assessed_at"] == assessment["assessed_at"]
    assert qs["pathway"] == assessment["pathway"]["code"]
    assert [t["code"] for t in qs["timestamps"]] == [t["code"] for t in assessment["timestamps"]]
    for mine, theirs in zip(qs["timestamps"], assessment["timestamps"]):
        assert (mine["at"], mine["due_by"], mine["overdue"]) == \
            (theirs["at"], theirs["due_by"], theirs["overdue"])
    assert case["patient"]["name"] not in raw and case["patient"]["id"] not in raw
    assert entry["patient"].startswith("hmac-sha256:")


def test_one_case_per_exported_summary(case, assessment, tmp_path, log):
    from engine.report.export import export_summary
    import engine

    export_summary(case, assessment, tmp_path / "a.pdf", log=log)
    export_summary(case, assessment, tmp_path / "b.pdf", log=log)  # the same summary again
    other = load_case(EXAMPLES[2])
    export_summary(other, engine.assess(other), tmp_path / "c.pdf", log=log)
    code, report = _report(log)
    assert code == 0
    assert set(report) == {"cases", "summary"}
    assert report["summary"]["cases"] == len(report["cases"]) == 2
    assert sorted(r["exports"] for r in report["cases"]) == [1, 2]
    assert report["summary"]["chain"]["intact"] is True


def test_intervals_shares_and_overdue(log):
    _export(log, "a" * 64, _qs56("2026-03-02T12:00:00+00:00", {
        "neuro_onset": ONSET, "mri": "2026-03-01T20:00:00+00:00",          # 12 h
        "coordinator_contact": "2026-03-01T09:00:00+00:00"}))               # 1 h
    _export(log, "b" * 64, _qs56("2026-03-05T12:00:00+00:00", {
        "neuro_onset": ONSET, "mri": "2026-03-02T14:00:00+00:00",          # 30 h: late
        "coordinator_contact": "2026-03-09T08:00:00+00:00"}))               # 8 days
    _export(log, "c" * 64, _qs56("2026-03-06T12:00:00+00:00", {"neuro_onset": ONSET},
                                 overdue=("mri",)))                          # no MRI yet
    code, report = _report(log)
    assert code == 0
    rows = {r["fingerprint"][0]: r for r in report["cases"]}
    mri = {k: r["intervals"]["onset_to_mri"] for k, r in rows.items()}
    assert mri["a"]["hours"] == 12 and mri["a"]["within_24h"] is True
    assert mri["b"]["hours"] == 30 and mri["b"]["within_24h"] is False
    assert mri["b"]["within_1_week"] is True and mri["b"]["exceeds_standard"] is True
    assert mri["c"]["status"] == "end not recorded" and mri["c"]["hours"] is None
    assert rows["a"]["overdue"] == [] and rows["b"]["overdue"] == ["mri"]
    assert rows["c"]["overdue"] == ["mri"]
    s = report["summary"]["intervals"]["onset_to_mri"]
    assert (s["measured"], s["not_measured"], s["within_24h"], s["within_1_week"]) == (2, 1, 1, 2)
    assert s["within_24h_share"] == 0.5 and s["within_1_week_share"] == 1.0
    assert s["median_hours"] == 21 and s["exceeding_standard"] == 1
    c = report["summary"]["intervals"]["onset_to_coordinator"]
    assert (c["measured"], c["within_24h"], c["within_1_week"]) == (2, 1, 1)
    rt = report["summary"]["intervals"]["decision_to_radiotherapy"]
    assert rt["measured"] == 0 and rt["within_24h_share"] is None  # never counted as met
    assert report["summary"]["cases_overdue"] == 2


def test_date_filter_uses_the_assessment_date(log):
    _export(log, "a" * 64, _qs56("2026-03-01T23:30:00-05:00", {}))  # 04:30 UTC on the 2nd
    _export(log, "b" * 64, _qs56("2026-03-03T10:00:00+00:00", {}))
    _, report = _report(log, "--from", "2026-03-01", "--to", "2026-03-01")
    assert [r["fingerprint"][0] for r in report["cases"]] == ["a"]
    assert report["summary"]["outside_period"] == 1
    _, report = _report(log, "--from", "2026-03-02")
    assert [r["fingerprint"][0] for r in report["cases"]] == ["b"]


def test_unwritten_exports_and_old_entries(log):
    from engine import audit

    _export(log, "a" * 64, _qs56("2026-03-02T12:00:00+00:00", {}), outcome="not written: x")
    audit.append("export", hospital_number="H2", fingerprint="b" * 64, signer=None,
                 outcome="unsigned", log=log)  # before QS56 times were recorded
    audit.append("print", hospital_number="H2", fingerprint="b" * 64, signer=None, log=log)
    _, report = _report(log)
    assert report["summary"]["exports_not_written"] == 1
    (row,) = report["cases"]
    assert row["qs56_recorded"] is False and "before QS56" in row["note"]
    assert report["summary"]["cases_without_qs56"] == 1


def test_broken_chain_is_reported_not_hidden(log, tmp_path, capsys):
    for i in range(3):
        _export(log, f"{i}" * 64, _qs56("2026-03-02T12:00:00+00:00", {"neuro_onset": ONSET}))
    lines = log.read_text().splitlines()
    lines[1] = lines[1].replace('"urgency":"emergency"', '"urgency":"routine"')
    log.write_text("\n".join(lines) + "\n")
    code, report = _report(log)
    assert code == 1
    chain = report["summary"]["chain"]
    assert chain["intact"] is False and chain["broken_at"] == 1
    verified = {r["fingerprint"][0]: r["verified"] for r in report["cases"]}
    assert verified == {"0": True, "1": False, "2": False}
    assert report["summary"]["cases_unverified"] == 2

    pdf = tmp_path / "r.pdf"
    assert main(["audit", "report", "--log", str(log), "-o", str(pdf)]) == 1
    first = " ".join(page_texts(pdf.read_bytes())[0].split())
    assert "AUDIT CHAIN BROKEN" in first and "UNVERIFIED" in first
    assert "BROKEN" in capsys.readouterr().err


def test_pdf_report_says_the_chain_was_verified_on_page_one(log, tmp_path):
    _export(log, "a" * 64, _qs56("2026-03-02T12:00:00+00:00", {
        "neuro_onset": ONSET, "mri": "2026-03-02T14:00:00+00:00"}))
    pdf = tmp_path / "r.pdf"
    assert main(["audit", "report", "--log", str(log), "-o", str(pdf)]) == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = [" ".join(t.split()) for t in page_texts(data)]
    assert "Audit chain verified first: INTACT (1 entries)" in pages[0]
    assert "Intervals against NICE QS56" in pages[0]
    assert "30.0 h" in pages[1] and "MRI" in pages[1]  # the late case, listed as overdue


def test_empty_or_missing_log_is_an_empty_report(tmp_path):
    code, report = _report(tmp_path / "none.jsonl")
    assert code == 0 and report["cases"] == [] and report["summary"]["cases"] == 0


@pytest.mark.parametrize("args", [["--from", "yesterday"], ["--from", "2026-03-05",
                                                              "--to", "2026-03-01"]])
def test_bad_dates_exit_2(log, capsys, args):
    assert main(["audit", "report", "--log", str(log), "--json", *args]) == 2
    assert capsys.readouterr().err.startswith("mscc-pathway audit report:")


def test_output_is_required_and_exclusive(log):
    with pytest.raises(SystemExit) as exc:
        main(["audit", "report", "--log", str(log)])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["audit", "report", "--log", str(log), "--json", "-o", "x.pdf"])
    assert exc.value.code == 2
