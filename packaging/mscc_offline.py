"""MSCC Pathway's bundle is offline by construction: stand-ins for the network clients.

Installed inside the packaged app before anything else runs, by the runtime hook
packaging/pyi_rth_mscc_offline.py (packaging/mscc-pathway.spec, `runtime_hooks`); this
module is bundled as the top-level module `mscc_offline`.

The spec leaves every network client out of the bundle (aiohttp and its helpers,
certifi, requests/urllib3, lxml: NETWORK_EXCLUDES there). Two modules of the signing
stack import aiohttp when they are imported, although this app never uses
them:

- `pyhanko.sign.timestamps` imports `.aiohttp_client` (HTTPTimeStamper, a client for a
  remote RFC 3161 time-stamping server) as soon as anything signs;
- `pyhanko_certvalidator.fetchers.aiohttp_fetchers` (OCSP/CRL/certificate downloads) is
  imported only when a ValidationContext is made with allow_fetching=True, which this
  app never does.

This module puts an offline stand-in in their place. It satisfies the import, so signing
and verifying work, and it REFUSES LOUDLY if network use is ever asked for: making an
HTTPTimeStamper or a fetcher backend raises OfflineBuildError naming what was asked,
and importing any excluded package raises ModuleNotFoundError saying it was left out
on purpose. Nothing is ever skipped silently. (pyHanko's own optional-dependency
fallbacks still apply: its PDF writer and fhir_core both treat a missing lxml as "no
XMP/XML support", which this app's PDFs and JSON-only FHIR export never need; pyHanko's
change analysis then reports a changed XMP packet as suspicious, i.e. not intact.)

tests/packaging/test_offline_stubs.py installs it from the source tree with the real
packages present and proves that signing and verifying work with it, and that each
refusal is raised; `mscc-pathway self-test` checks it in the bundle (line `offline`)."""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys

# Left out of the bundle by the spec (its NETWORK_EXCLUDES start with these); importing
# one says why instead of a bare "No module named ...".
EXCLUDED_PACKAGES = (
    # aiohttp and the packages only it uses
    "aiohttp", "aiohappyeyeballs", "aiosignal", "frozenlist", "multidict", "propcache",
    "yarl",
    # CA bundle, other HTTP clients, TLS (the standard library's http.client, urllib
    # and asyncio import ssl only inside try/except ImportError)
    "certifi", "requests", "urllib3", "ssl", "_ssl",
    # XML parser that pyHanko uses only for XMP packets (this app's PDFs carry none, and
    # pyHanko's writer then skips XMP) and EU trusted lists, and fhir_core only for FHIR
    # XML (the export is JSON)
    "lxml",
)
_WHY = ("is not part of MSCC Pathway's offline build: the packaged app makes no network "
        "connection, so network clients, TLS and lxml (used by pyHanko only for XMP and "
        "EU trusted lists) are left out (packaging/mscc-pathway.spec, NETWORK_EXCLUDES)")


class OfflineBuildError(RuntimeError):
    """A network operation was requested from the offline build."""


def _refuse(what: str):
    raise OfflineBuildError(
        f"{what} needs the network, and this build of MSCC Pathway has no network "
        "client: it signs with PAdES B-B (no time-stamping server) and verifies against "
        "the trust anchors it is given, without fetching OCSP, CRLs or certificates. "
        "A time-stamping service needs a different build; see packaging/README.md.")


def _fill_timestamps_client(module) -> None:
    """Stand-in for pyhanko.sign.timestamps.aiohttp_client."""
    from pyhanko.sign.timestamps.api import TimeStamper

    class HTTPTimeStamper(TimeStamper):
        """Offline build: refuses to be created (a remote RFC 3161 server)."""

        def __init__(self, url=None, *args, **kwargs):
            _refuse(f"A timestamp from the time-stamping server {url!r}")

    module.HTTPTimeStamper = HTTPTimeStamper
    module.AIOHttpTimeStamper = HTTPTimeStamper
    module.OfflineBuildError = OfflineBuildError
    module.__all__ = ["AIOHttpTimeStamper", "HTTPTimeStamper"]


def _fill_fetchers(module) -> None:
    """Stand-in for pyhanko_certvalidator.fetchers.aiohttp_fetchers."""
    from pyhanko_certvalidator.fetchers.api import FetcherBackend

    class AIOHttpFetcherBackend(FetcherBackend):
        """Offline build: refuses to be created (OCSP, CRL and certificate downloads)."""

        def __init__(self, *args, **kwargs):
            _refuse("Fetching OCSP responses, CRLs or certificates")

    module.AIOHttpFetcherBackend = AIOHttpFetcherBackend
    module.OfflineBuildError = OfflineBuildError
    module.__all__ = ["AIOHttpFetcherBackend"]


STAND_INS = {
    "pyhanko.sign.timestamps.aiohttp_client": _fill_timestamps_client,
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": _fill_fetchers,
}


class _StandInLoader(importlib.abc.Loader):
    def __init__(self, fill):
        self.fill = fill

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module) -> None:
        module.__offline_stand_in__ = True
        self.fill(module)


class OfflineFinder(importlib.abc.MetaPathFinder):
    """First on sys.meta_path: the stand-ins above, and a clear refusal for every
    excluded package (ModuleNotFoundError, so optional-import fallbacks still work)."""

    def find_spec(self, fullname, path=None, target=None):
        fill = STAND_INS.get(fullname)
        if fill is not None:
            return importlib.util.spec_from_loader(fullname, _StandInLoader(fill))
        top = fullname.partition(".")[0]
        if top in EXCLUDED_PACKAGES:
            raise ModuleNotFoundError(f"{top} {_WHY}", name=fullname)
        return None


def install() -> None:
    """Put the finder first on sys.meta_path (once)."""
    if not installed():
        sys.meta_path.insert(0, OfflineFinder())


def installed() -> bool:
    return any(isinstance(f, OfflineFinder) for f in sys.meta_path)
