"""Signing identities and PAdES signatures (pyHanko, imported only when signing).

- `create_identity(...)` writes a self-signed identity as a passphrase-protected
  PKCS#12 file (mode 0600) and its public certificate beside it (FILE.pem, to give to
  whoever verifies with --trust). The passphrase is used and forgotten, never stored.
- `sign_pdf(...)` adds a PAdES baseline B-B signature as an incremental update of the
  finished document, with a visible stamp in the box page 1 reserves for it. The
  document is never re-rendered after signing.

Signing is an action, so unlike the engine it reads the clock (the signing time)."""
from __future__ import annotations

import io
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from engine.report import geometry as g

REASON = "Clinical handover summary"
FIELD_NAME = "ClinicianSignature"
SIGNATURE_RESERVE = 16384  # bytes for the CMS blob: RSA-4096 with a few certificates
MIN_PASSPHRASE = 8
IDENTITY_YEARS = 3


class IdentityError(ValueError):
    """The identity file cannot be used (wrong passphrase, damaged, or not PKCS#12)."""


@dataclass(frozen=True)
class Identity:
    p12_path: Path
    cert_path: Path
    name: str
    registration: str
    sha256: str  # of the certificate (DER), to compare over the phone


def _write_private(path: Path, data: bytes, mode: int) -> None:
    """Create (never overwrite) and fsync: an existing identity is never destroyed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, mode)  # umask may have narrowed or a platform widened it


def create_identity(name: str, registration: str, passphrase: str, out_path: str | Path
                    ) -> Identity:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    name, registration = name.strip(), registration.strip()
    if not name or not registration:
        raise ValueError("a signing identity needs the clinician's name and registration number")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    out_path = Path(out_path)
    cert_path = out_path.with_suffix(".pem")
    for p in (out_path, cert_path):
        if p.exists():
            raise FileExistsError(f"{p} already exists; choose another file name")

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, registration),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "MSCC Pathway self-issued identity"),
    ])
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * IDENTITY_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False,
            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    _write_private(out_path, p12, 0o600)
    _write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return Identity(out_path, cert_path, name, registration,
                    cert.fingerprint(hashes.SHA256()).hex())


@dataclass(frozen=True)
class SignerInfo:
    name: str
    registration: str | None


def _load(p12_path: str | Path, passphrase: str | bytes):
    from pyhanko.sign import signers

    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    try:
        data = Path(p12_path).read_bytes()
    except OSError as exc:
        raise IdentityError(f"cannot read the identity file: {exc.strerror}") from exc
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=None,
                                                     passphrase=passphrase)
    except ValueError as exc:
        raise IdentityError("the passphrase is wrong, or the file is not a PKCS#12 "
                            "signing identity") from exc


def signer_info(cert) -> SignerInfo:
    """Name and registration number from an asn1crypto certificate's subject."""
    subject = cert.subject.native
    return SignerInfo(str(subject.get("common_name") or cert.subject.human_friendly),
                      subject.get("serial_number"))


def _stamp_safe(text: str) -> str:
    """pyHanko's stamp font without fontTools is a WinAnsi standard font: keep Latin-1
    (é, ö, ß print as typed), fold other letters to their base form ('ł' -> 'l'), mark
    anything else '?'. The full name stays exact in the certificate and in verify."""
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = _NO_DECOMPOSITION.get(ch) or unicodedata.normalize("NFKD", ch).encode(
            "latin-1", "ignore").decode("latin-1")
        out.append(base or "?")
    return "".join(out)


# Letters NFKD does not split into base + accent.
_NO_DECOMPOSITION = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i",
                     "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t"}


def load_signer_info(p12_path: str | Path, passphrase: str | bytes) -> SignerInfo:
    """Check the passphrase and read who the identity belongs to, without signing."""
    return signer_info(_load(p12_path, passphrase).signing_cert)


def _sign_box(writer) -> tuple[int, int, int, int]:
    """The stamp box on page 1, from that page's size (A4 or Letter alike)."""
    page = writer.find_page_for_modification(0)[0].get_object()
    node = page
    while "/MediaBox" not in node and "/Parent" in node:  # MediaBox may be inherited
        node = node["/Parent"].get_object()
    x0, y0, x1, y1 = (float(v) for v in node["/MediaBox"])
    return g.geometry_of(x1 - x0, y1 - y0).sign_box_points()


def _stamp_time() -> str:
    """The signing time on the ward clock, as every other time on the page ('14:35 Tue 10
    Mar 2026 GMT'), not in the machine's zone abbreviation ('IST' is ambiguous)."""
    from datetime import datetime, timezone

    from engine.report import timefmt

    zone = timefmt.ward_zone()
    now = timefmt.local(datetime.now(timezone.utc), zone)
    return f"{timefmt.clock(now, zone, year=True)} {now.tzname()}"


def sign_pdf(pdf: bytes, p12_path: str | Path, passphrase: str | bytes, *,
             registration: str | None = None, location: str | None = None) -> bytes:
    """Signed copy of `pdf`. `registration` is printed only when the certificate does not
    carry one (a hospital PKI certificate may not)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError
    from pyhanko.stamp import TextStampStyle

    signer = _load(p12_path, passphrase)
    info = signer_info(signer.signing_cert)
    reg = info.registration or registration or "not stated"

    box = _sign_box(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False))

    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, reason=REASON, name=info.name,
        location=location)
    style = TextStampStyle(
        # Short lines so the stamp is not shrunk below a readable size.
        stamp_text=(REASON + "\nElectronically signed by\n%(signer)s\nReg. %(reg)s\n%(ts)s"),
        text_box_style=TextBoxStyle(font_size=9),
        border_width=1,
    )
    pdf_signer = signers.PdfSigner(
        meta, signer=signer, stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=box))
    params = {"signer": _stamp_safe(info.name), "reg": _stamp_safe(reg), "ts": _stamp_time()}
    # A fixed reservation spares pyHanko a trial signature (about half the signing
    # time); an identity with a very long certificate chain falls back to the trial.
    for reserved in (SIGNATURE_RESERVE, None):
        out = io.BytesIO()
        try:
            pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
                                bytes_reserved=reserved, output=out,
                                appearance_text_params=params)
            return out.getvalue()
        except SigningError:
            if reserved is None:
                raise
    raise AssertionError("unreachable")
