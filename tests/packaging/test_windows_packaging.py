"""The Windows packaging, checked here without Windows (issue 12, item 7):

- packaging/mscc-pathway.spec, run as on Windows (sys.platform mocked, PyInstaller's
  build steps recorded instead of run): two executables from one analysis, a console
  mscc-pathway.exe and a windowed mscc-pathway-gui.exe, the .ico icon, a version
  resource, no strip, the offline runtime hook, the network exclusions; and run as on
  Linux, still exactly one executable;
- the icon: resources/icons/app.ico has the sizes Windows uses;
- the MSI definition (WiX): per-machine, Program Files, Start-menu shortcut to the
  windowed executable, the site folder in %ProgramData% locked to administrators,
  site.toml installed only when absent and never removed, a fixed UpgradeCode;
- the site.toml the MSI installs (a template that sets nothing) is a valid site file;
- build.ps1, test-install.ps1 and the CI workflow do the steps the issue asks for and
  hide no failure;
- the windowed executable answers a command in a message box (it has no console).

What only a Windows machine can show (that PyInstaller, WiX and msiexec accept all
this) is listed in packaging/windows/README.md."""
from __future__ import annotations

import re
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO

PACKAGING = REPO / "packaging"
WINDOWS = PACKAGING / "windows"
SPEC = PACKAGING / "mscc-pathway.spec"
WIX_NS = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
UPGRADE_CODE = "2E5C754B-A84E-415B-8523-1281F58CA529"  # never changes (MajorUpgrade)


# --- the spec, run as on Windows and as on Linux ----------------------------------------

class _Recorded:
    made: dict[str, list] = {}

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        _Recorded.made.setdefault(type(self).__name__, []).append(self)


class Analysis(_Recorded):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.binaries, self.datas, self.pure, self.scripts = [], [], [], []


class PYZ(_Recorded):
    pass


class EXE(_Recorded):
    pass


class COLLECT(_Recorded):
    pass


class BUNDLE(_Recorded):
    pass


def _fake_versioninfo() -> types.ModuleType:
    """PyInstaller's versioninfo needs pefile, which exists on Windows only."""
    module = types.ModuleType("PyInstaller.utils.win32.versioninfo")

    class Node:
        def __init__(self, *args, **kwargs):
            self.args, self.kwargs = args, kwargs

    for name in ("FixedFileInfo", "StringFileInfo", "StringStruct", "StringTable",
                 "VarFileInfo", "VarStruct", "VSVersionInfo"):
        setattr(module, name, type(name, (Node,), {}))
    return module


def run_spec(monkeypatch, platform: str) -> dict[str, list]:
    import PyInstaller.utils.hooks as hooks
    import PyInstaller.utils.hooks.qt as pyi_qt

    monkeypatch.setattr(hooks, "collect_submodules",
                        lambda package, filter=None, **kw: [package])
    monkeypatch.setattr(hooks, "collect_data_files", lambda package, **kw: [])
    # the spec wraps this for the build; put the original back afterwards
    monkeypatch.setattr(pyi_qt.QtLibraryInfo, "collect_plugins",
                        pyi_qt.QtLibraryInfo.collect_plugins)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", _fake_versioninfo())
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    _Recorded.made = {}
    namespace = {"SPECPATH": str(PACKAGING), "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE,
                 "COLLECT": COLLECT, "BUNDLE": BUNDLE, "__name__": "__main__"}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return {**_Recorded.made, "namespace": namespace}


def test_spec_on_windows_makes_a_console_and_a_windowed_executable(monkeypatch):
    made = run_spec(monkeypatch, "win32")
    exes = {e.kwargs["name"]: e.kwargs for e in made["EXE"]}
    assert set(exes) == {"mscc-pathway", "mscc-pathway-gui"}
    assert exes["mscc-pathway"]["console"] is True      # command line, self-test
    assert exes["mscc-pathway-gui"]["console"] is False  # Start menu: no console window
    for name, kw in exes.items():
        assert kw["icon"].endswith("app.ico") and Path(kw["icon"]).is_file(), name
        assert kw["strip"] is False and kw["upx"] is False, name
        assert kw["exclude_binaries"] is True, name  # onedir
        strings = {s.args[0]: s.args[1]
                   for s in kw["version"].kwargs["kids"][0].args[0][0].args[1]}
        assert strings["OriginalFilename"] == f"{name}.exe"
        assert strings["ProductName"] == "MSCC Pathway"
    (collect,) = made["COLLECT"]
    assert [a for a in collect.args if isinstance(a, EXE)] == made["EXE"]  # one _internal
    assert collect.kwargs["name"] == "mscc-pathway"
    assert "BUNDLE" not in made  # the .app is macOS's


