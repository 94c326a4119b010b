"""Section 0 definitions and section 2: which studies are current, which answer the
question, whether compression is shown, SINS and Bilsky scores, and the
imaging/escalation actions (NICE NG234 1.3, 1.5; QS56 S2, S3)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from engine.decision_tables import ANY, row, table
from engine.models.case import Study
from engine.rules.catalogue import rule
from engine.rules.context import Evaluation
from engine.scores import sins as sins_score
from engine.scores.levels import contiguous_runs, level_index
from engine.thresholds import Quantity, quantity, threshold

MODALITY_WORDS = {"xray": "X-ray", "ct": "CT", "mri_whole_spine": "whole-spine MRI",
                  "mri_limited": "limited MRI"}
CAUDA_FROM = "L1"
BILSKY_ORDER = ("0", "1a", "1b", "1c", "2", "3")
HIGH_GRADE = ("2", "3")
EPIDURAL_FROM = "1b"


def hours(deadline: Quantity) -> float:
    """A declared deadline as the action's due_within_hours."""
    return deadline.duration / timedelta(hours=1)


def due_words(deadline: Quantity) -> str:
    """How an action's text says its deadline: 'now' (0 h), 'within 24 hours',
    'within 1 week' (168 h)."""
    h = hours(deadline)
    if h == 0:
        return "now"
    weeks, rest = divmod(h, 168)
    if rest == 0:
        return f"within {weeks:g} week{'' if weeks == 1 else 's'}"
    return f"within {h:g} hour{'' if h == 1 else 's'}"


# Section 0, current records (a cautious project choice; no guideline sets it).
STUDY_OUTDATED = threshold("study", 28, "days", "older_than", "NICE-NG234-1.5")
OUTDATED = rule("IMG-OUTDATED-1", 3, "An old study never answers today's question",
                ["NICE-NG234-1.5"],
                [f"performed more than {STUDY_OUTDATED.limit} before the assessment",
                 "or, with neurological symptoms or signs (or not yet assessed), performed "
                 "before the first neurological symptom",
                 "its lesions still make vertebral metastases known"],
                thresholds=[STUDY_OUTDATED])
ANSWERING = rule("IMG-ANSWER-1", 3, "Answering study and incomplete answering study",
                 ["NICE-NG234-1.5"],
                 ["answering study: MRI whole spine, or CT when MRI is contraindicated",
                  "an answering study with no lesions, metastases_excluded not true and no "
                  "cauda equina compression is ignored until completed"])
COMPRESSION = rule("IMG-COMPRESSION-1", 3, "Compression shown, and its areas",
                   ["NICE-NG234-1.5", "BILSKY-2010"],
                   ["any current MRI or an answering CT with a lesion of Bilsky grade "
                    f"{' or '.join(HIGH_GRADE)}, or cauda equina compression",
                    "areas counted over all such studies together: runs of contiguous "
                    "compressing levels, and cauda equina compression one more unless a run "
                    f"reaches {CAUDA_FROM} or below"])
SINS = rule("SCORE-SINS-1", 2, "Spinal Instability Neoplastic Score per lesion",
            ["SINS-2010"],
            [f"stable 0-{sins_score.STABLE_MAX}",
             f"indeterminate {sins_score.POTENTIALLY_UNSTABLE.limit}-{sins_score.UNSTABLE_MIN - 1}",
             f"unstable {sins_score.UNSTABLE.limit}-{sins_score.MAXIMUM}",
             f"incomplete lesion whose maximum reaches {sins_score.POTENTIALLY_UNSTABLE.limit} "
             "raises sins_incomplete"],
            thresholds=[sins_score.POTENTIALLY_UNSTABLE, sins_score.UNSTABLE],
            tables=sins_score.TABLES)
BILSKY = rule("SCORE-BILSKY-1", 2, "Highest Bilsky epidural compression grade",
              ["BILSKY-2010"], [f"high grade: {' or '.join(HIGH_GRADE)}",
                                "1c is contested (discuss)"])

