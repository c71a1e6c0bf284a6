#Requires -RunAsAdministrator
<#
.SYNOPSIS
  Makes this Windows machine an SSPR kiosk: a local standard account whose only program is the kiosk
  (Shell Launcher v2 replaces Explorer for that account), signed in automatically at boot.

.DESCRIPTION
  Shell Launcher needs Windows 10/11 Enterprise, Education or IoT Enterprise. On Windows Pro, use
  Assigned Access instead (docs/running-as-a-kiosk.md). Run once, as an administrator, after installing
  the kiosk (the NSIS installer from `npm run dist`), then restart. Written from Microsoft Learn's
  Shell Launcher and WESL_UserSetting pages; not run on the project's Linux development machines.

  Automatic sign-in uses Sysinternals Autologon (Autologon64.exe beside this script), which keeps the
  password as an encrypted LSA secret, not in clear text in the registry.
#>
param(
  [string]$KioskUser = 'kiosk',
  [string]$AppPath = "$env:ProgramFiles\SSPR Kiosk\SSPR Kiosk.exe",
  [string]$ConfigPath = "$env:ProgramData\sspr-kiosk\config.yaml"
)
$ErrorActionPreference = 'Stop'

if (-not (Test-Path -LiteralPath $AppPath)) { throw "The kiosk is not installed at $AppPath (install it first, or pass -AppPath)." }
if (-not (Test-Path -LiteralPath $ConfigPath)) { throw "No kiosk configuration at $ConfigPath (pass -ConfigPath)." }

# 1. A local standard account (member of Users only, never Administrators) with a long random password
#    that nobody needs to know: it only ever signs in automatically.
$bytes = New-Object byte[] 32
[System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
$plainPassword = [Convert]::ToBase64String($bytes)
$password = ConvertTo-SecureString $plainPassword -AsPlainText -Force
if (-not (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue)) {
  New-LocalUser -Name $KioskUser -Password $password -FullName 'SSPR Kiosk' -Description 'Walk-up password reset kiosk' -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
} else {
  Set-LocalUser -Name $KioskUser -Password $password
}
Add-LocalGroupMember -Group 'Users' -Member $KioskUser -ErrorAction SilentlyContinue
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate([System.Security.Principal.SecurityIdentifier]).Value

# 2. Shell Launcher v2: the kiosk is this account's shell; everyone else keeps Explorer.
Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
$shellLauncher = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
$restartShell = 0
$doNothing = 3
$shellLauncher.SetDefaultShell('explorer.exe', $restartShell) | Out-Null
# A crash restarts the kiosk. Exit code 0 is a deliberate quit (a technician or the admin PIN): nothing
# restarts, so staff can press Ctrl+Alt+Del and sign in with their own account to service the machine.
$shellLauncher.SetCustomShell($sid, "`"$AppPath`" --config `"$ConfigPath`"", @(0), @($doNothing), $restartShell) | Out-Null
$shellLauncher.SetEnabled($true) | Out-Null

# 3. Automatic sign-in as that account.
$autologon = Join-Path $PSScriptRoot 'Autologon64.exe'
if (Test-Path -LiteralPath $autologon) {
  & $autologon /accepteula $KioskUser $env:COMPUTERNAME $plainPassword | Out-Null
  Write-Output "Kiosk account '$KioskUser' set up with Shell Launcher and automatic sign-in. Restart to start the kiosk."
} else {
  Write-Output "Kiosk account '$KioskUser' set up with Shell Launcher. For automatic sign-in, put Sysinternals Autologon64.exe beside this script and run it again (the password is random and never shown)."
}
Remove-Variable plainPassword
