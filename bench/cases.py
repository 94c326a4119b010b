"""The case documents the benchmark runs on.

- bench/cases/*.json: copies of a few golden cases' "case" objects (plain mscc-case/1
  documents), so the benchmark runs in a clone without ../shared.
- ../shared/vignettes/*.json: every golden case, used too when that directory exists.
- The motivating case is vignette 01 (bench/cases/01-index-case-c5-myelopathy.json).
- The scale case is the motivating case with 20 imaging studies and 40 lesions."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
CASES_DIR = BENCH_DIR / "cases"
SHARED_VIGNETTES = ROOT.parent / "shared" / "vignettes"
MOTIVATING = "01-index-case-c5-myelopathy"


@dataclass
class CaseDoc:
    name: str
    source: str   # "bench/cases" or "../shared/vignettes"
    text: str     # the JSON document exactly as the engine would read it

    @property
    def data(self) -> dict:
        return json.loads(self.text)


def _canonical(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def load_cases(shared: Path | None = SHARED_VIGNETTES) -> list[CaseDoc]:
    """Bundled copies plus every golden case in ../shared (when present), without
    duplicates (same case content counts once; the shared copy's name wins)."""
    found: dict[str, CaseDoc] = {}
    if shared is not None and shared.is_dir():
        for path in sorted(shared.glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            case = doc.get("case") if isinstance(doc, dict) else None
            if isinstance(case, dict):
                found[_canonical(case)] = CaseDoc(path.stem, "../shared/vignettes",
                                                  json.dumps(case, indent=2, ensure_ascii=False))
    for path in sorted(CASES_DIR.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        key = _canonical(json.loads(text))
        if key not in found:
            found[key] = CaseDoc(path.stem, "bench/cases", text)
    return sorted(found.values(), key=lambda c: c.name)


def motivating_case_path() -> Path:
    return CASES_DIR / f"{MOTIVATING}.json"


def motivating_case() -> dict:
    return json.loads(motivating_case_path().read_text(encoding="utf-8"))


LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
          + [f"L{i}" for i in range(1, 6)] + [f"S{i}" for i in range(1, 6)])
MODALITIES = ("xray", "ct", "mri_limited", "mri_whole_spine")


def scale_case(studies: int = 20, lesions: int = 40) -> dict:
    """The motivating case with `studies` imaging studies holding `lesions` lesions in all
    (spread evenly, every field the format allows filled in on CT and MRI), the most
    recent study 3 hours before assessed_at."""
    case = copy.deepcopy(motivating_case())
    assessed = datetime.fromisoformat(case["assessed_at"])
    per_study = [lesions // studies + (1 if i < lesions % studies else 0) for i in range(studies)]
    imaging = []
    k = 0
    for i in range(studies):
        modality = MODALITIES[i % len(MODALITIES)]
        items = []
        for _ in range(per_study[i]):
            lesion = {"level": LEVELS[k % len(LEVELS)],
                      "lesion_type": ("lytic", "mixed", "blastic")[k % 3]}
            if modality != "xray":
                lesion["alignment"] = ("normal", "deformity", "subluxation")[k % 3]
                lesion["collapse"] = ("none", "under_50", "over_50", "none_over_50_involved")[k % 4]
                lesion["posterolateral"] = ("none", "unilateral", "bilateral")[k % 3]
            if modality.startswith("mri"):
                lesion["bilsky_grade"] = ("0", "1a", "1b", "1c", "2", "3")[k % 6]
            items.append(lesion)
            k += 1
        imaging.append({
            "modality": modality,
            "performed_at": (assessed - timedelta(hours=3 + 24 * i)).isoformat(),
            "metastases_excluded": False,
            "cauda_equina_compression": False,
            "lesions": items,
        })
    case["imaging"] = imaging
    case["patient"]["name"] = "Scale Case Twenty Studies"
    return case


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
