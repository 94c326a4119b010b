#!/usr/bin/env bash
# Builds the MSCC Pathway bundle from a CLEAN virtual environment and packs it.
#
#   bash packaging/build.sh [--out DIR] [--no-deb] [--keep-temp]
#
# Linux produces, in DIR (default: dist/ at the repository root):
#   mscc-pathway-<version>-linux-<arch>.tar.gz   the onedir bundle (+ site.toml.example)
#   mscc-pathway_<version>_<debarch>.deb           installs under /opt/mscc-pathway
# macOS produces the .tar.gz (mscc-pathway-<version>-macos-<arch>.tar.gz) only.
# Windows: see packaging/README.md (PowerShell steps; this script needs bash).
#
# How: the sources PyInstaller needs (engine, desktop, seeds, resources, packaging,
# pyproject.toml) are copied to a temporary directory, a new venv is made there from
# requirements-dev.lock with --require-hashes, and PyInstaller runs with
# packaging/mscc-pathway.spec. Nothing from tests/ (or any other file of the work tree)
# can reach the bundle, and no package installed elsewhere on the machine can leak in.
#
# Reproducibility: SOURCE_DATE_EPOCH (default: the last commit's time) fixes the
# timestamps inside the .tar.gz and the .deb; two builds of one commit contain the same
# file list (packaging/ci-bundle-check.sh --reproducibility checks that).
#
# Environment: PYTHON (interpreter for the venv, default python3; must be the version
# the lock was made for, 3.11), DEB_COMPRESSION (gzip|xz|zstd, default gzip: xz is
# smaller but takes minutes on a 2-core machine).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/dist"
make_deb=1
keep_temp=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --no-deb) make_deb=0; shift ;;
    --keep-temp) keep_temp=1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

py=${PYTHON:-python3}
start=$(date +%s)
log() { printf '[build %3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

version=$("$py" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos; make_deb=0 ;;
  *) echo "build.sh: $(uname -s) is not supported by this script; see packaging/README.md" >&2; exit 2 ;;
esac
arch=$(uname -m)
case "$arch" in
  x86_64|amd64) arch=x86_64; debarch=amd64 ;;
  aarch64|arm64) arch=arm64; debarch=arm64 ;;
  *) debarch=$arch ;;
