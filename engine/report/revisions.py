"""Reading a summary as it was in one revision, and naming what later revisions
changed (pyHanko's incremental-update structure).

A PDF grows by incremental updates: each revision may replace any object of the
ones before. A signature covers the bytes of its own revision only, so an update
added after signing can swap the embedded case.json (and any hash of it in /Info)
while the signed bytes stay intact. The case is therefore only ever taken from the
revision the signature covers (`embedded_file(reader, signed_revision, ...)`), and
when later revisions exist, `describe_changes` says in words which parts of the
document they replace."""
from __future__ import annotations

from dataclasses import dataclass, field

CASE_NAME = "case.json"
ASSESSMENT_NAME = "assessment.json"
MAX_NAME_TREE_NODES = 64  # our summaries have one node; a hostile tree is cut short


class RevisionError(ValueError):
    """The revision cannot be read as an MSCC Pathway summary."""


def open_reader(pdf: bytes):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf), strict=False)


def _name_tree_pairs(node) -> list[tuple[str, object]]:
    """(name, value) pairs of a PDF name tree, breadth-first, at most
    MAX_NAME_TREE_NODES nodes."""
    pairs: list[tuple[str, object]] = []
    queue = [node]
    visited = 0
    while queue:
        item = queue.pop(0)
        current = item.get_object() if hasattr(item, "get_object") else item
        visited += 1
        if visited > MAX_NAME_TREE_NODES:
            raise RevisionError("the list of embedded files is too large to be a summary's")
        names = current.get("/Names")
        if names is not None:
            names = names.get_object()
            for i in range(0, len(names) - 1, 2):
                pairs.append((str(names[i]), names.raw_get(i + 1) if hasattr(names, "raw_get")
                              else names[i + 1]))
        kids = current.get("/Kids")
        if kids is not None:
            queue.extend(kids.get_object())
    return pairs


def _embedded_refs(root) -> dict[str, tuple[object, object]]:
    """name -> (file specification, embedded stream), both as stored (references when
    indirect), for the files attached to the document catalogue `root`."""
    names = root.get("/Names")
    if names is None:
        return {}
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return {}
    out: dict[str, tuple[object, object]] = {}
    for name, spec_ref in _name_tree_pairs(tree.get_object()):
        if name in out:
            raise RevisionError(f"the PDF holds two embedded files named {name}")
        spec = spec_ref.get_object()
        ef = spec.get("/EF")
        stream_ref = ef.get_object().raw_get("/F") if ef is not None else None
        out[name] = (spec_ref, stream_ref)
    return out


def embedded_file(reader, revision: int, name: str) -> bytes | None:
    """The bytes of the embedded file `name` as it was in `revision` (0 = the first),
    or None when that revision has no such file."""
    root = reader.get_historical_root(revision)
    found = _embedded_refs(root).get(name)
    if found is None or found[1] is None:
        return None
    return found[1].get_object().data


def info(reader, revision: int) -> dict[str, str]:
    """The document information dictionary (/Info) as it was in `revision`."""
    try:
        ref = reader.trailer.raw_get("/Info", revision=revision)
    except KeyError:
        return {}
    resolver = reader.get_historical_resolver(revision)
    obj = resolver(ref) if hasattr(ref, "idnum") else ref.get_object()
    obj = obj.get_object()
    return {str(k): str(v.get_object()) for k, v in obj.items()}


@dataclass
class Changes:
    updates: int                       # revisions after the signed one
    appended_bytes: int                # bytes after the end of the signed range
    parts: list[str] = field(default_factory=list)  # what the updates replace, in words

    def describe(self) -> str:
        bits = []
        if self.updates:
            plural = "s" if self.updates != 1 else ""
            bits.append(f"{self.updates} update{plural} added after signing" +
                        (" replacing or adding: " + ", ".join(self.parts) if self.parts
                         else " (no object of the signed document replaced)"))
        elif self.appended_bytes:
            bits.append(f"{self.appended_bytes:,} byte{'s' if self.appended_bytes != 1 else ''} "
                        "appended after the signed range")
        return "; ".join(bits)


