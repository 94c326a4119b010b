"""Canonical JSON: the byte form that is hashed, signed and embedded.

Sorted keys, no insignificant whitespace, UTF-8, and no null values (in mscc-case/1
null and absent both mean "not assessed")."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from engine.models.case import Case


def canonical_bytes(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def case_document(case: Case) -> dict:
    return case.model_dump(mode="json", exclude_none=True)


def canonical_case_json(case: Case) -> bytes:
    return canonical_bytes(case_document(case))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
