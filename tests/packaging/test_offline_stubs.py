"""The offline stand-ins of the packaged app (packaging/mscc_offline.py), from the source
tree: with the real aiohttp, certifi, lxml and ssl still installed, the stand-ins'
finder hides them exactly as the bundle lacks them, and signing and verifying a
summary still work; asking for a time-stamping server or for OCSP/CRL fetching raises a
clear error instead of doing nothing. Each runs in a fresh interpreter, so the finder
never touches this test process."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

PACKAGING = REPO / "packaging"

PRELUDE = f"""
import sys, json
sys.path.insert(0, {str(PACKAGING)!r})
import mscc_offline
mscc_offline.install()
"""


def _run(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PRELUDE + code], capture_output=True,
                            text=True, cwd=REPO, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sign_and_verify_work_without_any_network_package():
    out = _run("""
from engine.selftest import check_pdf
line = check_pdf()  # render, sign, verify (trusted), embedded case, appended byte caught
import pyhanko.sign.timestamps as ts
loaded = sorted(m for m in sys.modules
                if m.partition('.')[0] in mscc_offline.EXCLUDED_PACKAGES)
print(json.dumps({"line": line, "loaded": loaded,
                  "stand_in": getattr(sys.modules['pyhanko.sign.timestamps.aiohttp_client'],
                                      '__offline_stand_in__', False)}))
""")
    assert out["line"].endswith("signed and verified")
    assert out["loaded"] == []  # not one of them was imported
    assert out["stand_in"] is True


def test_a_time_stamping_server_is_refused_loudly():
    out = _run("""
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign import fields
assert issubclass(HTTPTimeStamper, TimeStamper)
errors = []
for make in (lambda: HTTPTimeStamper("http://tsa.example/"),
             lambda: fields.SigSeedValueSpec(timestamp_server_url="http://tsa.example/")
                     .build_timestamper()):
    try:
        make()
        errors.append(None)
    except mscc_offline.OfflineBuildError as exc:
        errors.append(str(exc))
print(json.dumps(errors))
""")
    assert None not in out
    assert "http://tsa.example/" in out[0] and "needs the network" in out[0]
    assert "PAdES B-B" in out[0]


def test_fetching_revocation_data_is_refused_loudly():
    out = _run("""
from pyhanko_certvalidator import ValidationContext
try:
    ValidationContext(allow_fetching=True)
    print(json.dumps(None))
except mscc_offline.OfflineBuildError as exc:
    print(json.dumps(str(exc)))
""")
    assert out and "OCSP" in out and "needs the network" in out


def test_importing_an_excluded_package_says_why():
    out = _run("""
result = {}
for name in mscc_offline.EXCLUDED_PACKAGES + ("aiohttp.client", "lxml.etree"):
    try:
        __import__(name)
        result[name] = None
    except ModuleNotFoundError as exc:
        result[name] = str(exc)
print(json.dumps(result))
""")
    for name, message in out.items():
        assert message and "not part of MSCC Pathway's offline build" in message, name


def test_optional_lxml_users_fall_back_without_it():
    """fhir_core and pyHanko's writer treat a missing lxml as "no XML support": the FHIR
    export (JSON) still works, and verifying our own summaries never needs XMP."""
    out = _run("""
import fhir_core.constraints as c
import engine
from engine.fhir import dumps, export_case
case = json.load(open("examples/index-case-c5.json", encoding="utf-8"))
bundle = json.loads(dumps(export_case(case, engine.assess(case)).bundle))
print(json.dumps({"xml": c.HAS_XML_SUPPORT, "type": bundle["resourceType"],
                  "entries": len(bundle["entry"])}))
""")
    assert out["xml"] is False
    assert out["type"] == "Bundle" and out["entries"] > 3


def test_install_is_idempotent():
    out = _run("""
mscc_offline.install()
print(json.dumps(sum(isinstance(f, mscc_offline.OfflineFinder) for f in sys.meta_path)))
""")
    assert out == 1
