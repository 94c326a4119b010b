"""File > Export FHIR…: the open case and its assessment as a FHIR R4 Bundle (JSON), for
the hospital record. The same checked, audited write as `mscc-pathway fhir`
(engine.fhir.write_bundle): validated with the R4B models, staged, audit entry, then
moved into place. Medication requests are drafts for a prescriber, never active.
What the case does not hold is named in the confirmation, never left to be guessed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog


def choose_path(parent, suggested: str) -> str:
    """Where to write (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export FHIR bundle as", suggested,
                                          "FHIR JSON (*.json)")
    return path


def export_fhir(files) -> Path | None:
    """Run from the File menu with the window's FileActions; the written path or None."""
    if not files._ready_for_output():
        return None
    case, assessment = files.session.case(), files.session.assessment
    number = str((case.get("patient") or {}).get("id") or "case")
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in number)
    path = choose_path(files.parent_widget, str(Path.home() / f"{safe}.fhir.json"))
    if not path:
        return None
    if not path.lower().endswith(".json"):
        path += ".json"
    from engine.fhir import FhirError, write_bundle

    try:
        result, out = write_bundle(case, assessment, path)
    except FhirError as exc:
        files.prompter.error("FHIR export failed", f"Nothing was written: {exc}. This is a "
                             "bug; please report it.")
        return None
    except OSError as exc:
        files.prompter.error("FHIR export failed", f"{path} was NOT written: "
                             f"{exc.strerror or exc}")
        return None
    text = (f"Written to {out}: {result.count('Observation')} observations, "
            f"{result.count('ServiceRequest')} service requests, "
            f"{result.count('MedicationRequest')} draft medication requests (drafts for a "
            "prescriber, never active prescriptions). Recorded in the audit log.")
    if result.omitted:
        text += "\n\nNot exported (not in the case):\n" + "\n".join(
            f"• {item}" for item in result.omitted)
    files.prompter.info("FHIR bundle written", text)
    return out
