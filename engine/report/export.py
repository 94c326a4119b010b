"""Export as one checked step, shared by the command line and the app.

Order (no export without its audit entry):
1. read the audit log's current head; an unusable log stops the export here;
2. render with that head in the document information, sign, verify the bytes;
3. stage the file beside its destination (temp file, fsync), read it back, verify it;
4. append the audit entry (with the SHA-256 of the exact file), durably;
5. only then move the file into place (atomic rename, directory fsync).
A kill at any point leaves either no new file, or a new file whose entry is already
in the log; never a torn file (tools/export_kill.py measures it). If the rename
fails after the entry, a second entry says the file was not written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.report.fingerprint import document_fingerprint


class ExportError(RuntimeError):
    """The summary could not be produced, failed its check, or could not be audited
    (nothing is left behind)."""


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
    audit_error: str | None = None  # always None now: no entry, no file (kept for callers)


def build_summary(case: dict, assessment: dict, *, p12: str | Path | None = None,
                  passphrase: str | None = None, hospital_name: str | None = None,
                  registration: str | None = None,
                  audit_head: tuple[int, str] | None = None) -> SignedSummary:
    """Render (and sign when `p12` is given) in memory, and verify the signed bytes.
    Raises IdentityError for a wrong passphrase before any rendering work."""
    import engine
    from engine.report import render_summary

    signer = None
    if p12 is not None:
        from engine.report.signing import load_signer_info

        signer = load_signer_info(p12, passphrase or "").name
    pdf = render_summary(case, assessment, hospital_name=hospital_name,
                         signature_expected=p12 is not None, audit_head=audit_head)
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
    import hashlib

    from engine import audit
    from engine.report.files import discard_staged, publish_staged, stage_private

    try:
        head = audit.current_head(log)
    except OSError as exc:
        raise ExportError(f"the audit log cannot be used, so nothing was exported: "
                          f"{exc.strerror or exc}") from exc
    built = build_summary(case, assessment, p12=p12, passphrase=passphrase,
                          hospital_name=hospital_name, registration=registration,
                          audit_head=head)
    out = Path(out_path)
    try:
        staged = stage_private(out, built.pdf)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        check = _check_staged(staged, built, out, signed=p12 is not None)
        outcome = "signed" if built.signer else "unsigned"
        digest = hashlib.sha256(built.pdf).hexdigest()
        try:
            audit.append("export", hospital_number=built.hospital_number,
                         fingerprint=built.fingerprint, signer=built.signer, outcome=outcome,
                         log=log, file_sha256=digest, qs56=audit.qs56_record(assessment))
        except OSError as exc:
            raise ExportError(f"{out} was NOT written: its audit entry could not be recorded "
                              f"({exc.strerror or exc})") from exc
    except BaseException:
        discard_staged(staged)
        raise
    try:
        publish_staged(staged, out)
    except OSError as exc:
        record_failure(built, out, exc, log, digest)
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return ExportResult(built.pdf, built.fingerprint, built.hospital_number, built.signer,
                        check, path=out)


def _check_staged(staged: Path, built: SignedSummary, out: Path, *, signed: bool):
    """Read the staged file back; a signed one must verify from disk."""
    try:
        written = staged.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read back {out}: {exc.strerror or exc}") from exc
    if written != built.pdf:
        raise ExportError(f"{out} read back different from what was written; not written")
    if not signed:
        return built.check
    from engine.report.verify import verify_pdf

    check = verify_pdf(written)
    if not check.ok:
        raise ExportError(f"the written file failed its check and was removed: {check.reason}")
    return check


def record_failure(built: SignedSummary, out: Path, exc: OSError, log: Path | None,
                   digest: str) -> None:
    """The entry was recorded but the file could not be moved into place: say so in
    the log too (best effort; the error reaches the user either way)."""
    from engine import audit

    try:
        audit.append("export", hospital_number=built.hospital_number,
                     fingerprint=built.fingerprint, signer=built.signer, log=log,
                     outcome=f"not written: {exc.strerror or exc}", file_sha256=digest)
    except OSError:
        pass


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
