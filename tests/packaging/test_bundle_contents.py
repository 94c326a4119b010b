"""No networking library or package in the bundle (issue 12, item 3).

The built bundle, when there is one, is listed (every file, every Python module in the
executable's archive) and must hold none of aiohttp and its helpers, certifi,
requests, urllib3, lxml, ssl, nor libcups, libgnutls, libkrb5, libgssapi, libavahi,
libssl or Qt's network libraries. Which bundle: $MSCC_BUNDLE (a bundle folder, .tar.gz
or .deb), else dist/ of this checkout (what `bash packaging/build.sh` writes). Without
one the test is skipped, saying so; CI always checks the bundle it builds
(packaging/ci-bundle-check.sh runs packaging/bundle_contents.py --check).

The checker itself, and its agreement with the spec's exclusions, are tested on every
run without a build."""
from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

from conftest import REPO

PACKAGING = REPO / "packaging"
sys.path.insert(0, str(PACKAGING))
import bundle_contents  # noqa: E402
import mscc_offline  # noqa: E402


def _built_bundles() -> list[Path]:
    env = os.environ.get("MSCC_BUNDLE")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    dist = REPO / "dist"
    return sorted([*dist.glob("mscc-pathway-*-linux-*.tar.gz"), *dist.glob("mscc-pathway_*.deb")])


@pytest.fixture(scope="module", params=_built_bundles() or [None],
                ids=lambda p: p.name if p else "no-bundle")
def built(request, tmp_path_factory):
    target = request.param
    if target is None:
        pytest.skip("no bundle built in dist/ (run `bash packaging/build.sh`, or set "
                    "MSCC_BUNDLE=path/to/bundle-or.tar.gz); CI checks the bundle it builds "
                    "in packaging/ci-bundle-check.sh")
    if not target.exists():
        pytest.fail(f"MSCC_BUNDLE names {target}, which does not exist")
    folder = target if target.is_dir() else bundle_contents.unpack(
        target, tmp_path_factory.mktemp("bundle"))
    return target, bundle_contents.read_bundle(folder)


def test_built_bundle_has_no_network_library_or_package(built):
    target, contents = built
    assert contents.modules, "no Python modules read from the executable's archive"
    assert bundle_contents.problems(contents.files, contents.modules) == [], target


def test_built_bundle_still_signs_prints_and_has_its_stand_ins(built):
    """What the exclusions must not take away: the signing stack, Qt's print plugin
    (Linux: its CUPS library is the system's), and the offline stand-ins' module."""
    _target, contents = built
    modules = set(contents.modules)
    for needed in ("pyhanko.sign.signers", "pyhanko.sign.timestamps",
                   "pyhanko_certvalidator", "mscc_offline", "engine.report.signing"):
        assert needed in modules, needed
    plugins = [f for f in contents.files if "/plugins/printsupport/" in f]
    assert plugins, "Qt's print support plugin is missing: printing would list no printer"


# --- the checker, on made-up contents --------------------------------------------------

def test_checker_names_each_forbidden_file_and_module():
    files = ["mscc-pathway", "_internal/libQt6Core.so.6", "_internal/libcups.so.2",
             "_internal/libgnutls.so.30", "_internal/libgssapi_krb5.so.2",
             "_internal/libavahi-client.so.3", "_internal/libkrb5.so.3",
             "_internal/libssl.so.3", "_internal/python3.11/lib-dynload/_ssl.cpython-311.so",
             "_internal/certifi/cacert.pem", "_internal/lxml/etree.cpython-311.so",
             "_internal/aiohttp-3.14.5.dist-info/METADATA", "_internal/libssl-3-x64.dll",
             "_internal/PySide6/Qt6Network.dll"]
    modules = ["engine", "pyhanko.sign", "aiohttp.client", "yarl", "multidict._abc",
               "requests", "urllib3.util", "ssl", "pyhanko.sign.timestamps.aiohttp_client",
               "fhir_core.xml_utils", "pyhanko_certvalidator.fetchers.aiohttp_fetchers.util"]
    found = bundle_contents.problems(files, modules)
    text = "\n".join(found)
    for name in files[2:] + modules[2:]:
        assert name in text, name
    assert "libQt6Core" not in text and " engine" not in text and "pyhanko.sign:" not in text
    assert len(found) == len(files) - 2 + len(modules) - 2


def test_checker_passes_what_the_app_needs():
    files = ["mscc-pathway", "_internal/libcrypto.so.3", "_internal/libQt6PrintSupport.so.6",
             "_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
             "_internal/python3.11/lib-dynload/_hashlib.cpython-311-x86_64-linux-gnu.so",
             "_internal/python3.11/lib-dynload/_socket.cpython-311-x86_64-linux-gnu.so",
             "_internal/cryptography/hazmat/bindings/_rust.abi3.so"]
    modules = ["socket", "asyncio", "http.client", "urllib.parse", "pyhanko.sign.timestamps",
               "pyhanko.sign.timestamps.api", "email.utils", "sslproto_like", "lxmlish"]
    assert bundle_contents.problems(files, modules) == []


def test_the_spec_excludes_exactly_what_is_checked():
    spec = (PACKAGING / "mscc-pathway.spec").read_text(encoding="utf-8")
    assert "from bundle_contents import" in spec
    assert "NETWORK_EXCLUDES = list(EXCLUDED_PACKAGES) + list(NETWORK_ONLY_MODULES)" in spec
    assert "] + NETWORK_EXCLUDES" in spec  # part of Analysis' excludes
    assert "startswith(SYSTEM_ONLY_LIBRARIES)" in spec  # the binary filter
    assert 'runtime_hooks=[os.path.join(SPECPATH, "pyi_rth_mscc_offline.py")]' in spec
    hook = (PACKAGING / "pyi_rth_mscc_offline.py").read_text(encoding="utf-8")
    assert "mscc_offline.install()" in hook
    for name in ("aiohttp", "aiosignal", "frozenlist", "multidict", "yarl", "aiohappyeyeballs",
                 "propcache", "certifi", "requests", "urllib3", "lxml", "ssl"):
        assert name in mscc_offline.EXCLUDED_PACKAGES, name
    for lib in ("libcups", "libgnutls", "libkrb5", "libgssapi", "libavahi", "libssl"):
        assert any(p.startswith(lib) for p in bundle_contents.FORBIDDEN_LIBRARIES), lib
    # every library left to the system is a forbidden one (none is merely "trimmed")
    assert set(bundle_contents.SYSTEM_ONLY_LIBRARIES) <= set(bundle_contents.FORBIDDEN_LIBRARIES)


def test_the_deb_depends_on_the_system_cups_library():
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    depends = next(line for line in build.splitlines() if line.startswith("deb_depends="))
    assert "libcups2 | libcups2t64" in depends  # Debian 12 | Debian 13 name


def test_ci_enforces_the_check_on_what_it_builds():
    script = (PACKAGING / "ci-bundle-check.sh").read_text(encoding="utf-8")
    assert '"$here/bundle_contents.py" --check "$(dirname "$exe")"' in script
    assert '"$here/bundle_contents.py" --check "$deb"' in script
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "packaging/ci-bundle-check.sh" in ci


def test_runtime_hook_module_is_valid_python_without_side_effects_on_import():
    tree = ast.parse((PACKAGING / "mscc_offline.py").read_text(encoding="utf-8"))
    top_level_calls = [n for n in tree.body if isinstance(n, ast.Expr)
                       and isinstance(n.value, ast.Call)]
    assert top_level_calls == []  # installed by the runtime hook, not by importing
