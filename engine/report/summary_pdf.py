"""Renders the handover summary: `render_summary(case, assessment) -> bytes`.

The renderer receives everything it draws (case, assessment, source registry); it
reads no clock and no settings, so the same inputs always give the same PDF. It
refuses an assessment that was not computed from this very case: a mismatched
printout is worse than none."""
from __future__ import annotations

import hashlib
import io
from typing import Callable

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from engine.report import embed, geometry as g, timefmt
from engine.report.fingerprint import (canonical_assessment_json, document_fingerprint,
                                       short_fingerprint)
from engine.report.page_canvas import Furniture, canvas_class
from engine.report.sections_detail import (about, alerts, basis, disagreements,
                                           missing_inputs, order_notes, schedules, scores,
                                           time_changes, timestamps)
from engine.report.sections_nurse import nurse_page
from engine.report.styles import FONT, register_fonts

ASSESSMENT_FORMAT = "mscc-assessment/1"
REQUIRED = ("pathway", "precautions", "orders", "actions", "engine_version",
            "knowledge_version", "case_sha256", "patient_id", "assessed_at")


class ReportInputError(ValueError):
    """The case and assessment cannot make a summary (missing, or not each other's)."""


def _check(case: dict, assessment: dict, case_json: bytes) -> None:
    if not isinstance(assessment, dict) or assessment.get("format") != ASSESSMENT_FORMAT:
        raise ReportInputError("no assessment to print (expected mscc-assessment/1)")
    missing = [k for k in REQUIRED if assessment.get(k) in (None, "")]
    if missing:
        raise ReportInputError(f"the assessment lacks {', '.join(missing)}")
    if assessment["patient_id"] != (case.get("patient") or {}).get("id"):
        raise ReportInputError("the assessment belongs to a different patient than the case")
    claimed = str(assessment["case_sha256"]).lower().removeprefix("sha256:")
    if claimed != hashlib.sha256(case_json).hexdigest():
        raise ReportInputError("the assessment was not computed from this case "
                               "(case SHA-256 differs); re-run the assessment")


def _dob(case: dict, assessment: dict) -> str:
    dob = (case.get("patient") or {}).get("date_of_birth")
    if not dob:
        return "not recorded"
    age = (assessment.get("derived") or {}).get("age_years")
    text = timefmt.day(dob).split(" ", 1)[1]  # '14 Sep 1968' (weekday adds nothing)
    return f"{text} ({age} y)" if age is not None else text


def _resolver() -> Callable[[str], object | None]:
    import engine

    registry = engine.load_registry()

    def resolve(source_id: str):
        try:
            return registry.get(source_id)
        except Exception:  # shown as "SOURCE NOT FOUND" on the page, never skipped
            return None

    return resolve


def _settings(hospital_name: str | None) -> list | None:
    """The site settings with their origins (None when the site file is unusable: the
    caller has said so already, and the page then lists nothing rather than a guess)."""
    from engine.site_config import SiteConfigError, load_site_config

    try:
        site = load_site_config()
    except SiteConfigError:
        return None
    return site.origins({"hospital_name": (hospital_name, "given for this export")})


WARD_ZONE = object()  # render_summary's default: the zone site.toml names, else the machine's