def test_spec_on_windows_keeps_offline_and_the_windows_plugins(monkeypatch):
    made = run_spec(monkeypatch, "win32")
    (analysis,) = made["Analysis"]
    hooks = analysis.kwargs["runtime_hooks"]
    assert len(hooks) == 1 and Path(hooks[0]).name == "pyi_rth_mscc_offline.py"
    assert Path(hooks[0]).is_file()
    for name in ("aiohttp", "certifi", "lxml", "ssl", "pyhanko.sign.timestamps.aiohttp_client"):
        assert name in analysis.kwargs["excludes"], name
    ns = made["namespace"]
    keep = ns["_keep_binary"]
    # PySide6's Windows wheel has its plugins in PySide6\plugins\ (backslashes in TOC)
    for dest in (r"PySide6\plugins\platforms\qwindows.dll",
                 r"PySide6\plugins\printsupport\windowsprintersupport.dll",
                 r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
                 r"PySide6\plugins\imageformats\qsvg.dll", r"PySide6\Qt6PrintSupport.dll"):
        assert keep(dest), dest
    for dest in (r"PySide6\plugins\imageformats\qjpeg.dll",
                 r"PySide6\plugins\tls\qschannelbackend.dll",
                 r"PySide6\plugins\networkinformation\qnetworklistmanager.dll"):
        assert not keep(dest), dest
    for path, _dest in analysis.kwargs["datas"]:
        assert Path(path).exists(), path


def test_spec_on_linux_is_unchanged_one_stripped_console_executable(monkeypatch):
    made = run_spec(monkeypatch, "linux")
    (exe,) = made["EXE"]
    assert exe.kwargs["name"] == "mscc-pathway" and exe.kwargs["console"] is True
    assert exe.kwargs["strip"] is True and exe.kwargs["icon"] is None
    assert exe.kwargs["version"] is None


def test_windows_icon_has_the_sizes_windows_uses():
    from PIL import Image

    icon = REPO / "resources" / "icons" / "app.ico"
    with Image.open(icon) as image:
        sizes = set(image.info["sizes"])
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= sizes
    assert (REPO / "tools" / "make_icons.py").is_file()  # how it is remade from app.svg


# --- the MSI definition -----------------------------------------------------------------

@pytest.fixture(scope="module")
def wxs() -> ET.Element:
    return ET.parse(WINDOWS / "mscc-pathway.wxs").getroot()


def _one(root: ET.Element, path: str) -> ET.Element:
    found = root.findall(path, WIX_NS)
    assert len(found) == 1, (path, found)
    return found[0]


def test_msi_is_per_machine_with_a_fixed_upgrade_code(wxs):
    package = _one(wxs, "w:Package")
    assert package.get("Scope") == "perMachine"
    assert package.get("UpgradeCode") == UPGRADE_CODE
    assert package.get("Version") == "$(var.Version)"
    assert _one(package, "w:MajorUpgrade").get("DowngradeErrorMessage")
    assert _one(package, "w:MediaTemplate").get("EmbedCab") == "yes"  # one file for IT


def test_msi_installs_the_bundle_in_program_files_with_a_start_menu_shortcut(wxs):
    program_files = _one(wxs, ".//w:StandardDirectory[@Id='ProgramFiles64Folder']/w:Directory")
    assert program_files.get("Id") == "INSTALLFOLDER" and program_files.get("Name") == "MSCC Pathway"
    files = _one(wxs, ".//w:ComponentGroup[@Id='AppFiles']")
    assert files.get("Directory") == "INSTALLFOLDER"
    assert _one(files, "w:Files").get("Include") == r"!(bindpath.Bundle)\**"
    shortcut = _one(wxs, ".//w:Component[@Id='StartMenuShortcut']/w:Shortcut")
    assert shortcut.get("Target") == "[INSTALLFOLDER]mscc-pathway-gui.exe"  # no console
    key = _one(wxs, ".//w:Component[@Id='StartMenuShortcut']/w:RegistryValue")
    assert key.get("Root") == "HKLM" and key.get("KeyPath") == "yes"


