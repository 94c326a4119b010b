"""Attacks on a signed summary, built with pyHanko's incremental writer the way an
attacker would: each returns new PDF bytes whose originally signed bytes are intact."""
from __future__ import annotations

import hashlib
import io
import json

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)


def _out(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _case_filespec(writer):
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == "case.json":
            return names.raw_get(i + 1)
    raise AssertionError("no case.json")


def swap_case(pdf: bytes, new_case: dict, info_hash: str = "update") -> bytes:
    """Replace the embedded case.json in an incremental update. info_hash: "update"
    rewrites the /Info case hash to match, "delete" removes it, "keep" leaves it."""
    writer = _writer(pdf)
    data = json.dumps(new_case, sort_keys=True, separators=(",", ":")).encode()
    stream = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")},
                                  stream_data=data)
    stream_ref = writer.add_object(stream)
    spec_ref = _case_filespec(writer)
    spec = spec_ref.get_object()
    ef = spec["/EF"]
    ef[generic.NameObject("/F")] = stream_ref
    if "/UF" in ef:
        ef[generic.NameObject("/UF")] = stream_ref
    writer.update_container(spec)
    if info_hash != "keep":
        info_ref = writer.trailer.raw_get("/Info")
        info = info_ref.get_object()
        if info_hash == "update":
            info[generic.NameObject("/MSCCCaseSHA256")] = generic.TextStringObject(
                hashlib.sha256(data).hexdigest())
        else:
            del info["/MSCCCaseSHA256"]
        writer.update_container(info)
    return _out(writer)


def overlay_text(pdf: bytes, text: str = "Dexamethasone 160 mg STAT") -> bytes:
    """Draw text over page 1 in an incremental update (an overlaid dose)."""
    writer = _writer(pdf)
    font = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica")})
    font_ref = writer.add_object(font)
    content = generic.StreamObject(stream_data=(
        f"BT /Fx 14 Tf 72 500 Td ({text}) Tj ET").encode("latin-1"))
    resources = generic.DictionaryObject({generic.NameObject("/Font"): generic.DictionaryObject(
        {generic.NameObject("/Fx"): font_ref})})
    writer.add_stream_to_page(0, writer.add_object(content), resources=resources)
    return _out(writer)


def append_bytes(pdf: bytes, tail: bytes = b"\n% appended after signing\n") -> bytes:
    return pdf + tail