# Section 2: whom to contact and when, and within how long the whole spine is imaged, by
# presentation (no answering study yet, or compression shown on a limited MRI). The first
# matching row decides.
COORDINATOR_NEURO = quantity("MSCC coordinator contact, neurological symptoms or signs", 0, "h", "NICE-NG234-1.3")
SCAN_NEURO = quantity("whole-spine imaging, neurological symptoms or signs", 24, "h", "NICE-QS56-S3")
COORDINATOR_PAIN = quantity("MSCC coordinator contact, pain or a known lesion", 24, "h", "NICE-NG234-1.3")
SCAN_EPIDURAL = quantity("whole-spine imaging, epidural disease already shown", 24, "h", "NICE-NG234-1.5")
SCAN_PAIN = quantity("whole-spine imaging, pain or a known lesion", 168, "h", "NICE-QS56-S2")
SCAN_LIMITED = quantity("whole-spine imaging, compression on a limited MRI", 24, "h", "NICE-NG234-1.5")
IMAGING_DEADLINES = table("imaging deadlines", ("presentation", "epidural_disease"),
                          ("coordinator", "scan"), [
    row({"presentation": "neurology"},
        {"coordinator": COORDINATOR_NEURO, "scan": SCAN_NEURO}, "NICE-QS56-S3"),
    row({"presentation": "pain_or_known_lesion", "epidural_disease": True},
        {"coordinator": COORDINATOR_PAIN, "scan": SCAN_EPIDURAL}, "NICE-NG234-1.5"),
    row({"presentation": "pain_or_known_lesion", "epidural_disease": ANY},
        {"coordinator": COORDINATOR_PAIN, "scan": SCAN_PAIN}, "NICE-QS56-S2"),
    row({"presentation": "compression_on_limited_mri"},
        {"coordinator": None, "scan": SCAN_LIMITED}, "NICE-NG234-1.5"),
])
# Which whole-spine study: CT, within the same deadlines, when MRI is contraindicated (no
# rule asks for an MRI then).
WHOLE_SPINE_SCAN = table("whole-spine study", ("mri_contraindicated",), ("action", "words"), [
    row({"mri_contraindicated": True},
        {"action": "ct_spine", "words": "CT of the whole spine (MRI contraindicated)"},
        "NICE-NG234-1.5"),
    row({"mri_contraindicated": ANY},
        {"action": "mri_whole_spine", "words": "MRI of the whole spine"}, "NICE-NG234-1.5"),
])
# Not fit for treatment aimed at the spine: a project default (seed 002).
GOALS_OF_CARE = quantity("goals-of-care discussion", 24, "h", "NICE-NG234-1.5")

ESCALATE_NEURO = rule("IMG-NEURO-1", 3, "Neurology and no answering study: emergency imaging",
                      ["NICE-NG234-1.3", "NICE-NG234-1.5", "NICE-QS56-S3", "NICE-QS56-S4"],
                      [f"coordinator immediately ({COORDINATOR_NEURO.limit})",
                       f"MRI whole spine (or CT) within {SCAN_NEURO.limit}",
                       "not fit for treatment aimed at the spine: the scan only if it would "
                       "change management (no deadline)"],
                      thresholds=[COORDINATOR_NEURO, SCAN_NEURO],
                      tables=[IMAGING_DEADLINES, WHOLE_SPINE_SCAN])
ESCALATE_PAIN = rule("IMG-PAIN-1", 3, "No neurology, pain or known lesion: urgent imaging",
                     ["NICE-NG234-1.3", "NICE-NG234-1.5", "NICE-QS56-S2"],
                     [f"coordinator within {COORDINATOR_PAIN.limit}",
                      f"MRI whole spine (or CT) {due_words(SCAN_PAIN)} ({SCAN_PAIN.limit})",
                      f"within {SCAN_EPIDURAL.limit} when any study shows epidural disease "
                      f"(Bilsky {EPIDURAL_FROM} or higher)"],
                     thresholds=[COORDINATOR_PAIN, SCAN_PAIN, SCAN_EPIDURAL],
                     tables=[IMAGING_DEADLINES, WHOLE_SPINE_SCAN])