def test_msi_site_config_is_installed_only_if_absent_and_never_removed(wxs):
    site_dir = _one(wxs, ".//w:StandardDirectory[@Id='CommonAppDataFolder']/w:Directory")
    assert site_dir.get("Id") == "SITEFOLDER" and site_dir.get("Name") == "MSCC Pathway"
    toml = _one(wxs, ".//w:Component[@Id='SiteToml']")
    assert toml.get("Directory") == "SITEFOLDER"
    assert toml.get("NeverOverwrite") == "yes" and toml.get("Permanent") == "yes"
    file = _one(toml, "w:File")
    assert file.get("Name") == "site.toml" and file.get("Source") == "$(var.SiteTemplate)"
    sddl = _one(wxs, ".//w:Component[@Id='SiteFolder']/w:CreateFolder/w:PermissionEx").get("Sddl")
    # protected DACL: SYSTEM and Administrators full control, Users read and execute only
    assert sddl.startswith("D:P")
    aces = re.findall(r"\(([^)]*)\)", sddl)
    assert sorted(a.split(";")[-1] for a in aces) == ["BA", "BU", "SY"]
    assert next(a for a in aces if a.endswith(";BU")).split(";")[2] == "FRFX"
    feature = _one(wxs, ".//w:Feature")
    refs = {r.get("Id") for r in feature}
    assert {"AppFiles", "StartMenuShortcut", "SiteFolder", "SiteToml", "SiteExample"} <= refs


def test_msi_component_guids_are_fixed_and_distinct(wxs):
    guids = [c.get("Guid") for c in wxs.iter(f"{{{WIX_NS['w']}}}Component")]
    assert all(re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", g) for g in guids)
    assert len(set(guids + [UPGRADE_CODE])) == len(guids) + 1


def test_the_installed_site_template_is_valid_and_sets_nothing(tmp_path):
    sys.path.insert(0, str(WINDOWS))
    try:
        import make_site_template
    finally:
        sys.path.remove(str(WINDOWS))
    from engine import site_config

    out = tmp_path / "site.toml"
    assert make_site_template.main([str(PACKAGING / "site.toml.example"), str(out)]) == 0
    raw = out.read_bytes()
    assert b"\r\n" in raw  # Notepad-friendly
    cfg = site_config.parse(raw.decode("utf-8"), out)
    assert not cfg.keys_set  # sets nothing: as with no site file
    text = raw.decode("utf-8")
    assert "sets nothing yet" in text
    example_keys = re.findall(r"^([a-z_]+) =", (PACKAGING / "site.toml.example").read_text(), re.M)
    for key in example_keys:  # every key still documented, commented out
        assert re.search(rf"^# {key} =", text, re.M), key
    # the Windows path advice in the template is itself valid TOML
    line = re.search(r"^# (trusted_certificates = \['C:.*?'\])", text, re.M).group(1)
    import tomllib
    assert tomllib.loads(line)["trusted_certificates"][0].startswith("C:\\ProgramData\\")


# --- build.ps1, test-install.ps1, the workflow --------------------------------------------

def test_build_script_does_every_step_and_hides_no_failure():
    text = (WINDOWS / "build.ps1").read_text(encoding="utf-8")
    assert '$ErrorActionPreference = "Stop"' in text and "Set-StrictMode" in text
    assert "if ($LASTEXITCODE -ne 0)" in text  # every native command is checked
    for step in ("--require-hashes", "requirements-dev.lock", "requirements-windows.lock",
                 "packaging\\mscc-pathway.spec", "bundle_contents.py\") --check",
                 "self-test", "^PASS offline", "make_site_template.py", "build (Join-Path",
                 "mscc-pathway.wxs", "-arch x64", "-bindpath \"Bundle=$Bundle\"",
                 "Get-FileHash -Algorithm SHA256", "SHA256SUMS"):
        assert step in text, step
    # no error swallowed: no SilentlyContinue on a command, no "|| true"-like idiom
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "-ErrorAction SilentlyContinue" not in code and "|| true" not in code
    assert "2>$null" not in code and "2> $null" not in code
    # the only "Ignore": looking wix up, whose absence then stops the build with a message
    assert code.count("-ErrorAction Ignore") == 1 and "the WiX Toolset is not installed" in code


def test_windows_lock_pins_the_windows_only_dependencies():
    text = (WINDOWS / "requirements-windows.lock").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9-]+)==([^ ;]+)", text, re.M))
    assert set(pins) == {"colorama", "pefile", "pywin32-ctypes"}
    assert text.count("--hash=sha256:") == 3
    assert all('sys_platform == "win32"' in line for line in text.splitlines()
               if re.match(r"^[a-z0-9-]+==", line))
    main = (REPO / "requirements-dev.lock").read_text(encoding="utf-8")
    for name in pins:
        assert f"\n{name}==" not in main, f"{name} is pinned twice"


