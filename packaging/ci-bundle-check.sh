#!/usr/bin/env bash
# CI check of the packaged app: build it, unpack the .tar.gz IT would get, and run the
# bundle's own `self-test` with no network at all.
#
#   bash packaging/ci-bundle-check.sh [--tarball FILE] [--reproducibility] [--out DIR]
#
#   --tarball FILE     check this .tar.gz instead of building one
#   --reproducibility  build twice and require the same file list in both .tar.gz (and
#                      both .deb); slow (two builds), so not part of CI by default
#   --out DIR          where build.sh puts the artefacts (default: a temporary directory)
#
# First, what is inside: packaging/bundle_contents.py --check lists every file and every
# Python module of the unpacked bundle (and of the .deb beside it) and fails on any
# network library or package (aiohttp and its helpers, certifi, requests, urllib3, lxml,
# ssl; libcups, libgnutls, libkrb5, libgssapi, libavahi, libssl, Qt network). It reads
# the executable's archive with PyInstaller, so it runs with CHECK_PYTHON (default:
# .venv/bin/python, made by `bash scripts/setup.sh --dev`, which CI runs first).
#
# The self-test runs (Linux) with QT_QPA_PLATFORM=offscreen:
#   1. under `unshare -n` (a network namespace with no interfaces, not even a usable
#      loopback): it must pass with no network; and
#   2. under `strace -f -e trace=network`: it fails on any AF_INET/AF_INET6 socket
#      (local AF_UNIX sockets, e.g. to a display or D-Bus, are allowed).
# If unshare is not permitted (some containers), step 1 is reported as skipped and
# step 2 alone decides; if neither tool exists, the check fails.
# Exit status 0 only when everything passed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
check_py=${CHECK_PYTHON:-$root/.venv/bin/python}
tarball=""
repro=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tarball) tarball=$2; shift 2 ;;
    --reproducibility) repro=1; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "ci-bundle-check.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mscc-bundle-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out="$work/dist"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

build() {  # build.sh into $1; prints the build time
  local t0=$SECONDS
  bash "$here/build.sh" --out "$1"
  echo "build took $((SECONDS - t0)) s"
}

if [ -z "$tarball" ]; then
  build "$out"
  tarball=$(ls "$out"/mscc-pathway-*-linux-*.tar.gz | head -n 1)
fi
echo "checking $tarball"
sums="$(dirname "$tarball")/SHA256SUMS"
if [ -f "$sums" ] && (cd "$(dirname "$tarball")" && sha256sum -c --quiet SHA256SUMS); then
  echo "PASS SHA256SUMS verifies ($(wc -l < "$sums") files)"
else
  fail "SHA256SUMS missing or does not verify beside $tarball"
fi

mkdir -p "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
exe=$(ls "$work"/unpacked/mscc-pathway-*/mscc-pathway)
echo "bundle: $(du -sh "$(dirname "$exe")" | cut -f1) unpacked, $(du -h "$tarball" | cut -f1) .tar.gz"

# 0. No network library or package inside (the unpacked .tar.gz, then the .deb).
if [ ! -x "$check_py" ]; then
  fail "contents: $check_py not found; run 'bash scripts/setup.sh --dev' or set CHECK_PYTHON"
else
  if ! "$check_py" "$here/bundle_contents.py" --check "$(dirname "$exe")"; then
    fail "contents: a network library or package is inside the .tar.gz bundle"
  fi
  for deb in "$(dirname "$tarball")"/mscc-pathway_*.deb; do
    [ -e "$deb" ] || continue  # no .deb beside a given --tarball
    if ! "$check_py" "$here/bundle_contents.py" --check "$deb"; then
      fail "contents: a network library or package is inside $(basename "$deb")"
    fi
  done
fi

export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 DBUS_SESSION_BUS_ADDRESS=disabled:
# A home of its own, so that nothing on this machine's account is read or written.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data"
mkdir -p "$HOME"
# The Python that runs CI must not leak into the bundle's interpreter.
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV

# 1. No network namespace at all.
netns=""
if command -v unshare >/dev/null; then
  if unshare -n true 2>/dev/null; then netns="unshare -n"
  elif unshare -rn true 2>/dev/null; then netns="unshare -rn"
  fi
fi
if [ -n "$netns" ]; then
  t0=$(date +%s%N)
  if $netns "$exe" self-test > "$work/selftest.log" 2>&1; then
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "PASS self-test under '$netns' (${ms} ms)"
  else
    cat "$work/selftest.log"
    fail "self-test under '$netns' exited non-zero"
  fi
  grep -E '^(PASS|FAIL) ' "$work/selftest.log" | sed 's/^/    /'
else
  echo "SKIP unshare -n (not permitted here); the strace check below decides"
fi

# 2. Every network system call, traced.
if command -v strace >/dev/null; then
  if strace -f -qq -e trace=network -o "$work/strace.log" "$exe" self-test \
       > "$work/selftest-strace.log" 2>&1; then
    inet=$(grep -E 'AF_INET6?[,)]|sa_family=AF_INET6?[,}]' "$work/strace.log" || true)
    if [ -n "$inet" ]; then
      echo "$inet" | head -20
      fail "the bundle opened an IP (AF_INET/AF_INET6) socket"
    else
      echo "PASS no AF_INET/AF_INET6 socket ($(grep -c 'socket(' "$work/strace.log" || true) sockets, all local)"
    fi
  else
    cat "$work/selftest-strace.log"
    fail "self-test under strace exited non-zero"
  fi
elif [ -z "$netns" ]; then
  fail "neither unshare -n nor strace is available: the no-network check cannot run"
fi

# 3. Two builds, one file list (on request).
if [ "$repro" = 1 ]; then
  build "$work/second"
  second=$(ls "$work"/second/mscc-pathway-*-linux-*.tar.gz | head -n 1)
  tar -tzf "$tarball" | sort > "$work/list1"
  tar -tzf "$second" | sort > "$work/list2"
  if diff -u "$work/list1" "$work/list2" > "$work/list.diff"; then
    echo "PASS reproducibility: both .tar.gz hold the same $(wc -l < "$work/list1") paths"
  else
    head -40 "$work/list.diff"
    fail "reproducibility: the two .tar.gz file lists differ"
  fi
  if cmp -s "$tarball" "$second"; then
    echo "     (the two .tar.gz are byte-identical)"
  else
    echo "     (the two .tar.gz differ in content, not in file list)"
  fi
  first_deb=$(ls "$(dirname "$tarball")"/mscc-pathway_*.deb 2>/dev/null | head -n 1 || true)
  second_deb=$(ls "$work"/second/mscc-pathway_*.deb 2>/dev/null | head -n 1 || true)
  if [ -n "$first_deb" ] && [ -n "$second_deb" ]; then
    if diff <(dpkg-deb -c "$first_deb" | awk '{print $6}' | sort) \
            <(dpkg-deb -c "$second_deb" | awk '{print $6}' | sort) > /dev/null; then
      echo "PASS reproducibility: both .deb hold the same file list"
    else
      fail "reproducibility: the two .deb file lists differ"
    fi
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "bundle check: $failures failure(s)"
  exit 1
fi
echo "bundle check: all passed"