esac

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0 LANG=C.UTF-8 LC_ALL=C.UTF-8
export PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mscc-build.XXXXXX")
cleanup() { if [ "$keep_temp" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

# 1. The sources, and nothing else.
log "copying sources to $tmp/src"
mkdir -p "$tmp/src"
for item in engine desktop seeds resources packaging pyproject.toml requirements-dev.lock; do
  cp -R "$root/$item" "$tmp/src/"
done
find "$tmp/src" -name __pycache__ -type d -prune -exec rm -rf {} +
rm -rf "$tmp/src/packaging/bench"

# 2. A clean venv from the lock (hashes required).
log "creating venv from requirements-dev.lock ($("$py" --version 2>&1))"
"$py" -m venv "$tmp/venv"
vpy="$tmp/venv/bin/python"
# The interpreter's bundled pip (23.x) rejects a hashed lock with extras
# (coverage[toml]) under --require-hashes; pip 24 or newer reads it.
"$vpy" -m pip install -q --disable-pip-version-check --upgrade "pip>=24" \
  > "$tmp/pip-upgrade.log" 2>&1 || { cat "$tmp/pip-upgrade.log" >&2; exit 1; }
"$vpy" -m pip install -q --no-compile --require-hashes -r "$tmp/src/requirements-dev.lock" \
  > "$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log" >&2; exit 1; }

# 3. PyInstaller.
log "running PyInstaller"
(cd "$tmp/src" && "$vpy" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$tmp/dist" --workpath "$tmp/work" packaging/mscc-pathway.spec)
bundle="$tmp/dist/mscc-pathway"
[ -x "$bundle/mscc-pathway" ] || { echo "build.sh: PyInstaller produced no executable" >&2; exit 1; }

# Nothing from the tests, ever (the spec excludes them; this proves it).
if find "$bundle" \( -path '*/tests/*' -o -name 'conftest*' -o -path '*/_pytest/*' \
     -o -path '*/hypothesis/*' -o -path '*/pytestqt/*' \) | grep -q .; then
  echo "build.sh: test files found in the bundle:" >&2
  find "$bundle" \( -path '*/tests/*' -o -name 'conftest*' -o -path '*/_pytest/*' \
     -o -path '*/hypothesis/*' -o -path '*/pytestqt/*' \) | head >&2
  exit 1
fi
# Readable by everyone, writable by the owner only, whatever the umask was.
chmod -R u+rwX,go+rX,go-w "$bundle"

# 4. The .tar.gz: mscc-pathway-<version>/{mscc-pathway,_internal/,site.toml.example}.
name="mscc-pathway-$version"
tarball="$out/$name-$os-$arch.tar.gz"
log "packing $tarball"
mkdir -p "$tmp/tar"
cp -R "$bundle" "$tmp/tar/$name"
cp "$here/site.toml.example" "$tmp/tar/$name/"
tar_flags=()
if tar --version 2>/dev/null | grep -q GNU; then
  tar_flags=(--sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner)
fi
# (the ${a[@]+...} form: an empty array under `set -u` on macOS's bash 3.2)
(cd "$tmp/tar" && tar ${tar_flags[@]+"${tar_flags[@]}"} -cf - "$name") | gzip -n -6 > "$tarball"

# System packages the bundle needs on the target, measured by running the bundle in a
# minimal Debian 12 root (debootstrap --variant=minbase) and adding packages until the
# self-test and the X11 window worked (packaging/README.md, "Dependencies"):
#   libgl1, libegl1   PyInstaller never bundles them (they must match the graphics
#                     driver); without them QtGui does not load.
#   libfontconfig1    for fontconfig's configuration (/etc/fonts, via fontconfig-config);
#   fonts-dejavu-core without a font the window shows no text at all.
#   xkb-data          without it, typed non-ASCII letters (Zoë Müller) are dropped
#                     under X11 (the bundled libxkbcommon reads its keyboard data).
#   libcups2          printing: Qt's CUPS print plugin is bundled, the CUPS library is
#                     not (nor what it links: GnuTLS, Kerberos, Avahi); the system's
#                     copy is used and kept patched by the distribution (issue 12).
#                     Debian 13 renamed it libcups2t64. Without it: no printers listed.
# libxkbcommon0, libglib2.0-0, libdbus-1-3, libx11/xcb are bundled: not needed.
deb_depends="libc6, libgl1, libegl1, libfontconfig1, fonts-dejavu-core, xkb-data, libcups2 | libcups2t64"

# 5. The .deb (Linux): /opt/mscc-pathway, /usr/bin symlink, desktop entry, icon.
if [ "$make_deb" = 1 ]; then
  command -v dpkg-deb >/dev/null || { echo "build.sh: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }
  deb="$out/mscc-pathway_${version}_${debarch}.deb"
  log "packing $deb"
  stage="$tmp/deb"
  mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
    "$stage/usr/share/doc/mscc-pathway"
  cp -R "$bundle" "$stage/opt/mscc-pathway"
  ln -s /opt/mscc-pathway/mscc-pathway "$stage/usr/bin/mscc-pathway"
  cp "$here/linux/mscc-pathway.desktop" "$stage/usr/share/applications/"
  cp "$root/resources/icons/app.svg" "$stage/usr/share/icons/hicolor/scalable/apps/mscc-pathway.svg"
  cp "$root/resources/icons/app.png" "$stage/usr/share/icons/hicolor/256x256/apps/mscc-pathway.png"
  cp "$here/site.toml.example" "$stage/usr/share/doc/mscc-pathway/"
  cp "$here/linux/copyright" "$stage/usr/share/doc/mscc-pathway/copyright"
  gzip -9n < "$here/linux/changelog" > "$stage/usr/share/doc/mscc-pathway/changelog.gz"
  mkdir -p "$stage/usr/share/lintian/overrides" "$stage/usr/share/man/man1"
  grep -v '^#' "$here/linux/lintian-overrides" > "$stage/usr/share/lintian/overrides/mscc-pathway"
  # The man page, made from the command line's own --help (one source of the words).
  { printf '.TH MSCC-PATHWAY 1 "" "%s" "User Commands"\n.SH NAME\nmscc-pathway \\- ' "$version"
    printf 'offline decision support for metastatic spinal cord compression\n.SH SYNOPSIS\n'
    printf '.nf\n'
    "$bundle/mscc-pathway" --help | sed -e 's/\\/\\\\/g' -e 's/^\./\\\&./'
    printf '.fi\n'; } | gzip -9n > "$stage/usr/share/man/man1/mscc-pathway.1.gz"
  # Shared libraries need no execute bit (lintian: shared-library-is-executable).
  find "$stage/opt" -type f -name '*.so*' -exec chmod 0644 {} +
  installed_kib=$(du -sk --apparent-size "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$debarch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    -e "s/@DEPENDS@/$deb_depends/" \
    "$here/linux/control.in" > "$stage/DEBIAN/control"
  # One maintainer script: postinst makes the group and the machine-wide audit folder
  # (site.toml audit_directory). The icon and desktop caches are refreshed by dpkg
  # triggers of the packages that own them.
  install -m 0755 "$here/linux/postinst" "$stage/DEBIAN/postinst"
  chmod -R u+rwX,go+rX,go-w "$stage"
  find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-gzip}" --build "$stage" "$deb" >/dev/null
fi

# 6. Checksums IT can verify (`sha256sum -c SHA256SUMS`), and with SIGNING_KEY (a PEM
#    private key) a detached signature over them that IT checks with the public key:
#    openssl dgst -sha256 -verify pub.pem -signature SHA256SUMS.sig SHA256SUMS
(cd "$out" && sha256sum mscc-pathway[-_]"$version"*.tar.gz $( [ "$make_deb" = 1 ] && echo mscc-pathway_"$version"_*.deb ) > SHA256SUMS)
log "wrote $out/SHA256SUMS"
if [ -n "${SIGNING_KEY:-}" ]; then
  openssl dgst -sha256 -sign "$SIGNING_KEY" -out "$out/SHA256SUMS.sig" "$out/SHA256SUMS"
  log "wrote $out/SHA256SUMS.sig (verify with the matching public key)"
fi

log "done: $(du -sh "$bundle" | cut -f1) bundle"
ls -l "$out"/mscc-pathway[-_]"$version"* "$out"/SHA256SUMS* | sed 's/^/  /'