LIMITED_MRI = rule("IMG-LIMITED-1", 3, "Compression on a limited MRI: image the whole spine",
                   ["NICE-NG234-1.5"],
                   [f"MRI whole spine within {SCAN_LIMITED.limit} unless a complete current "
                    "whole-spine MRI is on file", "MRI contraindicated: CT spine within "
                    f"{SCAN_LIMITED.limit} unless an answering CT is on file"],
                   thresholds=[SCAN_LIMITED], tables=[IMAGING_DEADLINES, WHOLE_SPINE_SCAN])
UNFIT = rule("IMG-UNFIT-1", 2, "Not fit for treatment aimed at the spine: imaging conditional",
             ["NICE-NG234-1.5", "NICE-NG234-SUPPORTIVE"],
             ["imaging only if the result would change management (no deadline)",
              f"goals-of-care discussion within {GOALS_OF_CARE.limit}",
              "the coordinator contact keeps its clock"],
             thresholds=[GOALS_OF_CARE])
MRI_CONFLICT = rule("IMG-MRI-CONFLICT-1", 2, "MRI contraindicated, yet an MRI is on file",
                    ["NICE-NG234-1.5"], ["the MRI still counts as an answering study"])
XRAY = rule("IMG-XRAY-1", 2, "Plain film or CT cannot exclude MSCC", ["NICE-NG234-1.5"])
CONFLICT = rule("IMG-CONFLICT-1", 2, "Imaging that excludes metastases beside imaging that "
                "shows them", ["NICE-NG234-1.5"])
# engine/report/handover.py: when a study stops answering.
STUDY_CURRENT_FOR = STUDY_OUTDATED.duration


@dataclass
class ImagingFacts:
    outdated: list[int] = field(default_factory=list)         # section 0, current records
    answering: list[int] = field(default_factory=list)        # current, complete answering studies
    excluded: bool = False
    compression_levels: set[str] = field(default_factory=set)
    compressing: set[tuple[int, int]] = field(default_factory=set)  # (study, lesion)
    compression_studies: list[int] = field(default_factory=list)
    compression_on_limited: bool = False
    areas: int = 0
    lesions: list[sins_score.LesionSins] = field(default_factory=list)
    worst: sins_score.LesionSins | None = None
    any_lesion: bool = False
    max_bilsky: str | None = None
    subluxation: bool = False
    fit_for_treatment: bool = True  # unknown counts as fit (section 0)

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


def _outdated(ev: Evaluation, study: Study, neuro: str) -> str | None:
    """Why a study no longer answers today's question (None when it is current)."""
    f = ev.facts
    done = study.performed_at
    if done is None:
        return None  # section 0: a study with no performed_at counts as current
    if STUDY_OUTDATED.met_by(f.now - done):
        return f"more than {STUDY_OUTDATED.limit} old"
    onset = f.pres.neuro_onset_at
    if neuro != "negative" and onset is not None and done < onset:
        return "older than the first neurological symptom"
    return None