def render_summary(case: dict, assessment: dict, *, hospital_name: str | None = None,
                   signature_expected: bool = False,
                   resolve: Callable[[str], object | None] | None = None,
                   audit_head: tuple[int, str] | None = None,
                   zone=WARD_ZONE, nursing=None) -> bytes:
    """The summary PDF as bytes. `signature_expected` leaves page 1's signature box
    empty for the stamp added by `engine.report.signing.sign_pdf`; otherwise the box
    says the copy is not signed. `audit_head`: the audit log's (entries, last hash),
    recorded in the document information (inside the signed range once signed). Clock
    times are on `zone`'s wall clock (a tzinfo; None = the machine's zone; by default
    the ward zone of site.toml). `nursing`: engine.report.handover.NursingSettings
    (neurological observation interval and contacts; by default site.toml's)."""
    import engine

    case_json = engine.canonical_case_json(engine.parse_case(case))
    _check(case, assessment, case_json)
    assessment_json = canonical_assessment_json(assessment)
    full_fp = document_fingerprint(case_json, assessment_json)

    register_fonts()
    page = g.page_geometry(assessment.get("locale") or case.get("locale"))
    tz = timefmt.ward_zone() if zone is WARD_ZONE else zone
    assessed = assessment["assessed_at"]
    patient = case.get("patient") or {}
    furniture = Furniture(
        page=page,
        patient_name=patient.get("name") or "Name not recorded",
        hospital_number=patient["id"],
        date_of_birth=_dob(case, assessment),
        assessed_at=(f"{timefmt.day(timefmt.local(timefmt.parse(assessed), tz).date())}\n"
                     f"{timefmt.clock(assessed, tz).split()[0]} "
                     f"{timefmt.local(timefmt.parse(assessed), tz).tzname()}"),
        hospital_name=hospital_name,
        fingerprint=short_fingerprint(full_fp),
        engine_version=str(assessment["engine_version"]),
        knowledge_version=str(assessment["knowledge_version"]),
    )

    out = io.BytesIO()
    mm = g.MM
    doc = BaseDocTemplate(
        out, pagesize=(page.width * mm, page.height * mm),
        leftMargin=g.MARGIN_LEFT * mm, rightMargin=g.MARGIN_RIGHT * mm,
        topMargin=(g.MARGIN_TOP + g.HEADER_HEIGHT + g.GAP) * mm,
        bottomMargin=page.body_bottom * mm,
        title="MSCC Pathway handover summary", author="MSCC Pathway",
        subject=f"Handover summary, fingerprint {furniture.fingerprint}",
        creator=f"MSCC Pathway engine {assessment['engine_version']}",
        initialFontName=FONT,  # else every page names Helvetica, which is not embedded
        invariant=1,  # no creation time or random id: same inputs, same bytes
    )
    width = page.content_width
    body = Frame(g.MARGIN_LEFT * mm, page.body_bottom * mm, width * mm,
                 (page.body_top - page.body_bottom) * mm, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [body])])

    story = nurse_page(assessment, width, tz, signature_expected=signature_expected,
                       case=case, settings=nursing)  # None: site.toml's settings
    # A new page for the detail, unless page 1's last lines already ran onto one.
    story += [PageBreakIfNotEmpty()]
    story += time_changes(case, assessment, width, tz)
    story += order_notes(assessment, width)
    story += schedules(assessment, width)
    story += alerts(assessment, width)
    story += scores(assessment, width)
    story += missing_inputs(assessment, width, case, tz)
    story += disagreements(assessment, width, case)
    story += timestamps(assessment, width, tz)
    from engine.report import handover
    from engine.report.sections_referral import referral_page

    settings = nursing or handover.default_settings()
    story += referral_page(case, assessment, width, tz, settings)
    story += basis(assessment, width, resolve or _resolver(),
                   handover.nursing(case, assessment, settings, tz))
    story += about(assessment, full_fp, hashlib.sha256(case_json).hexdigest(), width,
                   _settings(hospital_name))
    doc.build(story, canvasmaker=canvas_class(furniture))

    return embed.add_attachments(
        out.getvalue(),
        [(embed.CASE_NAME, case_json, "The case (mscc-case/1, canonical JSON)"),
         (embed.ASSESSMENT_NAME, assessment_json,
          "The assessment printed in this document (mscc-assessment/1)")],
        {embed.META_FINGERPRINT: full_fp,
         embed.META_CASE_SHA256: hashlib.sha256(case_json).hexdigest(),
         **embed.audit_head_info(audit_head)},
    )


__all__ = ["render_summary", "ReportInputError"]
