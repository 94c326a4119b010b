"""Export as one checked step, shared by the command line and the app: render, sign,
write privately, read the file back, verify what is on disk, record the audit entry.
Nothing is reported as done until the written file has passed its own check."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.report.fingerprint import document_fingerprint


class ExportError(RuntimeError):
    """The summary could not be produced or failed its check (nothing is left behind)."""


@dataclass
class SignedSummary:
    pdf: bytes
    fingerprint: str          # full hex; the page footer prints the short form
    hospital_number: str
    signer: str | None        # None: not signed
    check: object | None      # engine.report.verify.VerifyResult of the bytes, when signed


@dataclass
class ExportResult(SignedSummary):
    path: Path | None = None
    audit_error: str | None = None  # the file is fine but its audit entry is missing


def build_summary(case: dict, assessment: dict, *, p12: str | Path | None = None,
                  passphrase: str | None = None, hospital_name: str | None = None,
                  registration: str | None = None) -> SignedSummary:
    """Render (and sign when `p12` is given) in memory, and verify the signed bytes.
    Raises IdentityError for a wrong passphrase before any rendering work."""
    import engine
    from engine.report import render_summary

    signer = None
    if p12 is not None:
        from engine.report.signing import load_signer_info

        signer = load_signer_info(p12, passphrase or "").name
    pdf = render_summary(case, assessment, hospital_name=hospital_name,
                         signature_expected=p12 is not None)
    check = None
    if p12 is not None:
        from engine.report.signing import sign_pdf
        from engine.report.verify import verify_pdf

        pdf = sign_pdf(pdf, p12, passphrase or "", registration=registration,
                       location=hospital_name)
        check = verify_pdf(pdf)
        if not check.ok:
            raise ExportError(f"the signed summary failed its own check: {check.reason}")
    case_json = engine.canonical_case_json(engine.parse_case(case))
    return SignedSummary(pdf, document_fingerprint(case_json, assessment),
                         case["patient"]["id"], signer, check)


def export_summary(case: dict, assessment: dict, out_path: str | Path, *,
                   p12: str | Path | None = None, passphrase: str | None = None,
                   hospital_name: str | None = None, registration: str | None = None,
                   log: Path | None = None) -> ExportResult:
    from engine.report.files import write_private

    built = build_summary(case, assessment, p12=p12, passphrase=passphrase,
                          hospital_name=hospital_name, registration=registration)
    out = Path(out_path)
    try:
        write_private(out, built.pdf)
        written = out.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    check = built.check
    if written != built.pdf:
        out.unlink(missing_ok=True)
        raise ExportError(f"{out} read back different from what was written; removed")
    if p12 is not None:
        from engine.report.verify import verify_pdf

        check = verify_pdf(written)
        if not check.ok:
            out.unlink(missing_ok=True)
            raise ExportError(f"the written file failed its check and was removed: "
                              f"{check.reason}")
    result = ExportResult(built.pdf, built.fingerprint, built.hospital_number, built.signer,
                          check, path=out)
    result.audit_error = record("export", result, log=log,
                                outcome="signed" if built.signer else "unsigned")
    return result


def record(event: str, summary: SignedSummary, *, log: Path | None = None,
           outcome: str | None = None) -> str | None:
    """Append the audit entry; the error text when it could not be written."""
    from engine import audit

    try:
        audit.append(event, hospital_number=summary.hospital_number,
                     fingerprint=summary.fingerprint, signer=summary.signer,
                     outcome=outcome, log=log)
    except OSError as exc:
        return str(exc.strerror or exc)
    return None
