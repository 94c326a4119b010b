<#
.SYNOPSIS
  Builds MSCC Pathway for Windows x64: PyInstaller bundle, offline self-test, per-machine
  MSI, a .zip of the bundle, and SHA256SUMS.

.DESCRIPTION
  The Windows counterpart of packaging/build.sh, run from any folder:

    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-OutDir dist] [-Python python]

  Needs: Python 3.11, 3.12 or 3.13 x64 (python.org or actions/setup-python), the WiX
  Toolset v5 .NET tool (`dotnet tool install --global wix --version 5.0.2`), and access
  to PyPI for the locked packages. Writes to OutDir (default: dist\ at the repository
  root):

    mscc-pathway-<version>-windows-x64.msi   per-machine installer (packaging\windows\mscc-pathway.wxs)
    mscc-pathway-<version>-windows-x64.zip   the same onedir bundle, for a copy-and-run install
    SHA256SUMS                                `sha256sum -c SHA256SUMS` format (two spaces, LF)

  Steps, each stopping the build on failure (no step's error is ever ignored):
   1. copy the sources PyInstaller needs to a temporary folder (nothing from tests\);
   2. a new venv from requirements-dev.lock plus the Windows-only pins
      (packaging\windows\requirements-windows.lock), --require-hashes;
   3. PyInstaller with packaging\mscc-pathway.spec: mscc-pathway.exe (console) and
      mscc-pathway-gui.exe (windowed) sharing _internal\;
   4. what is inside: no test files, and packaging\bundle_contents.py --check (no network
      library or package);
   5. the bundle's own `mscc-pathway.exe self-test` (offscreen Qt; signs and verifies a
      PDF), which must print only PASS lines and exit 0;
   6. the site.toml template (packaging\windows\make_site_template.py) and the MSI (wix build);
   7. the .zip and SHA256SUMS.
  Optional code signing: -CertificateThumbprint THUMBPRINT signs both executables before
  the MSI is built, and the MSI after (signtool from the Windows SDK, SHA-256, with
  -TimestampUrl if given). Unsigned builds make SmartScreen warn; see README.md.

  Written for PowerShell 7 (pwsh, as on GitHub's Windows runners); kept to what Windows
  PowerShell 5.1 also runs. NOT YET RUN: there is no Windows machine here. .github/workflows/windows.yml runs it
  on a windows-latest runner; packaging\windows\README.md says what is untested.
#>
[CmdletBinding()]
param(
  [string]$OutDir = "",
  [string]$Python = "python",
  [string]$CertificateThumbprint = "",
  [string]$TimestampUrl = "",
  [switch]$KeepTemp
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"  # progress bars slow Compress-Archive down

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
if (-not $OutDir) { $OutDir = Join-Path $Root "dist" }
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$OutDir = (Resolve-Path $OutDir).Path
$Started = Get-Date

function Log([string]$Message) {
  $seconds = [int]((Get-Date) - $Started).TotalSeconds
  Write-Host ("[build {0,4}s] {1}" -f $seconds, $Message)
}

# Runs a native program; a non-zero exit code stops the build with the command line.
# (A simple function on purpose: its arguments such as "-m" reach the program as they are.)
function Invoke-Native {
  $Exe = $args[0]
  $Arguments = @($args | Select-Object -Skip 1)
  & $Exe @Arguments
  if ($LASTEXITCODE -ne 0) {
    throw "build.ps1: '$Exe $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
  }
}

$Version = (& $Python -c "import sys, tomllib; print(tomllib.load(open(sys.argv[1], 'rb'))['project']['version'])" (Join-Path $Root "pyproject.toml"))
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "build.ps1: cannot read the version with '$Python'" }
$Version = $Version.Trim()
$Name = "mscc-pathway-$Version-windows-x64"

$env:PYTHONHASHSEED = "0"
$env:PYTHONDONTWRITEBYTECODE = "1"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"

$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("mscc-build-" + [Guid]::NewGuid().ToString("N").Substring(0, 8))
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
  # 1. The sources, and nothing else.
  Log "copying sources to $Tmp\src"
  $Src = Join-Path $Tmp "src"
  New-Item -ItemType Directory -Path $Src | Out-Null
  foreach ($item in "engine", "desktop", "seeds", "resources", "packaging", "pyproject.toml", "requirements-dev.lock") {
    Copy-Item -Recurse -Path (Join-Path $Root $item) -Destination $Src
  }
  Get-ChildItem -Path $Src -Recurse -Directory -Filter "__pycache__" | Remove-Item -Recurse -Force
  Remove-Item -Recurse -Force (Join-Path $Src "packaging\bench")

  # 2. A clean venv from the locks (hashes required).
  Log "creating venv ($(& $Python --version))"
  Invoke-Native $Python -m venv (Join-Path $Tmp "venv")
  $Vpy = Join-Path $Tmp "venv\Scripts\python.exe"
  Invoke-Native $Vpy -m pip install -q --upgrade "pip>=24"
  Invoke-Native $Vpy -m pip install -q --no-compile --require-hashes `
    -r (Join-Path $Src "requirements-dev.lock") `
    -r (Join-Path $Src "packaging\windows\requirements-windows.lock")

  # 3. PyInstaller.
  Log "running PyInstaller"
  Push-Location $Src
  try {
    Invoke-Native $Vpy -m PyInstaller --noconfirm --clean --log-level WARN `
      --distpath (Join-Path $Tmp "dist") --workpath (Join-Path $Tmp "work") packaging\mscc-pathway.spec
  } finally { Pop-Location }
  $Bundle = Join-Path $Tmp "dist\mscc-pathway"
  foreach ($exe in "mscc-pathway.exe", "mscc-pathway-gui.exe") {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "build.ps1: PyInstaller produced no $exe" }
  }

  # 4. What is inside: nothing from the tests, no network library or package.
  $TestFiles = Get-ChildItem -Path $Bundle -Recurse -File | Where-Object {
    $_.FullName -match '\\(tests|_pytest|hypothesis|pytestqt)\\' -or $_.Name -like "conftest*" }
  if ($TestFiles) { $TestFiles | Select-Object -First 10 | ForEach-Object { Write-Host $_.FullName }
                    throw "build.ps1: test files found in the bundle" }
  Invoke-Native $Vpy (Join-Path $Src "packaging\bundle_contents.py") --check $Bundle

  # 5. The bundle's own self-test, offscreen (as IT runs it after installing).
  Log "self-test of the bundle"
  $env:QT_QPA_PLATFORM = "offscreen"
  try {
    # stdout only: Windows PowerShell 5.1 would turn redirected stderr lines into errors.
    $SelfTest = & (Join-Path $Bundle "mscc-pathway.exe") self-test
    $SelfTestExit = $LASTEXITCODE
  } finally { Remove-Item Env:QT_QPA_PLATFORM }
  $SelfTest | ForEach-Object { Write-Host "    $_" }
  if ($SelfTestExit -ne 0) { throw "build.ps1: the bundle's self-test failed (exit code $SelfTestExit)" }
  if (-not ($SelfTest -match '^PASS offline')) { throw "build.ps1: the self-test did not check the offline build" }

  # Optional: sign both executables before they go into the MSI and the .zip.
  if ($CertificateThumbprint) {
    $SignArgs = @("sign", "/sha1", $CertificateThumbprint, "/fd", "sha256")
    if ($TimestampUrl) { $SignArgs += @("/tr", $TimestampUrl, "/td", "sha256") }
    Log "signing the executables"
    Invoke-Native "signtool.exe" @SignArgs (Join-Path $Bundle "mscc-pathway.exe") (Join-Path $Bundle "mscc-pathway-gui.exe")
  }

  # 6. The MSI.
  $Wix = Get-Command wix -ErrorAction Ignore
  if (-not $Wix) { throw "build.ps1: the WiX Toolset is not installed: dotnet tool install --global wix --version 5.0.2" }
  $SiteTemplate = Join-Path $Tmp "site.toml"
  Invoke-Native $Vpy (Join-Path $Src "packaging\windows\make_site_template.py") `
    (Join-Path $Src "packaging\site.toml.example") $SiteTemplate
  $Msi = Join-Path $OutDir "$Name.msi"
  Log "building $Msi"
  Invoke-Native $Wix.Source build (Join-Path $Src "packaging\windows\mscc-pathway.wxs") `
    -arch x64 `
    -d "Version=$Version" `
    -d "SiteTemplate=$SiteTemplate" `
    -d "SiteExample=$(Join-Path $Src 'packaging\site.toml.example')" `
    -d "AppIcon=$(Join-Path $Src 'resources\icons\app.ico')" `
    -bindpath "Bundle=$Bundle" `
    -o $Msi
  if ($CertificateThumbprint) {
    Log "signing the MSI"
    Invoke-Native "signtool.exe" @SignArgs $Msi
  }

  # 7. The .zip (mscc-pathway-<version>\..., like the Linux .tar.gz) and the checksums.
  $Zip = Join-Path $OutDir "$Name.zip"
  Log "packing $Zip"
  $Stage = Join-Path $Tmp "zip\mscc-pathway-$Version"
  New-Item -ItemType Directory -Force -Path (Split-Path $Stage) | Out-Null
  Copy-Item -Recurse -Path $Bundle -Destination $Stage
  Copy-Item -Path (Join-Path $Root "packaging\site.toml.example") -Destination $Stage
  if (Test-Path $Zip) { Remove-Item $Zip }
  Compress-Archive -Path $Stage -DestinationPath $Zip

  $Lines = foreach ($file in @($Msi, $Zip)) {
    $hash = (Get-FileHash -Algorithm SHA256 -Path $file).Hash.ToLowerInvariant()
    "$hash  $(Split-Path $file -Leaf)"
  }
  $Sums = Join-Path $OutDir "SHA256SUMS"
  [IO.File]::WriteAllText($Sums, (($Lines -join "`n") + "`n"), (New-Object Text.UTF8Encoding $false))
  Log "wrote $Sums"
  Get-ChildItem $Msi, $Zip, $Sums | ForEach-Object { Write-Host ("  {0,12:N0}  {1}" -f $_.Length, $_.Name) }
  Log "done"
}
finally {
  if ($KeepTemp) { Write-Host "kept $Tmp" } else { Remove-Item -Recurse -Force $Tmp -ErrorAction Continue }
}
