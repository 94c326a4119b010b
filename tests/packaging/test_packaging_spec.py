"""The PyInstaller spec and the packaging scripts, checked without building: the data
files the bundle needs are listed and exist, test tooling and unused Qt modules are
excluded, nothing from tests/ is collected, and the app never imports a Qt module the
spec excludes (that would only show as a crash inside the bundle)."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess

import pytest

from conftest import REPO

PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "mscc-pathway.spec"


@pytest.fixture(scope="module")
def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"))


def _assigned(tree: ast.Module, name: str) -> ast.AST:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value
    raise AssertionError(f"{name} is not assigned in the spec")


def _root_paths(node: ast.AST) -> list[str]:
    """Every os.path.join(ROOT, "a", "b") under node, as "a/b"."""
    found = []
    for call in ast.walk(node):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "join" and call.args
                and isinstance(call.args[0], ast.Name) and call.args[0].id == "ROOT"):
            found.append("/".join(a.value for a in call.args[1:]))
    return found


def test_spec_lists_the_data_files_the_app_reads(spec_tree):
    sources = _root_paths(_assigned(spec_tree, "datas"))
    for needed in ("seeds/sources.toml", "resources/fonts", "resources/icons",
                   "resources/style.qss", "engine/selftest_cases"):
        assert needed in sources, f"{needed} is not collected by the spec"
    for rel in sources:
        assert (REPO / rel).exists(), f"the spec collects {rel}, which does not exist"
        assert not rel.startswith(("tests", "bench")), rel
    text = SPEC.read_text()
    for pkg in ("pyhanko", "pyhanko_certvalidator", "asn1crypto"):
        assert f'"{pkg}"' in text


def test_every_resource_file_is_inside_a_collected_folder(spec_tree):
    sources = _root_paths(_assigned(spec_tree, "datas"))
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            rel = path.relative_to(REPO).as_posix()
            assert any(rel == s or rel.startswith(s + "/") for s in sources), rel


def test_spec_excludes_test_tooling_and_unused_qt(spec_tree):
    unused = ast.literal_eval(_assigned(spec_tree, "QT_MODULES_UNUSED"))
    for module in ("QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtQml",
                   "QtQuick", "QtMultimedia", "QtSql", "QtTest"):
        assert module in unused
    for keep in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert keep not in unused
    excludes = ast.unparse(_assigned(spec_tree, "excludes"))
    for name in ("hypothesis", "pytest", "_pytest", "pytestqt", "tests", "tkinter"):
        assert f"'{name}'" in excludes


def test_spec_is_onedir_stripped_and_filters_qt_plugins(spec_tree):
    text = SPEC.read_text()
    assert "exclude_binaries=True" in text and "COLLECT(" in text  # onedir
    assert "strip=STRIP" in text and "upx=False" in text
    keep = ast.literal_eval(_assigned(spec_tree, "QT_PLUGINS_KEEP"))
    assert keep["platforms"][:2] == ("qxcb", "qoffscreen")
    assert "wayland-shell-integration" not in keep and "qmltooling" not in keep
    assert "QtLibraryInfo.collect_plugins" in text


def _qt_modules_imported() -> dict[str, set[str]]:
    pattern = re.compile(r"(?:from\s+PySide6\.(Qt\w+)|from\s+PySide6\s+import\s+([\w ,()]+)|"
                         r"import\s+PySide6\.(Qt\w+))")
    found: dict[str, set[str]] = {}
    for folder in ("desktop", "engine", "resources"):
        for path in (REPO / folder).rglob("*.py"):
            for m in pattern.finditer(path.read_text(encoding="utf-8")):
                names = [m.group(1) or m.group(3)] if not m.group(2) else \
                    [n.strip(" ()") for n in m.group(2).split(",")]
                for name in names:
                    if name.startswith("Qt"):
                        found.setdefault(name, set()).add(path.relative_to(REPO).as_posix())
    return found


def test_app_never_imports_a_qt_module_the_spec_excludes(spec_tree):
    unused = set(ast.literal_eval(_assigned(spec_tree, "QT_MODULES_UNUSED")))
    used = _qt_modules_imported()
    assert {"QtCore", "QtWidgets"} <= set(used)
    clash = {m: sorted(files) for m, files in used.items() if m in unused}
    assert clash == {}, ("these modules are excluded in packaging/mscc-pathway.spec "
                         f"but imported: {clash}")


def test_engine_never_imports_qt():
    offenders = [p.relative_to(REPO).as_posix() for p in (REPO / "engine").rglob("*.py")
                 if re.search(r"^\s*(from|import)\s+PySide6", p.read_text(), re.M)]
    assert offenders == []


@pytest.mark.parametrize("script", ["build.sh", "ci-bundle-check.sh"])
def test_scripts_are_valid_bash(script):
    result = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_build_copies_no_tests_into_the_build_tree():
    text = (PACKAGING / "build.sh").read_text()
    copied = re.search(r"for item in ([^;]+); do", text).group(1).split()
    assert "tests" not in copied and "bench" not in copied
    assert {"engine", "desktop", "seeds", "resources", "packaging"} <= set(copied)
    assert "--require-hashes -r \"$tmp/src/requirements-dev.lock\"" in text


def test_deb_metadata_declares_dependencies_and_only_the_audit_folder_script():
    text = (PACKAGING / "build.sh").read_text()
    depends = re.search(r'^deb_depends="([^"]+)"', text, re.M).group(1)
    for pkg in ("libgl1", "libegl1", "libfontconfig1", "fonts-dejavu-core", "xkb-data"):
        assert pkg in depends
    code = re.sub(r"#.*", "", text)
    for script in ("prerm", "postrm", "preinst"):
        assert script not in code
    assert 'install -m 0755 "$here/linux/postinst" "$stage/DEBIAN/postinst"' in code
    postinst = (PACKAGING / "linux" / "postinst").read_text()
    # The shared audit folder: group-writable, setgid, made once, never removed.
    assert "addgroup --system --quiet mscc-pathway" in postinst
    assert "install -d -m 2770 -o root -g mscc-pathway /var/lib/mscc-pathway" in postinst
    assert "set -e" in postinst and "rm " not in postinst
    control = (PACKAGING / "linux" / "control.in").read_text()
    assert "Depends: @DEPENDS@, adduser" in control


def test_desktop_entry_is_valid():
    entry = PACKAGING / "linux" / "mscc-pathway.desktop"
    text = entry.read_text()
    assert "Exec=/usr/bin/mscc-pathway %f" in text and "Icon=mscc-pathway" in text
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_shared_code_has_no_linux_only_paths():
    """The spec and the Python code must build and run on Windows and macOS too."""
    linux_only = re.compile(r"[\"'](/etc/|/opt/|/usr/|/tmp/|/proc/|/home/)")
    # the per-platform helpers: site file default path; /proc read on Linux only
    allowed = {"engine/site_config.py", "engine/os_compat.py"}
    offenders = []
    for path in [SPEC, PACKAGING / "entry.py", *(REPO / "engine").rglob("*.py"),
                 *(REPO / "desktop").glob("selftest*.py")]:
        rel = path.relative_to(REPO).as_posix()
        if rel not in allowed and linux_only.search(path.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert offenders == []


def test_deb_metadata_is_what_lintian_and_it_need():
    """Measured with lintian on the built .deb (0 errors): a real maintainer address,
    libc6 declared, a Debian changelog, the LGPL named by its common-licenses path, and
    every lintian override carrying its reason on the line above."""
    linux = PACKAGING / "linux"
    control = (linux / "control.in").read_text(encoding="utf-8")
    assert "@localhost" not in control
    assert "libc6" in (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert (linux / "changelog").read_text(encoding="utf-8").startswith("mscc-pathway (")
    assert "/usr/share/common-licenses/LGPL-3" in (linux / "copyright").read_text(encoding="utf-8")
    lines = (linux / "lintian-overrides").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("mscc-pathway:"):
            j = i - 1
            while j >= 0 and lines[j].startswith("mscc-pathway:"):
                j -= 1
            assert j >= 0 and lines[j].startswith("# "), f"override without a reason: {line}"