def test_install_test_checks_silent_install_site_file_and_uninstall():
    text = (WINDOWS / "test-install.ps1").read_text(encoding="utf-8")
    for step in ('"/i"', '"/qn"', '"/x"', "self-test", "site.toml", "is not overwritten",
                 "left in place on uninstall", "users cannot write"):
        assert step in text, step


def test_ci_workflow_builds_self_tests_checksums_and_uploads_on_windows():
    import yaml

    flow = yaml.safe_load((REPO / ".github" / "workflows" / "windows.yml").read_text())
    jobs = flow["jobs"]
    assert all(job["runs-on"] == "windows-latest" for job in jobs.values())
    steps = jobs["msi"]["steps"]
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    assert "wix --version 5" in runs
    assert "./packaging/windows/build.ps1" in runs
    assert "sha256sum -c SHA256SUMS" in runs
    assert "./packaging/windows/test-install.ps1" in runs
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")
                  and "msi" in s["with"]["path"])
    assert upload["with"]["if-no-files-found"] == "error"
    for artefact in ("dist/*.msi", "dist/*.zip", "dist/SHA256SUMS"):
        assert artefact in upload["with"]["path"]
    tests = "\n".join(str(s.get("run", "")) for s in jobs["unit-tests"]["steps"])
    assert "tests/packaging/test_windows_paths.py" in tests
    assert "--require-hashes" in tests


def test_windows_readme_covers_what_it_must():
    text = (WINDOWS / "README.md").read_text(encoding="utf-8")
    for needed in ("msiexec /i", "/qn", "%ProgramData%\\MSCC Pathway\\site.toml",
                   "audit.jsonl", "%LOCALAPPDATA%", "not yet", "build.ps1", "SHA256SUMS",
                   "mscc-pathway-gui.exe", "self-test"):
        assert needed in text, needed


# --- the windowed executable ------------------------------------------------------------

def test_windowed_executable_answers_a_command_in_a_message_box(monkeypatch, capsys):
    from desktop import launcher

    told = []
    monkeypatch.setattr(launcher, "_tell_windowed", told.append)
    monkeypatch.setattr(sys, "stdout", None)  # what a windowed PyInstaller app has
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", r"C:\Program Files\MSCC Pathway\mscc-pathway-gui.exe")
    assert launcher.main(["self-test"]) == 2
    assert "mscc-pathway.exe" in told[-1] and "self-test" in told[-1]
    assert launcher.main(["evaluate", "case.json"]) == 2
    assert launcher.main(["no-such-case.json"]) == 2
    assert "no such file" in told[-1]
    assert len(told) == 3


def test_console_executable_still_prints(monkeypatch, capsys):
    from desktop import launcher

    monkeypatch.setattr(launcher, "_tell_windowed",
                        lambda m: pytest.fail("a console program must print, not pop up"))
    assert launcher.main(["no-such-case.json"]) == 2
    assert "no such file" in capsys.readouterr().err
