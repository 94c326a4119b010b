<#
.SYNOPSIS
  Installs the MSI silently, as IT would, checks the installation, upgrades over it,
  and uninstalls it. Needs an elevated prompt (GitHub's Windows runners are).

.DESCRIPTION
    pwsh packaging\windows\test-install.ps1 -Msi dist\mscc-pathway-0.1.0-windows-x64.msi

  Checks, each stopping with an error:
   1. msiexec /i MSI /qn installs (exit 0; 3010 = "reboot needed" counts as a failure
      too: nothing here should need one);
   2. both executables are in C:\Program Files\MSCC Pathway, the Start-menu shortcut
      exists, and the installed `mscc-pathway.exe self-test` passes (offscreen Qt);
   3. %ProgramData%\MSCC Pathway\site.toml was created (the template: sets nothing);
   4. a site.toml IT has edited survives a reinstall of the same MSI over it (the upgrade
      path: the file component is never reinstalled while the file exists);
   5. users cannot write to %ProgramData%\MSCC Pathway (only SYSTEM and Administrators);
   6. msiexec /x MSI /qn removes the program folder and the shortcut, and leaves
      site.toml in place.
  The log of each msiexec run is written beside the MSI (install.log, uninstall.log).
  NOT YET RUN: there is no Windows machine here (packaging/windows/README.md).
#>
[CmdletBinding()]
param([Parameter(Mandatory)][string]$Msi)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$Msi = (Resolve-Path $Msi).Path
$LogDir = Split-Path $Msi
$InstallDir = Join-Path $env:ProgramFiles "MSCC Pathway"
$SiteDir = Join-Path $env:ProgramData "MSCC Pathway"
$SiteToml = Join-Path $SiteDir "site.toml"
$Shortcut = Join-Path $env:ProgramData "Microsoft\Windows\Start Menu\Programs\MSCC Pathway.lnk"

function Invoke-Msiexec([string]$Action, [string]$Log) {
  $p = Start-Process -FilePath msiexec.exe -Wait -PassThru `
        -ArgumentList @($Action, "`"$Msi`"", "/qn", "/norestart", "/l*v", "`"$(Join-Path $LogDir $Log)`"")
  if ($p.ExitCode -ne 0) { throw "msiexec $Action exited with $($p.ExitCode); see $(Join-Path $LogDir $Log)" }
}

function Assert([bool]$Condition, [string]$Message) {
  if (-not $Condition) { throw "test-install: $Message" }
  Write-Host "PASS $Message"
}

# 1-3. Install.
Invoke-Msiexec "/i" "install.log"
Assert (Test-Path (Join-Path $InstallDir "mscc-pathway.exe")) "mscc-pathway.exe installed in $InstallDir"
Assert (Test-Path (Join-Path $InstallDir "mscc-pathway-gui.exe")) "mscc-pathway-gui.exe installed"
Assert (Test-Path $Shortcut) "Start-menu shortcut $Shortcut"
$env:QT_QPA_PLATFORM = "offscreen"
try {
  $out = & (Join-Path $InstallDir "mscc-pathway.exe") self-test
  $code = $LASTEXITCODE
} finally { Remove-Item Env:QT_QPA_PLATFORM }
$out | ForEach-Object { Write-Host "    $_" }
Assert ($code -eq 0) "installed self-test passes"
Assert (Test-Path $SiteToml) "site.toml template created in $SiteDir"
Assert ((Get-Content $SiteToml -Raw) -match "sets nothing yet") "site.toml is the template (sets nothing)"

# 4. IT's own site.toml survives the installer running again.
$Edited = (Get-Content $SiteToml -Raw) + "`r`nhospital_name = `"Test Hospital`"`r`n"
[IO.File]::WriteAllText($SiteToml, $Edited)
Invoke-Msiexec "/fvamus" "repair.log"  # reinstall every file even if unchanged, as an upgrade does
Assert ((Get-Content $SiteToml -Raw) -eq $Edited) "an edited site.toml is not overwritten"

# 5. Users may read the site folder, not write it.
$acl = Get-Acl $SiteDir
$userWrite = $acl.Access | Where-Object {
  $_.IdentityReference -match "Users$" -and $_.AccessControlType -eq "Allow" -and
  ($_.FileSystemRights -band [Security.AccessControl.FileSystemRights]"Write, CreateFiles, AppendData") }
Assert (-not $userWrite) "users cannot write to $SiteDir"
Assert ($acl.AreAccessRulesProtected) "$SiteDir does not inherit ProgramData's permissions"

# 6. Uninstall.
Invoke-Msiexec "/x" "uninstall.log"
Assert (-not (Test-Path (Join-Path $InstallDir "mscc-pathway.exe"))) "program files removed"
Assert (-not (Test-Path $Shortcut)) "shortcut removed"
Assert ((Get-Content $SiteToml -Raw) -eq $Edited) "site.toml left in place on uninstall"
Write-Host "test-install: all passed"