def evaluate_imaging(ev: Evaluation, neuro: str) -> ImagingFacts:
    f = ev.facts
    contra = ev.case.mri_contraindicated
    im = ImagingFacts(fit_for_treatment=f.cancer.fit_for_treatment is not False)
    incomplete = []
    old_studies = []
    for i, study in enumerate(f.studies):
        why_old = _outdated(ev, study, neuro)
        if why_old:
            im.outdated.append(i)
            old_studies.append((i, study, why_old))
            continue
        if not is_answering(study, contra):
            continue
        if not study.lesions and study.metastases_excluded is not True \
                and study.cauda_equina_compression is not True:
            incomplete.append(i)
            ev.need(f"imaging.{i}.metastases_excluded")
            ev.alert(ANSWERING, "imaging_incomplete", "warning",
                     f"Study {i + 1} ({MODALITY_WORDS[study.modality]}) records no lesion and "
                     "does not say whether metastases and MSCC are excluded; it is treated as "
                     "if it did not exist until completed.")
        else:
            im.answering.append(i)
    for i, study, why_old in old_studies:
        need = ("" if im.answering else " A new whole-spine MRI is needed." if contra is not True
                else " New imaging (CT) is needed.")
        ev.alert(OUTDATED, "imaging_outdated", "warning",
                 f"Study {i + 1} ({MODALITY_WORDS[study.modality]} of "
                 f"{_day(study.performed_at)}) is {why_old}: it no longer answers, excludes "
                 f"or confirms compression.{need}")
    ev.record(OUTDATED, bool(im.outdated), outdated_studies=im.outdated,
              neuro_onset_at=f.pres.neuro_onset_at)
    im.excluded = any(f.studies[i].metastases_excluded is True for i in im.answering)
    ev.record(ANSWERING, bool(im.answering), mri_contraindicated=contra,
              answering_studies=im.answering, incomplete_studies=incomplete)
    mri_on_file = [i for i, s in enumerate(f.studies) if s.modality.startswith("mri")]
    conflict = contra is True and bool(mri_on_file)
    if conflict:
        ev.alert(MRI_CONFLICT, "mri_contraindication_conflict", "warning",
                 "MRI is recorded as contraindicated, yet an MRI is on file: check which is "
                 "true (a new implant or device?). The MRI on file still counts.")
    ev.record(MRI_CONFLICT, conflict, mri_contraindicated=contra, mri_studies=mri_on_file)

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
        if not s.complete and sins_score.POTENTIALLY_UNSTABLE.met_by(s.total_max):
            ev.need(*[c["field"] for c in s.components.values() if c["min"] != c["max"]])
            ev.alert(SINS, "sins_incomplete", "warning",
                     f"SINS at {s.level} is {s.total_min}-{s.total_max}: incomplete, and the "
                     f"maximum reaches {sins_score.POTENTIALLY_UNSTABLE.limit} (potentially "
                     "unstable). CT of the level completes it.")
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
    """Section 0: compression is shown by a current MRI or answering CT; areas are
    counted over all such studies together, however the findings are split."""
    f = ev.facts
    cauda = False
    for i, study in enumerate(f.studies):
        if i in im.outdated or not can_show_compression(study, contra):
            continue
        high = [(j, les.level) for j, les in enumerate(study.lesions or [])
                if les.bilsky_grade in HIGH_GRADE]
        if high or study.cauda_equina_compression is True:
            im.compression_studies.append(i)
            im.compression_levels |= {level for _, level in high}
            im.compressing |= {(i, j) for j, _ in high}
            cauda = cauda or study.cauda_equina_compression is True
    runs = contiguous_runs(im.compression_levels)
    im.areas = len(runs)
    # Cauda equina compression is one more area unless a compressing run reaches L1 or
    # below (then it belongs to that run's area).
    if cauda and not any(level_index(r[-1]) >= level_index(CAUDA_FROM) for r in runs):
        im.areas += 1
    im.compression_on_limited = any(f.studies[i].modality == "mri_limited"
                                    for i in im.compression_studies)
    ev.record(COMPRESSION, im.compression, compression_studies=im.compression_studies,
              levels=sorted(im.compression_levels, key=level_index), areas=im.areas,
              cauda_equina_compression=cauda)


def _day(moment) -> str:
    return f"{moment.day} {moment:%b %Y}"


