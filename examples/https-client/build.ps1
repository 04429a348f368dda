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

# The restore is skipped when the pinned Cake.Tool is already in the NuGet folder (it costs ~0.3 s a run).
$cakeVersion = (Get-Content -Raw .config/dotnet-tools.json | ConvertFrom-Json).tools.'cake.tool'.version
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
if (-not $cakeVersion -or -not (Test-Path -LiteralPath (Join-Path $packages "cake.tool/$cakeVersion/cake.tool.$cakeVersion.nupkg"))) {
    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Error "build.ps1: 'dotnet tool restore' failed (see above)"; exit 1 }
}
& dotnet cake build.cake "--target=$target" @rest
exit $LASTEXITCODE