def _label_map(reader, revision: int) -> dict[tuple[int, int], str]:
    """Objects of the signed revision that matter to a reader, by (id, generation)."""
    labels: dict[tuple[int, int], str] = {}

    def put(ref, label: str) -> None:
        if ref is not None and hasattr(ref, "idnum"):
            labels.setdefault((ref.idnum, ref.generation), label)

    root = reader.get_historical_root(revision)
    put(reader.trailer.raw_get("/Root", revision=revision), "the document catalogue")
    try:
        put(reader.trailer.raw_get("/Info", revision=revision),
            "the document information (/Info, which records the case's hash)")
    except KeyError:
        pass
    try:
        for name, (spec, stream) in _embedded_refs(root).items():
            what = {CASE_NAME: "the embedded case (case.json)",
                    ASSESSMENT_NAME: "the embedded assessment (assessment.json)"}.get(
                name, f"the embedded file {name}")
            put(stream, what)
            put(spec, what)
        names = root.raw_get("/Names") if "/Names" in root else None
        put(names, "the list of embedded files")
        if names is not None:
            put(names.get_object().raw_get("/EmbeddedFiles")
                if "/EmbeddedFiles" in names.get_object() else None,
                "the list of embedded files")
    except RevisionError:
        pass
    if "/AcroForm" in root:
        put(root.raw_get("/AcroForm"), "the form fields (where the signature sits)")
    pages = root.get("/Pages")
    if pages is not None:
        put(root.raw_get("/Pages"), "the page list")
        stack = [pages.get_object()]
        number = 0
        while stack and number < 500:
            node = stack.pop(0)
            kids = node.get("/Kids")
            if kids is not None:
                for kid in kids.get_object():
                    put(kid, "")  # labelled when visited below
                    stack.append(kid.get_object())
                continue
            number += 1
            for key in ("/Contents", "/Annots", "/Resources"):
                if key in node:
                    raw = node.raw_get(key)
                    what = {"/Contents": f"the text and drawing of page {number}",
                            "/Annots": f"the annotations of page {number}",
                            "/Resources": f"the fonts and images of page {number}"}[key]
                    put(raw, what)
                    if key == "/Contents" and not hasattr(raw, "idnum"):
                        for item in raw:
                            put(item, what)
    # Pages visited through /Kids got "" above; give them their number.
    number = 0
    if pages is not None:
        stack = [pages.get_object()]
        while stack and number < 500:
            node = stack.pop(0)
            for kid in (node.get("/Kids") or []):
                obj = kid.get_object()
                if "/Kids" in obj:
                    stack.append(obj)
                else:
                    number += 1
                    labels[(kid.idnum, kid.generation)] = f"page {number}"
    return labels


def describe_changes(reader, signed_revision: int, pdf_length: int,
                     signed_end: int | None) -> Changes:
    """What the revisions after `signed_revision` replace or add, in words."""
    total = reader.xrefs.total_revisions
    changes = Changes(updates=max(0, total - 1 - signed_revision),
                      appended_bytes=max(0, pdf_length - signed_end) if signed_end else 0)
    if not changes.updates:
        return changes
    labels = _label_map(reader, signed_revision)
    parts: list[str] = []
    new_objects = 0
    for revision in range(signed_revision + 1, total):
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            key = (ref.idnum, ref.generation)
            label = labels.get(key)
            if label is None:
                try:
                    introduced = reader.xrefs.get_introducing_revision(ref)
                except Exception:
                    introduced = revision
                if introduced > signed_revision:
                    new_objects += 1
                    continue
                label = f"an internal object of the signed document (no. {ref.idnum})"
            if label and label not in parts:
                parts.append(label)
    try:
        signed_case = embedded_file(reader, signed_revision, CASE_NAME)
        latest_case = embedded_file(reader, total - 1, CASE_NAME)
        if signed_case != latest_case and "the embedded case (case.json)" not in parts:
            parts.insert(0, "the embedded case (case.json)")
    except Exception:
        pass
    if new_objects:
        parts.append(f"{new_objects} new object{'s' if new_objects != 1 else ''} "
                     "(e.g. text or a picture drawn over a page)")
    changes.parts = parts
    return changes


__all__ = ["CASE_NAME", "ASSESSMENT_NAME", "RevisionError", "Changes", "open_reader",
           "embedded_file", "info", "describe_changes"]