def imaging_actions(ev: Evaluation, im: ImagingFacts, neuro: str) -> None:
    f = ev.facts
    contra = ev.case.mri_contraindicated is True
    which = WHOLE_SPINE_SCAN.first(mri_contraindicated=ev.case.mri_contraindicated).then
    scan, scan_text = which["action"], which["words"]
    known_lesion = im.any_lesion or f.cancer.vertebral_metastases is not None
    unfit = not im.fit_for_treatment
    epidural = im.max_bilsky is not None and \
        BILSKY_ORDER.index(im.max_bilsky) >= BILSKY_ORDER.index(EPIDURAL_FROM)
    fired_neuro = neuro != "negative" and not im.has_answering
    if fired_neuro:
        due = IMAGING_DEADLINES.first(presentation="neurology", epidural_disease=epidural).then
        ev.act(ESCALATE_NEURO, "contact_mscc_coordinator", hours(due["coordinator"]),
               f"Contact the MSCC coordinator {due_words(due['coordinator'])}: neurological "
               "symptoms or signs (or not yet assessed) - an oncological emergency.")
        if not unfit:
            ev.act(ESCALATE_NEURO, scan, hours(due["scan"]),
                   f"{scan_text} as soon as possible and always {due_words(due['scan'])} "
                   "(out of hours if needed to allow treatment).")
    ev.record(ESCALATE_NEURO, fired_neuro, neuro=neuro, answering_study=im.has_answering,
              mri_contraindicated=ev.case.mri_contraindicated,
              fit_for_treatment=f.cancer.fit_for_treatment)

    pain = f.pres.spinal_pain
    fired_pain = (neuro == "negative" and not im.has_answering
                  and (pain != "none" or known_lesion))
    if fired_pain:
        due = IMAGING_DEADLINES.first(presentation="pain_or_known_lesion",
                                      epidural_disease=epidural).then
        ev.act(ESCALATE_PAIN, "contact_mscc_coordinator", hours(due["coordinator"]),
               f"Contact the MSCC coordinator {due_words(due['coordinator'])} (pain suggestive "
               "of spinal metastases or a known spinal lesion).")
        if not unfit:
            ev.act(ESCALATE_PAIN, scan, hours(due["scan"]),
                   f"{scan_text} {due_words(due['scan'])}"
                   f"{' (epidural disease already shown)' if epidural else ''}.")
        ev.act(ESCALATE_PAIN, "safety_net_advice", None,
               "Tell the patient to seek help at once if any neurological symptom appears "
               "(weakness, numbness, walking, bladder or bowel change).")
        if pain is None:
            ev.need("presentation.spinal_pain")
    ev.record(ESCALATE_PAIN, fired_pain, neuro=neuro, spinal_pain=pain,
              known_spinal_lesion=known_lesion, max_bilsky=im.max_bilsky)

    whole_on_file = any(f.studies[i].modality == "mri_whole_spine" for i in im.answering)
    ct_on_file = any(f.studies[i].modality == "ct" for i in im.answering)
    fired_limited = im.compression_on_limited and not whole_on_file and not (
        contra and ct_on_file)
    if fired_limited and not unfit:
        due = IMAGING_DEADLINES.first(presentation="compression_on_limited_mri",
                                      epidural_disease=epidural).then
        ev.act(LIMITED_MRI, scan, hours(due["scan"]),
               f"{scan_text} {due_words(due['scan'])}: compression was shown on a limited MRI and "
               "other levels may be involved.")
    ev.record(LIMITED_MRI, fired_limited, whole_spine_mri_on_file=whole_on_file,
              answering_ct_on_file=ct_on_file, mri_contraindicated=ev.case.mri_contraindicated)

    conditional = unfit and not im.has_answering and (fired_neuro or fired_pain or fired_limited)
    if conditional:
        ev.act(UNFIT, scan, None,
               f"{scan_text} only if the result would change management (not fit for, or "
               "not wanting, investigation and treatment aimed at the spine).")
        ev.act(UNFIT, "goals_of_care_discussion", hours(GOALS_OF_CARE),
               f"Discuss goals of care with the patient and family {due_words(GOALS_OF_CARE)}.")
        ev.alert(UNFIT, "imaging_conditional", "warning",
                 "Not fit for, or not wanting, treatment aimed at the spine: imaging only if "
                 "the result would change management. The MSCC coordinator still advises.")
    ev.record(UNFIT, conditional, fit_for_treatment=f.cancer.fit_for_treatment,
              answering_study=im.has_answering)
    if not im.has_answering and f.cancer.fit_for_treatment is None:
        ev.need("cancer.fit_for_treatment")

    only_weak = bool(f.studies) and all(
        s.modality == "xray" or (s.modality == "ct" and not contra) for s in f.studies)
    if only_weak:
        ev.alert(XRAY, "xray_insufficient", "warning",
                 "Only plain X-ray or CT (without a contraindication to MRI) is on file: "
                 "it cannot diagnose or exclude spinal metastases or MSCC. MRI whole spine "
                 "is needed.")
    ev.record(XRAY, only_weak, modalities=[s.modality for s in f.studies])
