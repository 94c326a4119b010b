"""What is inside a built MSCC Pathway bundle, and whether anything network-facing came
back into it (issue 12: the bundle carries no networking libraries or packages).

    python packaging/bundle_contents.py [--check] [--list] TARGET

TARGET is a onedir bundle folder (the one holding the `mscc-pathway` executable and
`_internal/`), the .tar.gz that packaging/build.sh makes, or its .deb (unpacked with
dpkg-deb). It reads three things:

- every file (shared libraries by name: libcups.so.2, libssl-3.dll, ...);
- every Python module inside the executable's PYZ archive, read with PyInstaller's own
  archive reader, so this needs the environment the bundle was built from
  (requirements-dev.lock; `bash scripts/setup.sh --dev` makes one in .venv);
- the modules in base_library.zip.

--check exits 1 and names each forbidden item found (FORBIDDEN_* below); --list prints
every file and module. Without either it prints the counts and the size.

Used by packaging/ci-bundle-check.sh (CI: every build) and by
tests/packaging/test_bundle_contents.py. packaging/mscc-pathway.spec imports the lists
from here, so what is excluded and what is checked cannot drift apart."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mscc_offline import EXCLUDED_PACKAGES  # noqa: E402

# Modules of the bundled packages that exist only to use the excluded network clients
# (the spec excludes them; packaging/mscc_offline.py stands in for the first and third).
NETWORK_ONLY_MODULES = (
    "pyhanko.sign.timestamps.aiohttp_client",
    "pyhanko.sign.timestamps.requests_client",
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers",
    "pyhanko_certvalidator.fetchers.requests_fetchers",
    "pyhanko.sign.signers.csc_signer",  # remote signing service (Cloud Signature Consortium)
    "pyhanko.sign.validation.qualified.eutl_fetch",  # downloads the EU trusted lists
    "pyhanko.sign.validation.qualified.eutl_parse",  # parses them (lxml)
    "fhir_core.xml_utils",  # FHIR XML (lxml); the export is JSON
)
FORBIDDEN_MODULES = EXCLUDED_PACKAGES + NETWORK_ONLY_MODULES

# Linux: the libraries that only Qt's CUPS print plugin pulls in. The plugin uses the
# system's libcups (the .deb depends on libcups2), so none of these is bundled.
SYSTEM_ONLY_LIBRARIES = (
    "libcups.so", "libgssapi_krb5.so", "libkrb5.so", "libk5crypto.so", "libkrb5support.so",
    "libcom_err.so", "libkeyutils.so", "libavahi-client.so", "libavahi-common.so",
    "libgnutls.so", "libp11-kit.so", "libidn2.so", "libunistring.so", "libtasn1.so",
    "libnettle.so", "libhogweed.so", "libgmp.so",
)
# File-name prefixes that must never be in a bundle, on any platform (matched without
# regard to case): the CUPS chain above, TLS (OpenSSL's libssl and Python's _ssl module:
# the bundle needs libcrypto only, for hashlib), and Qt's network pieces.
FORBIDDEN_LIBRARIES = SYSTEM_ONLY_LIBRARIES + (
    "libgssapi", "libkrb5", "libavahi", "libgnutls",  # also other sonames of the same
    "libssl", "_ssl.", "ssleay", "libqt6network", "qt6network", "libqopensslbackend",
    "qopensslbackend", "qschannelbackend", "qcertonlybackend",
)


def _norm(name: str) -> str:
    return re.sub(r"[-.]", "_", name).lower()


_FORBIDDEN_DIRS = {_norm(p) for p in EXCLUDED_PACKAGES}


@dataclass
class Contents:
    root: Path
    files: list[str] = field(default_factory=list)      # relative, "/"-separated
    modules: list[str] = field(default_factory=list)    # Python module names
    size: int = 0                                       # bytes of all files

    @property
    def libraries(self) -> list[str]:
        return [f for f in self.files if re.search(r"\.(so(\.[\d.]+)?|dll|pyd|dylib)$", f, re.I)]


def problems(files: list[str], modules: list[str]) -> list[str]:
    """Each forbidden file or module, as one line naming it and why."""
    found = []
    for rel in files:
        base = rel.rsplit("/", 1)[-1].lower()
        if base.startswith(tuple(p.lower() for p in FORBIDDEN_LIBRARIES)):
            found.append(f"library {rel}: network-facing (TLS, Kerberos, mDNS, CUPS or Qt "
                         "network), never bundled (FORBIDDEN_LIBRARIES)")
            continue
        for part in rel.split("/")[:-1]:
            name = _norm(re.sub(r"-[\d].*\.(dist|egg)-info$", "", part))
            if name in _FORBIDDEN_DIRS:
                found.append(f"package files {rel}: {part} is excluded (mscc_offline.EXCLUDED_PACKAGES)")
                break
    for module in modules:
        for bad in FORBIDDEN_MODULES:
            if module == bad or module.startswith(bad + "."):
                found.append(f"Python module {module}: excluded ({bad})")
                break
    return found


def find_executable(bundle: Path) -> Path:
    for name in ("mscc-pathway", "mscc-pathway.exe"):
        if (bundle / name).is_file():
            return bundle / name
    raise SystemExit(f"bundle_contents: no mscc-pathway executable in {bundle}")


def pyz_modules(executable: Path) -> list[str]:
    """Module names in the PYZ archive inside the executable (PyInstaller's reader)."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        raise SystemExit("bundle_contents: PyInstaller is not installed in this Python "
                         f"({sys.executable}); run it with the build environment, e.g. "
                         ".venv/bin/python after `bash scripts/setup.sh --dev`") from None
    archive = CArchiveReader(str(executable))
    names = []
    for name, entry in archive.toc.items():
        if entry[-1] == "z":  # an embedded PYZ
            names.extend(archive.open_embedded_archive(name).toc.keys())
    if not names:
        raise SystemExit(f"bundle_contents: no PYZ archive found in {executable}")
    return sorted(names)


