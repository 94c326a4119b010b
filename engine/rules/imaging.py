"""Section 0 definitions and section 2: which studies answer the question, whether
compression is shown, SINS and Bilsky scores, and the imaging/escalation actions
(NICE NG234 1.3, 1.5; QS56 S2, S3)."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.models.case import Study
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.scores import sins as sins_score
from engine.scores.levels import contiguous_runs, level_index

ANSWERING = rule("IMG-ANSWER-1", 1, "Answering study and incomplete answering study",
                 ["NICE-NG234-1.5"],
                 ["answering study: MRI whole spine, or CT when MRI is contraindicated",
                  "an answering study with no lesions, metastases_excluded not true and no "
                  "cauda equina compression is ignored until completed"])
COMPRESSION = rule("IMG-COMPRESSION-1", 1, "Compression shown",
                   ["NICE-NG234-1.5", "BILSKY-2010"],
                   ["any MRI or an answering CT with a lesion of Bilsky grade 2 or 3, or "
                    "cauda equina compression"])
SINS = rule("SCORE-SINS-1", 1, "Spinal Instability Neoplastic Score per lesion",
            ["SINS-2010"], ["stable 0-6", "indeterminate 7-12", "unstable 13-18",
                            "incomplete lesion whose maximum reaches 7 raises sins_incomplete"])
BILSKY = rule("SCORE-BILSKY-1", 1, "Highest Bilsky epidural compression grade",
              ["BILSKY-2010"], ["high grade: 2 or 3", "1c is contested (discuss)"])
ESCALATE_NEURO = rule("IMG-NEURO-1", 1, "Neurology and no answering study: emergency imaging",
                      ["NICE-NG234-1.3", "NICE-NG234-1.5", "NICE-QS56-S3", "NICE-QS56-S4"],
                      ["coordinator immediately (0 h)", "MRI whole spine (or CT) within 24 h"])
ESCALATE_PAIN = rule("IMG-PAIN-1", 1, "No neurology, pain or known lesion: urgent imaging",
                     ["NICE-NG234-1.3", "NICE-NG234-1.5", "NICE-QS56-S2"],
                     ["coordinator within 24 h", "MRI whole spine (or CT) within 1 week (168 h)",
                      "within 24 h when any study shows epidural disease (Bilsky 1b or higher)"])
LIMITED_MRI = rule("IMG-LIMITED-1", 1, "Compression on a limited MRI: image the whole spine",
                   ["NICE-NG234-1.5"], ["MRI whole spine within 24 h"])
XRAY = rule("IMG-XRAY-1", 1, "Plain film or CT cannot exclude MSCC", ["NICE-NG234-1.5"])
CONFLICT = rule("IMG-CONFLICT-1", 1, "Imaging that excludes metastases beside imaging that "
                "shows them", ["NICE-NG234-1.5"])

BILSKY_ORDER = ("0", "1a", "1b", "1c", "2", "3")
HIGH_GRADE = {"2", "3"}
EPIDURAL_FROM = "1b"


@dataclass
class ImagingFacts:
    answering: list[int] = field(default_factory=list)        # effective answering studies
    excluded: bool = False
    compression_levels: set[str] = field(default_factory=set)
    cauda_only_areas: int = 0
    compression_studies: list[int] = field(default_factory=list)
    compression_on_limited_only: bool = False
    areas: int = 0
    lesions: list[sins_score.LesionSins] = field(default_factory=list)
    worst: sins_score.LesionSins | None = None
    any_lesion: bool = False
    max_bilsky: str | None = None
    subluxation: bool = False

    @property
    def has_answering(self) -> bool:
        return bool(self.answering)

    @property
    def compression(self) -> bool:
        return bool(self.compression_studies)

    def lesion_levels(self) -> set[str]:
        return {s.level for s in self.lesions}


def is_answering(study: Study, mri_contraindicated: bool | None) -> bool:
    return study.modality == "mri_whole_spine" or (
        study.modality == "ct" and mri_contraindicated is True)


def can_show_compression(study: Study, mri_contraindicated: bool | None) -> bool:
    return study.modality in ("mri_whole_spine", "mri_limited") or is_answering(
        study, mri_contraindicated)


def evaluate_imaging(ev: Evaluation) -> ImagingFacts:
    f = ev.facts
    contra = ev.case.mri_contraindicated
    im = ImagingFacts()
    incomplete = []
    for i, study in enumerate(f.studies):
        if not is_answering(study, contra):
            continue
        if not study.lesions and study.metastases_excluded is not True \
                and study.cauda_equina_compression is not True:
            incomplete.append(i)
            ev.need(f"imaging.{i}.metastases_excluded")
            ev.alert(ANSWERING, "imaging_incomplete", "warning",
                     f"Study {i + 1} ({study.modality}) records no lesion and does not say "
                     "whether metastases and MSCC are excluded; it is ignored until completed.")
        else:
            im.answering.append(i)
    im.excluded = any(f.studies[i].metastases_excluded is True for i in im.answering)
    ev.record(ANSWERING, bool(im.answering), mri_contraindicated=contra,
              answering_studies=im.answering, incomplete_studies=incomplete)

    _score_lesions(ev, im)
    _find_compression(ev, im, contra)
    if im.excluded and (im.compression or im.any_lesion):
        ev.alert(CONFLICT, "imaging_conflict", "warning",
                 "One study excludes metastases but another records lesions or compression; "
                 "the excluding study decides the pathway (rules in order): check which is "
                 "current.")
    ev.record(CONFLICT, im.excluded and (im.compression or im.any_lesion))
    return im


def _score_lesions(ev: Evaluation, im: ImagingFacts) -> None:
    f = ev.facts
    grades = []
    for i, study in enumerate(f.studies):
        for j, lesion in enumerate(study.lesions or []):
            im.any_lesion = True
            im.lesions.append(sins_score.score_lesion(i, j, lesion, f.pres.spinal_pain,
                                                      f.pres.pain_regions))
            if lesion.bilsky_grade is not None:
                grades.append((BILSKY_ORDER.index(lesion.bilsky_grade), lesion.level,
                               lesion.bilsky_grade))
            if lesion.alignment == "subluxation":
                im.subluxation = True
    im.worst = sins_score.worst(im.lesions)
    for s in im.lesions:
        if not s.complete and s.total_max > sins_score.STABLE_MAX:
            ev.need(*[c["field"] for c in s.components.values() if c["min"] != c["max"]])
            ev.alert(SINS, "sins_incomplete", "warning",
                     f"SINS at {s.level} is {s.total_min}-{s.total_max}: incomplete, and the "
                     "maximum reaches 7 (potentially unstable). CT of the level completes it.")
    ev.scores["sins"] = im.worst.as_score() if im.worst else None
    ev.record(SINS, im.worst is not None,
              worst=im.worst.as_score() if im.worst else None,
              lesions=[{"level": s.level, "min": s.total_min, "max": s.total_max}
                       for s in im.lesions])
    if grades:
        index, level, grade = max(grades, key=lambda g: g[0])
        im.max_bilsky = grade
        ev.scores["bilsky"] = {"grade": grade, "level": level,
                               "high_grade": grade in HIGH_GRADE,
                               "graded_lesions": len(grades)}
    else:
        ev.scores["bilsky"] = None
    ev.record(BILSKY, bool(grades), max_grade=im.max_bilsky)


def _find_compression(ev: Evaluation, im: ImagingFacts, contra: bool | None) -> None:
    f = ev.facts
    cauda_only = False
    for i, study in enumerate(f.studies):
        if not can_show_compression(study, contra):
            continue
        levels = {les.level for les in (study.lesions or []) if les.bilsky_grade in HIGH_GRADE}
        if levels or study.cauda_equina_compression is True:
            im.compression_studies.append(i)
            im.compression_levels |= levels
            cauda_only = cauda_only or (study.cauda_equina_compression is True and not levels)
    runs = contiguous_runs(im.compression_levels)
    im.areas = len(runs)
    # Cauda equina compression with no graded level counts as one area, unless a graded
    # run already reaches the lumbosacral spine (then it is most likely the same area).
    if cauda_only and not any(level_index(r[-1]) >= level_index("L1") for r in runs):
        im.areas += 1
    modalities = {f.studies[i].modality for i in im.compression_studies}
    im.compression_on_limited_only = bool(modalities) and modalities == {"mri_limited"}
    ev.record(COMPRESSION, im.compression, compression_studies=im.compression_studies,
              levels=sorted(im.compression_levels, key=level_index), areas=im.areas)


def imaging_actions(ev: Evaluation, im: ImagingFacts, neuro: str) -> None:
    f = ev.facts
    contra = ev.case.mri_contraindicated is True
    scan, scan_text = ("ct_spine", "CT of the whole spine (MRI contraindicated)") if contra else \
        ("mri_whole_spine", "MRI of the whole spine")
    known_lesion = im.any_lesion or f.cancer.vertebral_metastases is not None
    fired_neuro = neuro != "negative" and not im.has_answering
    if fired_neuro:
        ev.act(ESCALATE_NEURO, "contact_mscc_coordinator", 0,
               "Contact the MSCC coordinator now: neurological symptoms or signs "
               "(or not yet assessed) - an oncological emergency.")
        ev.act(ESCALATE_NEURO, scan, 24,
               f"{scan_text} as soon as possible and always within 24 hours "
               "(out of hours if needed to allow treatment).")
    ev.record(ESCALATE_NEURO, fired_neuro, neuro=neuro, answering_study=im.has_answering,
              mri_contraindicated=ev.case.mri_contraindicated)

    pain = f.pres.spinal_pain
    fired_pain = (neuro == "negative" and not im.has_answering
                  and (pain != "none" or known_lesion))
    if fired_pain:
        epidural = im.max_bilsky is not None and \
            BILSKY_ORDER.index(im.max_bilsky) >= BILSKY_ORDER.index(EPIDURAL_FROM)
        ev.act(ESCALATE_PAIN, "contact_mscc_coordinator", 24,
               "Contact the MSCC coordinator within 24 hours (pain suggestive of spinal "
               "metastases or a known spinal lesion).")
        ev.act(ESCALATE_PAIN, scan, 24 if epidural else 168,
               f"{scan_text} within {'24 hours (epidural disease already shown)' if epidural else '1 week'}.")
        ev.act(ESCALATE_PAIN, "safety_net_advice", None,
               "Tell the patient to seek help at once if any neurological symptom appears "
               "(weakness, numbness, walking, bladder or bowel change).")
        if pain is None:
            ev.need("presentation.spinal_pain")
    ev.record(ESCALATE_PAIN, fired_pain, neuro=neuro, spinal_pain=pain,
              known_spinal_lesion=known_lesion, max_bilsky=im.max_bilsky)

    has_whole = any(s.modality == "mri_whole_spine" for s in f.studies)
    fired_limited = im.compression_on_limited_only and not has_whole
    if fired_limited:
        ev.act(LIMITED_MRI, "mri_whole_spine", 24,
               "MRI of the whole spine within 24 hours: compression was shown on a limited "
               "MRI and other levels may be involved.")
    ev.record(LIMITED_MRI, fired_limited, whole_spine_mri_on_file=has_whole)

    only_weak = bool(f.studies) and all(
        s.modality == "xray" or (s.modality == "ct" and not contra) for s in f.studies)
    if only_weak:
        ev.alert(XRAY, "xray_insufficient", "warning",
                 "Only plain X-ray or CT (without a contraindication to MRI) is on file: "
                 "it cannot diagnose or exclude spinal metastases or MSCC. MRI whole spine "
                 "is needed.")
    ev.record(XRAY, only_weak, modalities=[s.modality for s in f.studies])
