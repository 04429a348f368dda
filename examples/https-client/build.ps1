#!/usr/bin/env pwsh
# Bootstrapper: ./build.ps1 [Target] [--name=value ...]   (default target: Publish)
# Checks for the .NET SDK, restores the pinned Cake.Tool and runs build.cake.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location -LiteralPath $PSScriptRoot

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK first."
    exit 1
}

$target = 'Publish'
$rest = @($args)
if ($rest.Count -gt 0 -and -not "$($rest[0])".StartsWith('-')) {
    $target = $rest[0]
    $rest = @($rest | Select-Object -Skip 1)
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
if (-not $env:CAKE_SETTINGS_ENABLESCRIPTCACHE) { $env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true' }

# Cake runs as PowerShell's direct child, from the Cake.dll the SDK's tool resolver cache names for the
# pinned version: 'dotnet cake' would put the SDK's tool runner between (~0.13 s more a run). The restore
# (~0.3 s) runs only when the cache names none: the package alone in the NuGet folder is not a restored
# tool (the solution's build downloads it, as the addin reads Cake.Core from it).
$cakeVersion = (Get-Content -Raw .config/dotnet-tools.json | ConvertFrom-Json).tools.'cake.tool'.version
$cliHome = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { [Environment]::GetFolderPath('UserProfile') }
function Get-CakeDll {
    if (-not $cakeVersion) { return $null }
    @(Get-ChildItem -Path (Join-Path $cliHome '.dotnet/toolResolverCache/*/cake.tool') -ErrorAction SilentlyContinue |
        ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName | ConvertFrom-Json } |
        Where-Object { $_.Version -eq $cakeVersion } | ForEach-Object { $_.PathToExecutable }) | Select-Object -First 1
}
$cakeDll = Get-CakeDll
if (-not $cakeDll -or -not (Test-Path -LiteralPath $cakeDll)) {
    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Error "build.ps1: 'dotnet tool restore' failed (see above)"; exit 1 }
    $cakeDll = Get-CakeDll
}
if ($cakeDll -and (Test-Path -LiteralPath $cakeDll)) {
    & dotnet $cakeDll build.cake "--target=$target" @rest
} else {
    & dotnet cake build.cake "--target=$target" @rest
}
exit $LASTEXITCODE
