"""Child process for the export figures (run by bench/export.py).

    python bench/export_child.py export|steps OUT CASE.json P12 PASSPHRASE_FILE WARM DIR
    python bench/export_child.py baseline OUT WARM

"export": as in the app, the engine is imported and the motivating case assessed
before anything is timed (the app has both before the user asks for a PDF). Then the
first export of the process is timed - the app's export_summary (passphrase check,
render, sign, verify, write, read back, verify the file, audit entry), which pays the
lazy imports of reportlab, pypdf and pyHanko - and then WARM more.
"steps": the same, but render_summary, sign_pdf and verify_pdf timed one by one (the
breakdown, first and warm).
"baseline": a one-page reportlab document (platypus, a title, a paragraph and a small
table, built-in fonts), first in the process (with `import reportlab`) and WARM more.
"""
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def steps_once(case: dict, assessment: dict, p12: str, passphrase: str) -> dict:
    """render_summary, sign_pdf and verify_pdf, each timed (the breakdown)."""
    t0 = time.perf_counter()
    from engine.report import render_summary

    pdf = render_summary(case, assessment, signature_expected=True)
    t1 = time.perf_counter()
    from engine.report.signing import sign_pdf

    signed = sign_pdf(pdf, p12, passphrase)
    t2 = time.perf_counter()
    from engine.report.verify import verify_pdf

    check = verify_pdf(signed)
    t3 = time.perf_counter()
    if not (check.intact and check.whole_file):
        raise SystemExit(f"the signed PDF did not verify: {check.reason}")
    return {"total_ms": (t3 - t0) * 1000, "render_ms": (t1 - t0) * 1000,
            "sign_ms": (t2 - t1) * 1000, "verify_ms": (t3 - t2) * 1000,
            "pdf_bytes": len(signed)}


def export_once(case: dict, assessment: dict, p12: str, passphrase: str, out_dir: str,
                n: int) -> dict:
    """What the app's Export does: engine.report.export.export_summary (check the
    passphrase, render, sign, verify, write, read back, verify the file, audit entry).
    Before that module existed: render + sign + verify (steps_once)."""
    try:
        from engine.report.export import export_summary
    except ImportError:
        result = steps_once(case, assessment, p12, passphrase)
        result["pipeline"] = "render_summary + sign_pdf + verify_pdf"
        return result
    t0 = time.perf_counter()
    c0 = time.process_time()
    out = os.path.join(out_dir, f"summary-{n}.pdf")
    result = export_summary(case, assessment, out, p12=p12, passphrase=passphrase,
                            log=os.path.join(out_dir, "audit.log"))
    total = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    if result.check is None or not result.check.ok or result.audit_error:
        raise SystemExit(f"export did not complete: {result.check and result.check.reason} "
                         f"{result.audit_error or ''}")
    size = os.path.getsize(out)
    os.unlink(out)
    return {"total_ms": total, "cpu_ms": cpu, "pdf_bytes": size,
            "pipeline": "engine.report.export.export_summary"}


def one_page() -> dict:
    t0 = time.perf_counter()
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    table = Table([["Order", "Status", "Dose"], ["Dexamethasone", "recommended", "16 mg"],
                   ["Proton pump inhibitor", "recommended", ""]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    doc.build([Paragraph("Handover summary", styles["Title"]),
               Paragraph("One page, built-in fonts, a paragraph and a small table.",
                         styles["Normal"]), table])
    data = out.getvalue()
    return {"total_ms": (time.perf_counter() - t0) * 1000, "pdf_bytes": len(data)}


def main() -> None:
    mode, out = sys.argv[1], sys.argv[2]
    t_start = time.perf_counter()
    result: dict = {"mode": mode}
    if mode in ("export", "steps"):
        case_path, p12, pass_file = sys.argv[3], sys.argv[4], sys.argv[5]
        warm, out_dir = int(sys.argv[6]), sys.argv[7]
        import engine

        with open(pass_file, encoding="utf-8") as fh:
            passphrase = fh.readline().rstrip("\n")
        with open(case_path, encoding="utf-8") as fh:
            model = engine.parse_case(json.load(fh))
        case = json.loads(engine.canonical_case_json(model))
        assessment = engine.evaluate(model).model_dump(mode="json")
        heavy = ("reportlab", "pyhanko", "pypdf")
        result["preloaded"] = sorted(m for m in heavy if m in sys.modules)
        result["ready_ms"] = (time.perf_counter() - t_start) * 1000
        if mode == "export":
            result["first"] = export_once(case, assessment, p12, passphrase, out_dir, 0)
            result["warm"] = [export_once(case, assessment, p12, passphrase, out_dir, i + 1)
                              for i in range(warm)]
        else:
            result["first"] = steps_once(case, assessment, p12, passphrase)
            result["warm"] = [steps_once(case, assessment, p12, passphrase)
                              for _ in range(warm)]
    elif mode == "baseline":
        warm = int(sys.argv[3])
        result["ready_ms"] = (time.perf_counter() - t_start) * 1000
        result["first"] = one_page()
        result["warm"] = [one_page() for _ in range(warm)]
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