def read_bundle(bundle: Path) -> Contents:
    bundle = Path(bundle)
    contents = Contents(bundle)
    for dirpath, _dirs, names in os.walk(bundle):
        for name in names:
            path = Path(dirpath) / name
            contents.files.append(path.relative_to(bundle).as_posix())
            contents.size += path.lstat().st_size
    contents.files.sort()
    contents.modules = pyz_modules(find_executable(bundle))
    base = bundle / "_internal" / "base_library.zip"
    if base.is_file():
        with zipfile.ZipFile(base) as zf:
            contents.modules += sorted(
                n[:-4].replace("/", ".").removesuffix(".__init__")
                for n in zf.namelist() if n.endswith(".pyc"))
    return contents


def unpack(target: Path, into: Path) -> Path:
    """The bundle folder inside a .tar.gz or .deb, unpacked into `into`."""
    if target.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(target) as tf:
            tf.extractall(into, filter="data")
    elif target.suffix == ".deb":
        if not shutil.which("dpkg-deb"):
            raise SystemExit("bundle_contents: dpkg-deb is needed to read a .deb")
        subprocess.run(["dpkg-deb", "-x", str(target), str(into)], check=True)
    else:
        raise SystemExit(f"bundle_contents: {target} is not a folder, .tar.gz or .deb")
    for candidate in sorted(into.rglob("_internal")):
        if candidate.is_dir():
            return candidate.parent
    raise SystemExit(f"bundle_contents: no bundle (_internal/) inside {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="bundle folder, .tar.gz or .deb")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a forbidden library or package is inside")
    parser.add_argument("--list", action="store_true", help="print every file and module")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mscc-contents-") as tmp:
        bundle = args.target if args.target.is_dir() else unpack(args.target, Path(tmp))
        contents = read_bundle(bundle)
        if args.list:
            for rel in contents.files:
                print(f"file {rel}")
            for module in contents.modules:
                print(f"module {module}")
        summary = (f"{len(contents.files)} files ({len(contents.libraries)} shared "
                   f"libraries), {len(contents.modules)} Python modules, "
                   f"{contents.size / 2**20:.1f} MiB")
        if not args.check:
            print(f"{args.target}: {summary}")
            return 0
        found = problems(contents.files, contents.modules)
        for line in found:
            print(f"FAIL {line}")
        if found:
            print(f"FAIL {args.target}: {len(found)} forbidden item(s) in the bundle")
            return 1
        print(f"PASS no network library or package in {args.target.name} ({summary})")
        return 0


if __name__ == "__main__":
    sys.exit(main())
